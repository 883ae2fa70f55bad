package qunzhu.store;

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

    public static void putIn(java.sql.Connection c, String key, String value) throws java.sql.SQLException {
        Database.updateIn(c, "INSERT INTO kv(k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v", key, value);
    }
}
