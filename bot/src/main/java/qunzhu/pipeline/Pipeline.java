package qunzhu.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.core.Action;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Services;
import qunzhu.outbox.Outbox;
import qunzhu.platform.EventSink;
import qunzhu.schedule.Job;
import qunzhu.store.ActivityLog;

/**
 * dedupe → activity log → features in order → outbox.
 *
 * <p>Dedupe has two layers: a bounded cache of recently logged keys (several accounts in one
 * group deliver the same message; the copies cost no transaction), and the activity log's
 * unique key, which is the authority across restarts.
 *
 * <p>{@link #accept} is the adapters' sink: it writes the batch to the activity log in one
 * transaction (the unique key drops anything seen before, which is the dedupe) and returns;
 * the adapter may then acknowledge the batch to its platform. Features run afterwards on the
 * single pipeline thread, in log order, together with due scheduler jobs, so feature code is
 * never concurrent. A group of events runs in one transaction with the handled mark, so
 * feature state and the mark commit together; at start-up everything logged after the mark
 * runs again (crash between "logged" and "handled") from a clean state.
 */
public final class Pipeline implements EventSink {
    private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
    /** Events and jobs run per transaction (fewer commits under load, one at a time when quiet). */
    private static final int GROUP = 64;
    /** Events whose mark may wait for a group that writes, or for an idle moment. */
    private static final int MAX_DEFERRED = 1024;
    private long deferredMark;
    private int deferredEvents;

    private final qunzhu.runtime.Threads threads;
    private final ActivityLog activity;
    private final List<Feature> features;
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
    private final Cache<EventKey, Boolean> recent = Caffeine.newBuilder()
            .maximumSize(200_000).expireAfterWrite(Duration.ofMinutes(30)).build();
    private Thread thread;
    private volatile boolean running;

    public Pipeline(ActivityLog activity, List<Feature> features, Services services, Outbox outbox, qunzhu.runtime.Threads threads) {
        this.threads = threads;
        this.activity = activity;
        this.features = List.copyOf(features);
        this.services = services;
        this.outbox = outbox;
    }

    public List<Feature> features() { return features; }

    /** Re-queues what was logged but not handled before the last stop, then starts the worker. */
    public void start() {
        List<ActivityLog.Logged> left = activity.unhandled();
        if (!left.isEmpty()) log.info("handling {} events logged before the last stop", left.size());
        for (ActivityLog.Logged l : left) { inFlight.incrementAndGet(); queue.add(l); }
        running = true;
        thread = threads.start("pipeline", this::loop);
    }

    @Override
    public void accept(List<? extends Event> batch) {
        if (batch.isEmpty()) return;
        // One lock keeps queue order equal to log id order, which the handled mark relies on.
        synchronized (appendLock) {
            List<Event> unseen = new ArrayList<>(batch.size());
            for (Event e : batch) if (recent.getIfPresent(e.key()) == null) unseen.add(e);
            // Off the pipeline thread: cold chats start fetching their admins, admin changes refresh now.
            for (Event e : unseen) services.roles().directory().saw(e);
            if (unseen.isEmpty()) return;
            List<ActivityLog.Logged> fresh = activity.append(unseen);
            // Only after the commit: a key in this cache is always durable in the log.
            for (Event e : unseen) recent.put(e.key(), Boolean.TRUE);
            for (ActivityLog.Logged l : fresh) {
                if (l.event() instanceof Event.MessagePosted m) services.accounts().owns(m.chat(), m.messageId(), m.account());
            }
            inFlight.addAndGet(fresh.size());
            queued.addAndGet(fresh.size());
            queue.addAll(fresh);
        }
    }

    /** Runs due jobs on the pipeline thread. */
    public void runDueJobs() {
        for (Job j : services.scheduler().due()) {
            if (queuedJobs.add(j.id())) { inFlight.incrementAndGet(); queued.incrementAndGet(); queue.add(j); }
        }
    }

