package qunzhu.features.moderation;

import static qunzhu.features.moderation.Verdict.Kind.DELETE;
import static qunzhu.features.moderation.Verdict.Kind.KICK;
import static qunzhu.features.moderation.Verdict.Kind.MUTE;
import static qunzhu.features.moderation.Verdict.Kind.OFF;
import static qunzhu.features.moderation.Verdict.Kind.WARN;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import qunzhu.config.Strategy;

/**
 * What each management strategy means for moderation when the group sets nothing:
 * <ul>
 * <li>centralized: ads warn, links and invites deleted, forwards from channels deleted,
 *     flood (5 in 10 s) mutes, ad waves delete;</li>
 * <li>layered: ads warn, links and invites deleted (trusted members may post links and are
 *     exempt from flood control), flood (8 in 10 s) mutes, ad waves delete;</li>
 * <li>self_governed: ads and invites deleted, links allowed, flood (10 in 10 s) deletes, ad
 *     waves delete, members may /votemute;</li>
 * <li>laissez_faire: only hard spam: ads, invites and ad waves deleted.</li>
 * </ul>
 * Common: warnings expire after 30 d, 3 warnings mute 1 d and 5 kick; filter mutes last
 * 10 min; raid at 20 joins in 60 s for 30 min (newcomers kicked); vote-mute quorum 3 in
 * 10 min mutes 1 h; a member whose message a link, invite, lock, night or forward rule
 * deleted is told why at most once per rule in 5 min, in a notice gone after a minute.
 */
final class Presets {
    private Presets() {}

    static ModerationConfig preset(Strategy s) {
        Verdict.Kind ads = switch (s) { case CENTRALIZED, LAYERED -> WARN; default -> DELETE; };
        Verdict.Kind links = switch (s) { case CENTRALIZED, LAYERED -> DELETE; default -> OFF; };
        Verdict.Kind forwards = s == Strategy.CENTRALIZED ? DELETE : OFF;
        int floodMessages = switch (s) { case CENTRALIZED -> 5; case LAYERED -> 8; default -> 10; };
        Verdict.Kind flood = switch (s) { case CENTRALIZED, LAYERED -> MUTE; case SELF_GOVERNED -> DELETE; default -> OFF; };
        return ModerationConfig.builder()
                .enabled(true)
                .ads(ads)
                .links(new ModerationConfig.Links(links, List.of()))
                .invites(DELETE)
                .forwards(forwards)
                .flood(new ModerationConfig.Flood(floodMessages, Duration.ofSeconds(10), flood))
                .wave(new ModerationConfig.SpamWave(3, Duration.ofMinutes(5), 12, DELETE))
                .muteLength(Duration.ofMinutes(10))
                .blocklist(List.of())
                .trusted(Set.of())
                .warnings(new ModerationConfig.Warnings(Duration.ofDays(30),
                        List.of(new ModerationConfig.Step(3, MUTE, Duration.ofDays(1)), new ModerationConfig.Step(5, KICK, null))))
                .raid(new ModerationConfig.RaidWatch(20, Duration.ofSeconds(60), Duration.ofMinutes(30), KICK))
                .shareBans(false)
                .night(ModerationConfig.Night.OFF)
                .vote(new ModerationConfig.Voting(s == Strategy.SELF_GOVERNED, 3, Duration.ofMinutes(10), Duration.ofHours(1)))
                .notices(new ModerationConfig.Notices(true, Duration.ofMinutes(5), Duration.ofMinutes(1)))
                .build();
    }
}
