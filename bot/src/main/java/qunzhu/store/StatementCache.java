package qunzhu.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A connection whose {@code prepareStatement(sql)} hands out statements that stay prepared:
 * their {@code close()} clears the parameters and keeps the statement for the next call with
 * the same text. Preparing was most of the store's time (SQLite parses and plans each text
 * again; it was 57 % of the pipeline thread's native samples in a profile of the ingest
 * benchmark). Every other call goes to the real connection.
 *
 * <p>A statement still open when its text is asked for again (a query inside the mapper of
 * the same query) gets a fresh, uncached statement. The least recently used statements beyond
 * {@code capacity} are finalized. Closing the connection finalizes them all. SQLite re-prepares
 * a kept statement by itself when the schema changes.
 *
 * <p>Not for concurrent use: {@link Database} hands the connection out under its lock only.
 */
final class StatementCache extends ForwardingConnection implements Tallies.Owner {
    private final int capacity;
    private final Tallies tallies;
    private final LinkedHashMap<String, Kept> kept;

    private StatementCache(Connection real, int capacity, Tallies tallies) {
        super(real);
        this.capacity = capacity;
        this.tallies = tallies;
        this.kept = new LinkedHashMap<>(64, 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
                if (size() <= StatementCache.this.capacity) return false;
                eldest.getValue().finish();
                return true;
            }
        };
    }

    static Connection wrap(Connection real, int capacity) { return wrap(real, capacity, new Tallies()); }

    static Connection wrap(Connection real, int capacity, Tallies tallies) { return new StatementCache(real, capacity, tallies); }

    @Override public Tallies tallies() { return tallies; }

    @Override public PreparedStatement prepareStatement(String sql) throws SQLException {
        Kept k = kept.get(sql);
        if (k == null) {
            k = new Kept(real.prepareStatement(sql));
            kept.put(sql, k);
        } else if (k.leased) {
            return real.prepareStatement(sql);
        }
        k.leased = true;
        return k;
    }

    @Override public void close() throws SQLException {
        finishAll();
        real.close();
    }

    private void finishAll() {
        for (Iterator<Kept> it = kept.values().iterator(); it.hasNext(); ) {
            it.next().finish();
            it.remove();
        }
    }

    /** One kept statement, and the view of it handed out while leased. */
    private final class Kept extends ForwardingStatement {
        final PreparedStatement statement;
        boolean leased;
        boolean batched;

        Kept(PreparedStatement statement) { this.statement = statement; }

        @Override protected PreparedStatement open() throws SQLException {
            if (!leased) throw new SQLException("statement is closed");
            return statement;
        }

        @Override public void close() { giveBack(); }

        @Override public boolean isClosed() { return !leased; }

        @Override public void addBatch() throws SQLException {
            batched = true;
            open().addBatch();
        }

        @Override public void addBatch(String sql) throws SQLException {
            batched = true;
            open().addBatch(sql);
        }

        /** Back in the cache, ready for the next lease; a statement that cannot be reset is dropped. */
        private void giveBack() {
            if (!leased) return;
            leased = false;
            try {
                statement.clearParameters();
                if (batched) statement.clearBatch();
                batched = false;
            } catch (SQLException e) {
                kept.values().remove(this);
                finish();
            }
        }

        void finish() {
            leased = false;
            try {
                statement.close();
            } catch (SQLException ignored) {
                // finalizing anyway
            }
        }
    }
}
