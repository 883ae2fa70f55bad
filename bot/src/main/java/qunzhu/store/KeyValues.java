package qunzhu.store;

import java.util.List;

/** Small durable values: processed-up-to marks, adapter offsets. */
public final class KeyValues {
    private final Database db;

    public KeyValues(Database db) { this.db = db; }

    public String get(String key) {
        return db.queryOne("SELECT v FROM kv WHERE k = ?", rs -> rs.getString(1), key);
    }

    public long getLong(String key, long fallback) {
        String v = get(key);
        return v == null ? fallback : Long.parseLong(v);
    }

    public void put(String key, String value) {
        db.update("INSERT INTO kv(k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v", key, value);
    }

    public void remove(String key) { db.update("DELETE FROM kv WHERE k = ?", key); }

    /**
     * Takes {@code n} numbers from the counter kept under {@code key} (starting at {@code first}
     * when there is none yet) in one transaction, and returns the first of them: ids that stay
     * unique across restarts.
     */
    public long take(String key, long n, long first) {
        return db.tx(c -> {
            List<String> v = Database.queryIn(c, "SELECT v FROM kv WHERE k = ?", rs -> rs.getString(1), key);
            long start = v.isEmpty() || v.get(0) == null ? first : Long.parseLong(v.get(0));
            putIn(c, key, Long.toString(start + n));
            return start;
        });
    }

    public static void putIn(java.sql.Connection c, String key, String value) throws java.sql.SQLException {
        Database.updateIn(c, "INSERT INTO kv(k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v", key, value);
    }
}
