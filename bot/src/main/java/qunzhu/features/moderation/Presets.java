package qunzhu.features.moderation;

import static qunzhu.features.moderation.Verdict.Kind.DELETE;
import static qunzhu.features.moderation.Verdict.Kind.KICK;
import static qunzhu.features.moderation.Verdict.Kind.MUTE;
import static qunzhu.features.moderation.Verdict.Kind.OFF;
import static qunzhu.features.moderation.Verdict.Kind.WARN;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * 10 min mutes 1 h.
 */
final class Presets {
    private Presets() {}

    static ModerationConfig preset(Strategy s) {
        Verdict.Kind ads = switch (s) { case CENTRALIZED, LAYERED -> WARN; default -> DELETE; };
        Verdict.Kind links = switch (s) { case CENTRALIZED, LAYERED -> DELETE; default -> OFF; };
        Verdict.Kind forwards = s == Strategy.CENTRALIZED ? DELETE : OFF;
        int floodN = switch (s) { case CENTRALIZED -> 5; case LAYERED -> 8; default -> 10; };
        Verdict.Kind flood = switch (s) { case CENTRALIZED, LAYERED -> MUTE; case SELF_GOVERNED -> DELETE; default -> OFF; };
        List<ModerationConfig.Step> steps = List.of(new ModerationConfig.Step(3, MUTE, Duration.ofDays(1)),
                new ModerationConfig.Step(5, KICK, null));
        return new ModerationConfig(true, ads, links, List.of(), DELETE, forwards, floodN, Duration.ofSeconds(10), flood,
                3, Duration.ofMinutes(5), 8, DELETE, Duration.ofMinutes(10), List.of(), List.of(),
                Duration.ofDays(30), steps, 20, Duration.ofSeconds(60), Duration.ofMinutes(30), "kick",
                false, null, null, s == Strategy.SELF_GOVERNED, 3, Duration.ofMinutes(10), Duration.ofHours(1));
    }

    static ModerationConfig resolve(Strategy s, ModerationConfig o) {
        ModerationConfig p = preset(s);
        List<String> allow = new ArrayList<>(p.allow());
        if (o.allow() != null) allow.addAll(o.allow());
        return new ModerationConfig(or(o.enabled(), p.enabled()), or(o.ads(), p.ads()), or(o.links(), p.links()), allow,
                or(o.invites(), p.invites()), or(o.forwards(), p.forwards()),
                or(o.floodMessages(), p.floodMessages()), or(o.floodWindow(), p.floodWindow()), or(o.flood(), p.flood()),
                or(o.waveCount(), p.waveCount()), or(o.waveWindow(), p.waveWindow()), or(o.waveMinLength(), p.waveMinLength()),
                or(o.wave(), p.wave()), or(o.muteLength(), p.muteLength()), or(o.blocklist(), p.blocklist()),
                or(o.trusted(), p.trusted()), or(o.warnExpire(), p.warnExpire()), or(o.warnSteps(), p.warnSteps()),
                or(o.raidJoins(), p.raidJoins()), or(o.raidWindow(), p.raidWindow()), or(o.raidLength(), p.raidLength()),
                or(o.raidMode(), p.raidMode()), or(o.shareBans(), p.shareBans()), o.nightFrom(), o.nightTo(),
                or(o.vote(), p.vote()), or(o.voteQuorum(), p.voteQuorum()), or(o.voteWindow(), p.voteWindow()),
                or(o.voteMute(), p.voteMute()));
    }

    private static <T> T or(T a, T b) { return a != null ? a : b; }
}