    public boolean idle() { return inFlight.get() == 0; }

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
            Object first;
            try {
                first = queue.poll(50, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                break;
            }
            if (first == null) {
                flushMark();
                continue;
            }
            group.clear();
            group.add(first);
            queue.drainTo(group, GROUP - 1);
            try {
                if (!runGroup(group)) {
                    // Something failed below the features (the store): take them one by one so
                    // one bad event cannot hold back the others.
                    for (Object work : group) if (!runGroup(List.of(work))) log.error("pipeline skipped {}", describe(work));
                }
            } finally {
                for (Object work : group) if (work instanceof Job j) queuedJobs.remove(j.id());
                inFlight.addAndGet(-group.size());
            }
        }
        flushMark();
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
     */
    private boolean runGroup(List<Object> group) {
        List<Action> out = new ArrayList<>();
        List<Long> stored;
        try {
            stored = services.db().tx(c -> {
                long lastId = 0;
                long changesBefore = changes(c);
                boolean jobs = false;
                for (Object work : group) {
                    if (work instanceof ActivityLog.Logged l) {
                        handle(c, l.event(), out);
                        lastId = l.id();
                    } else if (work instanceof Job j) {
                        runJob(c, j, out);
                        jobs = true;
                    }
                }
                if (lastId > 0) {
                    // Features that wrote something, or produced actions (stored below), must
                    // commit with the mark: a replay would count or send them twice. A group that
                    // did neither may leave the mark for later and save a write.
                    boolean wrote = jobs || !out.isEmpty() || changesBefore < 0 || changes(c) != changesBefore;
                    deferredEvents += group.size();
                    if (wrote || deferredEvents >= MAX_DEFERRED) {
                        activity.markHandled(lastId);
                        deferredMark = 0;
                        deferredEvents = 0;
                    } else {
                        deferredMark = lastId;
                    }
                }
                // The actions commit with the state that produced them: a crash either keeps
                // both (the outbox sends them at the next start) or neither (the group runs again).
                return Outbox.store(c, out);
            });
        } catch (RuntimeException e) {
            log.error("pipeline could not store the work of {} item(s): {}", group.size(), e.toString());
            return false;
        }
        for (int i = 0; i < out.size(); i++) outbox.submitStored(out.get(i), stored.get(i));
        return true;
    }

    /** Typed keywords that press buttons on platforms without buttons; the outbox registers them. */
    public KeywordPresses keywordPresses() { return keywordPresses; }

    /** Rows changed so far on this connection (SQLite); -1 where unknown, which counts as a write. */
    private static long changes(Connection c) {
        try (java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT total_changes()")) {
            return rs.next() ? rs.getLong(1) : -1;
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Runs every feature on one event, in order, collecting their actions. */
    private void handle(Connection c, Event event, List<Action> out) throws SQLException {
        if (event instanceof Event.MessagePosted m) {
            Event.ButtonPressed press = keywordPresses.press(m);
            if (press != null) event = press;
            else if (m.replyToId() != null && m.replyToAuthor() == null) event = withReplyAuthor(m);
        }
        FeatureContext ctx = new FeatureContext(services, event.chat());
        for (Feature f : features) {
            Savepoint sp = c.setSavepoint();
            List<Action> actions;
            try {
                actions = f.on(event, ctx);
                c.releaseSavepoint(sp);
            } catch (RuntimeException e) {
                // One feature's bug must not stop the others or the bot; its writes are undone.
                c.rollback(sp);
                log.error("feature {} failed on {}", f.name(), event.key(), e);
                continue;
            }
            out.addAll(actions);
            if (ctx.stopped()) break;
        }
    }

    /** Platforms that give only the replied message's id (OneBot): its author comes from the log. */
    private Event.MessagePosted withReplyAuthor(Event.MessagePosted m) {
        MemberRef author = activity.authorOf(m.chat().platform(), m.chat().id(), m.replyToId());
        if (author == null) {
            String account = activity.senderAccountOf(m.chat().platform(), m.chat().id(), m.replyToId());
            qunzhu.platform.Platform p = account == null ? null : services.accounts().get(account);
            if (p == null || p.selfId() == null) return m;
            author = new MemberRef(p.selfId(), services.accounts().persona(account), true);
        }
        return new Event.MessagePosted(m.key(), m.chat(), m.at(), m.account(), m.author(), m.messageId(), m.text(), m.replyToId(),
                author, m.forwarded(), m.media(), m.fromChannel(), m.sentAsChat());
    }

    private void runJob(Connection c, Job job, List<Action> out) throws SQLException {
        FeatureContext ctx = new FeatureContext(services, job.chat());
        if ("outbox".equals(job.owner()) && "delete".equals(job.kind()) && job.chat() != null) {
            out.add(new Action.Delete(job.chat(), job.payload(), "auto-delete"));
        } else {
            for (Feature f : features) {
                if (!f.name().equals(job.owner())) continue;
                Savepoint sp = c.setSavepoint();
                try {
                    out.addAll(f.onJob(job, ctx));
                    c.releaseSavepoint(sp);
                } catch (RuntimeException e) {
                    c.rollback(sp);
                    log.error("feature {} failed on job {} ({})", f.name(), job.id(), job.kind(), e);
                }
            }
        }
        // Done in the same transaction as the job's own writes: a crash repeats both or neither.
        services.scheduler().done(job.id());
    }

    private static String describe(Object work) {
        if (work instanceof ActivityLog.Logged l) return "event " + l.event().key();
        if (work instanceof Job j) return "job " + j.id() + " (" + j.owner() + "/" + j.kind() + ")";
        return String.valueOf(work);
    }

    /** Stops taking work and finishes what is queued. */
    public void stop() {
        running = false;
        if (thread != null) {
            try { thread.join(10_000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
    }
}
