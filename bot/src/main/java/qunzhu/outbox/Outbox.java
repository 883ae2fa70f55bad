package qunzhu.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.config.OutboxLimits;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Outcome;
import qunzhu.feature.Accounts;
import qunzhu.platform.Backoff;
import qunzhu.platform.Platform;
import qunzhu.runtime.SteppedClock;
import qunzhu.store.Codec;
import qunzhu.store.Database;

/**
 * Sends actions to platforms without ever blocking the pipeline.
 *
 * <p>Design: one worker thread per account, each with its own ordered queue (priority, then
 * arrival). A worker picks under its lock and performs outside it, like OkHttp's dispatcher:
 * an empty account bucket (or the global one, over all accounts) stops the scan (nothing of
 * this account may go now); anything else that makes an item wait only skips it, so other
 * chats, and other actions of the same chat, may go. Moderation goes first. All waiting is
 * measured on the injected clock: a worker sleeps until a new item, a stop, or its next due
 * time; on a {@link SteppedClock} (a test clock) until the next step; on any other clock it
 * looks again every {@value #IDLE_POLL_MS} ms.
 *
 * <p>Order within a chat:
 * <ul>
 * <li>Per chat and priority, fresh items keep their order: once one waits for the chat's token
 *     bucket or per-minute window, the later ones of that chat and priority wait behind it.
 * <li>A retry_after answer holds the whole chat until it passes: the platform said so.
 * <li>An item waiting for a retry after a transient failure holds nothing: it is scheduled for
 *     later (exponential backoff with jitter, capped at {@value #RETRY_CAP_SECONDS} s) and the
 *     chat's next actions go now.
 * <li>Except: actions on the same member of a chat (mute, unmute, kick, ban, unban, approve or
 *     decline a join) and actions on the same message (edit, delete, pin) go in the order they
 *     came, whatever their priority, so that a later one is never undone by an earlier one: an
 *     /unmute never goes before the mute it lifts, while that mute waits for its retry.
 *     Messages (send, sendphoto) are independent of each other. An edit, delete or pin of a
 *     message the bot sends can never overtake that send: it names the message id, which
 *     exists only once the send is done.
 * </ul>
 *
 * <p>Retries: a transient failure (5xx, network, timeout) is retried until the action is done,
 * refused for good (a permanent failure or unsupported: final at once), or older than its
 * kind's max_age ({@link OutboxLimits.MaxAge}: a reply after 10 minutes, a ban or delete after
 * a day), counted from when it was first queued. An action dropped for its age is logged with
 * a warning and the action_log outcome {@code expired}; listeners hear of it as a permanent failure.
 * Transient failures are logged (outcome {@code error}) for the first few tries, then for one in ten.
 *
 * <p>Every action has a row in outbox_pending from the moment it is queued (the pipeline writes
 * it in the same transaction as the features' state) until its final outcome, which is written
 * to action_log in the same transaction that deletes the row. While more actions wait in its
 * queue, a worker writes those rows together, in one transaction, once a batch has gathered or
 * the oldest has waited a tenth of a second; with nothing left in its queue, at once. An action
 * with a follow-up is recorded before its feature hears of it. What a crash or a stop leaves
 * there is sent first at the next start: nothing is dropped, and after a crash an action that
 * was performed just before it may be performed again. Once an action has to wait for a retry,
 * or is left at a stop, its row also keeps the time it was first queued, so its age counts
 * across restarts.
 */
public final class Outbox {
    private static final Logger log = LoggerFactory.getLogger(Outbox.class);
    /** How often a worker looks at a clock that neither runs in real time nor tells of its steps. */
    private static final long IDLE_POLL_MS = 50;
    /** How often (clock ms) a worker forgets the per-chat limit state that equals a fresh one. */
    static final long FORGET_IDLE_MS = 30_000;
    static final long RETRY_CAP_SECONDS = 30;
    private static final Duration RETRY_BASE = Duration.ofSeconds(1);
    private static final Duration RETRY_CAP = Duration.ofSeconds(RETRY_CAP_SECONDS);
    static final int LOGGED_FAILURES = 5;
    static final int LOGGED_EVERY = 10;
    /** The field of an outbox_pending payload that keeps when the action was first queued (epoch ms). */
    static final String QUEUED_MS = "@queued_ms";

    /** Told of every final outcome (done, unsupported, permanently failed; too old counts as permanently failed). */
    public interface Listener {
        void on(Action action, Platform account, Outcome outcome);

        /** Told of every try that will be retried (a transient failure or a retry_after). */
        default void retrying(Action action, Platform account, Outcome outcome) {}
    }

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
    /** The system clock or a {@link SteppedClock}: a worker can wait exactly until its next due time. */
    private final boolean signalled;
    private final AutoCloseable stepListener;

