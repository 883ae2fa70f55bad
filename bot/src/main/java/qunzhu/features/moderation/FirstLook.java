package qunzhu.features.moderation;

import qunzhu.core.EventKey;

/**
 * Verdicts reached as messages arrive ({@link qunzhu.feature.Setup#onArrival}), on the adapter's
 * thread and beside the store, kept until the pipeline's thread handles the message. A verdict
 * is kept with the policy and the chat's extras it was reached under; when the handler finds
 * either changed (a /lock, /filter or allowlist entry handled in between, the chat's extras read
 * again), it judges again from the same observed facts, so the windows count a message once.
 */
final class FirstLook {
    /**
     * A message seen on arrival: what the windows recorded, and the verdict (null: none) under
     * {@code policy} and {@code extras}; {@code extras} null when the chat's were not known then
     * (the handler judges with the ones it reads).
     */
    record Judged(Filters.Observed observed, Filters.Decision decision, ModerationConfig policy, Filters.Extras extras) {
        /** The verdict under the policy and extras in force now. */
        Filters.Decision under(Filters filters, Filters.Message m, ModerationConfig now, Filters.Extras extrasNow) {
            if (extras == extrasNow && policy == now) return decision;
            return filters.judge(m, observed.again(), now, extrasNow);
        }
    }

    /** Verdicts kept at most; beyond, messages are judged when handled (bounded far beyond the pipeline's backlog). */
    static final int MAX_KEPT = 100_000;
    /** A verdict whose message was never handled (a copy the log already had) is forgotten after this. */
    static final long KEEP_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
    /** Kept verdicts from which the old ones are swept, at most once a minute. */
    private static final int SWEEP_FROM = 10_000;

    private record Kept(Judged judged, long atNanos) {}

    /**
     * A plain concurrent map: the arrival threads put, the pipeline's thread takes. (A Caffeine
     * cache here did its upkeep of the arrival threads' writes on the pipeline's thread: 5 % of
     * its time on ingest.)
     */
    private final java.util.concurrent.ConcurrentHashMap<EventKey, Kept> judged = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong nextSweep = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());

    /**
     * Judges {@code key} unless it was judged already (an adapter hands a batch in again after
     * the store refused it: the windows must not count it twice) or too many verdicts wait.
     */
    void judge(EventKey key, java.util.function.Supplier<Judged> judge) {
        if (judged.size() >= SWEEP_FROM) sweep();
        if (judged.size() >= MAX_KEPT) return;
        judged.computeIfAbsent(key, k -> new Kept(judge.get(), System.nanoTime()));
    }

    private void sweep() {
        long now = System.nanoTime(), due = nextSweep.get();
        if (now - due < 0 || !nextSweep.compareAndSet(due, now + java.util.concurrent.TimeUnit.MINUTES.toNanos(1))) return;
        judged.values().removeIf(k -> now - k.atNanos() > KEEP_NANOS);
    }

    /** The message's verdict from its arrival, or null when it was not judged then; forgotten here either way. */
    Judged take(EventKey key) {
        Kept k = judged.remove(key);
        return k == null ? null : k.judged();
    }
}
