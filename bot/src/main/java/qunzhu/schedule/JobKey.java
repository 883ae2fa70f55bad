package qunzhu.schedule;

import java.util.Objects;

/**
 * What a job is: {@code owner} is the feature (or spine part) that handles it, {@code kind}
 * its kind within that owner. Both are stored in the jobs table as they are.
 */
public record JobKey(String owner, String kind) {
    public JobKey {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(kind, "kind");
    }

    @Override public String toString() { return owner + "/" + kind; }
}
