package qunzhu.store;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
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
final class StatementCache implements InvocationHandler {
    /** The connection's write-behind counters, for the static savepoint helpers of {@link Database}. */
    interface Tallied { Tallies tallies(); }

    private final Connection real;
    private final int capacity;
    private final Tallies tallies;
    private final LinkedHashMap<String, Kept> kept;

    private StatementCache(Connection real, int capacity, Tallies tallies) {
        this.real = real;
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

    static Connection wrap(Connection real, int capacity, Tallies tallies) {
        return (Connection) Proxy.newProxyInstance(StatementCache.class.getClassLoader(), new Class<?>[] {Connection.class, Tallied.class},
                new StatementCache(real, capacity, tallies));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        String name = method.getName();
        if (name.equals("prepareStatement") && args != null && args.length == 1) return lease((String) args[0]);
        if (name.equals("tallies") && args == null) return tallies;
        if (name.equals("close")) finishAll();
        if (name.equals("equals") && args != null && args.length == 1) return proxy == args[0];
        if (name.equals("hashCode") && args == null) return System.identityHashCode(proxy);
        return call(real, method, args);
    }

    private PreparedStatement lease(String sql) throws SQLException {
        Kept k = kept.get(sql);
        if (k == null) {
            k = new Kept(real.prepareStatement(sql));
            kept.put(sql, k);
        } else if (k.leased) {
            return real.prepareStatement(sql);
        }
        k.leased = true;
        return k.view;
    }

    private void finishAll() {
        for (Iterator<Kept> it = kept.values().iterator(); it.hasNext(); ) {
            it.next().finish();
            it.remove();
        }
    }

    private static Object call(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** One kept statement and the view handed out for it. */
    private final class Kept implements InvocationHandler {
        final PreparedStatement statement;
        final PreparedStatement view;
        boolean leased;
        boolean batched;

        Kept(PreparedStatement statement) {
            this.statement = statement;
            this.view = (PreparedStatement) Proxy.newProxyInstance(PreparedStatement.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, this);
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> { giveBack(); return null; }
                case "isClosed" -> { return !leased; }
                case "addBatch" -> batched = true;
                case "equals" -> { if (args != null && args.length == 1) return proxy == args[0]; }
                case "hashCode" -> { if (args == null) return System.identityHashCode(proxy); }
                default -> { }
            }
            if (!leased) throw new SQLException("statement is closed");
            return call(statement, method, args);
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
