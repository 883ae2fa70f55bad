package qunzhu.feature;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Supplier;

/**
 * A feature's way to its tables. Every call runs on the transaction the spine has open (the
 * pipeline's group of events, or a job's), so a feature's writes commit with the event that
 * caused them, and are undone with that feature's other writes when its handler throws. The
 * writer decides when it commits; a feature never sees a connection, a commit or a savepoint.
 * Outside the pipeline (at install) each call commits on its own.
 *
 * <p>SQL should also run on PostgreSQL (STYLE.md §6). Implementations are used from the
 * pipeline thread, and from install.
 */
public interface FeatureStore {
    /** Maps the current row of a result (do not advance it). */
    @FunctionalInterface
    interface Row<T> { T map(ResultSet rs) throws SQLException; }

    /** The store on the bot's database, for the spine and for tools outside the pipeline (the backtest). */
    static FeatureStore over(qunzhu.store.Database db) { return new TransactionStore(db); }

    <T> List<T> query(String sql, Row<T> row, Object... params);

    /** The first row, or null when there is none. */
    default <T> T queryOne(String sql, Row<T> row, Object... params) {
        List<T> rows = query(sql, row, params);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** The first column of the first row as a number (0 when there is no row). */
    default long count(String sql, Object... params) {
        Long n = queryOne(sql, rs -> rs.getLong(1), params);
        return n == null ? 0 : n;
    }

    /**
     * A count that moves whenever a transaction or savepoint is rolled back: a feature's cache
     * of what the store said (a row is absent) may keep an answer only while this stands still.
     */
    default long rollbacks() { return qunzhu.store.Database.rollbacks(); }

    /** Runs an INSERT, UPDATE or DELETE; returns the rows changed. */
    int update(String sql, Object... params);

    /** Runs an INSERT and returns the key the database generated for the new row. */
    long insert(String sql, Object... params);

    /** Runs {@code work} so that its writes happen together or not at all (joins the open transaction). */
    <T> T atomically(Supplier<T> work);

    /**
     * Adds {@code deltas} to a counter row when the transaction commits, summed with every
     * other add to that row, instead of one statement now. {@code upsert} is an
     * {@code INSERT ... ON CONFLICT DO UPDATE} whose parameters are {@code key}, then the
     * deltas, and which adds them to an existing row's. A statement here that names the table
     * sees the pending adds. By default it runs at once.
     */
    default void tally(String upsert, Object[] key, long[] deltas) {
        update(upsert, qunzhu.store.Tallies.params(key, deltas));
    }

    /** What a tallied row became when it was written: its RETURNING values ({@code now}) after {@code deltas} were added. */
    @FunctionalInterface
    interface Written { void after(Object[] key, long[] deltas, long[] now); }

    /**
     * As {@link #tally(String, Object[], long[])}, for an {@code upsert} that ends in RETURNING:
     * {@code written} learns what the row became when it is written (it may tally and update
     * more then). By default at once.
     */
    default void tally(String upsert, Object[] key, long[] deltas, Written written) {
        long[] now = queryOne(upsert, qunzhu.store.Tallies::values, qunzhu.store.Tallies.params(key, deltas));
        written.after(key, deltas, now);
    }

    /**
     * As {@link #tally(String, Object[], long[])}, but the row is written when this transaction
     * commits (with every other add to it), never held beyond: for counts that could not be
     * counted again from the activity log after a crash. The {@code upsert} may also set columns
     * to {@code latest} (bound after the deltas; the latest add's are written; null: none).
     * Every add of one upsert text passes values, or none does. By default at once.
     */
    default void tallyAtCommit(String upsert, Object[] key, long[] deltas, Object[] latest) {
        update(upsert, qunzhu.store.Tallies.params(key, deltas, latest));
    }

    /**
     * What the row {@code key} of the tally {@code upsert} has added but not written yet, or
     * null when nothing waits (by default, tallies are written at once). A feature that keeps a
     * row in memory reloads it as the table's row plus this, through {@link #besidePending}.
     */
    default Pending pendingTally(String upsert, Object[] key) { return null; }

    /** A tallied row's part not written yet: the deltas' sum, and the values the latest add set (null: none). */
    record Pending(long[] deltas, Object[] latest) {}

    /** The sum of delta {@code column} of the tally {@code upsert} not written yet, over its rows whose key starts with {@code prefix}. */
    default long pendingTallies(String upsert, int column, Object... prefix) { return 0; }

    /**
     * This store, except that a statement naming a table with tallies waiting does not write
     * them first: for statements that neither read a waiting row's value nor conflict with one
     * (a read that adds {@link #pendingTally} itself, an insert of another row). Writing the
     * tallies would end their being held (a member's day written at each check-in, not once a while).
     */
    default FeatureStore besidePending() { return this; }

    /**
     * Writes the tallies waiting for {@code table} now (with every other waiting tally), for a
     * statement that reads them where the store cannot see it (a table a trigger keeps).
     */
    default void writePending(String table) {}
}
