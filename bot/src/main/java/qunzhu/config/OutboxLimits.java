package qunzhu.config;

/**
 * Send limits for one platform kind. Telegram's defaults follow its FAQ: about one message a
 * second per chat, 20 a minute per group, 30 a second per bot.
 */
public record OutboxLimits(double perChatPerSecond, int perChatBurst, int perChatPerMinute,
                           double perAccountPerSecond, int maxAttempts) {
    public static final OutboxLimits UNLIMITED = new OutboxLimits(1e9, 1_000_000, 1_000_000, 1e9, 5);

    /** The key of the limit over all accounts together ({@code outbox: {global: {per_second: N}}}). */
    public static final String GLOBAL = "global";

    public static OutboxLimits defaults(String platform) {
        return switch (platform) {
            case GLOBAL -> UNLIMITED;
            case "telegram" -> new OutboxLimits(1, 3, 20, 30, 5);
            case "onebot" -> new OutboxLimits(1, 3, 20, 5, 5);
            default -> new OutboxLimits(50, 50, 3000, 1000, 5);
        };
    }

    /** {@code global:} has one key: per_second over all accounts together. */
    static OutboxLimits parseGlobal(ConfigNode n) {
        double perSecond = n.decimal("per_second", UNLIMITED.perAccountPerSecond(), 0.001, 1e9);
        n.done();
        return new OutboxLimits(UNLIMITED.perChatPerSecond(), UNLIMITED.perChatBurst(), UNLIMITED.perChatPerMinute(), perSecond,
                UNLIMITED.maxAttempts());
    }

    static OutboxLimits parse(ConfigNode n, OutboxLimits d) {
        OutboxLimits l = new OutboxLimits(
                n.decimal("per_chat_per_second", d.perChatPerSecond(), 0.001, 1e9),
                n.integer("per_chat_burst", d.perChatBurst(), 1, 1_000_000),
                n.integer("per_chat_per_minute", d.perChatPerMinute(), 1, 1_000_000),
                n.decimal("per_account_per_second", d.perAccountPerSecond(), 0.001, 1e9),
                n.integer("max_attempts", d.maxAttempts(), 1, 100));
        n.done();
        return l;
    }
}
