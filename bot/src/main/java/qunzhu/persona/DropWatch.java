package qunzhu.persona;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;

/**
 * Watches for silent drops (QQ risk control, 风控: a group send answered ok that never reaches
 * the group). When another of our accounts sits in the same group, a message account A sent
 * should arrive there as an event within {@link #window()}; this keeps each such send until a
 * sibling reports a message of A in that chat, or until its window passes and it is
 * {@link #due()} to be asked about (OneBot get_msg).
 *
 * <p>Message ids are only meaningful to the account that holds them (OneBot numbers messages
 * per account), so a sibling's copy cannot be matched by id: a message of A seen by a sibling
 * in that chat answers A's oldest waiting send there. Thread-safe.
 */
public final class DropWatch {
    /** A send that should show up at a sibling by {@code due}. */
    public record Sent(String account, ChatRef chat, String messageId, Action action, Instant at, Instant due) {}

    /** Sends kept at most; beyond it the oldest are given up unasked (a flood of sends is no time to probe each). */
    static final int MAX_WAITING = 10_000;

    private final Clock clock;
    private final Duration window;
    private final LinkedList<Sent> waiting = new LinkedList<>();

    public DropWatch(Clock clock, Duration window) {
        this.clock = clock;
        this.window = window;
    }

    public Duration window() { return window; }

    /** Account {@code account} sent {@code action}, which got {@code messageId}: a sibling should see it. */
    public synchronized void expect(String account, ChatRef chat, String messageId, Action action) {
        Instant now = clock.instant();
        if (waiting.size() >= MAX_WAITING) waiting.removeFirst();
        waiting.addLast(new Sent(account, chat, messageId, action, now, now.plus(window)));
    }

    /** A sibling saw a message of {@code account} in {@code chat}: its oldest waiting send there arrived. True when one waited. */
    public synchronized boolean seen(String account, ChatRef chat) {
        for (Iterator<Sent> it = waiting.iterator(); it.hasNext(); ) {
            Sent s = it.next();
            if (s.account().equals(account) && s.chat().equals(chat)) { it.remove(); return true; }
        }
        return false;
    }

    /** The sends whose window has passed unseen, taken out of the watch: ask the platform about each. */
    public synchronized List<Sent> due() {
        Instant now = clock.instant();
        List<Sent> out = new ArrayList<>();
        for (Iterator<Sent> it = waiting.iterator(); it.hasNext(); ) {
            Sent s = it.next();
            if (!s.due().isAfter(now)) { out.add(s); it.remove(); }
        }
        return out;
    }

    /** When the next waiting send is due (null: none waits). */
    public synchronized Instant nextDue() {
        Instant next = null;
        for (Sent s : waiting) if (next == null || s.due().isBefore(next)) next = s.due();
        return next;
    }

    public synchronized int waiting() { return waiting.size(); }
}
