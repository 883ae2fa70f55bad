package qunzhu.features.poll;

import java.time.Duration;
import java.util.List;
import qunzhu.config.ConfigNode;
import qunzhu.config.GroupSection;

/**
 * {@code poll:} of a group or profile. {@code starters}: who may start a poll, {@code moderators}
 * (the default) or {@code members}. {@code edit_every}: the live count is edited at most this
 * often per poll (votes in between are folded into the next edit), so a vote storm stays within
 * the platforms' edit limits.
 */
public record PollConfig(boolean membersMayStart, Duration editEvery) {
    public static final GroupSection<PollConfig> SECTION = new GroupSection<>() {
        @Override public String key() { return "poll"; }
        @Override public Class<PollConfig> type() { return PollConfig.class; }
        @Override public PollConfig parse(ConfigNode n) {
            PollConfig c = new PollConfig(n.choice("starters", "moderators", List.of("moderators", "members")).equals("members"),
                    n.duration("edit_every", Duration.ofSeconds(5)));
            n.done();
            return c;
        }
    };
}
