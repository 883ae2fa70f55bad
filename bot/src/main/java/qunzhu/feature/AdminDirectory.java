package qunzhu.feature;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.core.Admin;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.MemberRef;
import qunzhu.runtime.Threads;

/**
 * The one cache of every chat's platform admins. Adapters only fetch ({@code Platform.admins});
 * this class decides when, on a small pool of its own, never on the pipeline thread and never
 * under the store's transaction.
 *
 * <ul>
 * <li>A chat's list is kept until a newer one arrives. Older than {@link Timing#fresh} it is
 *     still served at once, and a refresh starts in the background (stale while revalidate).</li>
 * <li>A failed or timed-out fetch is never stored as "no admins": the last good list stays.
 *     The next event or lookup of that chat tries again at once after a first failure (the
 *     start-up prefetch may run before an account has connected), then after a backoff of 1 s,
 *     2 s, 4 s ... up to {@link Timing#maxRetry}.</li>
 * <li>One fetch per chat at a time, and at most one pool thread per chat even when a fetch hangs
 *     past its timeout; so a chat whose platform call hangs holds one thread, not the pool.</li>
 * <li>An admin change the platform reports ({@link Event.AdminsChanged}) drops that member from
 *     the list at once (a demoted admin loses rights now, a promoted one gains them when the
 *     refresh lands) and refreshes the chat at once.</li>
 * </ul>
 *
 * <p>Cold chats (never fetched): every event is shown to the directory when it is accepted
 * ({@link #saw}, on the adapter's thread, before the pipeline handles it) and the bot prefetches
 * its configured groups at start, so a chat's first list is usually in before it is needed.
 * {@link #known} never waits: a cold chat has no admins yet (filters treat its admins as members
 * until the list lands). {@link #confirmed} is for the decisions that grant rights (a moderator
 * command): when the list is cold or was invalidated and a fetch is in flight, it waits for that
 * fetch up to {@link Timing#coldWait}, and only the first caller per fetch waits; if that fetch
 * hangs, later callers get the answer without the list at once. So a hanging platform call costs
 * the pipeline at most one short wait per fetch attempt, never the full network timeout.
 */
public final class AdminDirectory {
    private static final Logger log = LoggerFactory.getLogger(AdminDirectory.class);

    /** Reads a chat's admins from the platform; throws when it cannot tell (never returns "none" for a failure). */
    @FunctionalInterface
    public interface Source {
        List<Admin> fetch(ChatRef chat) throws Exception;
    }

    /**
     * @param fresh        how long a list is served without a refresh
     * @param fetchTimeout a fetch not done by then counts as failed (its thread may still be busy)
     * @param coldWait     the longest a {@link #confirmed} lookup waits for a cold chat's fetch
     * @param firstRetry   the backoff after the second failure in a row (none after the first); doubles per failure
     * @param maxRetry     the longest backoff
     */
    public record Timing(Duration fresh, Duration fetchTimeout, Duration coldWait, Duration firstRetry, Duration maxRetry) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ofSeconds(2),
                Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    private final Source source;
    private final Clock clock;
    private final Timing timing;
    private final ExecutorService pool;
    private final ScheduledExecutorService timer;
    private final Cache<ChatRef, Slot> slots = Caffeine.newBuilder().maximumSize(200_000).build();

    public AdminDirectory(Source source, Clock clock, Threads threads, Timing timing) {
        this.source = source;
        this.clock = clock;
        this.timing = timing;
        this.pool = threads.pool("admins", 4);
        this.timer = threads.scheduled("admins-timeout");
    }

    /** What one chat's entry knows. All fields are guarded by the slot itself. */
    private static final class Slot {
        final ChatRef chat;
        /** The last good list; null until a fetch first succeeds. */
        List<Admin> admins;
        Instant fetchedAt;
        /** The platform reported an admin change after {@link #fetchedAt}. */
        boolean invalid;
        /** An admin change arrived while a fetch was running: its answer may predate it. */
        boolean again;
        /** The members those changes named: left out of that answer, which may predate them. */
        final Set<String> changedWhileRunning = new HashSet<>();
        int failures;
        /** No new fetch before this after a failure; null when none failed. */
        Instant retryAt;
        /** The fetch callers may wait for; null when none is pending (or it timed out). */
        Attempt attempt;
        /** A pool thread is inside {@link Source#fetch} for this chat (possibly past its timeout). */
        boolean running;

        Slot(ChatRef chat) { this.chat = chat; }
    }

    private static final class Attempt {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        Future<?> task;
        Future<?> timeout;
        boolean started;
        /** Timed out before a thread took it: the thread then does nothing. */
        boolean abandoned;
        /** A caller already waited the cold wait out on this attempt: nobody waits on it again. */
        boolean waitedOut;
    }

    /** Shown every accepted event (adapter thread): warms a cold or stale chat, applies admin changes. */
    public void saw(Event event) {
        if (event.chat() == null || event.chat().isPrivate()) return;   // a private chat has no admins
        if (event instanceof Event.AdminsChanged a) changed(a.chat(), a.member());
        else warm(event.chat());
    }

    /** Starts fetching these chats in the background (the configured groups, at start). */
    public void prefetch(Collection<ChatRef> chats) {
        for (ChatRef c : chats) warm(c);
    }

