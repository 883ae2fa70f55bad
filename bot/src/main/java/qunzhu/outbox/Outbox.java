package qunzhu.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.config.OutboxLimits;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Outcome;
import qunzhu.feature.Accounts;
import qunzhu.platform.Backoff;
import qunzhu.platform.Platform;
import qunzhu.store.Codec;
import qunzhu.store.Database;

/**
 * Sends actions to platforms without ever blocking the pipeline.
 *
 * <p>Design: one worker thread per account, each with its own ordered queue (priority, then
 * arrival). A worker picks under its lock and performs outside it, like OkHttp's dispatcher:
 * an empty account bucket (or the global one, over all accounts) stops the scan (nothing of
 * this account may go now), an empty chat
 * bucket or a chat held by retry_after skips to the next item (other chats may go). Per chat,
 * items keep their order. Retries of transient failures back off exponentially with jitter;
 * a retry_after holds the whole chat. All waiting is measured on the injected clock.
 *
 * <p>Every action has a row in outbox_pending from the moment it is queued (the pipeline writes
 * it in the same transaction as the features' state) until its final outcome, which is written
 * to action_log in the same transaction that deletes the row. What a crash or a stop leaves
 * there is sent first at the next start: nothing is dropped, and after a crash an action that
 * was performed just before it may be performed again.
 */
