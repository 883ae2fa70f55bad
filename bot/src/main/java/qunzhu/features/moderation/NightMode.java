package qunzhu.features.moderation;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.List;
import qunzhu.config.GroupConfig;
import qunzhu.core.Action;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Setup;

/**
 * Night mode ({@code night: {from: "23:00", to: "07:00"}} in the bot's time zone): the
 * filters check the clock on each message (members' posts are deleted while it is night,
 * moderators are exempt); scheduler jobs post the notices at lock and unlock time and
 * schedule the next one. At start-up pending notice jobs are replaced, so a config change
 * takes effect and a restart never doubles them.
 */
final class NightMode {
    static final String LOCK = "night_lock";
    static final String UNLOCK = "night_unlock";

    private final Setup services;

    NightMode(Setup services) { this.services = services; }

    void start() {
        for (GroupConfig g : services.config().groups().values()) {
            ModerationConfig p = g.section(ModerationConfig.class);
            services.scheduler().cancel(Enforcer.OWNER, LOCK, g.key());
            services.scheduler().cancel(Enforcer.OWNER, UNLOCK, g.key());
            if (!p.night().on() || !p.enabled()) continue;
            Instant now = services.clock().instant();
            services.scheduler().schedule(next(now, p.night().from()), Enforcer.OWNER, LOCK, g.chat(), g.key());
            services.scheduler().schedule(next(now, p.night().to()), Enforcer.OWNER, UNLOCK, g.chat(), g.key());
        }
    }

    Instant next(Instant now, LocalTime at) {
        ZonedDateTime z = now.atZone(services.config().zone());
        ZonedDateTime t = z.with(at);
        if (!t.toInstant().isAfter(now)) t = t.plusDays(1);
        return t.toInstant();
    }

    List<Action> onJob(String kind, String groupKey, FeatureContext ctx) {
        GroupConfig g = services.config().groups().get(groupKey);
        if (g == null) return List.of();
        ModerationConfig.Night night = g.section(ModerationConfig.class).night();
        if (!night.on()) return List.of();
        boolean lock = kind.equals(LOCK);
        Instant now = ctx.now();
        services.scheduler().schedule(next(now, lock ? night.from() : night.to()), Enforcer.OWNER, kind, g.chat(), g.key());
        String text = ctx.text(lock ? "moderation.night_lock" : "moderation.night_unlock", "from", night.from(), "to", night.to());
        return List.of(Action.Send.of(g.chat(), "moderator", text));
    }
}
