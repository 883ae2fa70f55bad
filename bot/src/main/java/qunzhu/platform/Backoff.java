package qunzhu.platform;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: base, 2·base, 4·base ... up to the cap, each wait drawn
 * from the upper half of its step so that many accounts (or actions) failing together do not
 * retry together. Used by the adapters' reconnect and poll loops and by the outbox's retries.
 * An instance is not thread-safe; {@link #delay} is.
 */
public final class Backoff {
    private final Duration base;
    private final Duration cap;
    private int failures;

    public Backoff(Duration base, Duration cap) {
        this.base = base;
        this.cap = cap;
    }

    /** The next wait after one more failure. */
    public Duration next() { return delay(base, cap, failures++); }

    public void reset() { failures = 0; }

    public int failures() { return failures; }

    /** The wait after {@code failures} earlier failures (0 for the first retry). */
    public static Duration delay(Duration base, Duration cap, int failures) {
        long ceiling = Math.min(cap.toMillis(), base.toMillis() << Math.min(20, Math.max(0, failures)));
        long half = Math.max(1, ceiling / 2);
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