    /** Starts a fetch when the chat is cold, stale or invalidated and no backoff holds it. Never waits. */
    public void warm(ChatRef chat) {
        Slot s = slot(chat);
        synchronized (s) { startIfDue(s); }
    }

    /** The chat's admins as known now (empty while cold); refreshes in the background when due. Never waits. */
    public List<Admin> known(ChatRef chat) {
        Slot s = slot(chat);
        synchronized (s) {
            startIfDue(s);
            return list(s);
        }
    }

    /**
     * The chat's admins for a decision that grants rights: like {@link #known}, but when the list
     * is cold or invalidated and a fetch is in flight, waits for it up to {@link Timing#coldWait}
     * (only the first caller per fetch waits). After a failure the answer is what is known.
     */
    public List<Admin> confirmed(ChatRef chat) {
        Slot s = slot(chat);
        Attempt a;
        synchronized (s) {
            startIfDue(s);
            boolean unsure = s.admins == null || s.invalid;
            if (!unsure || s.attempt == null || s.attempt.waitedOut) return list(s);
            a = s.attempt;
        }
        try {
            a.done.get(timing.coldWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            synchronized (s) { a.waitedOut = true; }
            log.warn("admins of {} not known after {}: answering without them", chat, timing.coldWait());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // never completed exceptionally; nothing to do
        }
        synchronized (s) { return list(s); }
    }

    /** The platform reported that {@code member}'s admin status changed: drop them now, refresh now. */
    public void changed(ChatRef chat, MemberRef member) {
        Slot s = slot(chat);
        synchronized (s) {
            if (member != null) {
                s.admins = without(s.admins, Set.of(member.id()));
                if (s.running) s.changedWhileRunning.add(member.id());
            }
            invalidate(s);
        }
    }

    /** The chat's list is out of date (admins changed, the chat moved): refresh at once. */
    public void invalidate(ChatRef chat) {
        Slot s = slot(chat);
        synchronized (s) { invalidate(s); }
    }

    private void invalidate(Slot s) {
        s.invalid = true;
        s.retryAt = null;
        if (s.running) s.again = true;
        startIfDue(s);
    }

    private Slot slot(ChatRef chat) { return slots.get(chat, Slot::new); }

    private static List<Admin> list(Slot s) { return s.admins == null ? List.of() : s.admins; }

    private static List<Admin> without(List<Admin> admins, Set<String> members) {
        if (admins == null || members.isEmpty()) return admins;
        List<Admin> kept = new ArrayList<>(admins);
        kept.removeIf(a -> members.contains(a.memberId()));
        return List.copyOf(kept);
    }

    /** Caller holds the slot. */
    private void startIfDue(Slot s) {
        if (s.attempt != null || s.running) return;
        Instant now = clock.instant();
        boolean due = s.admins == null || s.invalid || !now.isBefore(s.fetchedAt.plus(timing.fresh()));
        if (!due || (s.retryAt != null && now.isBefore(s.retryAt))) return;
        Attempt a = new Attempt();
        s.attempt = a;
        s.running = true;
        try {
            a.task = pool.submit(() -> run(s, a));
            a.timeout = timer.schedule(() -> timedOut(s, a), timing.fetchTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Shutting down: nothing will fetch any more.
            s.attempt = null;
            s.running = a.started;
            a.abandoned = true;
            a.done.complete(null);
        }
    }

    private void run(Slot s, Attempt a) {
        synchronized (s) {
            if (a.abandoned) return;
            a.started = true;
        }
        List<Admin> fetched = null;
        Exception failure = null;
        try {
            fetched = List.copyOf(source.fetch(s.chat));
        } catch (Exception e) {
            failure = e;
        }
        synchronized (s) {
            s.running = false;
            if (fetched != null) {
                // An answer that may predate an admin change still leaves the changed members out.
                s.admins = s.again ? without(fetched, s.changedWhileRunning) : fetched;
                s.fetchedAt = clock.instant();
                s.invalid = s.again;
                s.failures = 0;
                s.retryAt = null;
            } else if (s.attempt == a) {
                failed(s, failure.toString());
            }
            s.again = false;
            s.changedWhileRunning.clear();
            if (s.attempt == a) s.attempt = null;
            if (a.timeout != null) a.timeout.cancel(false);
            a.done.complete(null);
            if (s.invalid) startIfDue(s);
        }
    }

    private void timedOut(Slot s, Attempt a) {
        boolean interrupt;
        synchronized (s) {
            if (s.attempt != a) return;
            s.attempt = null;
            failed(s, "no answer within " + timing.fetchTimeout());
            interrupt = a.started;
            if (!a.started) { a.abandoned = true; s.running = false; }
        }
        // The thread stays this chat's until the platform call returns; an interrupt may end it sooner.
        if (interrupt && a.task != null) a.task.cancel(true);
        a.done.complete(null);
    }

    /** Caller holds the slot. */
    private void failed(Slot s, String why) {
        s.failures++;
        Duration wait = s.failures == 1 ? Duration.ZERO : timing.firstRetry().multipliedBy(1L << Math.min(s.failures - 2, 20));
        if (wait.compareTo(timing.maxRetry()) > 0) wait = timing.maxRetry();
        s.retryAt = clock.instant().plus(wait);
        log.warn("could not read the admins of {} ({} failure(s) in a row; {} kept; next try after {}): {}", s.chat, s.failures,
                s.admins == null ? "nothing" : "the last good list", wait, why);
    }
}