public final class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    private static final long IDLE_POLL_MS = 50;

    /** Told of every final outcome (done, unsupported, permanently failed). */
    public interface Listener { void on(Action action, Platform account, Outcome outcome); }

    private final qunzhu.runtime.Threads threads;
    private final Accounts accounts;
    private final Function<String, OutboxLimits> limits;
    private final Clock clock;
    private final ActionLog actionLog;
    private final Database db;
    private final Map<String, Worker> workers = new HashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicLong seq = new AtomicLong();
    /** Over all accounts together (outbox.global.per_second); unlimited unless configured. */
    private final TokenBucket global;
    private volatile boolean stopping;

    public Outbox(Accounts accounts, Function<String, OutboxLimits> limits, Clock clock, ActionLog actionLog, Database db,
                  qunzhu.runtime.Threads threads) {
        this.threads = threads;
        this.accounts = accounts;
        this.limits = limits;
        this.clock = clock;
        this.actionLog = actionLog;
        this.db = db;
        double perSecond = limits.apply(OutboxLimits.GLOBAL).perAccountPerSecond();
        this.global = new TokenBucket(perSecond, Math.max(1, perSecond), clock.millis());
    }

    public void addListener(Listener l) { listeners.add(l); }

    /** Starts one worker per account, then re-queues what the last run left in outbox_pending. */
    public synchronized void start() {
        for (Platform p : accounts.all()) {
            Worker w = new Worker(p, limits.apply(p.kind()));
            workers.put(p.id(), w);
            w.thread.start();
        }
        List<Object[]> pending = db.query("SELECT id, payload FROM outbox_pending ORDER BY id",
                rs -> new Object[] {rs.getLong(1), rs.getString(2)});
        for (Object[] row : pending) {
            long id = (Long) row[0];
            Action action;
            try {
                action = Codec.decodeAction((String) row[1]);
            } catch (RuntimeException e) {
                log.warn("dropping unreadable pending action {}: {}", id, e.toString());
                db.update("DELETE FROM outbox_pending WHERE id = ?", id);
                continue;
            }
            enqueue(action, id);
        }
        if (!pending.isEmpty()) log.info("re-queued {} actions left from the last run", pending.size());
    }

    /**
     * Writes actions to outbox_pending on {@code c}, inside the caller's transaction (the
     * pipeline commits them with the features' state); pass the ids to {@link #submitStored}.
     */
    public static List<Long> store(java.sql.Connection c, List<Action> actions) throws java.sql.SQLException {
        List<Long> ids = new ArrayList<>(actions.size());
        try (java.sql.PreparedStatement ins = c.prepareStatement("INSERT INTO outbox_pending(payload) VALUES (?)");
             java.sql.PreparedStatement last = c.prepareStatement("SELECT last_insert_rowid()")) {
            for (Action a : actions) {
                ins.setString(1, Codec.encode(a));
                ins.executeUpdate();
                try (java.sql.ResultSet rs = last.executeQuery()) { rs.next(); ids.add(rs.getLong(1)); }
            }
        }
        return ids;
    }

    /** Queues an action already written to outbox_pending under {@code pendingId}. */
    public void submitStored(Action action, long pendingId) { enqueue(action, pendingId); }

    /** Queues an action; it is written to outbox_pending first, so a crash does not lose it. */
    public void submit(Action action) {
        if (route(action) == null) {
            enqueue(action, 0);
            return;
        }
        enqueue(action, db.tx(c -> store(c, List.of(action))).get(0));
    }

    private Worker route(Action action) {
        Platform p = accounts.route(action);
        return p == null ? null : workers.get(p.id());
    }

    private void enqueue(Action action, long pendingId) {
        Worker w = route(action);
        if (w == null) {
            log.warn("no account serves {} for {}", action.chat(), action.kind());
            db.tx(c -> {
                actionLog.record(clock.instant(), null, null, action, null);
                if (pendingId > 0) Database.updateIn(c, "DELETE FROM outbox_pending WHERE id = ?", pendingId);
                return null;
            });
            return;
        }
        Item item = new Item(action, seq.incrementAndGet());
        item.pendingId = pendingId;
        w.enqueue(item);
    }

    /** True once every queue is empty and nothing is in flight; items waiting for a later time count as work. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (idle()) return true;
            Thread.sleep(5);
        }
        return idle();
    }

    /** Actions queued for {@code account} and not yet finished (0 for an unknown account). */
    public int queued(String account) {
        Worker w = workers.get(account);
        if (w == null) return 0;
        w.lock.lock();
        try { return w.queue.size() + (w.busy ? 1 : 0); } finally { w.lock.unlock(); }
    }

    public boolean idle() {
        for (Worker w : workers.values()) if (!w.idle()) return false;
        return true;
    }

    /** Drains for up to {@code drain}; what is left stays in outbox_pending for the next start. */
    public void stop(Duration drain) {
        stopping = true;
        long deadline = System.nanoTime() + drain.toNanos();
        for (Worker w : workers.values()) w.signal();
        while (System.nanoTime() < deadline && !idle()) {
            try { Thread.sleep(10); } catch (InterruptedException e) { Thread.currentThread().interrupt(); break; }
        }
        int left = 0;
        for (Worker w : workers.values()) {
            w.thread.interrupt();
            try { w.thread.join(2000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            left += w.queue.size();
        }
        // Their rows are in outbox_pending already: the next start sends them first.
        if (left > 0) log.info("{} unsent actions stay in outbox_pending for the next start", left);
    }

    private static final class Item {
        final Action action;
        final long seq;
        /** Its row in outbox_pending, deleted with the final outcome (0: none). */
        long pendingId;
        int attempts;
        long notBefore;

        Item(Action action, long seq) { this.action = action; this.seq = seq; }
    }

    private static boolean ratedPerChat(Action a) {
        return a instanceof Action.Send || a instanceof Action.SendPhoto || a instanceof Action.Edit;
    }

    private final class Worker implements Runnable {
        final Platform platform;
        final OutboxLimits lim;
        final TreeSet<Item> queue = new TreeSet<>((a, b) -> {
            int c = a.action.priority().compareTo(b.action.priority());
            return c != 0 ? c : Long.compare(a.seq, b.seq);
        });
        final Map<ChatRef, TokenBucket> chatBuckets = new HashMap<>();
        final Map<ChatRef, Window> chatWindows = new HashMap<>();
        final Map<ChatRef, Long> heldUntil = new HashMap<>();
        final TokenBucket accountBucket;
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        final Thread thread;
        volatile boolean busy;

        Worker(Platform platform, OutboxLimits lim) {
            this.platform = platform;
            this.lim = lim;
            this.accountBucket = new TokenBucket(lim.perAccountPerSecond(), Math.max(1, lim.perAccountPerSecond()), clock.millis());
            this.thread = threads.thread("outbox-" + platform.id(), this);
        }

        void enqueue(Item i) {
            lock.lock();
            try { queue.add(i); changed.signalAll(); } finally { lock.unlock(); }
        }

        void signal() {
            lock.lock();
            try { changed.signalAll(); } finally { lock.unlock(); }
        }

        boolean idle() {
            lock.lock();
            try { return queue.isEmpty() && !busy; } finally { lock.unlock(); }
        }

        @Override public void run() {
            while (!Thread.currentThread().isInterrupted()) {
                Item next;
                lock.lock();
                try {
                    long now = clock.millis();
                    long wait = Long.MAX_VALUE;
                    next = null;
                    long limited = Math.max(accountBucket.waitMillis(now), global.waitMillis(now));
                    if (limited > 0) {
                        wait = limited;
                    } else {
                        // Per chat and priority, items keep their order: once one waits, the
                        // later ones of that chat and priority wait behind it.
                        java.util.Set<String> waiting = new java.util.HashSet<>();
                        for (Iterator<Item> it = queue.iterator(); it.hasNext(); ) {
                            Item i = it.next();
                            ChatRef chat = i.action.chat();
                            if (!waiting.add(chat + "|" + i.action.priority())) continue;
                            long w = Math.max(i.notBefore - now, heldUntil.getOrDefault(chat, 0L) - now);
                            if (w <= 0 && ratedPerChat(i.action)) {
                                w = Math.max(bucket(chat, now).waitMillis(now), window(chat).waitMillis(now));
                            }
                            if (w > 0) { wait = Math.min(wait, w); continue; }
                            // Another account's worker may have taken the last global token since we looked.
                            if (!global.tryTake(now)) { wait = Math.max(1, global.waitMillis(now)); break; }
                            it.remove();
                            accountBucket.take(now);
                            if (ratedPerChat(i.action)) { bucket(chat, now).take(now); window(chat).take(now); }
                            next = i;
                            busy = true;
                            break;
                        }
                    }
                    if (next == null) {
                        // Poll at most every 50 ms: the clock may be a test clock moved by hand.
                        changed.await(Math.min(Math.max(wait, 1), IDLE_POLL_MS), TimeUnit.MILLISECONDS);
                        continue;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } finally {
                    lock.unlock();
                }
                try {
                    perform(next);
                } finally {
                    busy = false;
                }
            }
        }

        private TokenBucket bucket(ChatRef chat, long now) {
            return chatBuckets.computeIfAbsent(chat, c -> new TokenBucket(lim.perChatPerSecond(), lim.perChatBurst(), now));
        }

        private Window window(ChatRef chat) {
            return chatWindows.computeIfAbsent(chat, c -> new Window(lim.perChatPerMinute()));
        }

        private void perform(Item item) {
            Outcome outcome;
            try {
                outcome = platform.perform(item.action);
            } catch (RuntimeException e) {
                // An adapter must not throw, but one that does must not kill the worker.
                log.error("account {} threw on {}: {}", platform.id(), item.action.kind(), e.toString());
                outcome = new Outcome.Failed("adapter error: " + e, false);
            }
            if (outcome == null) outcome = new Outcome.Failed("adapter returned no outcome", true);
            String persona = accounts.persona(platform.id());
            long now = clock.millis();
            boolean transientFailure = outcome instanceof Outcome.Failed f && !f.permanent();
            if (transientFailure && stopping) {
                // Not retried now, not given up either: its row waits for the next start.
                actionLog.record(clock.instant(), platform.id(), persona, item.action, outcome);
                return;
            }
            if (outcome instanceof Outcome.RetryAfter || (transientFailure && item.attempts + 1 < lim.maxAttempts())) {
                actionLog.record(clock.instant(), platform.id(), persona, item.action, outcome);
            } else {
                // Final: the log row and the end of its pending row commit together.
                Outcome last = outcome;
                db.tx(c -> {
                    actionLog.record(clock.instant(), platform.id(), persona, item.action, last);
                    if (item.pendingId > 0) Database.updateIn(c, "DELETE FROM outbox_pending WHERE id = ?", item.pendingId);
                    return null;
                });
            }
            if (outcome instanceof Outcome.RetryAfter r) {
                lock.lock();
                try {
                    heldUntil.put(item.action.chat(), now + Math.max(1, r.delay().toMillis()));
                    queue.add(item);
                } finally { lock.unlock(); }
                return;
            }
            if (transientFailure && ++item.attempts < lim.maxAttempts()) {
                item.notBefore = now + Backoff.delay(Duration.ofSeconds(1), Duration.ofMinutes(1), item.attempts - 1).toMillis();
                enqueue(item);
                return;
            }
            if (outcome instanceof Outcome.Moved m) {
                log.info("chat {} moved to {}; re-sending {}", item.action.chat(), m.to(), item.action.kind());
                submit(Actions.withChat(item.action, m.to()));
            }
            for (Listener l : listeners) {
                try {
                    l.on(item.action, platform, outcome);
                } catch (RuntimeException e) {
                    log.error("outbox listener failed: {}", e.toString());
                }
            }
        }
    }
}
