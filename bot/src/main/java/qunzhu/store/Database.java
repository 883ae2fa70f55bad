package qunzhu.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One SQLite file in WAL mode behind one connection. SQLite allows one writer at a time, so
 * every unit of work takes the lock and runs in a transaction; readers share the connection
 * too, which keeps "what I just wrote is what I read" trivially true.
 *
 * <p>synchronous=NORMAL in WAL mode survives a killed process (the WAL is written before
 * commit returns) but may lose the last transactions on power loss; {@code synchronous: full}
 * in config trades throughput for that.
 */
public final class Database implements AutoCloseable {
    @FunctionalInterface
    public interface Work<T> { T run(Connection c) throws SQLException; }

    @FunctionalInterface
    public interface RowMapper<T> { T map(ResultSet rs) throws SQLException; }

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final String url;

    private Database(String url, boolean fullSync) throws SQLException {
        this.url = url;
        this.connection = DriverManager.getConnection(url);
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=" + (fullSync ? "FULL" : "NORMAL"));
            s.execute("PRAGMA foreign_keys=ON");
            s.execute("PRAGMA busy_timeout=5000");
        }
        connection.setAutoCommit(false);
        Migrations.apply(this);
    }

    public static Database open(Path file, boolean fullSync) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            return new Database("jdbc:sqlite:" + file.toAbsolutePath(), fullSync);
        } catch (Exception e) {
            throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
        }
    }

    /** A private in-memory database, for tests and backtests. */
    public static Database inMemory() {
        try {
            return new Database("jdbc:sqlite::memory:", false);
        } catch (SQLException e) {
            throw new StoreException("cannot open in-memory database: " + e.getMessage(), e);
        }
    }

    /**
     * Runs {@code work} in one transaction: all of it is durable when this returns, or none.
     * Called inside another transaction on the same thread, it joins that one (no commit of its
     * own): the pipeline runs a group of events' features and their handled mark as one unit.
     */
    public <T> T tx(Work<T> work) {
        lock.lock();
        try {
            if (lock.getHoldCount() > 1) {
                try {
                    return work.run(connection);
                } catch (SQLException e) {
                    throw new StoreException("database error: " + e.getMessage(), e);
                }
            }
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try { connection.rollback(); } catch (SQLException ignored) { /* report the first error */ }
                if (e instanceof StoreException se) throw se;
                throw new StoreException("database error: " + e.getMessage(), e);
            }
        } finally {
            lock.unlock();
        }
    }

    public void update(String sql, Object... params) {
        tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                bind(ps, params);
                return ps.executeUpdate();
            }
        });
    }

    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        return tx(c -> queryIn(c, sql, mapper, params));
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

    public static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) ps.setObject(i + 1, params[i]);
    }

    public String url() { return url; }

    @Override
    public void close() {
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
        }
    }
}
