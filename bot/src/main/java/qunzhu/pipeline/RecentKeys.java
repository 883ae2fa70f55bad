package qunzhu.pipeline;

import java.util.concurrent.ConcurrentHashMap;
import qunzhu.core.EventKey;

/**
 * The keys logged most recently, up to a bound, forgotten oldest first: the first dedupe layer
 * (a copy from a second account is dropped without a transaction). Looked up from any thread;
 * added to by the writer. A plain map and a ring of the keys in the order added: the bounded
 * Caffeine cache it replaces did its upkeep on every add, 6 % of the pipeline thread on ingest.
 * A key forgotten early costs only a look at the log's unique key.
 */
final class RecentKeys {
    private final ConcurrentHashMap<EventKey, Boolean> keys;
    private final EventKey[] ring;
    private int next;

    RecentKeys(int capacity) {
        this.keys = new ConcurrentHashMap<>(capacity * 4 / 3 + 1);
        this.ring = new EventKey[capacity];
    }

    boolean contains(EventKey key) { return keys.containsKey(key); }

    /** Remembers {@code key} (it is durable in the log), forgetting the oldest beyond the bound. */
    synchronized void add(EventKey key) {
        if (keys.putIfAbsent(key, Boolean.TRUE) != null) return;
        EventKey oldest = ring[next];
        if (oldest != null) keys.remove(oldest);
        ring[next] = key;
        next = (next + 1) % ring.length;
    }
}
