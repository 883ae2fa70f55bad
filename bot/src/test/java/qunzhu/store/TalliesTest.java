package qunzhu.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
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

    /** The row as the table holds it (a statement through the store would write waiting tallies first). */
    private String row(String k) {
        List<String> r = db.tx(c -> Database.queryIn(c, "SELECT n || '/' || m FROM counts WHERE k = ?", rs -> rs.getString(1), k));
        return r.isEmpty() ? null : r.get(0);
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

    // Held across commits (the bot holds them for a few seconds): written summed, once, and exactly.

    private qunzhu.testkit.MutableClock holding(int maxRows) {
        qunzhu.testkit.MutableClock clock = qunzhu.testkit.MutableClock.at("2026-11-22T10:00:00+08:00");
        db.useClock(clock);
        db.holdTallies(java.time.Duration.ofSeconds(10), maxRows);
        return clock;
    }

    private String kv(String k) { return new KeyValues(db).get(k); }

    @Test void heldRowsWaitAcrossCommitsThenOneWriteWithTheHandledMark() {
        qunzhu.testkit.MutableClock clock = holding(1_000);
        db.tx(c -> { add("a", 1); KeyValues.putIn(c, ActivityLog.HANDLED_MARK, "5"); return null; });
        clock.advance(java.time.Duration.ofSeconds(4));
        db.tx(c -> { add("a", 2); add("b", 1); KeyValues.putIn(c, ActivityLog.HANDLED_MARK, "6"); return null; });
        assertEquals(null, row("a"), "held: not written at the commits");
        assertEquals(null, kv(Tallies.FLUSHED_THROUGH));
        clock.advance(java.time.Duration.ofSeconds(7));
        db.tx(c -> { add("a", 4); KeyValues.putIn(c, ActivityLog.HANDLED_MARK, "7"); return null; });
        assertEquals("7/3", row("a"), "the oldest was 11 s old: everything written, summed");
        assertEquals("1/1", row("b"));
        assertEquals("7", kv(Tallies.FLUSHED_THROUGH), "written through the handled mark of that commit");
    }

    @Test void manyHeldRowsAreWrittenAtOnce() {
        holding(3);
        db.tx(c -> { add("a", 1); add("b", 1); return null; });
        assertEquals(2, db.heldTallies());
        db.tx(c -> { add("c", 1); return null; });
        assertEquals(3, db.heldTallies(), "three rows wait now");
        db.tx(c -> { add("d", 1); return null; });
        assertEquals(0, db.heldTallies(), "the next commit wrote them, and its own");
        assertEquals("1/1", row("a"));
        assertEquals("1/1", row("d"));
    }

    @Test void aStatementNamingTheTableSeesHeldRowsAndARollbackPutsThemBack() {
        holding(1_000);
        db.tx(c -> { add("a", 1); return null; });
        db.tx(c -> {
            Database.savepoint(c);
            assertEquals(1, store.count("SELECT n FROM counts WHERE k = 'a'"), "the held row is written for the read");
            Database.rollBackTo(c);
            return null;
        });
        assertEquals("1/1", row("a"), "the write went with the savepoint, the row was held again and written at the commit");
        db.flushTallies();
        assertEquals("1/1", row("a"), "written once");
    }

    @Test void aFailedTransactionThatWroteHeldRowsLeavesThemHeld() {
        holding(1_000);
        db.tx(c -> { add("a", 1); return null; });
        assertThrows(RuntimeException.class, () -> db.tx(c -> {
            store.count("SELECT n FROM counts WHERE k = 'a'");
            add("a", 10);
            throw new IllegalStateException("a feature's bug");
        }));
        assertEquals(null, row("a"), "the failed transaction's write of the held row is undone");
        db.flushTallies();
        assertEquals("1/1", row("a"), "still held, written once; the failed add is gone");
    }

    @Test void aHookLearnsWhatTheRowBecameOncePerWrite() {
        holding(1_000);
        String returning = UPSERT + " RETURNING n";
        List<String> firsts = new java.util.ArrayList<>();
        FeatureStore.Written first = (key, deltas, now) -> { if (now[0] == deltas[0]) firsts.add((String) key[0]); };
        db.tx(c -> {
            store.tally(returning, new Object[] {"a"}, new long[] {1, 1}, first);
            store.tally(returning, new Object[] {"a"}, new long[] {1, 1}, first);
            store.tally(returning, new Object[] {"b"}, new long[] {1, 1}, first);
            return null;
        });
        assertEquals(List.of(), firsts, "held: not written yet");
        db.flushTallies();
        assertEquals(List.of("a", "b"), firsts, "both rows are new");
        db.tx(c -> { store.tally(returning, new Object[] {"a"}, new long[] {1, 1}, first); return null; });
        db.flushTallies();
        assertEquals(List.of("a", "b"), firsts, "a had 2 already");
        assertEquals("3/3", row("a"));
    }

    /** A tally that also sets a column (the text of the latest add), written at its own commit even while others are held. */
    private static final String LAST = "INSERT INTO lasts (k, n, last) VALUES (?, ?, ?)"
            + " ON CONFLICT (k) DO UPDATE SET n = lasts.n + excluded.n, last = excluded.last";

    private void last(String k, long n, String text) { store.tallyAtCommit(LAST, new Object[] {k}, new long[] {n}, new Object[] {text}); }

    private String lastRow(String k) {
        List<String> r = db.tx(c -> Database.queryIn(c, "SELECT n || '/' || last FROM lasts WHERE k = ?", rs -> rs.getString(1), k));
        return r.isEmpty() ? null : r.get(0);
    }

    @Test void anAtCommitTallyIsWrittenByItsCommitWithTheLatestValuesWhileHeldRowsWait() {
        db.tx(c -> Database.updateIn(c, "CREATE TABLE lasts (k TEXT PRIMARY KEY, n INTEGER NOT NULL, last TEXT)"));
        holding(1_000);
        db.tx(c -> {
            add("a", 1);
            last("x", 2, "first");
            last("x", 3, "second");
            last("y", 1, "only");
            return null;
        });
        assertEquals("5/second", lastRow("x"), "summed, and the latest add's value set");
        assertEquals("1/only", lastRow("y"));
        assertEquals(null, row("a"), "the held tally still waits");
        assertEquals(1, db.heldTallies());
        db.flushTallies();
        assertEquals("1/1", row("a"));
    }

    @Test void whatWaitsForARowIsSeenWithoutWritingIt() {
        db.tx(c -> Database.updateIn(c, "CREATE TABLE lasts (k TEXT PRIMARY KEY, n INTEGER NOT NULL, last TEXT)"));
        db.tx(c -> { last("x", 2, "a"); return null; });
        db.tx(c -> {
            last("x", 3, "b");
            last("x", 4, "c");
            FeatureStore.Pending p = store.pendingTally(LAST, new Object[] {"x"});
            assertEquals(7, p.deltas()[0]);
            assertEquals("c", p.latest()[0]);
            assertEquals(null, store.pendingTally(LAST, new Object[] {"y"}));
            assertEquals(7, store.pendingTallies(LAST, 0));
            assertEquals("2/a", store.besidePending().queryOne("SELECT n || '/' || last FROM lasts WHERE k = 'x'", rs -> rs.getString(1)),
                    "the view beside the pending tallies reads the row as written");
            assertEquals(7, store.pendingTallies(LAST, 0), "and left them waiting");
            Database.savepoint(c);
            last("x", 100, "d");
            Database.rollBackTo(c);
            assertEquals(7, store.pendingTallies(LAST, 0, "x"), "a rolled-back savepoint takes its add back");
            assertEquals(0, store.pendingTallies(LAST, 0, "y"));
            return null;
        });
        assertEquals("9/c", lastRow("x"));
    }

    @Test void aTextIsHeldOrWrittenAtCommitNotBoth() {
        StoreException e = assertThrows(StoreException.class, () -> db.tx(c -> {
            add("a", 1);
            store.tallyAtCommit(UPSERT, new Object[] {"a"}, new long[] {1, 1}, null);
            return null;
        }));
        assertEquals(IllegalArgumentException.class, e.getCause().getClass());
    }
}
