package qunzhu.feature;

import java.util.List;
import java.util.function.Supplier;
import qunzhu.store.Database;
import qunzhu.store.StoreException;

/**
 * {@link FeatureStore} on the bot's {@link Database}: {@link Database#tx} joins the
 * transaction the pipeline thread holds, so these calls never commit inside a group of events.
 */
final class TransactionStore implements FeatureStore {
    private final Database db;
    /** Statements do not write the waiting tallies first ({@link #besidePending}). */
    private final boolean beside;
    private final TransactionStore besideView;

    TransactionStore(Database db) {
        this.db = db;
        this.beside = false;
        this.besideView = new TransactionStore(db, true);
    }

    private TransactionStore(Database db, boolean beside) {
        this.db = db;
        this.beside = beside;
        this.besideView = this;
    }

    @Override public <T> List<T> query(String sql, Row<T> row, Object... params) {
        return db.tx(c -> {
            if (!beside) db.writeTalliesFor(c, sql);
            return Database.queryIn(c, sql, row::map, params);
        });
    }

    @Override public int update(String sql, Object... params) {
        return db.tx(c -> {
            if (!beside) db.writeTalliesFor(c, sql);
            return Database.updateIn(c, sql, params);
        });
    }

    @Override public void tally(String upsert, Object[] key, long[] deltas) {
        db.tx(c -> {
            Database.tally(c, upsert, key, deltas);
            return null;
        });
    }

    @Override public void tally(String upsert, Object[] key, long[] deltas, Written written) {
        db.tx(c -> {
            Database.tally(c, upsert, key, deltas, (k, d, now) -> written.after(k, d, now));
            return null;
        });
    }

    @Override public long insert(String sql, Object... params) {
        return db.tx(c -> {
            if (!beside) db.writeTalliesFor(c, sql);
            // Both statements stay prepared on the store's connection (RETURN_GENERATED_KEYS would not).
            if (Database.updateIn(c, sql, params) != 1) throw new StoreException("no row inserted by: " + sql, null);
            return Database.queryIn(c, "SELECT last_insert_rowid()", rs -> rs.getLong(1)).get(0);
        });
    }

    @Override public void tallyAtCommit(String upsert, Object[] key, long[] deltas, Object[] latest) {
        db.tx(c -> {
            Database.tallyAtCommit(c, upsert, key, deltas, latest);
            return null;
        });
    }

    @Override public Pending pendingTally(String upsert, Object[] key) { return db.pendingTally(upsert, key, Pending::new); }

    @Override public long pendingTallies(String upsert, int column, Object... prefix) { return db.pendingTallies(upsert, column, prefix); }

    @Override public FeatureStore besidePending() { return besideView; }

    @Override public void writePending(String table) {
        db.tx(c -> {
            db.writeTalliesFor(c, table);
            return null;
        });
    }

    @Override public <T> T atomically(Supplier<T> work) { return db.tx(c -> work.get()); }
}
