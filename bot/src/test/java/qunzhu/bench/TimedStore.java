package qunzhu.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import qunzhu.feature.FeatureStore;

/**
 * A {@link FeatureStore} that times each statement it passes on (wall time, summed by the
 * statement's text): {@code -Dbench.sql=true} prints where the report's SQL time goes.
 */
final class TimedStore implements FeatureStore {
    private final FeatureStore inner;
    private final Map<String, double[]> byStatement = new TreeMap<>();

    TimedStore(FeatureStore inner) { this.inner = inner; }

    @Override public <T> List<T> query(String sql, Row<T> row, Object... params) {
        long s = System.nanoTime();
        try {
            return inner.query(sql, row, params);
        } finally {
            add(sql, s);
        }
    }

    @Override public int update(String sql, Object... params) { return inner.update(sql, params); }

    @Override public long insert(String sql, Object... params) { return inner.insert(sql, params); }

    @Override public <T> T atomically(Supplier<T> work) { return inner.atomically(work); }

    private synchronized void add(String sql, long start) {
        double[] v = byStatement.computeIfAbsent(sql.replaceAll("\\(\\?, \\?\\)(, \\(\\?, \\?\\))+", "(?, ?)...").replaceAll("\\s+", " "), k -> new double[2]);
        v[0] += (System.nanoTime() - start) / 1e6;
        v[1]++;
    }

    /** Prints the statements by time spent, then forgets them. */
    synchronized void print(String title) {
        System.out.println("  SQL time of " + title + ":");
        byStatement.entrySet().stream().sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0])).limit(25).forEach(e ->
                System.out.printf("    %8.1f ms %5.0f x  %s%n", e.getValue()[0], e.getValue()[1],
                        e.getKey().length() > 150 ? e.getKey().substring(0, 150) : e.getKey()));
        byStatement.clear();
    }
}
