package qunzhu.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.testkit.Wait;

/** The WAL is copied into the database by the background connection, not inside the writers' commits. */
@Timeout(30)
class BackgroundCheckpointTest {
    @TempDir Path dir;

    @Test void writesReachTheDatabaseFileWithoutACommitCheckpointing() throws Exception {
        Path file = dir.resolve("c.db");
        qunzhu.runtime.Threads threads = qunzhu.runtime.Threads.forTests();
        ScheduledExecutorService on = threads.scheduled("checkpoint");
        try (Database db = Database.open(file, false)) {
            db.checkpointInBackground(on, Duration.ofMillis(20));
            long before = Files.size(file);
            // About 2 MB of WAL: far below the 10,000 pages at which a commit would checkpoint by itself.
            db.tx(c -> {
                for (int i = 0; i < 2_000; i++) Database.updateIn(c, "INSERT INTO kv(k, v) VALUES (?, ?)", "t." + i, "x".repeat(1000));
                return null;
            });
            Wait.until(() -> sizeOf(file) > before + 1_000_000, Duration.ofSeconds(10), "the rows copied into the database file");
            assertEquals(2_000, db.count("SELECT COUNT(*) FROM kv WHERE k LIKE 't.%'"));
        } finally {
            threads.shutdown(Duration.ofSeconds(2));
        }
        try (Database again = Database.open(file, false)) {
            assertEquals(2_000, again.count("SELECT COUNT(*) FROM kv WHERE k LIKE 't.%'"));
            assertEquals("ok", again.queryOne("PRAGMA integrity_check", rs -> rs.getString(1)));
        }
    }

    @Test void aRestartOfTheWalNeverFailsAWriterThatHasAlreadyRead() throws Exception {
        Path file = dir.resolve("r.db");
        qunzhu.runtime.Threads threads = qunzhu.runtime.Threads.forTests();
        ScheduledExecutorService on = threads.scheduled("checkpoint");
        try (Database db = Database.open(file, false)) {
            db.restartWalPast(10);
            db.checkpointInBackground(on, Duration.ofMillis(1));
            // Each transaction reads first and then writes, as the pipeline's do. A RESTART
            // checkpoint that held SQLite's write lock meanwhile made the write fail at once.
            for (int t = 0; t < 400; t++) {
                int round = t;
                db.tx(c -> {
                    Database.queryIn(c, "SELECT COUNT(*) FROM kv", rs -> rs.getLong(1));
                    for (int i = 0; i < 20; i++) Database.updateIn(c, "INSERT INTO kv(k, v) VALUES (?, ?)", "r." + round + "." + i, "x".repeat(2000));
                    return null;
                });
            }
            assertEquals(8_000, db.count("SELECT COUNT(*) FROM kv WHERE k LIKE 'r.%'"));
            assertTrue(db.health().writable(), "the store never reported a failed write");
        } finally {
            threads.shutdown(Duration.ofSeconds(2));
        }
    }

    private static long sizeOf(Path p) {
        try { return Files.size(p); } catch (java.io.IOException e) { return 0; }
    }
}
