package qunzhu.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import qunzhu.feature.FeatureStore;

/**
 * Counters written behind: summed into one UPSERT per row at commit, taken back with the
 * savepoint or transaction that added them, and seen by a statement that names their table.
 */
class TalliesTest {
    private static final String UPSERT = "INSERT INTO counts (k, n, m) VALUES (?, ?, ?)"
            + " ON CONFLICT (k) DO UPDATE SET n = counts.n + excluded.n, m = counts.m + excluded.m";
    private Database db;
    private FeatureStore store;

    @BeforeEach void open() {
        db = Database.inMemory();
        db.tx(c -> Database.updateIn(c, "CREATE TABLE counts (k TEXT PRIMARY KEY, n INTEGER NOT NULL, m INTEGER NOT NULL)"));
        store = FeatureStore.over(db);
    }

    private void add(String k, long n) { store.tally(UPSERT, new Object[] {k}, new long[] {n, 1}); }

    private String row(String k) {
        return db.queryOne("SELECT n || '/' || m FROM counts WHERE k = ?", rs -> rs.getString(1), k);
    }

    @Test void addsToOneRowAreOneWriteAtCommit() {
        db.tx(c -> {
            long before = Database.totalChanges(c);
            add("a", 2);
            add("a", 3);
            add("b", 1);
            assertEquals(before, Database.totalChanges(c), "nothing written before the commit");
            return null;
        });
        assertEquals("5/2", row("a"));
        assertEquals("1/1", row("b"));
        db.tx(c -> { add("a", 1); return null; });
        assertEquals("6/3", row("a"));
    }

    @Test void aRolledBackSavepointTakesItsAddsBack() {
        db.tx(c -> {
            add("a", 1);
            Database.savepoint(c);
            add("a", 10);
            Database.rollBackTo(c);
            Database.savepoint(c);
            add("a", 100);
            Database.release(c);
            return null;
        });
        assertEquals("101/2", row("a"));
    }

    @Test void aReadSeesPendingAddsAndARollbackAfterItStillKeepsTheEarlierOnes() {
        db.tx(c -> {
            add("a", 1);
            Database.savepoint(c);
            add("a", 10);
            assertEquals("11/2", store.queryOne("SELECT n || '/' || m FROM counts WHERE k = 'a'", rs -> rs.getString(1)));
            Database.rollBackTo(c);   // undoes the write the read caused: the first add is pending again
            add("a", 100);
            return null;
        });
        assertEquals("101/2", row("a"));
    }

    @Test void nestedSavepointsWithAWriteInsideFollowTheOuterOne() {
        db.tx(c -> {
            Database.savepoint(c);
            add("a", 1);
            Database.savepoint(c);
            add("a", 2);
            assertEquals(3, store.count("SELECT n FROM counts WHERE k = 'a'"));
            Database.release(c);
            add("a", 4);
            Database.rollBackTo(c);
            add("b", 7);
            return null;
        });
        assertEquals(null, row("a"));
        assertEquals("7/1", row("b"));
    }

    @Test void aFailedTransactionWritesNoneOfItsAdds() {
        assertThrows(RuntimeException.class, () -> db.tx(c -> {
            add("a", 5);
            throw new IllegalStateException("a feature's bug");
        }));
        db.tx(c -> { add("a", 1); return null; });
        assertEquals("1/1", row("a"));
    }

    @Test void millionsOfAddsOutsideSavepointsAreWrittenAsTheyGo() {
        db.tx(c -> {
            for (int i = 0; i < 25_000; i++) add("k" + (i % 7), 1);
            return null;
        });
        long total = db.count("SELECT SUM(n) FROM counts");
        assertEquals(25_000, total);
        assertEquals("3572/3572", row("k0"));
    }
}
