package qunzhu.features.moderation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
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

    /**
     * Bounded beyond the pipeline's backlog; a verdict evicted or expired before its message is
     * handled is reached again then (the windows do not count the message twice).
     */
    private final Cache<EventKey, Judged> judged = Caffeine.newBuilder().executor(Runnable::run)
            .maximumSize(100_000).expireAfterWrite(Duration.ofMinutes(10)).build();

    /** Judges {@code key} unless it was judged already (an adapter hands a batch in again after the store refused it). */
    void judge(EventKey key, java.util.function.Supplier<Judged> judge) { judged.get(key, k -> judge.get()); }

    /** The message's verdict from its arrival, or null when it was not judged then; forgotten here either way. */
    Judged take(EventKey key) { return judged.asMap().remove(key); }

    long size() { return judged.estimatedSize(); }
}
