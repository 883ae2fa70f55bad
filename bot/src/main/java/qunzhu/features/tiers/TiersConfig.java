package qunzhu.features.tiers;

import java.time.Duration;
import qunzhu.config.ConfigNode;
import qunzhu.config.GroupSection;

/**
 * {@code tiers:} of a group or profile: the thresholds that sort members into tiers.
 * {@code newcomer_for}: joined less than this ago. {@code window}: the span activity is
 * measured over. {@code active_messages}: messages in the window that make a member active.
 * {@code core_top_percent} of the members present (at least one), with at least
 * {@code core_messages} in the window, are core. {@code silent_for}: an active member who
 * has said nothing for this long is at risk.
 */
public record TiersConfig(Duration newcomerFor, Duration window, int activeMessages, int coreTopPercent, int coreMessages,
                          Duration silentFor) {
    /** The thresholds when a group sets none. */
    public static final TiersConfig DEFAULT = new TiersConfig(Duration.ofDays(7), Duration.ofDays(30), 5, 10, 20, Duration.ofDays(7));

    public static final GroupSection<TiersConfig> SECTION = new GroupSection<>() {
        @Override public String key() { return "tiers"; }
        @Override public Class<TiersConfig> type() { return TiersConfig.class; }
        @Override public TiersConfig parse(ConfigNode n) {
            TiersConfig c = new TiersConfig(
                    n.duration("newcomer_for", DEFAULT.newcomerFor()),
                    n.duration("window", DEFAULT.window()),
                    n.integer("active_messages", DEFAULT.activeMessages(), 1, 1_000_000),
                    n.integer("core_top_percent", DEFAULT.coreTopPercent(), 1, 100),
                    n.integer("core_messages", DEFAULT.coreMessages(), 1, 1_000_000),
                    n.duration("silent_for", DEFAULT.silentFor()));
            if (c.silentFor().compareTo(c.window()) >= 0) n.child("silent_for").error("must be shorter than window (" + c.window() + ")");
            n.done();
            return c;
        }
    };
}
