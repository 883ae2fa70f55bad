package qunzhu.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * One SQLite file in WAL mode behind one connection. SQLite allows one writer at a time, so
 * every unit of work takes the lock and runs in a transaction; readers share the connection
 * too, which keeps "what I just wrote is what I read" trivially true. The exception: long
 * reads that can do with the last committed state (the digests) may run on read-only
 * connections of their own ({@link #readInParallel}, {@link Readers}).
 *
 * <p>synchronous=NORMAL in WAL mode survives a killed process (the WAL is written before
 * commit returns) but may lose the last transactions on power loss; {@code synchronous: full}
 * in config trades throughput for that.
 */
public final class Database implements Queries, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    /** While the store cannot write, the ERROR line that says so comes at most this often. */
    static final Duration LOUD_EVERY = Duration.ofMinutes(1);
    /** Prepared statements kept per connection (the hot path uses a few dozen texts). */
    private static final int STATEMENTS_KEPT = 512;
    /** Page cache of the connection, in KiB (the ingest benchmark's raw insert uses the same). */
    public static final int CACHE_KIB = 64 * 1024;
    /** WAL pages between automatic checkpoints (without a background checkpointer). */
    private static final int WAL_PAGES = 10_000;
    /** WAL pages beyond which the background checkpointer waits for the writer to restart the WAL. */
    private static final int WAL_RESTART_PAGES = 50_000;

    @FunctionalInterface
    public interface Work<T> { T run(Connection c) throws SQLException; }

    @FunctionalInterface
    public interface RowMapper<T> { T map(ResultSet rs) throws SQLException; }

    /**
     * Whether the store can write. {@code since}: when it last changed; {@code lastError}: the
     * error that made it unwritable (null while writable).
     */
    public record Health(boolean writable, Instant since, String lastError) {}

    /** A stretch of time the store could not write, reported once writing works again. */
    public record Outage(Instant since, Instant until, long failures, String lastError) {
        public Duration length() { return Duration.between(since, until); }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final String url;
    private final boolean fullSync;
    private final boolean memory;
    private final List<Consumer<Outage>> recoveryListeners = new CopyOnWriteArrayList<>();
    private volatile Clock clock = Clock.systemUTC();
    private Connection connection;
    /** SQLite ended the open transaction on its own (SQLITE_FULL, IOERR ...): it can only roll back. */
    private boolean doomed;
    /** The error a joined transaction already accounted for, passed up unchanged. */
    private Exception handled;
    private volatile Health health;
    private long failures;
    private Instant lastLoud;
    private int loudLines;
    private Outage recovered;
    /** The connection that checkpoints the WAL in the background (null: SQLite's automatic checkpoints on the writer). */
    private volatile Connection checkpointer;
    /** Counters written behind, at commit (see {@link Tallies}); under the lock, like the connection. */
    private final Tallies tallies = new Tallies();
    /** WAL pages beyond which the background checkpointer restarts the WAL (tests lower it). */
    private volatile int restartPages = WAL_RESTART_PAGES;
    /** Test hook state: {@link #simulateFullDisk}. */
    private boolean simulatedFull;
    /** Test hook state: {@link #simulateReadOnly}. */
    private boolean simulatedReadOnly;

    /**
     * The activity log's file, attached to this connection as {@code log} (null: this store is
     * that file's writer, {@link #logStore()} of another).
     */
    private final String logFile;
    /** The store the activity log is written through: a store of its own file, or this one (in memory). */
    private final Database logStore;

    private Database(String url, boolean fullSync, String logFile) throws SQLException {
        this.url = url;
        this.fullSync = fullSync;
        this.memory = url.contains(":memory:");
        this.logFile = logFile;
        this.connection = connect();
        this.health = new Health(true, clock.instant(), null);
        if (logFile == null) {
            this.logStore = this;
            return;
        }
        // a new file gives back the pages its first schema left free (the log's table moved out)
        if (Migrations.apply(this) && !memory) vacuum();
        if (count("SELECT COUNT(*) FROM log.sqlite_master WHERE type = 'table' AND name = 'activity'") == 0) {
            connection.close();
            throw new StoreException("the activity log's file " + logFile + " has no activity table, although "
                    + url.substring("jdbc:sqlite:".length()) + " moved its log there: restore the file, or start both afresh", null);
        }
        this.logStore = memory ? this : new Database("jdbc:sqlite:" + logFile, fullSync, null);
        this.logStore.clock = clock;
        this.logStore.root = this;
        optimize();
    }

    /** VACUUM of the main file, between two transactions. */
    private void vacuum() throws SQLException {
        connection.commit();
        connection.setAutoCommit(true);
        try (Statement s = connection.createStatement()) {
            s.execute("VACUUM main");
        } finally {
            connection.setAutoCommit(false);
        }
    }

    /**
     * The store the activity log ({@code activity}) is written through. The log lives in a file
     * of its own beside the main one (for {@code qunzhu.db}, {@code qunzhu.activity.db}),
     * attached to this store's connections as {@code log}, so this store reads it as if it were
     * one of its tables; its writer is a second store with its own connection and lock, so the
     * pipeline's intake (the log's inserts and commits, most of SQLite's work on the hot path)
     * runs beside the features' transactions instead of between them. In memory there is one
     * connection: the log is an attached in-memory database and this store writes it.
     */
    public Database logStore() { return logStore; }

    /** Whether the activity log has a writer of its own (a store on its own file). */
    private boolean logApart() { return logStore != this && logStore != null; }

    /** The file the activity log of the database {@code file} lives in. */
    public static Path logFileOf(Path file) {
        String name = file.getFileName().toString();
        String base = name.endsWith(".db") ? name.substring(0, name.length() - 3) : name;
        return file.resolveSibling(base + ".activity.db");
    }

    /**
     * Lets SQLite refresh the statistics its query planner reads ({@code PRAGMA optimize}:
     * ANALYZE, with a row limit, of the tables whose size changed a lot). Without statistics
     * the planner picked a scan of the whole member-day index for the digest's top
     * contributors, newcomers and retention at 10 M events (0.85 s against 0.11 s for
     * retention). Run at open (every table) and, by the bot, every few hours.
     */
    public void optimize() {
        boolean again = statisticsChecked;
        statisticsChecked = true;
        try {
            tx(c -> {
                try (Statement s = c.createStatement()) {
                    s.execute(again ? "PRAGMA optimize" : "PRAGMA optimize=0x10002");
                }
                return null;
            });
        } catch (StoreException e) {
            log.warn("could not refresh the query planner's statistics: {}", e.getMessage());
        }
    }

    private boolean statisticsChecked;

    private Connection connect() throws SQLException {
        java.util.Properties options = new java.util.Properties();
        // Otherwise the driver runs (and prepares) "SELECT last_insert_rowid()" after every
        // INSERT; the few callers that need the id ask for it themselves.
        options.setProperty("jdbc.get_generated_keys", "false");
        Connection c = DriverManager.getConnection(url, options);
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=" + (fullSync ? "FULL" : "NORMAL"));
            s.execute("PRAGMA foreign_keys=ON");
            s.execute("PRAGMA busy_timeout=5000");
            // SQLite's default page cache is 2 MB: the log's indexes outgrow it within hours, and
            // a large transaction then spills dirty pages into the WAL before it commits.
            s.execute("PRAGMA cache_size=-" + CACHE_KIB);
            // Checkpoint every 10,000 WAL pages (40 MB) instead of 1,000: a page written by many
            // commits in between is copied into the database once (commits took 40 % of the
            // pipeline's SQLite time in the ingest benchmark with the default, 15 % with this).
            s.execute("PRAGMA wal_autocheckpoint=" + (checkpointer != null ? 0 : WAL_PAGES));
            if (logFile != null) {
                attachLog(c, s);
                s.execute("PRAGMA log.synchronous=" + (fullSync ? "FULL" : "NORMAL"));
            }
        }
        c.setAutoCommit(false);
        return StatementCache.wrap(c, STATEMENTS_KEPT, tallies);
    }

    /**
     * Attaches the activity log's file as {@code log} to {@code c} (a connection of this store
     * or one of its readers), outside any transaction, in WAL mode, with a page cache for the
     * features' reads of it.
     */
    void attachLog(Connection c, Statement s) throws SQLException {
        try (PreparedStatement attach = c.prepareStatement("ATTACH DATABASE ? AS log")) {
            attach.setString(1, logFile);
            attach.execute();
        }
        if (!memory) s.execute("PRAGMA log.journal_mode=WAL");
        s.execute("PRAGMA log.cache_size=-" + LOG_CACHE_KIB);
    }

    /** Page cache of a connection for the attached activity log (its writer's is {@link #CACHE_KIB}), in KiB. */
    private static final int LOG_CACHE_KIB = 32 * 1024;

    public static Database open(Path file, boolean fullSync) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            return new Database("jdbc:sqlite:" + file.toAbsolutePath(), fullSync, logFileOf(file.toAbsolutePath()).toString());
        } catch (Exception e) {
            throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    /** A private in-memory database, for tests and backtests. */
    public static Database inMemory() {
        try {
            return new Database("jdbc:sqlite::memory:", false, ":memory:");
        } catch (SQLException e) {
            throw new StoreException("cannot open in-memory database: " + e.getMessage(), e);
        }
    }

    /**
     * Checkpoints the WAL from a second connection on {@code on}, every {@code every}, instead of
     * inside the writers' commits. A commit that crosses SQLite's automatic checkpoint copies
     * the whole WAL into the database and syncs it while it holds the store: in the open-loop
     * latency benchmark those commits were the slowest events (p99 over 100 ms). PASSIVE
     * checkpoints never wait for the writer; if the WAL still grows past
     * {@link #WAL_RESTART_PAGES} pages, a RESTART checkpoint brings it back, between two of the
     * writer's transactions. Nothing for an in-memory database.
     */
    public void checkpointInBackground(java.util.concurrent.ScheduledExecutorService on, Duration every) {
        if (logApart()) logStore.checkpointInBackground(on, every);
        if (memory || checkpointer != null) return;
        lock.lock();
        try {
            Connection c = DriverManager.getConnection(url);
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA busy_timeout=5000");
            }
            checkpointer = c;
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA wal_autocheckpoint=0");
            }
        } catch (SQLException e) {
            log.warn("cannot checkpoint in the background, SQLite checkpoints on commit: {}", e.toString());
            return;
        } finally {
            lock.unlock();
        }
        on.scheduleWithFixedDelay(this::checkpoint, every.toMillis(), every.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private synchronized void checkpoint() {
        Connection c = checkpointer;
        if (c == null) return;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            long walPages = rs.next() ? rs.getLong(2) : 0;
            if (walPages > restartPages) {
                // A RESTART checkpoint holds SQLite's write lock until it is done, and a writer
                // whose transaction has already read gets SQLITE_BUSY at once, without waiting
                // (waiting could deadlock): run it between the writer's transactions.
                lock.lock();
                try (ResultSet r = s.executeQuery("PRAGMA wal_checkpoint(RESTART)")) {
                    log.debug("the WAL had {} pages: restarted it", walPages);
                } finally {
                    lock.unlock();
                }
            }
        } catch (SQLException e) {
            log.debug("background checkpoint failed: {}", e.toString());
        }
    }

    /**
     * Lets long reads ({@link #readers()}) run on read-only connections of their own, on
     * {@code on} (a pool of the bot's threads), beside the writer. Nothing for an in-memory
     * database, which has no second connection: its readers stay on the writer.
     */
    public void readInParallel(java.util.concurrent.Executor on) {
        if (memory) return;
        synchronized (readersLock) {
            if (readers != null && readers.parallel()) return;
            readers = Readers.on(this, on);
        }
    }

    /**
     * The store's readers: read-only connections on pool threads after {@link #readInParallel},
     * else the writer's connection on the caller's thread (see {@link Readers}).
     */
    public Readers readers() {
        Readers r = readers;
        if (r != null) return r;
        synchronized (readersLock) {
            if (readers == null) readers = Readers.sequential(this);
            return readers;
        }
    }

    /** Not the object's monitor: the background checkpoint holds that while it waits for the writer's lock. */
    private final Object readersLock = new Object();
    private volatile Readers readers;

    /** Restarts the WAL past {@code pages} pages instead of {@link #WAL_RESTART_PAGES} (tests). */
    void restartWalPast(int pages) { this.restartPages = pages; }

    /** The clock for {@link #health()} and outage lengths (the bot's clock; system UTC until set). */
    public void useClock(Clock clock) {
        this.clock = clock;
        if (logApart()) logStore.useClock(clock);
    }

    /** Whether the store can write now, since when, and why not. */
    public Health health() {
        if (logApart()) {
            Health l = logStore.health;
            if (!l.writable()) return l;
        }
        return health;
    }

    /**
     * Called once each time writing works again after it failed, on the thread whose
     * transaction committed, after the store's lock is released (it may use the store).
     */
    public void onRecovered(Consumer<Outage> listener) { recoveryListeners.add(listener); }

    /**
     * The store whose listeners hear of recoveries: the main one (the activity log's store
     * tells it). An outage of either file is one outage of the store, announced once, when
     * both write again.
     */
    private volatile Database root = this;
    private final Object outageLock = new Object();
    /** When the store's outage (of either file) began; null while both write. Guarded by outageLock, on the root. */
    private Instant downSince;
    private long downFailures;

    private void storeDown(Instant now) {
        synchronized (outageLock) {
            if (downSince == null) downSince = now;
            downFailures++;
        }
    }

    /** A file writes again: the outage to announce if it was the last of the two to, else null. */
    private Outage storeUp(Outage o) {
        synchronized (outageLock) {
            if (downSince == null || !health().writable()) return null;
            Outage all = new Outage(downSince.isBefore(o.since()) ? downSince : o.since(), o.until(), Math.max(downFailures, o.failures()), o.lastError());
            downSince = null;
            downFailures = 0;
            return all;
        }
    }

    /**
     * Runs {@code work} in one transaction: all of it is durable when this returns, or none.
     * Called inside another transaction on the same thread, it joins that one (no commit of its
     * own): the pipeline runs a group of events' features and their handled mark as one unit.
     *
     * <p>SQLite answers some errors (SQLITE_FULL, SQLITE_IOERR, SQLITE_NOMEM ...) by rolling the
     * whole transaction back itself. The JDBC driver does not notice: it still believes a
     * transaction is open, so its own rollback and commit then fail ("no transaction is
     * active") before they begin the next one, and every later statement would autocommit on
     * its own. After any failure this method therefore puts the connection back into a fresh
     * transaction (or reopens it), and a joined transaction that SQLite ended is only rolled
     * back, never committed in pieces.
     */
    public <T> T tx(Work<T> work) {
        Outage fire = null;
        lock.lock();
        try {
            if (lock.getHoldCount() > 1) {
                if (doomed) throw new StoreException("database error: the transaction was already rolled back by SQLite", null);
                try {
                    return work.run(connection);
                } catch (SQLException e) {
                    afterError(e);
                    StoreException se = new StoreException("database error: " + e.getMessage(), e);
                    handled = se;
                    throw se;
                } catch (RuntimeException e) {
                    afterError(e);
                    handled = e;
                    throw e;
                }
            }
            handled = null;
            boolean wasDown = !health.writable();
            long failuresBefore = failures;
            long changesBefore = wasDown ? totalChanges() : -1;
            try {
                T result = work.run(connection);
                if (doomed) throw new StoreException("database error: SQLite rolled the transaction back after an earlier error; nothing was committed", null);
                boolean hold = tallies.beforeCommit(connection, clock.millis());
                try {
                    connection.commit();
                    tallies.committed(hold, clock.millis());
                } catch (SQLException e) {
                    unwritable(e);
                    handled = e;
                    throw e;
                }
                if (wasDown && failures == failuresBefore && totalChanges() != changesBefore) fire = writable();
                return result;
            } catch (SQLException | RuntimeException e) {
                ROLLBACKS.incrementAndGet();
                tallies.failed();
                if (e != handled) afterError(e);
                handled = null;
                restart(e);
                if (e instanceof StoreException se) throw se;
                throw new StoreException("database error: " + e.getMessage(), e);
            }
        } finally {
            lock.unlock();
            if (fire != null) fire = root.storeUp(fire);
            if (fire != null) for (Consumer<Outage> l : root.recoveryListeners) {
                try {
                    l.accept(fire);
                } catch (RuntimeException e) {
                    log.error("a store recovery listener failed", e);
                }
            }
        }
    }

    /** How many times the "cannot write" ERROR line was logged (it comes at most once a {@link #LOUD_EVERY}). */
    int loudLines() {
        lock.lock();
        try {
            return loudLines;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes one small row (kv {@code store.probe}) to learn whether the store can write again;
     * a success ends an outage like any other committed write. Returns whether it could.
     */
    public boolean probeWrite() {
        boolean log = !logApart() || logStore.probeWrite();
        // the activity log's file has a table of its own for this (it has no kv)
        String table = logFile == null ? "probe" : "kv";
        try {
            tx(c -> Database.updateIn(c, "INSERT INTO " + table + "(k, v) VALUES ('store.probe', ?) ON CONFLICT (k) DO UPDATE SET v = excluded.v",
                    Long.toString(clock.millis())));
            return log;
        } catch (StoreException e) {
            return false;
        }
    }

    /** Rows changed on the connection so far; -1 where unknown. */
    private long totalChanges() { return totalChanges(connection); }

    /** Rows changed so far on {@code c} (SQLite's total_changes, without a statement); -1 where unknown. */
    public static long totalChanges(Connection c) {
        try {
            return c.unwrap(SQLiteConnection.class).getDatabase().total_changes();
        } catch (SQLException e) {
            return -1;
        }
    }

    /**
     * After an error inside a transaction: if SQLite ended the transaction on its own, begins a
     * new one at once (so nothing after the error can autocommit) and dooms it; records an
     * error of the storage class in {@link #health()}.
     */
    private void afterError(Exception e) {
        if (e == handled) return;
        SQLiteException se = sqliteCause(e);
        if (se == null && !(e instanceof SQLException)) return; // a bug in the work, not the store
        boolean ended = false;
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN");
            ended = true;   // it began: SQLite had left the transaction
        } catch (SQLException probe) {
            // "cannot start a transaction within a transaction": still open, all is well
        }
        if (ended) doomed = true;
        if (ended || storageError(se) || !isOpen()) unwritable(e);
    }

    /** Rolls back after a failed transaction and leaves the connection in a fresh one, reopening it if it must. */
    private void restart(Exception cause) {
        doomed = false;
        try {
            connection.rollback();   // "rollback; begin": fails if SQLite has no transaction open
            return;
        } catch (SQLException notActive) {
            // SQLite rolled back by itself (or the connection broke): begin by hand
        }
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN");
            return;
        } catch (SQLException e) {
            if (e instanceof SQLiteException se && se.getResultCode() == SQLiteErrorCode.SQLITE_ERROR && isOpen()) return;
        }
        if (memory) {
            log.error("the in-memory database's connection is broken after {}", cause.toString());
            return;
        }
        try {
            try { connection.close(); } catch (SQLException ignored) { /* replacing it anyway */ }
            connection = connect();
            if (simulatedFull) applyFullDisk();
            if (simulatedReadOnly) applyReadOnly();
            log.warn("reopened the database connection after {}", cause.toString());
        } catch (SQLException e) {
            unwritable(e);
            log.error("cannot reopen the database: {}", e.toString());
        }
    }

    private boolean isOpen() {
        try {
            return !connection.isClosed();
        } catch (SQLException e) {
            return false;
        }
    }

    private static SQLiteException sqliteCause(Throwable t) {
        for (Throwable x = t; x != null; x = x.getCause()) if (x instanceof SQLiteException se) return se;
        return null;
    }

    /** Errors that say the file cannot take writes now, as opposed to a bad statement. */
    private static boolean storageError(SQLiteException e) {
        if (e == null) return false;
        int primary = e.getResultCode().code & 0xff;
        return primary == SQLiteErrorCode.SQLITE_FULL.code || primary == SQLiteErrorCode.SQLITE_IOERR.code
                || primary == SQLiteErrorCode.SQLITE_READONLY.code || primary == SQLiteErrorCode.SQLITE_CANTOPEN.code
                || primary == SQLiteErrorCode.SQLITE_NOMEM.code || primary == SQLiteErrorCode.SQLITE_CORRUPT.code
                || primary == SQLiteErrorCode.SQLITE_NOTADB.code || primary == SQLiteErrorCode.SQLITE_BUSY.code
                || primary == SQLiteErrorCode.SQLITE_LOCKED.code || primary == SQLiteErrorCode.SQLITE_PROTOCOL.code;
    }

    private void unwritable(Exception e) {
        Instant now = clock.instant();
        root.storeDown(now);
        String what = e.getMessage();
        failures++;
        if (health.writable()) health = new Health(false, now, what);
        else health = new Health(false, health.since(), what);
        if (lastLoud == null || !now.isBefore(lastLoud.plus(LOUD_EVERY))) {
            lastLoud = now;
            loudLines++;
            log.error("the store cannot write since {} ({} failed transaction(s)); updates are not acknowledged until it can: {}",
                    health.since(), failures, what);
        } else {
            log.debug("store write failed again: {}", what);
        }
    }

    private Outage writable() {
        Instant now = clock.instant();
        Outage o = new Outage(health.since(), now, failures, health.lastError());
        health = new Health(true, now, null);
        failures = 0;
        lastLoud = null;
        log.warn("the store writes again after {} s ({} failed transaction(s), last: {})", o.length().toSeconds(), o.failures(), o.lastError());
        return o;
    }

    /**
     * Test hook: with {@code full} true, every INSERT, UPDATE and DELETE fails and SQLite ends
     * the whole open transaction, as it does when a full disk fails a write (temporary
     * triggers that RAISE(ROLLBACK), on this connection only); false is "space returns". It
     * survives a reopen of the connection. A real SQLITE_FULL from a file that may not grow
     * comes from {@code PRAGMA max_page_count}.
     */
    public void simulateFullDisk(boolean full) {
        if (logApart()) logStore.simulateFullDisk(full);
        lock.lock();
        try {
            if (full == simulatedFull) return;
            simulatedFull = full;
            if (full) {
                applyFullDisk();
            } else {
                try (Statement s = connection.createStatement()) {
                    for (String t : Database.queryIn(connection, "SELECT name FROM sqlite_temp_master WHERE type = 'trigger' AND name LIKE 'test_full_%'",
                            rs -> rs.getString(1))) s.execute("DROP TRIGGER temp." + t);
                }
                connection.commit();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot simulate a full disk: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Test hook: with {@code readOnly} true the file takes no write although the disk has room
     * (as after a read-only remount, which running as root makes hard to fake with chmod):
     * {@code PRAGMA query_only} makes SQLite refuse every write with its real SQLITE_READONLY
     * ("attempt to write a readonly database"); reads go on. It survives a reopen.
     */
    public void simulateReadOnly(boolean readOnly) {
        if (logApart()) logStore.simulateReadOnly(readOnly);
        lock.lock();
        try {
            simulatedReadOnly = readOnly;
            applyReadOnly();
        } catch (SQLException e) {
            throw new StoreException("cannot simulate a read-only store: " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }

    private void applyReadOnly() throws SQLException {
        connection.commit();   // query_only changes nothing inside an open write transaction
        try (Statement s = connection.createStatement()) { s.execute("PRAGMA query_only=" + (simulatedReadOnly ? "ON" : "OFF")); }
        connection.commit();
    }

    private void applyFullDisk() throws SQLException {
        try (Statement s = connection.createStatement()) {
            // the attached log too where this connection writes it (in memory); else its own store does
            for (String schema : logFile != null && !logApart() ? List.of("main", "log") : List.of("main")) {
                List<String> tables = Database.queryIn(connection,
                        "SELECT name FROM " + schema + ".sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'", rs -> rs.getString(1));
                for (String t : tables) {
                    for (String op : List.of("INSERT", "UPDATE", "DELETE")) {
                        s.execute("CREATE TEMP TRIGGER IF NOT EXISTS test_full_" + op.toLowerCase() + "_" + schema + "_" + t + " BEFORE " + op
                                + " ON " + schema + "." + t + " BEGIN SELECT RAISE(ROLLBACK, 'database or disk is full (simulated)'); END");
                    }
                }
            }
        }
        connection.commit();
    }

    /** Runs one statement; like every statement here, one naming a tallied table sees the tallies waiting to be written. */
    public void update(String sql, Object... params) {
        tx(c -> {
            writeTalliesFor(c, sql);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, params);
                return ps.executeUpdate();
            }
        });
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return tx(c -> {
            writeTalliesFor(c, sql);
            return queryIn(c, sql, mapper, params);
        });
    }

    public <T> T queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? null : rows.get(0);
    }

    public long count(String sql, Object... params) {
        Long n = queryOne(sql, rs -> rs.getLong(1), params);
        return n == null ? 0 : n;
    }

    public static <T> List<T> queryIn(Connection c, String sql, RowMapper<T> mapper, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) out.add(mapper.map(rs));
                return out;
            }
        }
    }

    public static int updateIn(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    /**
     * Opens a savepoint inside the current transaction; end it with {@link #release} or
     * {@link #rollBackTo}, innermost first. One name serves every level (SQLite's savepoints
     * are a stack), so the three statements stay prepared on the store's connection; the
     * driver's {@code setSavepoint} names each one anew and prepares it every time.
     */
    public static void savepoint(Connection c) throws SQLException {
        updateIn(c, "SAVEPOINT qz");
        if (c instanceof Tallies.Owner t) t.tallies().savepoint();
    }

    /** Keeps the work since the innermost {@link #savepoint} and closes it. */
    public static void release(Connection c) throws SQLException {
        updateIn(c, "RELEASE qz");
        if (c instanceof Tallies.Owner t) t.tallies().release();
    }

    /** Transactions and savepoints rolled back, in every store of the process (see {@link #rollbacks}). */
    private static final java.util.concurrent.atomic.AtomicLong ROLLBACKS = new java.util.concurrent.atomic.AtomicLong();

    /**
     * A count that moves whenever a transaction or savepoint is rolled back, in any store of the
     * process: a cache of what the store said keeps an answer only while this stands still (a
     * rollback may bring back a row the cache saw deleted).
     */
    public static long rollbacks() { return ROLLBACKS.get(); }

    /** Undoes the work since the innermost {@link #savepoint} (its tallies too) and closes it. */
    public static void rollBackTo(Connection c) throws SQLException {
        ROLLBACKS.incrementAndGet();
        updateIn(c, "ROLLBACK TO qz");
        updateIn(c, "RELEASE qz");
        if (c instanceof Tallies.Owner t) t.tallies().rollBack();
    }

    /**
     * Adds {@code deltas} to a counter row, written when the transaction commits (with every
     * other add to that row) instead of now; see {@link Tallies}. {@code upsert} takes the key
     * values, then the deltas, and adds them to an existing row's. On a connection that is not
     * the store's, it runs at once.
     */
    public static void tally(Connection c, String upsert, Object[] key, long[] deltas) throws SQLException {
        if (c instanceof Tallies.Owner t) {
            t.tallies().add(upsert, key, deltas);
            if (t.tallies().full()) t.tallies().write(c);
            return;
        }
        updateIn(c, upsert, Tallies.params(key, deltas));
    }

    /** As {@link #tally(Connection, String, Object[], long[])}; {@code written} learns what the row became when it is written. */
    public static void tally(Connection c, String upsert, Object[] key, long[] deltas, Tallies.Written written) throws SQLException {
        if (c instanceof Tallies.Owner t) {
            t.tallies().add(upsert, key, deltas, null, written, false);
            if (t.tallies().full()) t.tallies().write(c);
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(upsert)) {
            bind(ps, Tallies.params(key, deltas));
            written.after(key, deltas, Tallies.returned(ps, upsert));
        }
    }

    /**
     * As {@link #tally(Connection, String, Object[], long[])}, but written when this transaction
     * commits, never held beyond it; the {@code upsert} may also set columns to {@code latest}
     * (bound after the deltas; the latest add's values are written; null: none).
     */
    public static void tallyAtCommit(Connection c, String upsert, Object[] key, long[] deltas, Object[] latest) throws SQLException {
        if (c instanceof Tallies.Owner t) {
            t.tallies().add(upsert, key, deltas, latest, null, true);
            if (t.tallies().full()) t.tallies().write(c);
            return;
        }
        updateIn(c, upsert, Tallies.params(key, deltas, latest));
    }

    /**
     * What the row {@code key} of the tally {@code upsert} has waiting to be written (see
     * {@link Tallies#pendingRow}) as {@code as} makes it of the deltas' sum and the latest values
     * set (null: none), or null when nothing waits.
     */
    public <T> T pendingTally(String upsert, Object[] key, java.util.function.BiFunction<long[], Object[], T> as) {
        lock.lock();
        try {
            Tallies.Sum sum = tallies.pendingRow(upsert, key);
            return sum == null ? null : as.apply(sum.deltas, sum.latest);
        } finally {
            lock.unlock();
        }
    }

    /** The sum of delta {@code column} over the rows of {@code upsert} waiting to be written whose key starts with {@code prefix}. */
    public long pendingTallies(String upsert, int column, Object... prefix) {
        lock.lock();
        try {
            return tallies.pendingSum(upsert, column, prefix);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Keeps committed tallies in memory until the oldest is {@code maxAge} old or {@code maxRows}
     * rows wait, instead of writing them at every commit ({@link Tallies}); {@link #close} writes them.
     */
    public void holdTallies(Duration maxAge, int maxRows) {
        lock.lock();
        try {
            tallies.hold(maxAge, maxRows);
        } finally {
            lock.unlock();
        }
    }

    /** Loses the held tallies as a crash would: the next start counts their events again (tests). */
    public void simulateCrashOfHeldTallies() {
        lock.lock();
        try {
            tallies.forgetHeld();
        } finally {
            lock.unlock();
        }
    }

    /** When the oldest held tally was committed (the store's clock, ms), or -1 when none is held. */
    public long talliesHeldSince() {
        lock.lock();
        try {
            return tallies.heldSince();
        } finally {
            lock.unlock();
        }
    }

    /** Rows of committed tallies not written yet (0 once closed). */
    int heldTallies() {
        lock.lock();
        try {
            return connection.isClosed() ? 0 : tallies.heldRows();
        } catch (SQLException e) {
            return 0;
        } finally {
            lock.unlock();
        }
    }

    /** Writes the held tallies now, in a transaction of their own (not inside another one: its commit writes the mark). */
    public void flushTallies() { tx(c -> { tallies.write(c); return null; }); }

    /** Writes the pending tallies now if {@code sql} names one of their tables, so it sees them (under the lock). */
    public void writeTalliesFor(Connection c, String sql) throws SQLException {
        if (tallies.touches(sql)) tallies.write(c);
    }

    /** Writes the pending tallies now, for statements that bypass {@code FeatureStore} (under the lock). */
    public void writeTallies(Connection c) throws SQLException { tallies.write(c); }

    /** Whether the current transaction holds tallies not yet written (under the lock). */
    public boolean talliesPending() { return tallies.pending(); }

    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
    }

    public String url() { return url; }

    /** Whether connections on {@link #url()} must {@link #attachLog attach} the activity log's file. */
    boolean attachesLog() { return logFile != null; }

    @Override
    public void close() {
        Readers r = readers;
        if (r != null) r.close();
        synchronized (this) {
            Connection c = checkpointer;
            checkpointer = null;
            if (c != null) {
                try { c.close(); } catch (SQLException ignored) { /* closing anyway */ }
            }
        }
        if (heldTallies() > 0) {
            try {
                flushTallies();
            } catch (RuntimeException e) {
                log.error("could not write the held counters at close (they are counted again from the log at the next start): {}", e.toString());
            }
        }
        lock.lock();
        try {
            if (!connection.isClosed()) {
                try (Statement s = connection.createStatement()) {
                    connection.commit();
                    s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                } catch (SQLException ignored) {
                    // closing anyway; the WAL is replayed on next open
                }
                connection.close();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot close database: " + e.getMessage(), e);
        } finally {
            lock.unlock();
            if (logApart()) logStore.close();
        }
    }
}
