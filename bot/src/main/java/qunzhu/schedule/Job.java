package qunzhu.schedule;

import java.time.Instant;
import qunzhu.core.ChatRef;

/** A persisted timed task: {@code owner} is the feature that handles it. */
public record Job(long id, Instant due, String owner, String kind, ChatRef chat, String payload) {
    public JobKey key() { return new JobKey(owner, kind); }
}
