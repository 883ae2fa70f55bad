package qunzhu.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a migration file is cut into statements. */
class MigrationsTest {
    /** A migration file left out of the list would never run (and every test would still pass on the old schema). */
    @Test void everyMigrationFileIsInTheListInTheOrderOfItsVersion() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of(Migrations.class.getResource("/db/migration/V001__core.sql").toURI()).getParent();
        List<String> files;
        try (var s = java.nio.file.Files.list(dir)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")).sorted().toList();
        }
        assertEquals(files, Migrations.FILES);
        for (int i = 0; i < files.size(); i++) assertEquals(String.format("V%03d__", i + 1), files.get(i).substring(0, 6), files.get(i));
    }

    @Test void aTriggerIsOneStatementWithTheStatementsOfItsBody() {
        String sql = """
                -- a comment before
                CREATE TABLE a (x INTEGER);
                CREATE TRIGGER a_on_insert AFTER INSERT ON a
                BEGIN
                    INSERT INTO b (y) VALUES (new.x);
                    UPDATE c SET n = n + 1;
                END;

                CREATE INDEX a_x ON a (x);
                """;
        assertEquals(List.of(
                "CREATE TABLE a (x INTEGER)",
                "CREATE TRIGGER a_on_insert AFTER INSERT ON a\nBEGIN\n    INSERT INTO b (y) VALUES (new.x);\n    UPDATE c SET n = n + 1;\nEND",
                "CREATE INDEX a_x ON a (x)"), Migrations.statements(sql));
    }

    @Test void theShippedTriggersKeepEveryBalanceAtTheSumOfItsLedger() {
        try (Database db = Database.inMemory()) {
            String entry = "INSERT INTO points_ledger (platform, chat_id, member_id, delta, kind, reason, source, at_ms) VALUES ('s', 'g', ?, ?, 'EARN', 'r', ?, 0)";
            db.update(entry, "m1", 5, "a");
            db.update(entry, "m1", -2, "b");
            db.update(entry, "m2", 7, "a");
            db.update("UPDATE points_ledger SET delta = delta + 10 WHERE member_id = 'm1' AND source = 'a'");
            db.update("UPDATE points_ledger SET chat_id = 'g2' WHERE member_id = 'm2'"); // a chat move changes no balance
            assertEquals(List.of("g m1 13", "g m2 7"),
                    db.query("SELECT chat_id, member_id, balance FROM points_balance ORDER BY rowid", rs -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getLong(3)));
        }
    }
}
