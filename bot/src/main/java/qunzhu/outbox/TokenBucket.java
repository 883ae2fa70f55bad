package qunzhu.outbox;

/**
 * A token bucket on a caller-supplied millisecond clock (the bot's injectable clock), so
 * tests move time instead of sleeping. Synchronized: the global bucket is shared by all workers.
 */
final class TokenBucket {
    private final double perMilli;
    private final double capacity;
    private double tokens;
    private long last;

    TokenBucket(double perSecond, double capacity, long now) {
        this.perMilli = perSecond / 1000.0;
        this.capacity = Math.max(1, capacity);
        this.tokens = this.capacity;
        this.last = now;
    }

    private synchronized void refill(long now) {
        if (now > last) {
            tokens = Math.min(capacity, tokens + (now - last) * perMilli);
            last = now;
        }
    }

    /** Milliseconds until a token is there (0 = now). */
    synchronized long waitMillis(long now) {
        refill(now);
        if (tokens >= 1) return 0;
        return (long) Math.ceil((1 - tokens) / perMilli);
    }

    /** Takes a token if one is there: check and take in one step, for a bucket shared by threads. */
    synchronized boolean tryTake(long now) {
        if (waitMillis(now) > 0) return false;
        take(now);
        return true;
    }

    /** Full again: the same as a fresh bucket. */
    synchronized boolean full(long now) {
        refill(now);
        return tokens >= capacity;
    }

    synchronized void take(long now) {
        refill(now);
        tokens -= 1;
    }
}
