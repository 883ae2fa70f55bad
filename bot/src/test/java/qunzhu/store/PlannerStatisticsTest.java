package qunzhu.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store gives SQLite's query planner statistics: without them it chose whole-index scans for the digest. */
class PlannerStatisticsTest {
    @TempDir Path dir;

    @Test void openingAStoreWithDataLeavesStatisticsForItsTables() {
        Path file = dir.resolve("s.db");
        try (Database db = Database.open(file, false)) {
            db.tx(c -> {
                for (int i = 0; i < 5_000; i++) {
                    Database.updateIn(c, "INSERT INTO report_member_day (platform, chat_id, day, member_id, messages) VALUES (?, ?, ?, ?, ?)",
                            "telegram", "-100" + (i % 20), "2026-11-" + (10 + i % 20), "m" + i, 1 + i % 7);
                }
                return null;
            });
        }
        try (Database again = Database.open(file, false)) {
            long rows = again.count("SELECT COUNT(*) FROM sqlite_stat1 WHERE tbl = 'report_member_day'");
            assertTrue(rows > 0, "statistics for the member-day rollup");
            String stat = again.queryOne("SELECT stat FROM sqlite_stat1 WHERE tbl = 'report_member_day' AND idx IS NOT NULL LIMIT 1",
                    rs -> rs.getString(1));
            assertEquals("5000", stat.split(" ")[0], "rows counted: " + stat);
        }
    }
}
