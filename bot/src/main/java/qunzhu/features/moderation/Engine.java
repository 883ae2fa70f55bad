package qunzhu.features.moderation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.function.LongSupplier;

/**
 * The filter engine alone, without store or platform: what the benchmark measures. It is the
 * same {@link Filters} and {@link Windows} the live path and the backtest use.
 */
public final class Engine {
    private final Windows windows;
    private final Filters filters;

    public Engine(ZoneId zone, long maxKeys, Duration longestWindow, LongSupplier nowMillis) {
        this.windows = new Windows(nowMillis, maxKeys, longestWindow);
        this.filters = new Filters(windows, zone);
    }

    /** The rule that would act on this message under {@code policy} (an effective policy), or null. */
    public String check(String chat, String member, String messageId, String text, Instant at, ModerationConfig policy) {
        Filters.Decision d = filters.check(new Filters.Message(chat, member, messageId, text, at, false, false, false, false),
                policy, Filters.Extras.NONE);
        return d == null ? null : d.verdict().rule();
    }

    /** Keys held in the sliding windows (after pending evictions). */
    public long windowKeys() {
        windows.cleanUp();
        return windows.size();
    }

    /** A blocklist rule from a regex, compiled as config does. */
    public static Rule regexRule(String name, String regex, Verdict.Kind action) {
        return new Rule(name, java.util.List.of(), Rule.compile(regex), action, null);
    }

    /** The policy of a group under {@code strategy} that sets only a blocklist. */
    public static ModerationConfig policy(qunzhu.config.Strategy strategy, java.util.List<Rule> blocklist) {
        return Presets.preset(strategy).toBuilder().blocklist(blocklist).build();
    }
}
