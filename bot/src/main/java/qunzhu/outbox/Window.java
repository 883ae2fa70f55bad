package qunzhu.outbox;

import java.util.ArrayDeque;

/**
 * At most {@code max} sends in any period (by default 60 seconds: Telegram's 20 a minute per
 * group; one second for an account's per-second limit, which a token bucket alone lets through
 * twice over: a full bucket, then its refill within the same second).
 */
final class Window {
    private final int max;
    private final long periodMs;
    private final ArrayDeque<Long> sent = new ArrayDeque<>();

    Window(int max) { this(max, 60_000); }

    Window(int max, long periodMs) {
        this.max = Math.max(1, max);
        this.periodMs = periodMs;
    }

    long waitMillis(long now) {
        while (!sent.isEmpty() && sent.peekFirst() <= now - periodMs) sent.pollFirst();
        return sent.size() < max ? 0 : sent.peekFirst() + periodMs - now;
    }

    void take(long now) { sent.addLast(now); }
}
