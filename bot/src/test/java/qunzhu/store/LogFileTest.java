package qunzhu.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;

/**
 * The activity log in a file of its own (V025): a store from before it moves its log there at
 * the first start, ids and indexes kept; a copy cut short is made again; a missing or older
 * log file is named, not silently used; and the log is written while the main store is busy.
 */
class LogFileTest {
    @TempDir Path dir;
    private static final ChatRef CHAT = new ChatRef("telegram", "-100");
    private static final Instant T = Instant.ofEpochSecond(1_780_000_000L);
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** A database as the bot left it before V025: migrations 1-24, two logged events (ids 5 and 9), the mark at 5. */
    private static void storeOfVersion24(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, name TEXT NOT NULL)");
            for (int i = 0; i < 24; i++) {
                for (String st : Migrations.statements(Migrations.read(Migrations.FILES.get(i)))) s.execute(st);
                s.execute("INSERT INTO schema_version VALUES (" + (i + 1) + ", '" + Migrations.FILES.get(i) + "')");
            }
            for (long id : new long[] {5, 9}) {
                Event e = message(Long.toString(id));
                s.execute("INSERT INTO activity (id, platform, chat_id, native_id, kind, member_id, at_ms, day, message_id, text, payload)"
                        + " VALUES (" + id + ", 'telegram', '-100', '" + id + "', 'message', 'ann', " + T.toEpochMilli() + ", '2026-05-29', '"
                        + id + "', 'hi', '" + Codec.encode(e).replace("'", "''") + "')");
            }
            s.execute("INSERT INTO kv (k, v) VALUES ('" + ActivityLog.HANDLED_MARK + "', '5')");
        }
    }

    @Test void aStoreFromBeforeMovesItsLogIntoItsOwnFileWithItsIdsAndIndexes() throws Exception {
        Path file = dir.resolve("q.db");
        storeOfVersion24(file);
        try (Database db = Database.open(file, false)) {
            assertEquals(0, db.count("SELECT COUNT(*) FROM main.sqlite_master WHERE name = 'activity'"), "the main file keeps no log");
            assertEquals(List.of(5L, 9L), db.query("SELECT id FROM log.activity ORDER BY id", rs -> rs.getLong(1)));
            assertEquals(List.of("activity_chat_day_member", "activity_message"),
                    db.query("SELECT name FROM log.sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name", rs -> rs.getString(1)));
            ActivityLog log = new ActivityLog(db, ZONE);
            assertEquals(List.of(9L), log.unhandled().stream().map(ActivityLog.Logged::id).toList(), "the mark still points into the log");
            assertEquals(10L, log.append(List.of(message("10"))).get(0).id(), "new ids follow the moved ones");
        }
        assertTrue(Files.exists(dir.resolve("q.activity.db")));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("q.activity.db")); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM activity")) {
            assertEquals(3, rs.getLong(1), "the rows are in the log's own file");
        }
    }

    /** The copy and the main file's drop commit apart: a log file left with a partial copy is emptied and filled again. */
    @Test void aCopyCutShortBeforeTheMainFileDroppedItsLogIsMadeAgain() throws Exception {
        Path file = dir.resolve("q.db");
        storeOfVersion24(file);
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("q.activity.db")); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE activity (id INTEGER PRIMARY KEY, payload TEXT)");
            s.execute("INSERT INTO activity VALUES (5, 'half a copy')");
        }
        try (Database db = Database.open(file, false)) {
            assertEquals(List.of(5L, 9L), db.query("SELECT id FROM activity ORDER BY id", rs -> rs.getLong(1)));
            assertFalse(db.queryOne("SELECT payload FROM activity WHERE id = 5", rs -> rs.getString(1)).contains("half"));
        }
    }

    @Test void aMissingLogFileStopsTheStartAndNamesIt() {
        Path file = dir.resolve("q.db");
        try (Database db = Database.open(file, false)) {
            new ActivityLog(db, ZONE).append(List.of(message("1")));
        }
        for (String suffix : new String[] {"", "-wal", "-shm"}) dir.resolve("q.activity.db" + suffix).toFile().delete();
        StoreException e = assertThrows(StoreException.class, () -> Database.open(file, false));
        assertTrue(e.getMessage().contains("q.activity.db") && e.getMessage().contains("no activity table"), e.getMessage());
    }

    /** A log file older than the main one (restored from an earlier backup): the mark comes back to its last event, so new events run. */
    @Test void aMarkPastTheLogsLastEventComesBackToIt() {
        try (Database db = Database.open(dir.resolve("q.db"), false)) {
            ActivityLog log = new ActivityLog(db, ZONE);
            log.append(List.of(message("1"), message("2")));
            log.markHandled(7);
            assertTrue(log.unhandled().isEmpty());
            assertEquals("2", new KeyValues(db).get(ActivityLog.HANDLED_MARK));
            log.append(List.of(message("3")));
            assertEquals(List.of("3"), log.unhandled().stream().map(l -> l.event().key().nativeId()).toList());
        }
    }

    /** The log has a writer of its own: events are logged, durably, while a transaction holds the main store. */
    @Test void eventsAreLoggedWhileTheMainStoreIsHeld() throws Exception {
        try (Database db = Database.open(dir.resolve("q.db"), false)) {
            ActivityLog log = new ActivityLog(db, ZONE);
            CountDownLatch holding = new CountDownLatch(1), release = new CountDownLatch(1);
            Thread features = new Thread(() -> db.tx(c -> {
                Database.updateIn(c, "INSERT INTO kv (k, v) VALUES ('t.busy', '1')");
                holding.countDown();
                try { release.await(10, TimeUnit.SECONDS); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                return null;
            }));
            features.start();
            try {
                assertTrue(holding.await(5, TimeUnit.SECONDS));
                List<ActivityLog.Logged> fresh = log.log(List.of(message("1"), message("2")), null);
                assertEquals(2, fresh.size());
                try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("q.activity.db")); Statement s = c.createStatement();
                     var rs = s.executeQuery("SELECT COUNT(*) FROM activity")) {
                    assertEquals(2, rs.getLong(1), "committed in the log's file while the main store was held");
                }
            } finally {
                release.countDown();
                features.join();
            }
            assertEquals("1", new KeyValues(db).get("t.busy"));
        }
    }

    private static Event message(String id) {
        return new Event.MessagePosted(EventKey.of(CHAT, id), CHAT, T, "host", MemberRef.of("ann", "Ann"), id, "hi", null, null,
                false, false, false, false);
    }
}
