package qunzhu.features.highlights;

import java.time.Duration;
import qunzhu.config.ConfigNode;
import qunzhu.config.GroupSection;

/**
 * {@code highlights:} of a group or profile:
 * <pre>
 * highlights:
 *   points: 5                 # earned by the author of a highlight (0: none)
 *   recap_days: 7             # the recap covers highlights marked this many days back
 *   repost_to_profile: false  # true: the recap also goes to the other groups of the same profile
 * </pre>
 */
public record HighlightsConfig(int points, Duration recapSpan, boolean repostToProfile) {
    public static final GroupSection<HighlightsConfig> SECTION = new GroupSection<>() {
        @Override public String key() { return "highlights"; }
        @Override public Class<HighlightsConfig> type() { return HighlightsConfig.class; }
        @Override public HighlightsConfig parse(ConfigNode n) {
            HighlightsConfig c = new HighlightsConfig(n.integer("points", 5, 0, 1_000_000),
                    Duration.ofDays(n.integer("recap_days", 7, 1, 31)), n.bool("repost_to_profile", false));
            n.done();
            return c;
        }
    };
}
