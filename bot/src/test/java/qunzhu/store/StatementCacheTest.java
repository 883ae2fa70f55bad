package qunzhu.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The store's connection keeps prepared statements; reusing them must never mix up rows or parameters. */
class StatementCacheTest {
    @Test void aKeptStatementAnswersEachCallWithItsOwnParameters() {
        try (Database db = Database.inMemory()) {
            for (int i = 0; i < 5; i++) db.update("INSERT INTO kv(k, v) VALUES (?, ?)", "t." + i, "v" + i);
            for (int i = 0; i < 5; i++) assertEquals("v" + i, db.queryOne("SELECT v FROM kv WHERE k = ?", rs -> rs.getString(1), "t." + i));
            assertEquals(List.of(), db.query("SELECT v FROM kv WHERE k = ?", rs -> rs.getString(1), "t.none"));
        }
    }

    @Test void theSameQueryInsideItsOwnMapperGetsAStatementOfItsOwn() {
        try (Database db = Database.inMemory()) {
            db.update("INSERT INTO kv(k, v) VALUES ('t.a', 't.b')");
            db.update("INSERT INTO kv(k, v) VALUES ('t.b', 't.c')");
            String sql = "SELECT v FROM kv WHERE k = ?";
            List<String> chained = db.tx(c -> Database.queryIn(c, sql,
                    rs -> rs.getString(1) + ">" + Database.queryIn(c, sql, inner -> inner.getString(1), rs.getString(1)).get(0), "t.a"));
            assertEquals(List.of("t.b>t.c"), chained);
            // and the kept statement still works afterwards
            assertEquals("t.c", db.queryOne(sql, rs -> rs.getString(1), "t.b"));
        }
    }

    @Test void aStatementThatFailedIsUsableAgainAndAnUnboundParameterDoesNotCarryOver() {
        try (Database db = Database.inMemory()) {
            String insert = "INSERT INTO kv(k, v) VALUES (?, ?)";
            db.update(insert, "t.x", "1");
            assertThrows(StoreException.class, () -> db.update(insert, "t.x", "2"));   // unique key
            db.update(insert, "t.y", "3");
            assertEquals("3", db.queryOne("SELECT v FROM kv WHERE k = ?", rs -> rs.getString(1), "t.y"));
            assertEquals("1", db.queryOne("SELECT v FROM kv WHERE k = ?", rs -> rs.getString(1), "t.x"));
            // parameters are cleared when a kept statement is given back: a second call binding
            // fewer values gets NULL for the rest (the NOT NULL column refuses it), not the old value
            assertThrows(StoreException.class, () -> db.tx(c -> {
                try (var ps = c.prepareStatement(insert)) {
                    ps.setString(1, "t.z");
                    return ps.executeUpdate();
                }
            }));
        }
    }

    @Test void savepointsNestAndRollBackOnlyTheirOwnWork() {
        try (Database db = Database.inMemory()) {
            db.tx(c -> {
                Database.updateIn(c, "INSERT INTO kv(k, v) VALUES ('t.outer', '1')");
                Database.savepoint(c);
                Database.updateIn(c, "INSERT INTO kv(k, v) VALUES ('t.kept', '1')");
                Database.savepoint(c);
                Database.updateIn(c, "INSERT INTO kv(k, v) VALUES ('t.undone', '1')");
                Database.rollBackTo(c);
                Database.release(c);
                return null;
            });
            assertEquals(List.of("t.kept", "t.outer"), db.query("SELECT k FROM kv WHERE k LIKE 't.%' ORDER BY k", rs -> rs.getString(1)));
        }
    }
}
