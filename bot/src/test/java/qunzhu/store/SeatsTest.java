package qunzhu.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;

/**
 * The log keeps each member's seat in each chat (first and last seen, joined, left) with one
 * upsert per seat per batch, and none for a seat it wrote a moment ago. Whatever the batches, the rows are those of logging the
 * events one at a time: a member who joins and leaves within a batch has left, one who leaves
 * and comes back is in.
 */
class SeatsTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Test void seatsAfterBatchesEqualSeatsAfterOneEventAtATime() {
        Random rnd = new Random(20261201);
        for (int round = 0; round < 8; round++) {
            List<Event> events = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                ChatRef chat = new ChatRef("telegram", "-10" + rnd.nextInt(3));
                MemberRef who = MemberRef.of("u" + rnd.nextInt(6), "name" + rnd.nextInt(3));
                // Times are not always in log order: a late event must not move last_seen back.
                Instant at = Instant.ofEpochSecond(1_780_000_000L + i * 10L - rnd.nextInt(30));
                EventKey key = EventKey.of(chat, round + "-" + i);
                events.add(switch (rnd.nextInt(4)) {
                    case 0 -> new Event.MemberJoined(key, chat, at, "host", who, null);
                    case 1 -> new Event.MemberLeft(key, chat, at, "host", who, null);
                    default -> new Event.MessagePosted(key, chat, at, "host", who, key.nativeId(), "hi " + i, null, null,
                            false, false, false, false);
                });
            }
            try (Database batched = Database.inMemory(); Database single = Database.inMemory()) {
                ActivityLog a = new ActivityLog(batched, ZONE, ActivityLog.LastSeen.EXACT), b = new ActivityLog(single, ZONE, ActivityLog.LastSeen.EXACT);
                for (int from = 0; from < events.size(); ) {
                    int to = Math.min(events.size(), from + 1 + rnd.nextInt(80));
                    a.append(events.subList(from, to));
                    from = to;
                }
                for (Event e : events) b.append(List.of(e));
                assertEquals(rows(single), rows(batched), "round " + round);
                assertEquals(memberRows(single), memberRows(batched), "round " + round);
                assertEquals(chatRows(single), chatRows(batched), "round " + round);
            }
        }
    }

    @Test void joinedAndLeftInOneBatchHasLeftAndLeftAndBackIsIn() {
        ChatRef chat = new ChatRef("telegram", "-100");
        MemberRef ann = MemberRef.of("ann", "Ann"), bo = MemberRef.of("bo", "Bo");
        Instant t = Instant.ofEpochSecond(1_780_000_000L);
        try (Database db = Database.inMemory()) {
            new ActivityLog(db, ZONE).append(List.of(
                    new Event.MemberJoined(EventKey.of(chat, "j1"), chat, t, "host", ann, null),
                    new Event.MemberLeft(EventKey.of(chat, "l1"), chat, t.plusSeconds(5), "host", ann, null),
                    new Event.MemberLeft(EventKey.of(chat, "l2"), chat, t.plusSeconds(6), "host", bo, null),
                    new Event.MemberJoined(EventKey.of(chat, "j2"), chat, t.plusSeconds(7), "host", bo, null)));
            assertEquals(List.of("ann " + t.plusSeconds(5).toEpochMilli(), "bo in"), db.query(
                    "SELECT member_id, left_ms FROM chat_members ORDER BY member_id",
                    rs -> rs.getString(1) + " " + (rs.getObject(2) == null ? "in" : rs.getLong(2))));
            assertEquals(1, new History(db).memberCount(chat));
        }
    }

    /**
     * A message from someone seen a moment ago writes none of the people rows: a chat's and a
     * seat's last-seen time stay within an hour, a member's within ten minutes; a new name, a join
     * or a leave is written at once.
     */
    @Test void peopleRowsAreWrittenWhenSomethingChangedOrTheirTimeIsAStepBehind() {
        ChatRef chat = new ChatRef("telegram", "-100");
        Instant t = Instant.ofEpochSecond(1_780_000_000L);
        try (Database db = Database.inMemory()) {
            ActivityLog log = new ActivityLog(db, ZONE);
            log.append(List.of(message(chat, "1", "ann", "Ann", t)));
            log.append(List.of(message(chat, "2", "ann", "Ann", t.plusSeconds(30))));
            assertEquals(List.of("ann|Ann|" + ms(t)), seen(db), "30 s later: nothing written");
            log.append(List.of(message(chat, "2b", "ann", "Ann", t.plusSeconds(590))));
            assertEquals(List.of("ann|Ann|" + ms(t)), seen(db), "nor 9 min 50 s later");
            log.append(List.of(message(chat, "3", "ann", "Ann", t.plusSeconds(660))));
            assertEquals(List.of("ann|Ann|" + ms(t.plusSeconds(660))), seen(db), "ten minutes on, the member's time moves");
            assertEquals(ms(t), lastSeen(db, "chat_members"), "a seat's stays within the hour");
            assertEquals(ms(t), lastSeen(db, "chats"));
            log.append(List.of(message(chat, "4", "ann", "Ann B.", t.plusSeconds(670))));
            assertEquals(List.of("ann|Ann B.|" + ms(t.plusSeconds(670))), seen(db), "a new name at once");
            log.append(List.of(new Event.MemberLeft(EventKey.of(chat, "5"), chat, t.plusSeconds(680), "host", MemberRef.of("ann", "Ann B."), null)));
            assertEquals(0, new History(db).memberCount(chat), "a leave at once");
            assertEquals(ms(t.plusSeconds(680)), lastSeen(db, "chat_members"));
            log.append(List.of(message(chat, "6", "ann", "Ann B.", t.plusSeconds(4_400))));
            assertEquals(ms(t.plusSeconds(4_400)), lastSeen(db, "chat_members"), "an hour on, the seat's time moves");
            assertEquals(ms(t.plusSeconds(4_400)), lastSeen(db, "chats"), "the leave was written at 680 s, the chat's at 0 s");
        }
    }

    /** Rows written in a transaction that was then rolled back are not taken for stored. */
    @Test void rowsWrittenInATransactionThatWasUndoneAreWrittenAgain() {
        ChatRef chat = new ChatRef("telegram", "-100");
        Instant t = Instant.ofEpochSecond(1_780_000_000L);
        try (Database db = Database.inMemory()) {
            ActivityLog log = new ActivityLog(db, ZONE);
            org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> db.tx(c -> {
                log.append(List.of(message(chat, "1", "ann", "Ann", t)));
                throw new IllegalStateException("undone after the log's write");
            }));
            assertEquals(0, db.count("SELECT COUNT(*) FROM activity"));
            log.append(List.of(message(chat, "2", "ann", "Ann", t.plusSeconds(5))));
            assertEquals(List.of("ann|Ann|" + ms(t.plusSeconds(5))), seen(db));
            assertEquals(1, new History(db).memberCount(chat));
            assertEquals(ms(t.plusSeconds(5)), lastSeen(db, "chats"));
        }
    }

    /** A chat's move takes its seats to the new id: a late event under the old id seats its member there again, as the log says. */
    @Test void afterAChatMovedALateEventUnderTheOldIdIsSeatedAgain() {
        ChatRef old = new ChatRef("telegram", "-100"), now = new ChatRef("telegram", "-1001");
        Instant t = Instant.ofEpochSecond(1_780_000_000L);
        try (Database db = Database.inMemory()) {
            ActivityLog log = new ActivityLog(db, ZONE);
            log.append(List.of(message(old, "1", "ann", "Ann", t)));
            db.tx(c -> new MovedChats(db).recordIn(c, old, now));
            assertEquals(List.of("-1001"), db.query("SELECT chat_id FROM chat_members", rs -> rs.getString(1)));
            log.append(List.of(message(old, "2", "ann", "Ann", t.plusSeconds(5))));
            assertEquals(List.of("-100", "-1001"), db.query("SELECT chat_id FROM chat_members ORDER BY chat_id", rs -> rs.getString(1)));
        }
    }

    private static Event message(ChatRef chat, String id, String member, String name, Instant at) {
        return new Event.MessagePosted(EventKey.of(chat, id), chat, at, "host", MemberRef.of(member, name), id, "hi", null, null,
                false, false, false, false);
    }

    private static long ms(Instant t) { return t.toEpochMilli(); }

    private static List<String> seen(Database db) {
        return db.query("SELECT member_id, name, last_seen_ms FROM members", rs -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getLong(3));
    }

    private static long lastSeen(Database db, String table) {
        return db.queryOne("SELECT last_seen_ms FROM " + table, rs -> rs.getLong(1));
    }

    private static List<String> rows(Database db) {
        return db.query("SELECT platform, chat_id, member_id, first_seen_ms, last_seen_ms, joined_ms, left_ms FROM chat_members"
                + " ORDER BY platform, chat_id, member_id", rs -> {
                    StringBuilder s = new StringBuilder();
                    for (int i = 1; i <= 7; i++) s.append(rs.getString(i)).append('|');
                    return s.toString();
                });
    }

    private static List<String> chatRows(Database db) {
        return db.query("SELECT platform, chat_id, first_seen_ms, last_seen_ms FROM chats ORDER BY platform, chat_id",
                rs -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getLong(3) + "|" + rs.getLong(4));
    }

    private static List<String> memberRows(Database db) {
        return db.query("SELECT platform, member_id, name, first_seen_ms, last_seen_ms FROM members ORDER BY platform, member_id",
                rs -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getLong(4) + "|" + rs.getLong(5));
    }
}