    public Outbox(Accounts accounts, Function<String, OutboxLimits> limits, Clock clock, ActionLog actionLog, Database db,
                  qunzhu.runtime.Threads threads) {
        this.threads = threads;
        this.accounts = accounts;
        this.limits = limits;
        this.clock = clock;
        this.actionLog = actionLog;
        this.db = db;
        accounts.budgetLeftFrom(this::budgetLeft);
        double perSecond = limits.apply(OutboxLimits.GLOBAL).perAccountPerSecond();
        this.global = new TokenBucket(perSecond, Math.max(1, perSecond), clock.millis());
        if (clock instanceof SteppedClock stepped) {
            this.stepListener = stepped.onStep(this::wakeAll);
            this.signalled = true;
        } else {
            this.stepListener = null;
            this.signalled = clock.getClass() == Clock.systemUTC().getClass();
        }
    }

    private void wakeAll() {
        List<Worker> all;
        synchronized (this) { all = List.copyOf(workers.values()); }
        for (Worker w : all) w.signal();
    }

    public void addListener(Listener l) { listeners.add(l); }

    /** Told each time a done send starts to be watched for a silent drop (the watch's worker wakes). */
    private volatile Runnable dropWatchSignal = () -> { };

    public void onWatchedSend(Runnable r) { dropWatchSignal = r; }

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
            long queued = 0;
            try {
                JsonObject o = JsonParser.parseString((String) row[1]).getAsJsonObject();
                JsonElement q = o.remove(QUEUED_MS);
                if (q != null && q.isJsonPrimitive()) queued = q.getAsLong();
                action = Codec.decodeAction(o.toString());
            } catch (RuntimeException e) {
                log.warn("dropping unreadable pending action {}: {}", id, e.toString());
                db.update("DELETE FROM outbox_pending WHERE id = ?", id);
                continue;
            }
            enqueue(action, id, queued > 0 ? queued : clock.millis(), queued > 0);
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
    public void submitStored(Action action, long pendingId) { enqueue(action, pendingId, clock.millis(), false); }

    /** Queues an action; it is written to outbox_pending first, so a crash does not lose it. */
    public void submit(Action action) {
        if (route(action) == null) {
            enqueue(action, 0, clock.millis(), false);
            return;
        }
        enqueue(action, db.tx(c -> store(c, List.of(action))).get(0), clock.millis(), false);
    }

    private Worker route(Action action) {
        Platform p = accounts.route(action);
        return p == null ? null : workers.get(p.id());
    }

    private void enqueue(Action action, long pendingId, long queuedAt, boolean stamped) {
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
        Item item = new Item(action, seq.incrementAndGet(), queuedAt);
        item.pendingId = pendingId;
        item.stamped = stamped;
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

    /** Chats whose per-chat limit state {@code account}'s worker keeps (0 for an unknown account). */
    int chatsHeld(String account) {
        Worker w;
        synchronized (this) { w = workers.get(account); }
        return w == null ? 0 : w.chatsHeld();
    }

    /**
     * Waits until every worker has done all it can before the clock moves on: nothing in
     * flight, and each one looked at its queue after the last change (a new item, a step of a
     * test clock) and now waits. What is still queued waits for a limit or a retry. True when
     * that happened within {@code timeout}.
     */
    public boolean awaitParked(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (parked()) return true;
            Thread.sleep(2);
        }
        return parked();
    }

    private boolean parked() {
        List<Worker> all;
        synchronized (this) { all = List.copyOf(workers.values()); }
        for (Worker w : all) if (!w.parked()) return false;
        return true;
    }

    public boolean idle() {
        // One worker may hand an item to another (failover) between our looks at the two: the
        // answer counts only if no item moved and no worker finished while we looked.
        while (true) {
            long before = moves.get();
            boolean all = true;
            for (Worker w : workers.values()) if (!w.idle()) { all = false; break; }
            if (moves.get() == before) return all;
        }
    }

    /** Items queued plus workers done with one: changes whenever the outbox's work moves. */
    private final java.util.concurrent.atomic.AtomicLong moves = new java.util.concurrent.atomic.AtomicLong();

