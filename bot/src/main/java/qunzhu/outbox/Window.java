package qunzhu.outbox;

import java.util.ArrayDeque;

/** At most {@code max} sends in any 60 seconds (Telegram's 20 a minute per group). */
final class Window {
    private final int max;
    private final ArrayDeque<Long> sent = new ArrayDeque<>();

    Window(int max) { this.max = max; }

    long waitMillis(long now) {
        while (!sent.isEmpty() && sent.peekFirst() <= now - 60_000) sent.pollFirst();
        return sent.size() < max ? 0 : sent.peekFirst() + 60_000 - now;
    }

    void take(long now) { sent.addLast(now); }
}
