package qunzhu.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.core.Action;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.feature.Installed;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Services;
import qunzhu.outbox.KeywordPresses;
import qunzhu.outbox.Outbox;
import qunzhu.outbox.SelfDelete;
import qunzhu.platform.EventSink;
import qunzhu.runtime.Wakeup;
import qunzhu.schedule.Job;
import qunzhu.core.ChatRef;
import qunzhu.platform.Backoff;
import qunzhu.store.ActivityLog;
import qunzhu.store.Database;
import qunzhu.store.DeadLetters;
import qunzhu.store.StoreException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * dedupe → activity log → features in order → outbox.
 *
 * <p>Dedupe has two layers: a bounded cache of recently logged keys (several accounts in one
 * group deliver the same message; the copies cost no transaction), and the activity log's
 * unique key, which is the authority across restarts.
 *
 * <p>{@link #accept} is the adapters' sink: the intake's thread writes the batch to the
 * activity log, with every other batch handed in since it last looked, in one transaction (the
 * unique key drops anything seen before, which is the dedupe), and only then does
 * {@code accept} return; the adapter may then acknowledge the batch to its platform. The log
 * has a store and file of its own ({@link qunzhu.store.Database#logStore}), so the intake
 * writes while the features' transaction runs. Features run afterwards on the single pipeline
 * thread, in log order, together with due scheduler jobs, so feature code is never
 * concurrent; the people rows of a logged batch ({@link People}) go first, in the same
 * transaction as the batch's first events. A group of events runs in one transaction with the handled mark, so
 * feature state and the mark commit together; at start-up everything logged after the mark
 * runs again (crash between "logged" and "handled") from a clean state.
 *
 * <p>Nothing is skipped. A group that fails because the store cannot write waits and runs
 * again (the mark stays before it); intake meanwhile throws, so adapters do not acknowledge.
 * A feature that throws on an event is kept in dead_letter with that event, retried at the
 * next start and reported to the log chat; the other features still run.
 *
 * <p>The worker never polls: it waits (see {@link Wakeup}) until new work is queued, a job is
 * scheduled earlier than the next one it knows of, or the injected clock reaches the next due
 * job (on a test clock: until the clock steps). Due jobs are queued by the worker itself.
 */
public final class Pipeline implements EventSink {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
    /**
     * Events and jobs run per transaction, at most: under load a group keeps taking what is
     * queued until it is this big or has run for {@link #GROUP_BUDGET_NANOS} (one commit for
     * many events; a commit is most of the cost of a small group); when quiet, one at a time.
     */
    private static final int GROUP = 2048;
    /** A group stops taking more work after this long, so neither its first events' actions nor the adapters' next batches wait long. */
    private static final long GROUP_BUDGET_NANOS = Duration.ofMillis(50).toNanos();
    /** Events whose mark may wait for a group that writes, or for an idle moment. */
    private static final int MAX_DEFERRED = 1024;
    /** Held-back keys remembered exactly; beyond this they are only counted. */
    private static final int MAX_HELD_KEYS = 100_000;
    /** A dead letter is tried this many times in all (first failure included), then only reported. */
    static final int DEAD_LETTER_ATTEMPTS = 5;
    private long deferredMark;
    private int deferredEvents;

    private final qunzhu.runtime.Threads threads;
    private final ActivityLog activity;
    private final Installed installed;
    private final Services services;
    private final Outbox outbox;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** Counts work ever queued: lets {@link #awaitIdle} see work that arrived while it looked. */
    private final java.util.concurrent.atomic.AtomicLong queued = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.Set<Long> queuedJobs = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Object appendLock = new Object();
    private final KeywordPresses keywordPresses = new KeywordPresses();
    /** Keys logged recently: copies from a second account are dropped without a transaction. */
    private final RecentKeys recent = new RecentKeys(200_000);
    private final DeadLetters deadLetters;
    /** Keys refused at intake while the store could not write (reported when it can again). */
    private final Set<EventKey> heldBack = ConcurrentHashMap.newKeySet();
    private final AtomicLong heldBackBeyond = new AtomicLong();
    /** Ends the worker's wait: new work, an earlier job, a stop, a step of a test clock. */
    private final Wakeup wakeup;
    /** Clock time (epoch ms) from which the worker looks for due jobs; lowered by earlier jobs. */
    private final AtomicLong lookAt = new AtomicLong(0);
    /** True from a clock step or a new job until the worker has looked for due jobs: not idle meanwhile. */
    private final AtomicBoolean lookPending = new AtomicBoolean(true);
    /** How long a job that could not run waits before it is tried again. */
    private static final Duration JOB_RETRY = Duration.ofSeconds(1);
    private volatile Thread thread;
    private volatile boolean running;
    /** A group was given up because the bot is stopping with the store down: run nothing after it. */
    private boolean abandoned;
    private RuntimeException lastFailure;
    private final ChatMover mover;

    public Pipeline(ActivityLog activity, Installed installed, Services services, Outbox outbox, qunzhu.runtime.Threads threads) {
        this.threads = threads;
        this.activity = activity;
        this.installed = installed;
        this.services = services;
        this.outbox = outbox;
        this.deadLetters = new DeadLetters(services.db());
        this.mover = new ChatMover(services, installed);
        services.db().onRecovered(this::storeRecovered);
        this.wakeup = new Wakeup(services.clock(), () -> lookPending.set(true));
        services.scheduler().onScheduled(this::jobScheduled);
    }

    /** A job was scheduled: wake the worker if it is due before the time the worker waits for. */
    private void jobScheduled(java.time.Instant due) {
        long ms = due.toEpochMilli();
        if (lookAt.getAndAccumulate(ms, Math::min) <= ms) return;
        // Due already: the pipeline is not idle until it has queued it.
        if (ms <= services.clock().millis()) lookPending.set(true);
        wakeup.signal();
    }

    /** The installed features: their handlers, jobs and commands. */
    public Installed installed() { return installed; }

    /** Re-queues what was logged but not handled before the last stop, then starts the worker. */
    public void start() {
        retryDeadLetters();
        List<ActivityLog.Logged> left = activity.unhandled();
        if (!left.isEmpty()) log.info("handling {} events logged before the last stop", left.size());
        // their people's rows may not have been written yet (the worker keeps them, with the features)
        enqueue(left);
        running = true;
        thread = threads.start("pipeline", this::loop);
        intakeThread = threads.start("intake", this::intakeLoop);
    }

    /** Queues logged events for the worker, their {@link People} rows first (in log id order, after the events queued before). */
    private void enqueue(List<ActivityLog.Logged> logged) {
        if (logged.isEmpty()) return;
        inFlight.addAndGet(logged.size() + 1);
        queued.addAndGet(logged.size() + 1);
        // before they are queued: a group that takes them must know its transaction sees them
        committedThrough.set(logged.get(logged.size() - 1).id());
        queue.add(new People(logged));
        queue.addAll(logged);
    }

    /**
     * The chat, member and seat rows of a batch just logged ({@link ActivityLog#touchPeople}):
     * queued before the batch's events, and written by the worker in their group's transaction.
     */
    private record People(List<ActivityLog.Logged> fresh) {
        long lastId() { return fresh.get(fresh.size() - 1).id(); }
    }

    /**
     * The intake's thread: writes the batches handed in to the activity log (its own store and
     * file, beside the worker's transactions) and queues their new events for the worker.
     */
    private void intakeLoop() {
        while (true) {
            synchronized (appendLock) {
                while (running && (intake.isEmpty() || queue.size() >= maxBacklog)) {
                    try {
                        // handIn notifies; a full backlog is looked at again every millisecond
                        appendLock.wait(intake.isEmpty() ? 100 : 1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (!running) return;
                lingerIn();
            }
            writeIntake();
            lastIntakeEnd = System.nanoTime();
            wakeup.signal();
        }
    }

    /**
     * Under load (the last commit ended less than {@link #LINGER_NANOS} ago), waits up to that
     * long for more batches to join this commit, until {@link #LINGER_EVENTS} are waiting: a
     * commit's cost is mostly the index pages it rewrites, nearly the same for 100 rows as for
     * 400, so the rows a commit carries are what the intake's rate is made of. When quiet, the
     * batch is written at once. Holds appendLock (the wait releases it).
     *
     * <p>At full ingest it changes neither the rate nor the CPU an event; open loop at 10,000
     * events/s it brings the tails back to what they were with one writer thread (fewer, larger
     * commits leave the adapters' threads more of the two cores: p99 to the moderation decision
     * 4.3 ms against 5.2-5.5 without it), for about a millisecond more until an event is handled
     * (p50 1.8-2.0 ms against 0.7). See BENCHMARKS.md.
     */
    private void lingerIn() {
        long now = System.nanoTime();
        if (now - lastIntakeEnd >= LINGER_NANOS) return;
        long until = now + LINGER_NANOS;
        while (running && pendingIntake.get() < LINGER_EVENTS) {
            long left = until - System.nanoTime();
            if (left <= 0) return;
            try {
                appendLock.wait(left / 1_000_000, (int) (left % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** How long the intake waits for more batches under load (see {@link #lingerIn}). */
    private static final long LINGER_NANOS = java.util.concurrent.TimeUnit.MICROSECONDS.toNanos(1_000);
    /** Events waiting that end the intake's wait for more. */
    private static final int LINGER_EVENTS = 1_000;
    private long lastIntakeEnd = Long.MIN_VALUE / 2;

    private volatile Thread intakeThread;
    /** Transactions the intake committed to the log, and the events they held (handed in, seen before or not). */
    private final AtomicLong intakeCommits = new AtomicLong(), intakeEvents = new AtomicLong();

    /** {commits, events}: how many transactions the intake wrote the log in, and the events handed in through them. */
    public long[] intakeTotals() { return new long[] {intakeCommits.get(), intakeEvents.get()}; }
    /** The highest log id queued for the worker: what its next transaction sees of the log at least. */
    private final AtomicLong committedThrough = new AtomicLong();
    /** One writer of the log at a time: queue order must be log id order (the handled mark relies on it). */
    private final Object writeLock = new Object();

    /**
     * Writes the batch to the activity log and returns once it is durable (the adapter may then
     * acknowledge it); throws when it could not be written. While the pipeline runs, its intake
     * thread writes what every adapter handed in since its last look, in one transaction
     * (group commit: one writer of the log, one commit for many batches), and this call waits
     * for it.
     */
    @Override
    public void accept(List<? extends Event> batch) {
        Intake in = handIn(batch, false, null);
        if (in != null) in.await();
    }

    /**
     * {@link #accept} without the wait: the future completes when the worker has written the
     * batch (the adapter acknowledges it then). The batch is judged ({@link #arrive}) before this
     * returns. Batches waiting to be written are bounded ({@link #MAX_PENDING_INTAKE} events):
     * beyond it this call waits for room, up to {@link #INTAKE_WAIT_SECONDS}, then fails the batch.
     */
    @Override
    public java.util.concurrent.CompletableFuture<Void> submit(List<? extends Event> batch) { return submit(batch, null); }

    private java.util.concurrent.CompletableFuture<Void> submit(List<? extends Event> batch, Sequence seq) {
        try {
            Intake in = handIn(batch, true, seq);
            return in == null ? java.util.concurrent.CompletableFuture.completedFuture(null) : in.written;
        } catch (RuntimeException e) {
            return java.util.concurrent.CompletableFuture.failedFuture(e);
        }
    }

    /**
     * One ordered source's state (see {@link EventSink#ordered}): broken from a failed batch
     * until the source resumes. Read and written under appendLock, where batches join the intake.
     */
    private static final class Sequence {
        boolean broken;
    }

    @Override
    public EventSink.Ordered ordered() {
        Sequence seq = new Sequence();
        return new EventSink.Ordered() {
            @Override public java.util.concurrent.CompletableFuture<Void> submit(List<? extends Event> batch) { return Pipeline.this.submit(batch, seq); }
            @Override public void resume() { synchronized (appendLock) { seq.broken = false; } }

            @Override public void withdraw() {
                List<Intake> taken;
                synchronized (appendLock) { taken = takeWaiting(x -> x.seq == seq); }
                for (Intake b : taken) b.done(new StoreException("withdrawn by its source before it was written", null));
            }
        };
    }

    private static StoreException afterFailure() {
        return new StoreException("an earlier batch from this source was not written; it comes first", null);
    }

    /** Events handed in and not yet taken by the worker: bounds what {@link #submit} can leave waiting. */
    static final int MAX_PENDING_INTAKE = 20_000;
    private final AtomicInteger pendingIntake = new AtomicInteger();

    /**
     * Dedupes and judges the batch, then hands it to the worker (returned, to wait on) or, when
     * there is no worker to take it, writes it here (null: written).
     */
    private Intake handIn(List<? extends Event> batch, boolean waitForRoom, Sequence seq) {
        if (batch.isEmpty()) return null;
        // Every account's copy, before the dedupe: a sibling saw our message, our account left a group.
        for (Event e : batch) services.accounts().observed(e);
        List<Event> unseen = new ArrayList<>(batch.size());
        for (Event e : batch) if (!recent.contains(e.key())) unseen.add(e);
        // Off the pipeline thread: cold chats start fetching their admins, admin changes refresh now.
        for (Event e : unseen) services.roles().directory().saw(e);
        if (unseen.isEmpty()) return null;
        arrive(unseen);
        if (waitForRoom) waitForRoom();
        Intake in = new Intake(unseen, seq);
        boolean handedIn = false;
        synchronized (appendLock) {
            if (seq != null && seq.broken) throw afterFailure();
            if (running && Thread.currentThread() != thread) {
                intake.add(in);
                pendingIntake.addAndGet(unseen.size());
                inFlight.incrementAndGet();
                handedIn = true;
                appendLock.notifyAll();
            }
        }
        if (!handedIn) {
            // Before the start, after the stop, or from the worker itself: written here.
            write(List.of(in));
            in.rethrow();
            wakeup.signal();
            return null;
        }
        wakeup.signal();
        return in;
    }

    private void waitForRoom() {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(INTAKE_WAIT_SECONDS);
        while (pendingIntake.get() >= MAX_PENDING_INTAKE && running) {
            if (System.nanoTime() > deadline) throw new StoreException("the activity log took no batch for " + INTAKE_WAIT_SECONDS + " s", null);
            java.util.concurrent.locks.LockSupport.parkNanos(200_000);
        }
    }

    /**
     * The features' arrival hooks ({@link qunzhu.feature.Setup#onArrival}) see each new event
     * here, on the adapter's thread, before it is logged: the moderation verdict is reached as
     * the message arrives, not when the pipeline's thread gets to it. A hook that throws is
     * skipped for that event (its handler then decides on the pipeline's thread).
     */
    private void arrive(List<Event> events) {
        for (Event e : events) {
            List<Installed.OnArrival<?>> hooks = installed.arrivals(e);
            if (hooks.isEmpty()) continue;
            // a typed keyword becomes a button press on the pipeline's thread: not a message to judge
            if (e instanceof Event.MessagePosted m && keywordPresses.press(m) != null) continue;
            FeatureContext ctx = new FeatureContext(services, e.chat());
            for (Installed.OnArrival<?> h : hooks) {
                try {
                    h.arrived(e, ctx);
                } catch (RuntimeException | StackOverflowError x) {
                    log.debug("{}'s arrival hook failed on {}; its handler decides later: {}", h.feature(), e.key(), x.toString());
                }
            }
        }
    }

    /** A batch handed in by an adapter, waiting until the worker has written it. */
    private static final class Intake {
        final List<Event> events;
        /** The events' JSON for the log (UTF-8), encoded on the adapter's thread. */
        final List<byte[]> payloads;
        final java.util.concurrent.CompletableFuture<Void> written = new java.util.concurrent.CompletableFuture<>();
        /** The ordered source it came from, or null. */
        final Sequence seq;

        Intake(List<Event> events, Sequence seq) {
            this.events = events;
            this.seq = seq;
            List<byte[]> json = new ArrayList<>(events.size());
            for (Event e : events) json.add(qunzhu.store.Codec.encodeUtf8(e));
            this.payloads = json;
        }

        void done(RuntimeException failure) {
            if (failure == null) written.complete(null);
            else written.completeExceptionally(failure);
        }

        /** From an ordered source that an earlier failed batch broke (read under appendLock). */
        boolean behindAFailure() { return seq != null && seq.broken; }

        void await() {
            try {
                written.get(INTAKE_WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                // Still queued: not known to be durable, so not acknowledged. Written later, a
                // copy the platform sends again is dropped by the log's unique key.
                throw new StoreException("the activity log did not take the batch within " + INTAKE_WAIT_SECONDS + " s", null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StoreException("interrupted while the batch was being written", e);
            } catch (java.util.concurrent.ExecutionException e) {
                rethrow();
            }
        }

        void rethrow() {
            if (!written.isCompletedExceptionally()) return;
            try {
                written.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw e;
            }
        }
    }

    /** How long an adapter waits for its batch to be written before it is told it was not. */
    private static final int INTAKE_WAIT_SECONDS = 30;
    /** Batches handed in, for the worker to write (guarded by appendLock). */
    private final List<Intake> intake = new ArrayList<>();

    /**
     * Logged events (and due jobs) waiting for the features, beyond which the worker takes no
     * more batches in: {@code accept} then waits (and after {@link #INTAKE_WAIT_SECONDS} tells
     * the adapter the batch was not written, so it is not acknowledged and comes again). Without
     * it, intake faster than the features grew this queue without bound (about 450 bytes an
     * event: 90 MB at 200,000).
     */
    static final int MAX_BACKLOG = 20_000;
    private volatile int maxBacklog = MAX_BACKLOG;

    /** Lowers {@link #MAX_BACKLOG} (tests). */
    void limitBacklog(int events) { this.maxBacklog = events; }

    /** Writes every batch handed in since the last look, in one transaction, unless the backlog is full (the intake's thread, and the worker as it stops). */
    private void writeIntake() {
        if (running && queue.size() >= maxBacklog) return;
        List<Intake> batches;
        synchronized (appendLock) {
            if (intake.isEmpty()) return;
            batches = new ArrayList<>(intake);
            intake.clear();
        }
        for (Intake b : batches) pendingIntake.addAndGet(-b.events.size());
        try {
            write(batches);
        } finally {
            inFlight.addAndGet(-batches.size());
        }
    }

    /**
     * Appends the batches in one transaction, in order (queue order is log id order, which the
     * handled mark relies on), queues the fresh events and tells each batch how it went. A
     * failure of several batches is tried again batch by batch, so one bad batch cannot keep
     * the others out.
     */
    private void write(List<Intake> batches) {
        synchronized (writeLock) { writeInOrder(batches); }
    }

    private void writeInOrder(List<Intake> batches) {
        List<Event> all = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        for (Intake b : batches) { all.addAll(b.events); payloads.addAll(b.payloads); }
        List<ActivityLog.Logged> fresh;
        try {
            fresh = activity.log(all, payloads);
        } catch (RuntimeException e) {
            if (batches.size() > 1 && services.db().health().writable()) {
                for (Intake b : batches) {
                    boolean behind;
                    synchronized (appendLock) { behind = b.behindAFailure(); }
                    if (behind) b.done(afterFailure());
                    else writeInOrder(List.of(b));
                }
                return;
            }
            // Not durable, so not acknowledged: the adapter keeps or re-reads the batch.
            holdBack(all);
            boolean down = !services.db().health().writable();
            List<Intake> behind;
            synchronized (appendLock) {
                // Their sources are broken before any later batch of theirs can join the intake.
                for (Intake b : batches) if (b.seq != null) b.seq.broken = true;
                // The store is down: every batch waiting fails too; else those of the broken sources.
                behind = takeWaiting(x -> down || x.behindAFailure());
            }
            for (Intake b : batches) b.done(e);
            holdBack(behind.stream().flatMap(b -> b.events.stream()).toList());
            for (Intake b : behind) b.done(down ? e : afterFailure());
            return;
        }
        intakeCommits.incrementAndGet();
        intakeEvents.addAndGet(all.size());
        // Only after the commit: a key in this cache is always durable in the log.
        for (Event e : all) recent.add(e.key());
        for (ActivityLog.Logged l : fresh) {
            if (l.event() instanceof Event.MessagePosted m) services.accounts().owns(m.chat(), m.messageId(), m.account());
        }
        enqueue(fresh);
        for (Intake b : batches) b.done(null);
    }

    /** Tells every batch still waiting that it was not written (the worker is stopping). */
    private void refuseIntake() { refuseWaiting(new StoreException("the bot is stopping; the batch was not written", null)); }

    private void holdBack(List<Event> refused) {
        for (Event u : refused) {
            if (heldBack.size() < MAX_HELD_KEYS) heldBack.add(u.key());
            else heldBackBeyond.incrementAndGet();
        }
    }

    /** Fails every batch still waiting to be written. */
    private void refuseWaiting(RuntimeException why) {
        List<Intake> left;
        synchronized (appendLock) { left = takeWaiting(x -> true); }
        for (Intake b : left) b.done(why);
    }

    /** Takes the waiting batches that {@code which} names out of the intake (they are no longer in flight). Holds appendLock. */
    private List<Intake> takeWaiting(java.util.function.Predicate<Intake> which) {
        List<Intake> taken = new ArrayList<>();
        for (java.util.Iterator<Intake> it = intake.iterator(); it.hasNext(); ) {
            Intake b = it.next();
            if (!which.test(b)) continue;
            it.remove();
            taken.add(b);
        }
        for (Intake b : taken) pendingIntake.addAndGet(-b.events.size());
        inFlight.addAndGet(-taken.size());
        return taken;
    }

    /**
     * Queues the jobs due now (they run on the pipeline thread) and learns when the next one is
     * due. Called by the worker only, once the clock reaches {@link #lookAt}.
     */
    private void queueDueJobs() {
        // Counted as work while it looks, so the pipeline never reads as idle between clearing
        // the pending look and queueing the jobs it found (a test's settle() returned early there).
        inFlight.incrementAndGet();
        try {
            lookDue();
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** New due jobs queued per look at most. */
    private static final int DUE_PER_LOOK = 1_000;

    private void lookDue() {
        lookPending.set(false);
        java.time.Instant now = services.clock().instant();
        // Reset first: a job scheduled while we read lowers it again.
        lookAt.set(Long.MAX_VALUE);
        java.time.Instant next;
        try {
            // The jobs already queued come first (they are the oldest due), then a bounded number
            // of new ones: a backlog of due jobs (verification deadlines after a join wave) is not
            // read and parsed again in full at every look. If the limit was reached, look again
            // as soon as this work is done.
            int limit = queuedJobs.size() + DUE_PER_LOOK;
            List<Job> due = services.scheduler().due(now, limit);
            for (Job j : due) {
                if (queuedJobs.add(j.id())) { inFlight.incrementAndGet(); queued.incrementAndGet(); queue.add(j); }
            }
            next = due.size() == limit ? now : services.scheduler().nextDue(now);
        } catch (RuntimeException e) {
            log.error("could not read the due jobs: {}", e.toString());
            next = now.plus(JOB_RETRY);
        }
        if (next != null) lookAt.accumulateAndGet(next.toEpochMilli(), Math::min);
    }

    /** Nothing in flight, and no job due that the worker has yet to look for (one scheduled from another thread, due now, counts). */
    public boolean idle() { return inFlight.get() == 0 && !lookPending.get() && services.clock().millis() < lookAt.get(); }

    /**
     * Waits until the pipeline and the outbox have nothing left to do now. An action can cause
     * an event (the sandbox reports an approved member's join), so the check is repeated until
     * no work was queued while it looked.
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            long before = queued.get();
            if (idle() && outbox.idle() && idle() && queued.get() == before) return true;
            Thread.sleep(2);
        } while (System.nanoTime() < deadline);
        return false;
    }

    private void loop() {
        List<Object> group = new ArrayList<>(GROUP);
        while (running || !queue.isEmpty()) {
            if (running && (lookPending.get() || services.clock().millis() >= lookAt.get())) queueDueJobs();
            Object first = queue.poll();
            if (first == null) {
                flushMark();
                if (!running) break;
                try {
                    long heldUntil = flushIdleTallies();
                    wakeup.await(Math.min(lookAt.get(), heldUntil));
                } catch (InterruptedException e) {
                    break;
                }
                continue;
            }
            group.clear();
            group.add(first);
            try {
                if (!abandoned) process(group, true);
            } finally {
                for (Object work : group) if (work instanceof Job j) queuedJobs.remove(j.id());
                inFlight.addAndGet(-group.size());
            }
        }
        flushMark();
        synchronized (appendLock) {
            running = false;
            appendLock.notifyAll();
        }
        Thread in = intakeThread;
        if (in != null) {
            try { in.join(10_000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
        writeIntake();
        refuseIntake();
    }

    /**
     * Counters held in memory ({@code Tallies}) are written when the pipeline has nothing to do
     * and they are {@link #IDLE_TALLIES_AFTER} old, rather than in the middle of a busy group
     * (every 10 s at the latest). Returns when to look again (Long.MAX_VALUE: nothing held).
     */
    private long flushIdleTallies() {
        long since = services.db().talliesHeldSince();
        if (since < 0) return Long.MAX_VALUE;
        long due = since + IDLE_TALLIES_AFTER.toMillis();
        if (services.clock().millis() < due) return due;
        try {
            services.db().flushTallies();
        } catch (RuntimeException e) {
            // The store reports its own outage loudly; the counters wait and are written with a later commit.
            log.debug("could not write the held counters yet: {}", e.toString());
            return services.clock().millis() + IDLE_TALLIES_AFTER.toMillis();
        }
        return Long.MAX_VALUE;
    }

    /** How old held counters are before an idle pipeline writes them. */
    static final Duration IDLE_TALLIES_AFTER = Duration.ofSeconds(1);

    /**
     * Runs a group until it is done. While the store cannot write, the group waits and is
     * tried again (its events stay after the handled mark). If it fails while the store can
     * write, its items run one by one; an item that fails alone goes to dead_letter, so the
     * mark may pass it but it is retried at the next start and reported.
     */
    private void process(List<Object> group, boolean take) {
        Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5));
        // Only a first attempt of the loop's own group takes more work from the queue (the
        // loop accounts for what the list holds); a retry runs what it has.
        while (!runGroup(group, take, false)) {
            take = false;
            if (services.db().health().writable()) {
                if (group.size() > 1) {
                    for (Object work : group) if (!abandoned) process(List.of(work), false);
                    return;
                }
                if (giveUp(group.get(0))) return;
            }
            if (!waitForStore(backoff.next())) {
                abandoned = true;
                log.warn("stopping while the store cannot write: {} and what follows stay unhandled and run at the next start",
                        describe(group.get(0)));
                return;
            }
            // An outage ends with a committed write; without one (a quiet intake) the health
            // flag would stay down and a group failing for its own reasons would wait forever.
            services.db().probeWrite();
        }
    }

    /** Keeps an item that fails on its own in dead_letter; false if even that cannot be stored. */
    private boolean giveUp(Object work) {
        RuntimeException why = lastFailure;
        if (work instanceof ActivityLog.Logged l) {
            try {
                services.db().tx(c -> {
                    DeadLetters.recordIn(c, l.id(), l.event(), DeadLetters.PIPELINE, why, services.clock().instant());
                    return null;
                });
            } catch (RuntimeException e) {
                return false;
            }
            log.error("pipeline could not handle {}; kept in dead_letter, retried at the next start: {}", describe(work), String.valueOf(why));
        } else if (work instanceof People p) {
            log.error("pipeline could not keep the people rows of {} event(s) (later events write their rows again, a join or leave"
                    + " among these stays unrecorded there): {}",
                    p.fresh().size(), String.valueOf(why));
        } else {
            log.error("pipeline could not run {}; it stays due and runs again: {}", describe(work), String.valueOf(why));
            lookAt.accumulateAndGet(services.clock().instant().plus(JOB_RETRY).toEpochMilli(), Math::min);
        }
        return true;
    }

    /** Sleeps while the store cannot write; false once stopping. */
    private boolean waitForStore(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (running) {
            long left = end - System.nanoTime();
            if (left <= 0) return true;
            try {
                Thread.sleep(Math.min(50, Math.max(1, left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    /** Commits a mark held back by groups that wrote nothing (see runGroup). */
    private void flushMark() {
        if (deferredMark <= 0) return;
        try {
            activity.markHandled(deferredMark);
            deferredMark = 0;
            deferredEvents = 0;
        } catch (RuntimeException e) {
            log.error("could not store the handled mark: {}", e.toString());
        }
    }

    /**
     * Runs a group of events and jobs in one transaction: every feature's writes, the jobs'
     * done flags and the handled mark commit together, so after a crash the group runs again
     * from a clean state: nothing is lost and nothing counted twice. The actions go to the
     * outbox only after the commit.
     *
     * <p>Optimistic first ({@code careful} false): no savepoints (two statements an event were
     * 7 % of the ingest benchmark's time); if a handler throws, the transaction is rolled back
     * and the group runs again at once, carefully: each event under a savepoint, and a failing
     * one again handler by handler (see {@link #dispatch}). The features' in-memory state then
     * sees the group's events twice, so it must not take what the rolled-back run did for done
     * (GroupRerunTest); a handler that throws is a bug, and its event is kept in dead_letter.
     */
    private boolean runGroup(List<Object> group, boolean take, boolean careful) {
        long started = System.nanoTime();
        List<Action> out = new ArrayList<>();
        List<Long> stored;
        long[] mark = {deferredMark, deferredEvents};
        // What this transaction sees of the log (its first read of the attached file starts a
        // snapshot): events queued later are left for the next group, which sees them.
        long visible = committedThrough.get();
        try {
            stored = services.db().tx(c -> {
                out.clear();
                mark[0] = deferredMark;
                mark[1] = deferredEvents;
                long lastId = 0;
                long changesBefore = Database.totalChanges(c);   // -1 where unknown: counts as a write
                boolean jobs = false;
                for (int i = 0; i < group.size(); i++) {
                    Object work = group.get(i);
                    if (work instanceof ActivityLog.Logged l) {
                        handle(c, l, out, careful);
                        lastId = l.id();
                    } else if (work instanceof Job j) {
                        runJob(c, j, out);
                        jobs = true;
                    } else if (work instanceof People p) {
                        activity.touchPeople(c, p.fresh());
                    }
                    if (take && i == group.size() - 1 && group.size() < GROUP && System.nanoTime() - started < GROUP_BUDGET_NANOS) {
                        Object next = queue.peek();
                        boolean seen = next instanceof ActivityLog.Logged l ? l.id() <= visible : !(next instanceof People p) || p.lastId() <= visible;
                        if (next != null && seen) group.add(queue.poll());
                    }
                }
                if (lastId > 0) {
                    // Features that wrote something, or produced actions (stored below), must
                    // commit with the mark: a replay would count or send them twice. A group that
                    // did neither may leave the mark for later and save a write.
                    boolean wrote = jobs || !out.isEmpty() || changesBefore < 0 || Database.totalChanges(c) != changesBefore
                            || services.db().talliesPending();
                    mark[1] += group.size();
                    if (wrote || mark[1] >= MAX_DEFERRED) {
                        activity.markHandled(lastId);
                        mark[0] = 0;
                        mark[1] = 0;
                    } else {
                        mark[0] = lastId;
                    }
                }
                // The actions commit with the state that produced them: a crash either keeps
                // both (the outbox sends them at the next start) or neither (the group runs again).
                return Outbox.store(c, out);
            });
        } catch (RuntimeException e) {
            if (!careful && e.getCause() instanceof HandlerFailed f) {
                log.debug("a handler failed in a group of {}: running it again with savepoints ({})", group.size(), f.getMessage());
                return runGroup(group, false, true);
            }
            lastFailure = e;
            if (services.db().health().writable()) log.error("pipeline could not store the work of {} item(s): {}", group.size(), e.toString());
            else log.debug("pipeline waits for the store: {}", e.toString());
            return false;
        }
        // Only once committed: a failed group leaves the deferred mark where it was.
        deferredMark = mark[0];
        deferredEvents = (int) mark[1];
        for (int i = 0; i < out.size(); i++) outbox.submitStored(out.get(i), stored.get(i));
        return true;
    }

    /** Typed keywords that press buttons on platforms without buttons; the outbox registers them. */
    public KeywordPresses keywordPresses() { return keywordPresses; }

    /**
     * Runs every feature's handlers on one event, in order, collecting their actions; then the
     * events they emitted (and a {@link Event.MemberAdmitted} for a join nobody stopped), the
     * same way. Carefully, a handler that throws has its writes undone and the (event, feature)
     * kept in dead_letter in the same transaction; the others still run. Optimistically, it
     * throws {@link HandlerFailed}, for the group to run again carefully. If the store itself
     * cannot write, the whole group fails instead, to be retried as a whole.
     */
    private void handle(Connection c, ActivityLog.Logged logged, List<Action> out, boolean careful) throws SQLException {
        if (logged.event() instanceof Event.ChatMigrated m) mover.moved(c, m);
        if (!careful) {
            try {
                run(c, prepare(logged.event()), null, out, null);
            } catch (RuntimeException | StackOverflowError e) {
                if (storeCaused(e) && !services.db().health().writable()) throw new StoreException("the store cannot write: " + e, e);
                throw new HandlerFailed(e);
            }
            return;
        }
        dispatch(c, prepare(logged.event()), null, out, (h, e, error) -> {
            log.error("feature {} failed on {}; kept in dead_letter, retried at the next start", h.feature(), e.key(), error);
            DeadLetters.recordIn(c, logged.id(), e, h.feature(), error, services.clock().instant());
        });
    }

    /** A handler threw in an optimistic group (no savepoints): the group runs again, carefully. */
    private static final class HandlerFailed extends RuntimeException {
        HandlerFailed(Throwable cause) { super(cause.toString(), cause, false, false); }
    }

    /** What to do when one handler threw (its writes are already undone). */
    @FunctionalInterface
    private interface Failure { void on(Installed.On<?> handler, Event event, Throwable error) throws SQLException; }

    /** Follow-up events per logged event, at most (a feature emitting in a loop is a bug, not a hang). */
    private static final int MAX_FOLLOW_UPS = 16;

    /**
     * Runs the handlers (of {@code feature} only, when not null) on {@code first} and then on
     * the events they emit. {@code onFailure} null: a failure is thrown, undoing all of it.
     */
    private void dispatch(Connection c, Event first, String feature, List<Action> out, Failure onFailure) throws SQLException {
        if (onFailure == null) {
            run(c, first, feature, out, null);
            return;
        }
        // Optimistic: one savepoint for the event and its follow-ups, not two statements per
        // handler. Only when a handler throws is the event undone and run again handler by
        // handler, each under its own savepoint, so the failing one is set aside and the others
        // keep their writes. (Features' in-memory state sees that event twice then; a throwing
        // feature is a bug, and the event is kept in dead_letter.)
        int before = out.size();
        Database.savepoint(c);
        try {
            run(c, first, feature, out, null);
            Database.release(c);
        } catch (RuntimeException | StackOverflowError e) {
            if (storeCaused(e) && !services.db().health().writable()) throw new StoreException("the store cannot write: " + e, e);
            Database.rollBackTo(c);
            out.subList(before, out.size()).clear();
            run(c, first, feature, out, onFailure);
        }
    }

    /**
     * Runs the handlers on {@code first} and its follow-ups. With {@code onFailure}, each
     * handler runs under a savepoint and a failing one is undone and reported; without, the
     * first failure is thrown.
     */
    private void run(Connection c, Event first, String feature, List<Action> out, Failure onFailure) throws SQLException {
        boolean careful = onFailure != null;
        java.util.ArrayDeque<Event> pending = new java.util.ArrayDeque<>();
        pending.add(first);
        int followUps = 0;
        while (!pending.isEmpty()) {
            Event event = pending.poll();
            FeatureContext ctx = new FeatureContext(services, event.chat());
            for (Installed.On<?> h : installed.handlers(event)) {
                if (feature != null && !feature.equals(h.feature())) continue;
                if (careful) Database.savepoint(c);
                List<Action> actions;
                try {
                    actions = h.handle(event, ctx);
                    if (careful) Database.release(c);
                } catch (RuntimeException | StackOverflowError e) {
                    if (!careful) throw e;
                    // One feature's bug must not stop the others or the bot; its writes are undone.
                    // (A stack overflow is a bug on one input, not a broken JVM: the event is kept, the
                    // bot goes on; if it killed the pipeline, a supervisor's restart would replay it forever.)
                    Database.rollBackTo(c);
                    if (storeCaused(e) && !services.db().health().writable()) throw new StoreException("the store cannot write: " + e, e);
                    onFailure.on(h, event, e);
                    continue;
                }
                out.addAll(actions);
                if (ctx.stopped()) break;
            }
            List<Event> next = new ArrayList<>(ctx.emitted());
            // A join that no gatekeeper stopped (ban, raid, verification pending) admits the member.
            if (event instanceof Event.MemberJoined j && !ctx.stopped()) {
                next.add(0, new Event.MemberAdmitted(EventKey.of(j.chat(), "admitted:" + j.key().nativeId()), j.chat(), j.at(), j.account(), j.member()));
            }
            for (Event e : next) {
                if (++followUps > MAX_FOLLOW_UPS) {
                    log.error("dropping follow-up {} of {}: more than {} follow-ups", e.getClass().getSimpleName(), first.key(), MAX_FOLLOW_UPS);
                    break;
                }
                pending.add(e);
            }
        }
    }

    private static boolean storeCaused(Throwable e) {
        for (Throwable x = e; x != null; x = x.getCause()) if (x instanceof StoreException || x instanceof SQLException) return true;
        return false;
    }

    /** Keyword presses become button presses; a reply without its author gets it from the log. */
    private Event prepare(Event event) {
        if (event instanceof Event.MessagePosted m) {
            Event.ButtonPressed press = keywordPresses.press(m);
            if (press != null) return press;
            if (m.replyToId() != null && m.replyToAuthor() == null) return withReplyAuthor(m);
        }
        return event;
    }

    /** Platforms that give only the replied message's id (OneBot): its author comes from the log. */
    private Event.MessagePosted withReplyAuthor(Event.MessagePosted m) {
        MemberRef author = activity.authorOf(m.chat().platform(), m.chat().id(), m.replyToId());
        if (author == null) {
            String account = activity.senderAccountOf(m.chat().platform(), m.chat().id(), m.replyToId());
            qunzhu.platform.Platform p = account == null ? null : services.accounts().get(account);
            if (p == null || p.selfId() == null) return m;
            qunzhu.core.PersonaRole role = services.accounts().persona(account);
            author = new MemberRef(p.selfId(), role == null ? null : role.name(), true);
        }
        return new Event.MessagePosted(m.key(), m.chat(), m.at(), m.account(), m.author(), m.messageId(), m.text(), m.replyToId(),
                author, m.forwarded(), m.media(), m.fromChannel(), m.sentAsChat());
    }

    private void runJob(Connection c, Job job, List<Action> out) throws SQLException {
        FeatureContext ctx = new FeatureContext(services, job.chat());
        Action.Delete selfDelete = SelfDelete.deletion(job);
        if (selfDelete != null) {
            out.add(selfDelete);
        } else {
            for (Installed.OnJob h : installed.jobs(job.owner(), job.kind())) {
                Database.savepoint(c);
                try {
                    out.addAll(h.run(job, ctx));
                    Database.release(c);
                } catch (RuntimeException | StackOverflowError e) {
                    Database.rollBackTo(c);
                    log.error("feature {} failed on job {} ({})", h.feature(), job.id(), job.kind(), e);
                }
            }
            if (!ctx.emitted().isEmpty()) {
                for (Event e : ctx.emitted()) dispatch(c, e, null, out, (h, ev, error) ->
                        log.error("feature {} failed on {} after job {}", h.feature(), ev.getClass().getSimpleName(), job.id(), error));
            }
        }
        // Done in the same transaction as the job's own writes: a crash repeats both or neither.
        services.scheduler().done(job.id());
    }

    private static String describe(Object work) {
        if (work instanceof ActivityLog.Logged l) return "event " + l.event().key();
        if (work instanceof Job j) return "job " + j.id() + " (" + j.owner() + "/" + j.kind() + ")";
        if (work instanceof People p) return "the people rows of " + p.fresh().size() + " event(s)";
        return String.valueOf(work);
    }

    /**
     * Before the worker starts: runs each dead letter's feature on its event again (that
     * feature only), at most {@link #DEAD_LETTER_ATTEMPTS} times in all. A success removes the
     * letter and its actions go out; what is left is logged and told to the log chat.
     */
    private void retryDeadLetters() {
        int fixed = 0;
        try {
            for (DeadLetters.Letter letter : deadLetters.retryable(DEAD_LETTER_ATTEMPTS)) {
                if (retry(letter)) fixed++;
            }
        } catch (RuntimeException e) {
            log.error("could not retry dead letters: {}", e.toString());
        }
        if (fixed > 0) log.info("{} dead letter(s) handled on retry", fixed);
        Map<String, Long> left;
        try {
            left = deadLetters.countsByFeature();
        } catch (RuntimeException e) {
            log.error("could not read dead letters: {}", e.toString());
            return;
        }
        if (left.isEmpty()) return;
        List<String> lines = new ArrayList<>();
        left.forEach((feature, n) -> {
            log.warn("{} event(s) could not be handled by feature {}; see dead_letter", n, feature);
            lines.add(services.texts().format(services.config().locale(), "core.dead_letters", "count", n, "feature", feature));
        });
        tellOperators(String.join("\n", lines));
    }

    private boolean retry(DeadLetters.Letter letter) {
        Event logged = deadLetters.event(letter);
        String only = DeadLetters.PIPELINE.equals(letter.feature()) ? null : letter.feature();
        boolean known = only == null || installed.features().stream().anyMatch(f -> f.name().equals(only));
        if (logged == null || !known) return false;
        Event event = prepare(logged);
        List<Action> out = new ArrayList<>();
        boolean[] ok = {false};
        List<Long> stored = services.db().tx(c -> {
            out.clear();
            Database.savepoint(c);
            try {
                dispatch(c, event, only, out, null);
                Database.release(c);
                DeadLetters.removeIn(c, letter.id());
                ok[0] = true;
            } catch (RuntimeException | StackOverflowError e) {
                Database.rollBackTo(c);
                out.clear();
                DeadLetters.failedAgainIn(c, letter.id(), e, services.clock().instant());
                log.warn("feature {} failed again on {} (attempt {}): {}", letter.feature(), event.key(), letter.attempts() + 1, e.toString());
            }
            return Outbox.store(c, out);
        });
        for (int i = 0; i < out.size(); i++) outbox.submitStored(out.get(i), stored.get(i));
        return ok[0];
    }

    /** The store writes again: say so in the log chat, with how long and how much was held back. */
    private void storeRecovered(Database.Outage outage) {
        long held = heldBack.size() + heldBackBeyond.getAndSet(0);
        heldBack.clear();
        log.warn("the store writes again after {}; {} update(s) were held back meanwhile", outage.length(), held);
        tellOperators(services.texts().format(services.config().locale(), "core.store_recovered",
                "duration", new qunzhu.text.TimeWords(services.texts(), services.config().zone()).duration(outage.length(), services.config().locale()), "failures", outage.failures(), "held", held));
    }

    private void tellOperators(String text) {
        ChatRef logChat = services.config().logChat();
        if (logChat == null) return;
        try {
            outbox.submit(Action.Send.of(logChat, qunzhu.core.PersonaRole.REPORTER, text));
        } catch (RuntimeException e) {
            log.error("could not tell the log chat: {}", e.toString());
        }
    }

    /** Stops taking work and finishes what is queued. */
    public void stop() {
        synchronized (appendLock) {
            running = false;
            appendLock.notifyAll();
        }
        wakeup.signal();
        if (thread != null) {
            try { thread.join(10_000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
        wakeup.close();
    }
}
