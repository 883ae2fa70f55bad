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
 * The log keeps each member's seat in each chat (first and last seen, joined, left, messages)
 * with one upsert per seat per batch. Whatever the batches, the rows are those of logging the
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
                ActivityLog a = new ActivityLog(batched, ZONE), b = new ActivityLog(single, ZONE);
                for (int from = 0; from < events.size(); ) {
                    int to = Math.min(events.size(), from + 1 + rnd.nextInt(80));
                    a.append(events.subList(from, to));
                    from = to;
                }
                for (Event e : events) b.append(List.of(e));
                assertEquals(rows(single), rows(batched), "round " + round);
                assertEquals(memberRows(single), memberRows(batched), "round " + round);
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

    private static List<String> rows(Database db) {
        return db.query("SELECT platform, chat_id, member_id, first_seen_ms, last_seen_ms, joined_ms, left_ms, messages FROM chat_members"
                + " ORDER BY platform, chat_id, member_id", rs -> {
                    StringBuilder s = new StringBuilder();
                    for (int i = 1; i <= 8; i++) s.append(rs.getString(i)).append('|');
                    return s.toString();
                });
    }

    private static List<String> memberRows(Database db) {
        return db.query("SELECT platform, member_id, name, first_seen_ms, last_seen_ms FROM members ORDER BY platform, member_id",
                rs -> rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getLong(4) + "|" + rs.getLong(5));
    }
}
