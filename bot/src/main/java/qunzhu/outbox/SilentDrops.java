package qunzhu.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.core.Action;
import qunzhu.feature.Accounts;
import qunzhu.persona.DropWatch;
import qunzhu.platform.Platform;
import qunzhu.runtime.Threads;
import qunzhu.runtime.Wakeup;

/**
 * Asks about the sends no sibling account saw within the window ({@link DropWatch}): the
 * platform is asked whether the message exists (OneBot get_msg, through the account that sent
 * it); one it does not know was silently dropped. The account is then marked so in that chat
 * (its persona speaks through a sibling until the cooldown passes) and the lost message is
 * posted again, through whichever account speaks for the persona now. Its own thread, woken by
 * a new watched send, a step of a test clock, or the next due time; the network calls happen there.
 */
public final class SilentDrops implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SilentDrops.class);

    private final Accounts accounts;
    private final Outbox outbox;
    private final Clock clock;
    private final Wakeup wakeup;
    private final Threads threads;
    private volatile boolean running;
    private Thread thread;
    /** Probes made so far (tests wait on it). */
    private final java.util.concurrent.atomic.AtomicLong probes = new java.util.concurrent.atomic.AtomicLong();

    public SilentDrops(Accounts accounts, Outbox outbox, Clock clock, Threads threads) {
        this.accounts = accounts;
        this.outbox = outbox;
        this.clock = clock;
        this.threads = threads;
        this.wakeup = new Wakeup(clock);
        outbox.onWatchedSend(wakeup::signal);
    }

    public void start() {
        running = true;
        thread = threads.start("silent-drops", this::loop);
    }

    private void loop() {
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                Instant next = accounts.drops().nextDue();
                wakeup.await(next == null ? Long.MAX_VALUE : next.toEpochMilli());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!running) return;
            for (DropWatch.Sent s : accounts.drops().due()) {
                try {
                    check(s);
                } catch (RuntimeException e) {
                    log.warn("could not check a send of {} in {}: {}", s.account(), s.chat(), e.toString());
                }
            }
        }
    }

    private void check(DropWatch.Sent s) {
        Platform p = accounts.get(s.account());
        if (p == null) return;
        Boolean exists = p.messageExists(s.chat(), s.messageId());
        probes.incrementAndGet();
        if (!Boolean.FALSE.equals(exists)) return;   // there, or nobody can tell: nothing to do
        log.warn("account {}: message {} to {} was answered ok but never arrived (no sibling saw it, get_msg cannot find it)",
                s.account(), s.messageId(), s.chat());
        accounts.health().silentDrop(s.account(), s.chat());
        Action again = s.action() instanceof Action.Send send && send.replyTo() != null ? send.replyingTo(null) : s.action();
        outbox.submit(again);
    }

    /** Probes (get_msg calls) made so far. */
    public long probes() { return probes.get(); }

    @Override public void close() {
        running = false;
        wakeup.signal();
        if (thread != null) {
            thread.interrupt();
            try { thread.join(2000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
        wakeup.close();
    }
}
