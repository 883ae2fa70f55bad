package qunzhu.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, simulated with SQLite's own limit (PRAGMA max_page_count: the file may not grow
 * past it, writes that need a page fail with SQLITE_FULL) on a real file in WAL mode.
 */
class DatabaseFaultsTest {
    @TempDir Path dir;

    /** Caps the file at its current size: writes that need a new page fail with SQLITE_FULL. */
    private static void capAtCurrentSize(Database db) {
        db.tx(c -> {
            long pages = Database.queryIn(c, "PRAGMA page_count", rs -> rs.getLong(1)).get(0);
            long free = Database.queryIn(c, "PRAGMA freelist_count", rs -> rs.getLong(1)).get(0);
            assertEquals(0, free, "no free pages to fill first");
            try (var s = c.createStatement()) { s.execute("PRAGMA max_page_count=" + pages); }
            return null;
        });
    }

    private static void uncap(Database db) {
        db.tx(c -> { try (var s = c.createStatement()) { s.execute("PRAGMA max_page_count=1073741823"); } return null; });
    }

    /** Two rows in one transaction: a small one that fits, then one that needs many new pages. */
    private static void writeSmallThenBig(Database db, String small) {
        db.tx(c -> {
            Database.updateIn(c, "INSERT INTO kv(k, v) VALUES (?, 'fits')", small);
            Database.updateIn(c, "INSERT INTO kv(k, v) VALUES (?, ?)", small + ".big", "x".repeat(1 << 20));
            return null;
        });
    }

    private static List<String> keys(Database db) {
        return db.query("SELECT k FROM kv WHERE k LIKE 't.%' ORDER BY k", rs -> rs.getString(1));
    }

    @Test void afterSqliteFullTheNextTransactionCommitsOnceSpaceReturnsAndNothingIsHalfWritten() {
        try (Database db = Database.open(dir.resolve("q.db"), false)) {
            db.update("INSERT INTO kv(k, v) VALUES ('t.before', '1')");
            capAtCurrentSize(db);

            StoreException full = assertThrows(StoreException.class, () -> writeSmallThenBig(db, "t.first"));
            assertTrue(full.getMessage().contains("SQLITE_FULL"), full.getMessage());
            assertFalse(db.health().writable(), "the health flag says the store cannot write");
            assertTrue(db.health().lastError().contains("SQLITE_FULL"), db.health().lastError());

            // Still full: a second try fails the same way and leaves nothing behind either.
            assertThrows(StoreException.class, () -> writeSmallThenBig(db, "t.second"));
            assertEquals(List.of("t.before"), keys(db), "no statement of a failed transaction autocommitted");

            uncap(db);   // space returns
            List<Database.Outage> told = new ArrayList<>();
            db.onRecovered(told::add);
            db.tx(c -> {
                Database.updateIn(c, "INSERT INTO kv(k, v) VALUES ('t.after1', '1')");
                Database.updateIn(c, "INSERT INTO kv(k, v) VALUES ('t.after2', '2')");
                return null;
            });
            assertEquals(List.of("t.after1", "t.after2", "t.before"), keys(db));
            assertTrue(db.health().writable());
            assertEquals(1, told.size(), "recovery is announced once");
            assertTrue(told.get(0).failures() >= 2, "both failed transactions counted: " + told.get(0));

            // A failed transaction now rolls back as a whole, as it should.
            assertThrows(StoreException.class, () -> db.tx(c -> {
                Database.updateIn(c, "INSERT INTO kv(k, v) VALUES ('t.rolled', '1')");
                throw new SQLException("boom");
            }));
            assertEquals(List.of("t.after1", "t.after2", "t.before"), keys(db));
        }
        try (Database again = Database.open(dir.resolve("q.db"), false)) {
            assertEquals(List.of("t.after1", "t.after2", "t.before"), keys(again), "what committed is durable in the file");
        }
    }

