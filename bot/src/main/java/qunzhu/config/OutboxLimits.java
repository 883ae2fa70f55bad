package qunzhu.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Send limits for one platform kind. Telegram's defaults follow its FAQ: about one message a
 * second per chat, 20 a minute per group, 30 a second per bot. {@code maxAge} says how long the
 * outbox keeps retrying an action of each kind before it drops it as too old to matter.
 */
public record OutboxLimits(double perChatPerSecond, int perChatBurst, int perChatPerMinute,
                           double perAccountPerSecond, MaxAge maxAge, Duration silentDropWindow, Duration failoverCooldown) {
    /** How long a sibling account has to see our message before get_msg is asked whether it exists. */
    public static final Duration SILENT_DROP_WINDOW = Duration.ofSeconds(30);
    /** How long an account that failed in a chat (muted, removed, dropping sends) rests before it is tried again. */
    public static final Duration FAILOVER_COOLDOWN = Duration.ofMinutes(10);

    public OutboxLimits {
        maxAge = maxAge == null ? MaxAge.DEFAULTS : maxAge;
        silentDropWindow = silentDropWindow == null ? SILENT_DROP_WINDOW : silentDropWindow;
        failoverCooldown = failoverCooldown == null ? FAILOVER_COOLDOWN : failoverCooldown;
    }

    public OutboxLimits(double perChatPerSecond, int perChatBurst, int perChatPerMinute, double perAccountPerSecond, MaxAge maxAge) {
        this(perChatPerSecond, perChatBurst, perChatPerMinute, perAccountPerSecond, maxAge, null, null);
    }

    public static final OutboxLimits UNLIMITED = new OutboxLimits(1e9, 1_000_000, 1_000_000, 1e9, MaxAge.DEFAULTS);

    /** The key of the limit over all accounts together ({@code outbox: {global: {per_second: N}}}). */
    public static final String GLOBAL = "global";

    /** The same limits with other age limits. */
    public OutboxLimits withMaxAge(MaxAge m) {
        return new OutboxLimits(perChatPerSecond, perChatBurst, perChatPerMinute, perAccountPerSecond, m, silentDropWindow, failoverCooldown);
    }

    public static OutboxLimits defaults(String platform) {
        return switch (platform) {
            case GLOBAL -> UNLIMITED;
            case "telegram" -> new OutboxLimits(1, 3, 20, 30, MaxAge.DEFAULTS);
            case "onebot" -> new OutboxLimits(1, 3, 20, 5, MaxAge.DEFAULTS);
            default -> new OutboxLimits(50, 50, 3000, 1000, MaxAge.DEFAULTS);
        };
    }

    /**
     * How long an action of each kind (send, sendphoto, edit, delete, mute, unmute, kick, ban,
     * unban, pin, approvejoin, declinejoin, answerbutton) may wait, counted from when it was
     * queued: a transient failure is retried until then, and an action still not done after it
     * is dropped (action_log outcome {@code expired}). Replies and chatter go stale in minutes;
     * moderation keeps trying for a day, through an outage of the platform.
     */
    public record MaxAge(Map<String, Duration> byKind) {
        public static final List<String> KINDS = List.of("send", "sendphoto", "edit", "delete", "deletemany", "mute", "unmute",
                "kick", "ban", "unban", "pin", "approvejoin", "declinejoin", "answerbutton");
        public static final MaxAge DEFAULTS;
        static {
            Map<String, Duration> d = new LinkedHashMap<>();
            d.put("send", Duration.ofMinutes(10));
            d.put("sendphoto", Duration.ofHours(1));      // digests and charts stay worth posting a while
            d.put("edit", Duration.ofMinutes(10));
            d.put("delete", Duration.ofHours(24));
            d.put("deletemany", Duration.ofHours(24));
            d.put("mute", Duration.ofHours(24));
            d.put("unmute", Duration.ofHours(24));
            d.put("kick", Duration.ofHours(24));
            d.put("ban", Duration.ofHours(24));
            d.put("unban", Duration.ofHours(24));
            d.put("pin", Duration.ofHours(1));
            d.put("approvejoin", Duration.ofHours(24));
            d.put("declinejoin", Duration.ofHours(24));
            d.put("answerbutton", Duration.ofMinutes(1)); // the client gave up on its spinner long before
            DEFAULTS = new MaxAge(d);
        }

        public MaxAge { byKind = Map.copyOf(byKind); }

        /** The limit for an action kind ({@link qunzhu.core.Action#kind()}); a kind not listed gets 24 h. */
        public Duration of(String kind) {
            Duration d = byKind.get(kind);
            return d != null ? d : UNLISTED;
        }

        private static final Duration UNLISTED = Duration.ofHours(24);

        /** These limits with some kinds changed. */
        public MaxAge with(Map<String, Duration> changes) {
            Map<String, Duration> m = new LinkedHashMap<>(byKind);
            m.putAll(changes);
            return new MaxAge(m);
        }
    }

    /** {@code global:} has one key: per_second over all accounts together. */
    static OutboxLimits parseGlobal(ConfigNode n) {
        double perSecond = n.decimal("per_second", UNLIMITED.perAccountPerSecond(), 0.001, 1e9);
        n.done();
        return new OutboxLimits(UNLIMITED.perChatPerSecond(), UNLIMITED.perChatBurst(), UNLIMITED.perChatPerMinute(), perSecond,
                MaxAge.DEFAULTS);
    }

    static OutboxLimits parse(ConfigNode n, OutboxLimits d) {
        if (n.has("max_attempts")) {
            // An old config still starts; the key does nothing any more.
            n.child("max_attempts").warn("ignored, no longer used: actions are retried until they are done, refused or too old;"
                    + " set max_age per action kind instead, e.g. max_age: {send: 10m, mute: 24h}");
        }
        OutboxLimits l = new OutboxLimits(
                n.decimal("per_chat_per_second", d.perChatPerSecond(), 0.001, 1e9),
                n.integer("per_chat_burst", d.perChatBurst(), 1, 1_000_000),
                n.integer("per_chat_per_minute", d.perChatPerMinute(), 1, 1_000_000),
                n.decimal("per_account_per_second", d.perAccountPerSecond(), 0.001, 1e9),
                parseMaxAge(n.section("max_age"), d.maxAge()),
                positive(n, "silent_drop_window", d.silentDropWindow()),
                positive(n, "failover_cooldown", d.failoverCooldown()));
        n.done();
        return l;
    }

    private static Duration positive(ConfigNode n, String key, Duration def) {
        Duration d = n.duration(key, def);
        if (d == null) return def;
        if (d.isZero() || d.isNegative()) { n.child(key).error("must be longer than 0"); return def; }
        return d;
    }

    private static MaxAge parseMaxAge(ConfigNode n, MaxAge d) {
        Map<String, Duration> changes = new LinkedHashMap<>();
        n.entries().forEach((kind, v) -> {
            if (!MaxAge.KINDS.contains(kind)) {
                v.error("unknown action kind \"" + kind + "\" (expected one of: " + String.join(", ", MaxAge.KINDS) + ")");
                return;
            }
            Duration age = n.duration(kind, null);
            if (age == null) return;                       // not a duration: reported by duration()
            if (age.isZero() || age.isNegative()) { v.error("must be longer than 0, got " + v.text()); return; }
            changes.put(kind, age);
        });
        return d.with(changes);
    }
}