    /**
     * Drains for up to {@code drain}: what can go now goes; items waiting for a retry or a
     * retry_after do not hold the stop. What is left stays in outbox_pending for the next start.
     */
    public void stop(Duration drain) {
        stopping = true;
        long deadline = System.nanoTime() + drain.toNanos();
        for (Worker w : workers.values()) w.signal();
        while (System.nanoTime() < deadline && !quiet()) {
            try { Thread.sleep(10); } catch (InterruptedException e) { Thread.currentThread().interrupt(); break; }
        }
        List<Item> left = new ArrayList<>();
        for (Worker w : workers.values()) {
            w.thread.interrupt();
            try { w.thread.join(2000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
            w.lock.lock();
            try { left.addAll(w.queue); } finally { w.lock.unlock(); }
        }
        // Their rows are in outbox_pending already: the next start sends them first, counting
        // their age from when they were first queued.
        for (Item i : left) stamp(i);
        if (stepListener != null) {
            try { stepListener.close(); } catch (Exception e) { log.debug("step listener: {}", e.toString()); }
        }
        if (!left.isEmpty()) log.info("{} unsent actions stay in outbox_pending for the next start", left.size());
    }

    /** Nothing in flight and nothing due now: every queued item waits for a retry or a retry_after. */
    boolean quiet() {
        long now = clock.millis();
        for (Worker w : workers.values()) if (!w.drained(now)) return false;
        return true;
    }

    /** Keeps the item's first-queued time in its outbox_pending row, once. */
    private void stamp(Item item) {
        if (item.stamped || item.pendingId <= 0) return;
        JsonObject o = JsonParser.parseString(Codec.encode(item.action)).getAsJsonObject();
        o.addProperty(QUEUED_MS, item.queuedAt);
        try {
            db.update("UPDATE outbox_pending SET payload = ? WHERE id = ?", o.toString(), item.pendingId);
            item.stamped = true;
        } catch (RuntimeException e) {
            // Only the age after a restart depends on it: the action itself is stored.
            log.warn("could not keep the queue time of pending action {}: {}", item.pendingId, e.toString());
        }
    }

    /** Queue order: priority, then when it was queued (seq). */
    private static final java.util.Comparator<Item> ORDER = (a, b) -> {
        int c = a.action.priority().compareTo(b.action.priority());
        return c != 0 ? c : Long.compare(a.seq, b.seq);
    };

    private static final int PRIORITIES = qunzhu.core.Priority.values().length;

    /** A lane's queued items (one chat, one priority), oldest first. */
    private static final class LaneQueue {
        final TreeSet<Item> items = new TreeSet<>((a, b) -> Long.compare(a.seq, b.seq));
    }

    private static final class Item {
        final Action action;
        final long seq;
        /** When it was first queued (epoch ms on the injected clock); its age counts from here. */
        final long queuedAt;
        /** What orders it behind an earlier item that waits for a retry (null: nothing). */
        final String dependency;
        /** Its row in outbox_pending, deleted with the final outcome (0: none). */
        long pendingId;
        /** True once its row keeps {@link #QUEUED_MS}. */
        boolean stamped;
        /** Transient failures so far. */
        int failures;
        /** Not before this time (epoch ms): set while it waits for a retry. */
        long notBefore;
        /** When it expires on the worker whose queue holds it (epoch ms; set when queued). */
        long deadline;
        Outcome lastFailure;

        Item(Action action, long seq, long queuedAt) {
            this.action = action;
            this.seq = seq;
            this.queuedAt = queuedAt;
            this.dependency = dependency(action);
        }

        /** The same work as {@code action} (a reply made plain for another account), for another worker. */
        Item movedAs(Action action, long seq) {
            Item i = new Item(action, seq, queuedAt);
            i.pendingId = pendingId;
            i.stamped = stamped && action == this.action;
            i.failures = failures;
            i.lastFailure = lastFailure;
            return i;
        }
    }

    /** An item handed from one account's worker to another's (failover). */
    private record Move(Item item, Worker to) {}

    /**
     * The worker of the account that should carry {@code item} now, when that is not {@code from}
     * and the item may change accounts: messages a persona posts, and (when the account is gone
     * from the group) actions on a member. Null: it stays.
     */
    private Move failover(Item item, Worker from, boolean absent) {
        Action a = item.action;
        boolean movable = Failover.spoken(a) || absent && dependency(a) != null && dependency(a).contains("|member|");
        if (!movable) return null;
        Platform alt = accounts.route(a);
        Worker to = alt == null ? null : workers.get(alt.id());
        if (to == null || to == from) return null;
        if (a instanceof Action.Send s && s.replyTo() != null && alt.accountScopedMessageIds()) {
            a = s.replyingTo(null);   // the message id means nothing to the other account: a plain post
        }
        return new Move(item.movedAs(a, seq.incrementAndGet()), to);
    }

    /** The send budget of an account (config {@code budget:}; its platform's default). */
    private qunzhu.config.SendBudget budget(Platform p) {
        qunzhu.config.AccountConfig a = accounts.config(p.id());
        return a != null ? a.budget() : qunzhu.config.SendBudget.defaults(p.kind());
    }

    /** Sends left in the account's budget now (Integer.MAX_VALUE: no budget; -1: unknown account). */
    public int budgetLeft(String account) {
        Worker w = workers.get(account);
        if (w == null) return -1;
        if (w.budget == null) return Integer.MAX_VALUE;
        w.lock.lock();
        try { return w.budget.left(clock.millis()); } finally { w.lock.unlock(); }
    }

    /** The member or message an action acts on, within its chat; null for messages the bot sends. */
    static String dependency(Action a) {
        String chat = a.chat().toString();
        if (a instanceof Action.Mute m) return chat + "|member|" + m.member().id();
        if (a instanceof Action.Unmute m) return chat + "|member|" + m.member().id();
        if (a instanceof Action.Kick m) return chat + "|member|" + m.member().id();
        if (a instanceof Action.Ban m) return chat + "|member|" + m.member().id();
        if (a instanceof Action.Unban m) return chat + "|member|" + m.member().id();
        if (a instanceof Action.ApproveJoin m) return chat + "|member|" + m.member().id();
        if (a instanceof Action.DeclineJoin m) return chat + "|member|" + m.member().id();
        if (a instanceof Action.Edit m) return chat + "|message|" + m.messageId();
        if (a instanceof Action.Delete m) return chat + "|message|" + m.messageId();
        if (a instanceof Action.Pin m) return chat + "|message|" + m.messageId();
        return null;
    }

    /** 10m, 24h, 1h30m, 45s: how durations are written in the config. */
    static String human(Duration d) {
        long s = d.toSeconds();
        if (s == 0) return d.toMillis() + "ms";
        StringBuilder b = new StringBuilder();
        if (s >= 86_400 && s % 86_400 == 0) return s / 86_400 + "d";
        if (s >= 3600) { b.append(s / 3600).append('h'); s %= 3600; }
        if (s >= 60) { b.append(s / 60).append('m'); s %= 60; }
        if (s > 0) b.append(s).append('s');
        return b.toString();
    }

    private static boolean ratedPerChat(Action a) {
        return a instanceof Action.Send || a instanceof Action.SendPhoto || a instanceof Action.Edit;
    }

    /** How often a worker tries again to write the outcomes kept while the store could not. */
    private static final long RECORD_RETRY_MS = 1000;
    /** Outcomes a worker keeps in memory for the store, at most. */
    private static final int MAX_UNRECORDED = 100_000;
    /**
     * While more actions wait in its queue, a worker writes its outcomes together: once this
     * many wait, or the oldest has waited {@link #RECORD_DEFER_MS} (real time); with an empty
     * queue, at once. One commit per outcome was half the worker's CPU during a spam wave.
     */
    static final int RECORD_BATCH = 256;
    static final long RECORD_DEFER_MS = 100;

    /**
     * An action_log row waiting to be written: a final outcome ({@code last}: the item's pending
     * row ends with it), or a try that is retried or failed over; with {@code outcome} null, an
     * expiry with its detail. {@code keptNs}: when it began to wait (System.nanoTime).
     */
    private record Unrecorded(Item item, java.time.Instant at, qunzhu.core.PersonaRole persona, Outcome outcome, String expiredDetail,
                              boolean last, long keptNs) {}

    private final class Worker implements Runnable {
        final Platform platform;
        final OutboxLimits lim;
        final TreeSet<Item> queue = new TreeSet<>(ORDER);
        /**
         * The same items by lane (a chat's queue of one priority), and the lanes ordered by their
         * first item: a look at the queue passes over a lane that waits (its chat's limit) in one
         * step, not item by item, so a flood queued in one chat (a raid's deletions) does not make
         * every look as long as that chat's queue. Kept with the queue (guarded by lock).
         */
        private final Map<ChatRef, LaneQueue[]> laneQueues = new HashMap<>();
        private final TreeSet<LaneQueue> lanesByHead = new TreeSet<>((a, b) -> ORDER.compare(a.items.first(), b.items.first()));
        /** The same items by when they expire, so expiring them needs no look at the others. */
        private final TreeSet<Item> byDeadline = new TreeSet<>((a, b) -> {
            int c = Long.compare(a.deadline, b.deadline);
            return c != 0 ? c : Long.compare(a.seq, b.seq);
        });
        /**
         * Per member or message (an item's dependency), the seqs of its queued items: the
         * smallest goes first, whatever its priority. Kept with the queue (guarded by lock), so a
         * look at the queue does not rebuild it from every queued item.
         */
        final Map<String, TreeSet<Long>> waitingOn = new HashMap<>();
        final Map<ChatRef, TokenBucket> chatBuckets = new HashMap<>();
        final Map<ChatRef, Window> chatWindows = new HashMap<>();
        final Map<ChatRef, Long> heldUntil = new HashMap<>();
        final TokenBucket accountBucket;
        /** The account's own send budget over its persona's messages (null: none). */
        final Window budget;
        /** Never more than per_account_per_second sends in any one second (the bucket alone allows a burst plus its refill). */
        final Window accountWindow;
        /**
         * Per chat, its uses of the send budget: on an account that serves several groups, no
         * group takes more than half the budget in its span, so a flood of replies in one group
         * cannot spend the account's budget for the others (budgetShare 0: no budget, or one group).
         */
        final Map<ChatRef, Window> budgetShares = new HashMap<>();
        final int budgetShare;
        final long budgetSpan;
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        final Thread thread;
        volatile boolean busy;
        /** Waiting after a look at the queue, with no change since (guarded by lock). */
        boolean parked;
        /**
         * Outcomes whose rows (action_log, the end of the pending row) are not written yet,
         * oldest first: waiting to be written together (see {@link #RECORD_BATCH}), or kept
         * because the store failed, written as soon as it can.
         * The platform did them, so they are not sent again meanwhile. Worker thread only.
         */
        private final java.util.ArrayDeque<Unrecorded> unrecorded = new java.util.ArrayDeque<>();
        /** The store refused the last write of {@link #unrecorded}; tried again at {@link #nextRecordTry}. Worker thread only. */
        private boolean failing;
        private long nextRecordTry;
        /** Outcomes waiting to be written together (not for a failed store): the worker is neither idle nor parked. */
        private volatile int deferred;
        /** Clock time of the next {@link #forgetIdleChats} (guarded by lock). */
        private long nextForget = Long.MIN_VALUE;

        Worker(Platform platform, OutboxLimits lim) {
            this.platform = platform;
            this.lim = lim;
            this.accountBucket = new TokenBucket(lim.perAccountPerSecond(), Math.max(1, lim.perAccountPerSecond()), clock.millis());
            qunzhu.config.SendBudget b = budget(platform);
            this.budget = b.unlimited() ? null : new Window(b.count(), b.per().toMillis());
            this.budgetShare = b.unlimited() || accounts.groupsServedBy(platform) < 2 ? 0 : Math.max(1, b.count() / 2);
            this.budgetSpan = b.unlimited() ? 0 : b.per().toMillis();
            this.accountWindow = new Window((int) Math.min(Integer.MAX_VALUE, Math.ceil(lim.perAccountPerSecond())), 1000);
            this.thread = threads.thread("outbox-" + platform.id(), this);
        }

        void enqueue(Item i) {
            lock.lock();
            try { add(i); parked = false; changed.signalAll(); } finally { lock.unlock(); }
            moves.incrementAndGet();
        }

        void signal() {
            lock.lock();
            try { parked = false; changed.signalAll(); } finally { lock.unlock(); }
        }

        /** Queues {@code i} and its place behind its dependency. Under lock. */
        private void add(Item i) {
            if (!queue.add(i)) return;
            i.deadline = deadline(i);
            byDeadline.add(i);
            LaneQueue[] byPriority = laneQueues.computeIfAbsent(i.action.chat(), c -> new LaneQueue[PRIORITIES]);
            int p = i.action.priority().ordinal();
            LaneQueue lane = byPriority[p];
            if (lane == null) lane = byPriority[p] = new LaneQueue();
            else lanesByHead.remove(lane);
            lane.items.add(i);
            lanesByHead.add(lane);
            if (i.dependency != null) waitingOn.computeIfAbsent(i.dependency, d -> new TreeSet<>()).add(i.seq);
        }

        /** Takes {@code i} out of the queue (its dependency is let go by {@link #left}). Under lock. */
        private void unqueue(Item i) {
            if (!queue.remove(i)) return;
            byDeadline.remove(i);
            LaneQueue[] byPriority = laneQueues.get(i.action.chat());
            LaneQueue lane = byPriority == null ? null : byPriority[i.action.priority().ordinal()];
            if (lane == null) return;
            lanesByHead.remove(lane);
            lane.items.remove(i);
            if (!lane.items.isEmpty()) {
                lanesByHead.add(lane);
                return;
            }
            byPriority[i.action.priority().ordinal()] = null;
            for (LaneQueue q : byPriority) if (q != null) return;
            laneQueues.remove(i.action.chat());
        }

        /** {@code i} left the queue: the next of its dependency goes first. Under lock. */
        private void left(Item i) {
            if (i.dependency == null) return;
            TreeSet<Long> seqs = waitingOn.get(i.dependency);
            if (seqs == null) return;
            seqs.remove(i.seq);
            if (seqs.isEmpty()) waitingOn.remove(i.dependency);
        }

        boolean parked() {
            lock.lock();
            try { return parked && !busy && deferred == 0; } finally { lock.unlock(); }
        }

        boolean idle() {
            lock.lock();
            try { return queue.isEmpty() && !busy && deferred == 0; } finally { lock.unlock(); }
        }

        /** Nothing in flight or waiting to be recorded, and every queued item waits for a retry or a retry_after. */
        boolean drained(long now) {
            lock.lock();
            try {
                if (busy || deferred > 0) return false;
                for (Item i : queue) {
                    if (i.notBefore <= now && heldUntil.getOrDefault(i.action.chat(), 0L) <= now) return false;
                }
                return true;
            } finally { lock.unlock(); }
        }

        private long deadline(Item i) { return i.queuedAt + lim.maxAge().of(i.action.kind()).toMillis(); }

        /** A lane's place in a look over the queue: its item looked at now, and the lane's later ones. */
        private static final class Cursor {
            final Iterator<Item> rest;
            Item item;

            Cursor(LaneQueue lane) {
                this.rest = lane.items.iterator();
                this.item = rest.next();
            }

            /** On to the lane's next item; false when there is none. */
            boolean advance() {
                if (!rest.hasNext()) return false;
                item = rest.next();
                return true;
            }
        }

        @Override public void run() {
            // Nothing left to send: what waits is written, waiting for the store if need be, before parking.
            boolean flushNow = false;
            while (!Thread.currentThread().isInterrupted()) {
                if (!unrecorded.isEmpty()) record(flushNow);
                flushNow = false;
                Item next = null;
                List<Item> expired = new ArrayList<>();
                List<Move> moved = new ArrayList<>();
                lock.lock();
                try {
                    long now = clock.millis();
                    if (now >= nextForget) {
                        forgetIdleChats(now);
                        nextForget = now + FORGET_IDLE_MS;
                    }
                    long wait = Long.MAX_VALUE;
                    long limited = Math.max(Math.max(accountBucket.waitMillis(now), accountWindow.waitMillis(now)), global.waitMillis(now));
                    if (limited > 0) {
                        wait = limited;
                    } else {
                        // Per member or message, the item that came first (whatever its priority): the later ones wait
                        // for it. Items leaving during this look are let go after it, so a later one waits for the next look.
                        List<Item> gone = new ArrayList<>();
                        while (!byDeadline.isEmpty() && byDeadline.first().deadline <= now) {
                            Item i = byDeadline.first();
                            unqueue(i);
                            gone.add(i);
                            expired.add(i);
                        }
                        if (!byDeadline.isEmpty()) wait = Math.min(wait, byDeadline.first().deadline - now);
                        // The items in queue order (priority, then seq), lane by lane: the lanes in the order of their
                        // first items, merged with the lanes already started. A lane (chat and priority) whose first
                        // fresh item waits is left: the later fresh ones wait behind it. Nothing leaves the queue
                        // until the look is over.
                        Iterator<LaneQueue> lanesAhead = lanesByHead.iterator();
                        LaneQueue nextLane = lanesAhead.hasNext() ? lanesAhead.next() : null;
                        java.util.PriorityQueue<Cursor> started = new java.util.PriorityQueue<>((a, b) -> ORDER.compare(a.item, b.item));
                        while (true) {
                            Cursor at;
                            if (nextLane != null && (started.isEmpty() || ORDER.compare(nextLane.items.first(), started.peek().item) < 0)) {
                                at = new Cursor(nextLane);
                                nextLane = lanesAhead.hasNext() ? lanesAhead.next() : null;
                            } else if (!started.isEmpty()) {
                                at = started.poll();
                            } else {
                                break;
                            }
                            Item i = at.item;
                            ChatRef chat = i.action.chat();
                            if (i.dependency != null && waitingOn.get(i.dependency).first() != i.seq) {
                                if (at.advance()) started.add(at);
                                continue;
                            }
                            if (i.notBefore > now) {
                                // Waiting for a retry: scheduled, it holds nothing but its member or message.
                                wait = Math.min(wait, i.notBefore - now);
                                if (at.advance()) started.add(at);
                                continue;
                            }
                            long w = heldUntil.getOrDefault(chat, 0L) - now;
                            if (w <= 0 && ratedPerChat(i.action)) {
                                w = Math.max(bucket(chat, now).waitMillis(now), window(chat).waitMillis(now));
                            }
                            if (w > 0) { wait = Math.min(wait, w); continue; }
                            long spent = budget != null && Failover.spoken(i.action) ? budget.waitMillis(now) : 0;
                            if (spent > 0) {
                                // Budget spent: a sibling in that group speaks for the persona, else it waits.
                                accounts.health().budgetSpent(platform.id(), java.time.Instant.ofEpochMilli(now + spent));
                                Move m = failover(i, this, false);
                                if (m != null) {
                                    gone.add(i);
                                    moved.add(m);
                                    if (at.advance()) started.add(at);
                                    continue;
                                }
                                wait = Math.min(wait, spent);
                                continue;
                            }
                            if (budgetShare > 0 && Failover.spoken(i.action)) {
                                long overShare = budgetShare(chat).waitMillis(now);
                                if (overShare > 0) { wait = Math.min(wait, overShare); continue; }
                            }
                            // Another account's worker may have taken the last global token since we looked.
                            if (!global.tryTake(now)) { wait = Math.max(1, global.waitMillis(now)); break; }
                            gone.add(i);
                            accountBucket.take(now);
                            accountWindow.take(now);
                            if (ratedPerChat(i.action)) { bucket(chat, now).take(now); window(chat).take(now); }
                            if (budget != null && Failover.spoken(i.action)) {
                                budget.take(now);
                                budgetShare(chat).take(now);
                            }
                            next = i;
                            break;
                        }
                        for (Item g : gone) unqueue(g);
                        for (Item g : gone) left(g);
                    }
                    if (!unrecorded.isEmpty()) wait = Math.min(wait, RECORD_RETRY_MS);
                    if (next == null && expired.isEmpty() && moved.isEmpty()) {
                        if (deferred > 0 && queue.isEmpty()) {
                            flushNow = true; // written at the loop's top, outside the lock
                            continue;
                        }
                        if (deferred > 0) wait = Math.min(wait, recordDueInMillis());
                        // Woken by a new item, a stop, or a step of a test clock; otherwise at the next due time.
                        parked = true;
                        try {
                            if (signalled && wait == Long.MAX_VALUE) changed.await();
                            else if (signalled) changed.await(Math.max(wait, 1), TimeUnit.MILLISECONDS);
                            else changed.await(Math.min(Math.max(wait, 1), IDLE_POLL_MS), TimeUnit.MILLISECONDS);
                        } finally {
                            parked = false;
                        }
                        continue;
                    }
                    busy = true;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } finally {
                    lock.unlock();
                }
                try {
                    for (Move m : moved) m.to().enqueue(m.item());
                    for (Item i : expired) expire(i);
                    if (next != null) perform(next);
                } catch (RuntimeException e) {
                    // Nothing an action or the store does may end the worker: the bot would stop.
                    log.error("account {}: outbox worker error (it goes on): {}", platform.id(), e.toString(), e);
                } finally {
                    busy = false;
                    moves.incrementAndGet();
                }
            }
            // Stopped: one last try (a stop waited for the store while it could). What is still
            // not written stays in outbox_pending and is sent again at the next start.
            nextRecordTry = System.nanoTime();
            record(true);
            if (!unrecorded.isEmpty()) {
                log.error("account {}: {} outcome(s) could not be recorded before the stop; those actions stay pending and are sent again at the next start",
                        platform.id(), unrecorded.size());
            }
        }

        /**
         * Drops the per-chat state that a fresh one equals (a full bucket, an empty window, a
         * retry_after hold that passed): every chat ever sent to (each private chat with a
         * member, too) would otherwise keep its bucket and windows for good. Under lock.
         */
        private void forgetIdleChats(long now) {
            heldUntil.values().removeIf(until -> until <= now);
            chatBuckets.values().removeIf(b -> b.full(now));
            chatWindows.values().removeIf(w -> w.empty(now));
            budgetShares.values().removeIf(w -> w.empty(now));
        }

        /** Chats with limit state kept. */
        int chatsHeld() {
            lock.lock();
            try {
                Set<ChatRef> all = new HashSet<>(chatBuckets.keySet());
                all.addAll(chatWindows.keySet());
                all.addAll(heldUntil.keySet());
                all.addAll(budgetShares.keySet());
                return all.size();
            } finally { lock.unlock(); }
        }

        private TokenBucket bucket(ChatRef chat, long now) {
            return chatBuckets.computeIfAbsent(chat, c -> new TokenBucket(lim.perChatPerSecond(), lim.perChatBurst(), now));
        }

        private Window budgetShare(ChatRef chat) {
            return budgetShares.computeIfAbsent(chat, c -> new Window(budgetShare, budgetSpan));
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
            qunzhu.core.PersonaRole persona = accounts.persona(platform.id());
            long now = clock.millis();
            if (failedOver(item, outcome, persona)) return;
            boolean transientFailure = outcome instanceof Outcome.Failed f && !f.permanent();
            if (transientFailure && stopping) {
                // Not retried now, not given up either: its row waits for the next start.
                note(item, persona, outcome);
                stamp(item);
                return;
            }
            if (outcome instanceof Outcome.RetryAfter r) {
                tellRetrying(item, outcome);
                note(item, persona, outcome);
                stamp(item);
                lock.lock();
                try {
                    heldUntil.put(item.action.chat(), now + Math.max(1, r.delay().toMillis()));
                    add(item);
                } finally { lock.unlock(); }
                return;
            }
            if (transientFailure) {
                item.lastFailure = outcome;
                long retryAt = now + Backoff.delay(RETRY_BASE, RETRY_CAP, item.failures++).toMillis();
                if (retryAt >= item.deadline) {
                    // Its next try would be too late to matter.
                    expire(item);
                    return;
                }
                tellRetrying(item, outcome);
                if (logged(item.failures)) note(item, persona, outcome);
                stamp(item);
                item.notBefore = retryAt;
                enqueue(item);
                return;
            }
            // Final: the log row and the end of its pending row commit together.
            finish(new Unrecorded(item, clock.instant(), persona, outcome, null, true, System.nanoTime()));
            if (outcome instanceof Outcome.Moved m) {
                log.info("chat {} moved to {}; re-sending {}", item.action.chat(), m.to(), item.action.kind());
                submit(Actions.withChat(item.action, m.to()));
            }
            tell(item, outcome);
        }

        /**
         * Tells the account's health what the outcome says about it in that chat; when it
         * cannot speak there now (rate-limited, muted, not in the group) and a sibling can, the
         * item moves to the sibling's worker (this try is logged) and true is returned. A done
         * send is also watched for a silent drop, when a sibling in the group can see it.
         */
        private boolean failedOver(Item item, Outcome outcome, qunzhu.core.PersonaRole persona) {
            ChatRef chat = item.action.chat();
            Failover.Trouble trouble = Failover.of(item.action, outcome);
            switch (trouble) {
                case RATE_LIMITED -> accounts.health().rateLimited(platform.id(), chat, ((Outcome.RetryAfter) outcome).delay());
                case MUTED -> accounts.health().muted(platform.id(), chat, null);
                case ABSENT -> accounts.health().absent(platform.id(), chat);
                case NONE -> {
                    if (outcome instanceof Outcome.Done d && Failover.spoken(item.action)) {
                        accounts.health().delivered(platform.id(), chat);
                        if (d.messageId() != null && platform.findsMessages() && hasSibling(chat)) {
                            accounts.drops().expect(platform.id(), chat, d.messageId(), item.action);
                            dropWatchSignal.run();
                        }
                    }
                    return false;
                }
            }
            Move m = failover(item, this, trouble == Failover.Trouble.ABSENT);
            if (m == null) return false;
            note(item, persona, outcome);
            log.info("account {} cannot {} in {} ({}): {} goes through {}", platform.id(), item.action.kind(), chat,
                    trouble.name().toLowerCase(java.util.Locale.ROOT), item.action.kind(), m.to().platform.id());
            m.to().enqueue(m.item());
            return true;
        }

        private boolean hasSibling(ChatRef chat) {
            for (Platform p : accounts.serving(chat)) if (p != platform && p.kind().equals(platform.kind())) return true;
            return false;
        }

        /**
         * Transient failures logged to action_log: each of the first {@value #LOGGED_FAILURES}, then
         * every {@value #LOGGED_EVERY}th, so a day-long outage does not write a row every half minute.
         */
        private boolean logged(int failures) { return failures <= LOGGED_FAILURES || failures % LOGGED_EVERY == 0; }

        /** Drops an item not done within its kind's max_age: a warning, an "expired" log row, its pending row gone. */
        private void expire(Item item) {
            Duration maxAge = lim.maxAge().of(item.action.kind());
            Duration age = Duration.ofMillis(Math.max(0, clock.millis() - item.queuedAt));
            String last = item.lastFailure instanceof Outcome.Failed f ? f.reason() : "none";
            String detail = "not done within max_age " + human(maxAge) + " (queued " + human(age) + " ago, "
                    + item.failures + " failed tries; last: " + last + ")";
            log.warn("account {}: dropping {} to {}: {}", platform.id(), item.action.kind(), item.action.chat(), detail);
            qunzhu.core.PersonaRole persona = accounts.persona(platform.id());
            finish(new Unrecorded(item, clock.instant(), persona, null, detail, true, System.nanoTime()));
            tell(item, new Outcome.Failed("too old: " + detail, true));
        }

        /** An action_log row for a try that is not the last (retried, failed over), written with the next ones. */
        private void note(Item item, qunzhu.core.PersonaRole persona, Outcome outcome) {
            keep(new Unrecorded(item, clock.instant(), persona, outcome, null, false, System.nanoTime()));
            record(false);
        }

        /**
         * The last word on an item: its action_log row and the end of its pending row commit
         * together, with the other rows that wait (see {@link #RECORD_BATCH}); while the store
         * cannot write they wait in memory, in order. A kill meanwhile sends those actions again
         * at the next start. An action with a follow-up is recorded before its feature hears of
         * the outcome: after a kill it is then not done, and announced, twice.
         */
        private void finish(Unrecorded u) {
            keep(u);
            record(u.item().action.followUp() != null);
        }

        private void keep(Unrecorded u) {
            if (unrecorded.size() >= MAX_UNRECORDED) {
                Unrecorded lost = unrecorded.poll();
                if (lost.last()) {
                    log.error("account {}: more than {} outcomes wait for the store; {} to {} stays pending and is sent again at the next start",
                            platform.id(), MAX_UNRECORDED, lost.item().action.kind(), lost.item().action.chat());
                }
            }
            unrecorded.add(u);
            if (!failing) deferred = unrecorded.size();
        }

        /** Real milliseconds until the oldest waiting row is due to be written (at least 1). */
        private long recordDueInMillis() {
            Unrecorded oldest = unrecorded.peek();
            if (oldest == null) return Long.MAX_VALUE;
            long left = RECORD_DEFER_MS * 1_000_000L - (System.nanoTime() - oldest.keptNs());
            return Math.max(1, (left + 999_999) / 1_000_000);
        }

        /**
         * Writes every row that waits, in one transaction: when {@code now} is true, else once
         * {@link #RECORD_BATCH} rows wait or the oldest has waited {@link #RECORD_DEFER_MS}.
         * While the store fails, tries again every {@link #RECORD_RETRY_MS}.
         */
        private void record(boolean now) {
            if (unrecorded.isEmpty()) return;
            long t = System.nanoTime();
            if (failing && t - nextRecordTry < 0) return;
            if (!now && !failing && unrecorded.size() < RECORD_BATCH && t - unrecorded.peek().keptNs() < RECORD_DEFER_MS * 1_000_000L) {
                return;
            }
            try {
                db.tx(c -> {
                    for (Unrecorded u : unrecorded) write(c, u);
                    return null;
                });
            } catch (RuntimeException e) {
                if (!failing) {
                    Unrecorded first = unrecorded.peek();
                    log.error("account {}: the store cannot record what was done ({} to {}, {} row(s) in all); kept until it can: {}",
                            platform.id(), first.item().action.kind(), first.item().action.chat(), unrecorded.size(), e.toString());
                }
                failing = true;
                deferred = 0;
                nextRecordTry = t + RECORD_RETRY_MS * 1_000_000L;
                return;
            }
            if (failing) log.warn("account {}: the store took the {} row(s) kept while it could not write", platform.id(), unrecorded.size());
            failing = false;
            unrecorded.clear();
            deferred = 0;
        }

        private void write(java.sql.Connection c, Unrecorded u) throws java.sql.SQLException {
            Item item = u.item();
            if (u.outcome() == null) actionLog.recordExpired(u.at(), platform.id(), u.persona(), item.action, u.expiredDetail());
            else actionLog.record(u.at(), platform.id(), u.persona(), item.action, u.outcome());
            if (u.last() && item.pendingId > 0) Database.updateIn(c, "DELETE FROM outbox_pending WHERE id = ?", item.pendingId);
        }

        private void tellRetrying(Item item, Outcome outcome) { tellEach(l -> l.retrying(item.action, platform, outcome)); }

        private void tell(Item item, Outcome outcome) { tellEach(l -> l.on(item.action, platform, outcome)); }

        /** A failing listener is logged and does not stop the others or the worker. */
        private void tellEach(java.util.function.Consumer<Listener> call) {
            for (Listener l : listeners) {
                try {
                    call.accept(l);
                } catch (RuntimeException e) {
                    log.error("outbox listener failed: {}", e.toString());
                }
            }
        }
    }
}
