package qunzhu.features.moderation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.Priority;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Setup;

/**
 * Anti-raid: more joins than {@code raid.joins} within {@code raid.window} switch the group
 * into raid mode for {@code raid.length}; while it lasts newcomers are kicked (or muted for
 * that long, {@code raid.newcomers: mute}). Moderators are alerted once, when it starts.
 */
final class Raid {
    private final Setup services;
    private final ChatState state;
    private final Windows windows;
    private final CaseCommands cases;
    private final Enforcer enforcer;
    /**
     * Each join's answer (was it the burst?), by chat and event id: a join handled again, after
     * its group was rolled back, gets the answer it got the first time, neither counted twice nor
     * taken for a burst because the window already holds the joins after it.
     */
    private final Cache<String, Boolean> answered = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10)).build();

    Raid(Setup services, ChatState state, Windows windows, CaseCommands cases, Enforcer enforcer) {
        this.enforcer = enforcer;
        this.services = services;
        this.state = state;
        this.windows = windows;
        this.cases = cases;
    }

    static String key(ChatRef chat) { return "join|" + chat; }

    void off(ChatRef chat) {
        state.raid(chat, null);
        windows.forget(key(chat));
    }

    List<Action> onJoin(Event.MemberJoined j, FeatureContext ctx, ModerationConfig p) {
        ChatRef chat = j.chat();
        Instant now = ctx.now();
        List<Action> out = new ArrayList<>();
        ModerationConfig.RaidWatch watch = p.raid();
        boolean burst = answered.get(chat + "|" + j.key().nativeId(),
                k -> windows.flood(key(chat), now.toEpochMilli(), watch.joins() + 1, watch.window()));
        Instant until = state.raidUntil(chat);
        boolean active = until != null && until.isAfter(now);
        if (!active && burst) {
            state.raid(chat, now.plus(watch.length()));
            active = true;
            String mods = String.join(" ", cases.moderators(chat));
            String alert = ctx.text("moderation.raid_on", "joins", watch.joins(), "window", ctx.duration(watch.window()),
                    "length", ctx.duration(watch.length()), "moderators", mods);
            out.add(Action.Send.of(chat, "moderator", alert).withPriority(Priority.MODERATION));
            if (services.config().logChat() != null) out.add(Action.Send.of(services.config().logChat(), "reporter", ctx.groupTitle() + ": " + alert));
        }
        if (!active) return out;
        String reason = ctx.text("moderation.raid_reason");
        if (watch.newcomers() == Verdict.Kind.MUTE) {
            out.addAll(enforcer.quiet(chat, j.member(), Verdict.Kind.MUTE, watch.length(), reason, ModerationConfig.RAID, ctx,
                    new Action.Mute(chat, j.member(), watch.length(), reason)));
        } else {
            out.addAll(enforcer.quiet(chat, j.member(), Verdict.Kind.KICK, null, reason, ModerationConfig.RAID, ctx, new Action.Kick(chat, j.member(), reason)));
        }
        return out;
    }
}
