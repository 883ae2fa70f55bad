package qunzhu.feature;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keys a feature's store found no row for, remembered so that a question asked on every message
 * ("is this member pending verification?", "is a quiz running here?") costs no query when the
 * answer is almost always "none". An answer stands while the feature wrote nothing for its key
 * ({@link #forget}) and no transaction or savepoint was rolled back since it was read
 * ({@link FeatureStore#rollbacks}: a rollback may bring a deleted row back). Bounded, the
 * oldest answers forgotten first: a plain map, for the pipeline's thread only (the bounded
 * Caffeine cache it replaces spent 6 % of that thread's samples on its upkeep at every look).
 */
public final class KnownAbsent<K> {
    private final FeatureStore db;
    /** Key → the store's rollback count when its row was found absent. */
    private final LinkedHashMap<K, Long> absent;

    public KnownAbsent(FeatureStore db, int maxKeys) {
        this.db = db;
        this.absent = new LinkedHashMap<>(1024) {
            @Override protected boolean removeEldestEntry(Map.Entry<K, Long> eldest) { return size() > maxKeys; }
        };
    }

    /** The row for {@code key}: null when known absent, else what {@code query} reads (remembered when null). */
    public <T> T read(K key, Supplier<T> query) {
        long rollbacks = db.rollbacks();
        Long at = absent.get(key);
        if (at != null && at == rollbacks) return null;
        T row = query.get();
        if (row == null) absent.put(key, rollbacks);
        else absent.remove(key);
        return row;
    }

    /** Whether {@code key} is known absent (no query). */
    public boolean known(K key) {
        Long at = absent.get(key);
        return at != null && at == db.rollbacks();
    }

    /** The feature learned by itself that {@code key} has no row (or none that counts), as {@link #read} would. */
    public void remember(K key) { absent.put(key, db.rollbacks()); }

    /** The feature writes the row of {@code key}: what was known of it may not hold. */
    public void forget(K key) { absent.remove(key); }

    /** Rows moved or changed without a key to name (a chat move): nothing known holds. */
    public void forgetAll() { absent.clear(); }
}
