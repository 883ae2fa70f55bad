package qunzhu.features.moderation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The sliding windows behind flood control and ad-wave detection, in Caffeine caches that are
 * bounded in size and forget a key once its window has passed. Time is the event time given
 * by {@code nowMillis} (the bot's clock live, the replayed message's time in a backtest).
 */
final class Windows {
    /** One message seen in an ad wave. */
    record Seen(String chat, String member, String messageId, long at) {}

    private static final int WAVE_KEEP = 64;
    /** Keys kept live per cache: members active within the longest window, not all members. */
    static final long LIVE_MAX_KEYS = 200_000;
    /** How long a chain's list is remembered: a 接龙 runs for hours, often a day. */
    private static final Duration CHAIN_MEMORY = Duration.ofDays(2);

    private final Cache<String, long[]> flood;
    private final Cache<String, List<Seen>> waves;
    /** Numbered lists seen per chat (keys from {@link Chains#key}), for telling a 接龙 from an ad wave. */
    private final Cache<String, Boolean> lists;

    Windows(LongSupplier nowMillis, long maxKeys, Duration longestWindow) {
        com.github.benmanes.caffeine.cache.Ticker ticker = () -> nowMillis.getAsLong() * 1_000_000L;
        this.flood = Caffeine.newBuilder().ticker(ticker).maximumSize(maxKeys).expireAfterAccess(longestWindow).build();
        this.waves = Caffeine.newBuilder().ticker(ticker).maximumSize(maxKeys).expireAfterWrite(longestWindow).build();
        this.lists = Caffeine.newBuilder().ticker(ticker).maximumSize(maxKeys).expireAfterWrite(CHAIN_MEMORY).build();
    }

    /**
     * Records a message of {@code key} at {@code at} and says whether it is at least the
     * {@code limit}-th within {@code window}. Keeps only the last {@code limit} times.
     */
    boolean flood(String key, long at, int limit, Duration window) {
        long[] ring = flood.get(key, k -> new long[limit + 1]);
        if (ring.length != limit + 1) {
            ring = new long[limit + 1];
            flood.put(key, ring);
        }
        // ring[limit] is the next slot; ring[0..limit-1] the times (0 = empty)
        int next = (int) ring[limit];
        ring[next] = at;
        ring[limit] = (next + 1) % limit;
        int oldest = (int) ring[limit];
        return ring[oldest] != 0 && at - ring[oldest] <= window.toMillis();
    }

    /**
     * Records {@code seen} under the normalised text and returns every sighting of it within
     * {@code window}, this one included.
     */
    List<Seen> wave(String text, Seen seen, Duration window) {
        List<Seen> list = waves.get(text, k -> new ArrayList<>());
        synchronized (list) {
            list.removeIf(s -> seen.at() - s.at() > window.toMillis());
            if (list.size() >= WAVE_KEEP) list.remove(0);
            list.add(seen);
            return List.copyOf(list);
        }
    }

    /**
     * Records the numbered list {@code items} of a message in {@code chat} and says whether it
     * extends a list seen there before by one line (a 接龙 growing).
     */
    boolean extendsList(String chat, List<String> items) {
        if (items.isEmpty()) return false;
        boolean grows = items.size() >= 2 && lists.getIfPresent(Chains.key(chat, items, items.size() - 1)) != null;
        lists.put(Chains.key(chat, items, items.size()), Boolean.TRUE);
        return grows;
    }

    /** Forgets a flood key (raid mode switched off by hand starts counting afresh). */
    void forget(String key) { flood.invalidate(key); }

    long size() { return flood.estimatedSize() + waves.estimatedSize() + lists.estimatedSize(); }

    void cleanUp() { flood.cleanUp(); waves.cleanUp(); lists.cleanUp(); }
}
