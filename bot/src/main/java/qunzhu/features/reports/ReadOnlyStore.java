package qunzhu.features.reports;

import java.util.List;
import java.util.function.Supplier;
import qunzhu.feature.FeatureStore;
import qunzhu.store.Readers;

/**
 * A {@link FeatureStore} for queries only, on the store's read-only connections: the last
 * committed state, from any thread (see {@link Readers}). Writes are refused: a report reads.
 * On a store without readers it reads on the writer, without the write-behind tallies of the
 * open transaction: {@link ReportBuilder#on} then uses the feature's own store instead.
 */
public final class ReadOnlyStore implements FeatureStore {
    private final Readers readers;

    public ReadOnlyStore(Readers readers) { this.readers = readers; }

    @Override public <T> List<T> query(String sql, Row<T> row, Object... params) { return readers.query(sql, row::map, params); }

    @Override public int update(String sql, Object... params) { throw new UnsupportedOperationException("read-only store: " + sql); }

    @Override public long insert(String sql, Object... params) { throw new UnsupportedOperationException("read-only store: " + sql); }

    @Override public <T> T atomically(Supplier<T> work) { return work.get(); }

    @Override public void tally(String upsert, Object[] key, long[] deltas) { throw new UnsupportedOperationException("read-only store: " + upsert); }

    @Override public void tally(String upsert, Object[] key, long[] deltas, Written written) {
        throw new UnsupportedOperationException("read-only store: " + upsert);
    }
}
