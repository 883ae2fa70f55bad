package qunzhu.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Read-only connections on the store's file, beside the writer's one, and the pool threads
 * that may use them: questions that take long (a digest over every group) run here, several at
 * a time, and never wait for the writer's lock. SQLite in WAL mode lets readers read while the
 * writer writes.
 *
 * <p>A reader sees the <b>last committed</b> state of the file: not the writes of a transaction
 * still open (the batch of events the pipeline is handling, its write-behind tallies), even
 * when the caller is the thread that holds that transaction. Each statement is its own read
 * transaction, so two statements may see two commits apart; while the pipeline thread waits
 * for a digest it builds, nothing commits the rollups in between.
 *
 * <p>{@link #parallel()} is false for a store without readers (an in-memory database has no
 * second connection, and a store whose {@link Database#readInParallel} was not called): then
 * every read runs on the writer's connection, in the caller's transaction, on the caller's
 * thread, and {@link #executor()} runs each task at once where it is submitted.
 */
public final class Readers implements Queries, AutoCloseable {
    /** Prepared statements kept per reader connection. */
    private static final int STATEMENTS_KEPT = 64;
    /** Page cache of a reader connection, in KiB (the writer's is 64 MiB). */
    private static final int CACHE_KIB = 32 * 1024;
    /** Idle connections kept open. */
    private static final int IDLE_KEPT = 4;

    private final Database db;
    private final String url;
    private final Executor executor;
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private boolean closed;

    private Readers(Database db, String url, Executor executor) {
        this.db = db;
        this.url = url;
        this.executor = executor;
    }

    /** Readers on the file of {@code db} (its url), run on {@code executor}. */
    static Readers on(Database db, Executor executor) { return new Readers(db, db.url(), executor); }

    /** No readers: every read on the writer's connection, every task run where it is submitted. */
    static Readers sequential(Database db) { return new Readers(db, null, Runnable::run); }

    /** Whether reads run on their own connections and tasks on pool threads (false: on the writer, in place). */
    public boolean parallel() { return url != null; }

    /**
     * Where to run tasks that read here: a pool of the bot's threads, or (not {@link #parallel()})
     * the submitting thread itself. A task run there must read through these readers only,
     * never through the writer ({@link Database#tx}), whose lock the submitting thread may hold.
     */
    public Executor executor() { return executor; }

    /**
     * Runs {@code work} on an idle read-only connection (package-private: no connection
     * leaves the store; features ask through {@link #query}) (opening one if none is idle), in
     * autocommit: each statement reads the last committed state. An SQL error is the
     * {@link StoreException} {@link Database#tx} would throw ("database error: ..."); the
     * connection that failed is closed, not reused.
     */
    <T> T read(Database.Work<T> work) {
        if (!parallel()) return db.tx(work);
        Connection c;
        try {
            c = borrow();
        } catch (SQLException e) {
            throw new StoreException("database error: cannot open a read connection: " + e.getMessage(), e);
        }
        boolean ok = false;
        try {
            T result = work.run(c);
            ok = true;
            return result;
        } catch (SQLException e) {
            throw new StoreException("database error: " + e.getMessage(), e);
        } finally {
            if (ok) giveBack(c);
            else quietlyClose(c);
        }
    }

    @Override
    public <T> List<T> query(String sql, Database.RowMapper<T> mapper, Object... params) {
        if (!parallel()) return db.query(sql, mapper, params);
        return read(c -> Database.queryIn(c, sql, mapper, params));
    }

    private Connection borrow() throws SQLException {
        synchronized (idle) {
            if (closed) throw new SQLException("the store is closed");
            Connection c = idle.pollFirst();
            if (c != null) return c;
        }
        return open();
    }

    private void giveBack(Connection c) {
        synchronized (idle) {
            if (!closed && idle.size() < IDLE_KEPT) {
                idle.addFirst(c);
                return;
            }
        }
        quietlyClose(c);
    }

    private Connection open() throws SQLException {
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout=5000");
            s.execute("PRAGMA query_only=ON");
            s.execute("PRAGMA cache_size=-" + CACHE_KIB);
            if (db.attachesLog()) db.attachLog(c, s);
        } catch (SQLException e) {
            quietlyClose(c);
            throw e;
        }
        return StatementCache.wrap(c, STATEMENTS_KEPT);
    }

    private static void quietlyClose(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // dropping it anyway
        }
    }

    /** Closes the idle connections; one still in use is closed when it is given back. */
    @Override
    public void close() {
        List<Connection> all;
        synchronized (idle) {
            closed = true;
            all = List.copyOf(idle);
            idle.clear();
        }
        for (Connection c : all) quietlyClose(c);
    }
}
