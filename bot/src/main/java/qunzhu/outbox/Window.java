package qunzhu.outbox;

import java.util.ArrayDeque;

/**
 * At most {@code max} sends in any period (by default 60 seconds: Telegram's 20 a minute per
 * group; one second for an account's per-second limit, which a token bucket alone lets through
 * twice over: a full bucket, then its refill within the same second).
 */
final class Window {
    private final int max;
    private final long span;
    private final ArrayDeque<Long> sent = new ArrayDeque<>();

    Window(int max) { this(max, 60_000); }

    /** At most {@code max} in any {@code spanMillis} (an account's send budget). */
    Window(int max, long spanMillis) {
        this.max = Math.max(1, max);
        this.span = spanMillis;
    }

    long waitMillis(long now) {
        while (!sent.isEmpty() && sent.peekFirst() <= now - span) sent.pollFirst();
        return sent.size() < max ? 0 : sent.peekFirst() + span - now;
    }

    /** How many more may go now. */
    int left(long now) {
        waitMillis(now);
        return Math.max(0, max - sent.size());
    }

    void take(long now) { sent.addLast(now); }

    /** Nothing sent within the span: the same as a fresh window. */
    boolean empty(long now) {
        waitMillis(now);
        return sent.isEmpty();
    }
}