    @Test void aJoinedTransactionThatSqliteEndedIsNotCommittedInPieces() {
        try (Database db = Database.open(dir.resolve("q.db"), false)) {
            capAtCurrentSize(db);
            assertThrows(StoreException.class, () -> db.tx(c -> {
                Database.updateIn(c, "INSERT INTO kv(k, v) VALUES ('t.outer1', '1')");
                try {
                    db.tx(inner -> Database.updateIn(inner, "INSERT INTO kv(k, v) VALUES ('t.inner', ?)", "x".repeat(1 << 20)));
                } catch (StoreException swallowed) {
                    // a careless caller carries on
                }
                uncap(db);
                Database.updateIn(c, "INSERT INTO kv(k, v) VALUES ('t.outer2', '2')");
                return null;
            }));
            assertEquals(List.of(), keys(db), "neither the part before nor the part after the error was kept");
            db.update("INSERT INTO kv(k, v) VALUES ('t.next', '1')");
            assertEquals(List.of("t.next"), keys(db));
        }
    }

    @Test void aBrokenConnectionIsReopenedAndTheNextTransactionWorks() {
        try (Database db = Database.open(dir.resolve("q.db"), false)) {
            db.update("INSERT INTO kv(k, v) VALUES ('t.before', '1')");
            assertThrows(StoreException.class, () -> db.tx(c -> { c.close(); return null; }));
            db.update("INSERT INTO kv(k, v) VALUES ('t.after', '1')");
            assertEquals(List.of("t.after", "t.before"), keys(db));
            assertEquals("WAL", db.queryOne("PRAGMA journal_mode", rs -> rs.getString(1)).toUpperCase(), "pragmas set again");
        }
    }

    @Test void theSimulatedFullDiskRefusesEveryWriteUntilLifted() {
        try (Database db = Database.open(dir.resolve("q.db"), false)) {
            db.simulateFullDisk(true);
            assertThrows(StoreException.class, () -> db.update("INSERT INTO kv(k, v) VALUES ('t.x', '1')"));
            assertFalse(db.health().writable());
            db.simulateFullDisk(false);
            db.update("INSERT INTO kv(k, v) VALUES ('t.y', '1')");
            assertEquals(List.of("t.y"), keys(db));
            assertTrue(db.health().writable());
        }
    }

    @Test void whileTheStoreCannotWriteTheErrorLineComesOnceAMinute() {
        qunzhu.testkit.MutableClock clock = qunzhu.testkit.MutableClock.at("2026-11-24T10:00:00+08:00");
        try (Database db = Database.open(dir.resolve("q.db"), false)) {
            db.useClock(clock);
            db.simulateFullDisk(true);
            for (int i = 0; i < 5; i++) {
                assertThrows(StoreException.class, () -> db.update("INSERT INTO kv(k, v) VALUES ('t.x', '1')"));
                clock.advance(java.time.Duration.ofSeconds(10));
            }
            assertEquals(1, db.loudLines(), "five failures in 50 s: one ERROR line");
            clock.advance(java.time.Duration.ofSeconds(10));
            assertThrows(StoreException.class, () -> db.update("INSERT INTO kv(k, v) VALUES ('t.x', '1')"));
            assertEquals(2, db.loudLines(), "a minute later: the next one");
            assertEquals(java.time.Instant.parse("2026-11-24T02:00:00Z"), db.health().since(), "unwritable since the first failure");
            db.simulateFullDisk(false);
            db.update("INSERT INTO kv(k, v) VALUES ('t.x', '1')");
            assertTrue(db.health().writable());
        }
    }

    @Test void aReadOnlyStoreRefusesWritesWithSqliteReadonlyAndRecoversOnce() {
        try (Database db = Database.open(dir.resolve("q.db"), false)) {
            db.update("INSERT INTO kv(k, v) VALUES ('t.before', '1')");
            db.simulateReadOnly(true);
            StoreException e = assertThrows(StoreException.class, () -> db.update("INSERT INTO kv(k, v) VALUES ('t.x', '1')"));
            java.sql.SQLException cause = (java.sql.SQLException) e.getCause();
            assertEquals(org.sqlite.SQLiteErrorCode.SQLITE_READONLY.code, cause.getErrorCode() & 0xff, e.getMessage());
            assertFalse(db.health().writable());
            assertTrue(db.health().lastError().contains("readonly"), db.health().lastError());
            assertEquals(List.of("t.before"), keys(db), "reads still work");
            List<Database.Outage> told = new ArrayList<>();
            db.onRecovered(told::add);
            db.simulateReadOnly(false);
            db.update("INSERT INTO kv(k, v) VALUES ('t.y', '1')");
            assertEquals(List.of("t.before", "t.y"), keys(db));
            assertTrue(db.health().writable());
            assertEquals(1, told.size());
        }
    }
}
