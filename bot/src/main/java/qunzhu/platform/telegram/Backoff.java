package qunzhu.platform.telegram;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with full jitter: base, 2·base, 4·base ... up to the cap. */
final class Backoff {
    private final Duration base;
    private final Duration cap;
    private int failures;

    Backoff(Duration base, Duration cap) {
        this.base = base;
        this.cap = cap;
    }

    /** The next wait after one more failure: half fixed, half random, so restarts do not align. */
    Duration next() {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(20, failures++));
        long half = Math.max(1, ceiling / 2);
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }

    void reset() { failures = 0; }

    int failures() { return failures; }
}
