package qunzhu.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;

/** The handled mark only moves forward: what is after it runs again at start, and nothing before it does. */
class HandledMarkTest {
    @Test void theMarkMovesForwardNeverBackAndTheEventsAfterItAreUnhandled() {
        ChatRef chat = new ChatRef("telegram", "-100");
        Instant t = Instant.ofEpochSecond(1_780_000_000L);
        try (Database db = Database.inMemory()) {
            ActivityLog log = new ActivityLog(db, ZoneId.of("Asia/Shanghai"));
            List<ActivityLog.Logged> logged = log.append(List.of(message(chat, "1", t), message(chat, "2", t), message(chat, "3", t)));
            assertEquals(3, log.unhandled().size());
            log.markHandled(logged.get(1).id());
            log.markHandled(logged.get(0).id());   // late and lower: the mark stays
            List<ActivityLog.Logged> left = log.unhandled();
            assertEquals(1, left.size());
            assertEquals("3", left.get(0).event().key().nativeId());
            log.markHandled(logged.get(2).id());
            assertTrue(log.unhandled().isEmpty());
            assertEquals(Long.toString(logged.get(2).id()), new KeyValues(db).get(ActivityLog.HANDLED_MARK));
            // ids compared as numbers, not as the text kv holds: 9 is behind 10
            List<Event> more = new java.util.ArrayList<>();
            for (int i = 4; i <= 12; i++) more.add(message(chat, Integer.toString(i), t));
            List<ActivityLog.Logged> later = log.append(more);
            log.markHandled(later.get(6).id());   // id 10
            log.markHandled(later.get(5).id());   // id 9: the mark stays at 10
            assertEquals(List.of("11", "12"), log.unhandled().stream().map(l -> l.event().key().nativeId()).toList());
        }
    }

    /**
     * A batch's new rows get the ids that follow the largest before it, and an event logged
     * before gets none; past the largest rowid SQLite picks ids at random, and each new row's id
     * is then looked up: either way the ids returned are the rows'.
     */
    @Test void theIdsReturnedAreTheRowsIdsEvenWhenSqlitePicksThemAtRandom() {
        ChatRef chat = new ChatRef("telegram", "-100");
        Instant t = Instant.ofEpochSecond(1_780_000_000L);
        try (Database db = Database.inMemory()) {
            ActivityLog log = new ActivityLog(db, ZoneId.of("Asia/Shanghai"));
            List<ActivityLog.Logged> first = log.append(List.of(message(chat, "1", t), message(chat, "2", t)));
            List<ActivityLog.Logged> second = log.append(List.of(message(chat, "2", t), message(chat, "3", t), message(chat, "3", t)));
            assertEquals(List.of("3"), second.stream().map(l -> l.event().key().nativeId()).toList(), "seen before: dropped");
            assertEquals(first.get(1).id() + 1, second.get(0).id());
            db.tx(c -> Database.updateIn(c, "UPDATE activity SET id = 9223372036854775807 WHERE native_id = '3'"));
            List<ActivityLog.Logged> random = log.append(List.of(message(chat, "4", t), message(chat, "5", t), message(chat, "6", t)));
            assertEquals(3, random.size());
            for (ActivityLog.Logged l : random) {
                assertEquals(l.event().key().nativeId(), db.queryOne("SELECT native_id FROM activity WHERE id = ?", rs -> rs.getString(1), l.id()));
            }
            assertTrue(random.get(0).id() < random.get(1).id() && random.get(1).id() < random.get(2).id(), "in id order");
        }
    }

    private static Event message(ChatRef chat, String id, Instant at) {
        return new Event.MessagePosted(EventKey.of(chat, id), chat, at, "host", MemberRef.of("ann", "Ann"), id, "hi", null, null,
                false, false, false, false);
    }
}
