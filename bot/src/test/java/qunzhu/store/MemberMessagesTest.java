package qunzhu.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;

/**
 * A member's messages in a chat (the lottery's "messages in the last 7 days", /whois's last
 * message, the tiers' counts) are read day by day through the chat's index, whatever zone the
 * rows were logged in and however long ago the member last spoke.
 */
class MemberMessagesTest {
    private static final ChatRef A = new ChatRef("telegram", "-100"), B = new ChatRef("telegram", "-200");
    private static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z"), NOW = T0.plus(Duration.ofDays(45));
    private int ids;

    @Test void countsSinceATimeAcrossDaysZonesAndChats() {
        try (Database db = Database.inMemory()) {
            // Rows logged by a bot in UTC+14, then (its zone changed) in UTC-11: their days differ by a day from UTC's.
            ActivityLog east = new ActivityLog(db, ZoneId.of("Pacific/Kiritimati")), west = new ActivityLog(db, ZoneId.of("Pacific/Pago_Pago"));
            History history = new History(db);
            List<Event> early = new ArrayList<>(), late = new ArrayList<>();
            for (int day = 0; day < 40; day++) {
                Instant at = T0.plus(Duration.ofDays(day));
                (day < 20 ? early : late).add(message(A, "111", at));          // one a day from alice in A
                (day < 20 ? early : late).add(message(A, "111", at.plusSeconds(17 * 3600)));   // and one at 05:00 the next UTC day
                (day < 20 ? early : late).add(message(B, "111", at));          // her messages in another chat
                (day < 20 ? early : late).add(message(A, "222", at));          // and someone else's
            }
            // a platform's word for a time can be absurd: an event in the year 9000 must not hide the real days
            early.add(new Event.MessagePosted(EventKey.of(A, "far"), A, Instant.parse("9000-01-01T00:00:00Z"), "host", MemberRef.of("999", "999"), "far",
                    "hi", null, null, false, false, false, false));
            early.add(new Event.MemberJoined(EventKey.of(A, "join"), A, T0.plus(Duration.ofDays(30)), "host", MemberRef.of("111", "Alice"), null));
            east.append(early);
            west.append(late);

            Instant from = T0.plus(Duration.ofDays(10));                            // day 10 at noon: days 10..39, two each
            assertEquals(60, history.messagesSince(A, "111", from, null));
            assertEquals(59, history.messagesSince(A, "111", from.plusMillis(1), null), "at the time counts, a moment later not");
            String first = "m" + (4 * 10 + 1);                                      // alice's day-10 noon message in A
            assertEquals(59, history.messagesSince(A, "111", from, first), "the entry's own message is not counted");
            assertEquals(80, history.messagesSince(A, "111", T0.minus(Duration.ofDays(400)), null), "a window before the log began");
            assertEquals(0, history.messagesSince(A, "111", T0.plus(Duration.ofDays(50)), null));
            // 05:00 UTC is 18:00 the day before in UTC-11: that row's day is the one before its UTC date
            assertEquals(19, history.messagesSince(A, "111", T0.plus(Duration.ofDays(30)).plusSeconds(17 * 3600), null));
            assertEquals(0, history.messagesSince(A, "333", T0, null));
            assertEquals(30, history.messagesSince(B, "111", from, null));

            assertEquals(T0.plus(Duration.ofDays(39)).plusSeconds(17 * 3600), history.lastMessageAt(A, "111", NOW));
            assertEquals(T0.plus(Duration.ofDays(39)), history.lastMessageAt(A, "222", NOW));
            assertNull(history.lastMessageAt(A, "333", NOW));
            assertNull(history.lastMessageAt(new ChatRef("telegram", "-300"), "111", NOW));

            Map<String, Long> counts = history.messageCounts(A, from, T0.plus(Duration.ofDays(20)));
            assertEquals(Map.of("111", 20L, "222", 10L), counts);

            // a chat's messages over a window, in the order they were posted: a report's escalation, /backtest in a group
            Instant at30 = T0.plus(Duration.ofDays(30)).plusSeconds(17 * 3600);
            List<Event.MessagePosted> window = history.messagesIn(A, at30, T0.plus(Duration.ofDays(32)));
            assertEquals(List.of(at30, T0.plus(Duration.ofDays(31)), T0.plus(Duration.ofDays(31)), T0.plus(Duration.ofDays(31)).plusSeconds(17 * 3600),
                    T0.plus(Duration.ofDays(32)), T0.plus(Duration.ofDays(32))), window.stream().map(Event::at).toList());
            assertTrue(window.stream().allMatch(m -> m.chat().equals(A)));

            // the last messages, newest first (for /del), by day, then as logged: the one dated 9000, then of the last real
            // local day 222's at noon, alice's at 05:00 UTC the day after (18:00 the same day in UTC-11), alice's at noon
            List<Event.MessagePosted> newest = history.lastMessages(A, 4, "none");
            assertEquals(List.of(Instant.parse("9000-01-01T00:00:00Z"), T0.plus(Duration.ofDays(39)), T0.plus(Duration.ofDays(39)).plusSeconds(17 * 3600),
                    T0.plus(Duration.ofDays(39))), newest.stream().map(Event::at).toList());
            assertEquals(List.of("999", "222", "111", "111"), newest.stream().map(m -> m.author().id()).toList());
        }
    }

    @Test void aMemberSilentForYearsStillHasALastMessage() {
        try (Database db = Database.inMemory()) {
            ActivityLog log = new ActivityLog(db, ZoneId.of("Asia/Shanghai"));
            History history = new History(db);
            Instant long_ago = T0.minus(Duration.ofDays(3 * 365));
            log.append(List.of(message(A, "111", long_ago), message(A, "222", T0)));
            assertEquals(long_ago, history.lastMessageAt(A, "111", NOW));
            assertEquals(1, history.messagesSince(A, "111", long_ago.minusSeconds(1), null));
        }
    }

    @Test void eachDayIsOneSeekIntoTheChatsIndex() {
        try (Database db = Database.inMemory()) {
            Map<String, Object[]> queries = Map.of(History.MEMBER_MESSAGES_FROM, new Object[] {0L, "telegram", "-100", "111", ""},
                    History.LAST_MESSAGE, new Object[] {"telegram", "-100", "111", 0L});
            for (var q : queries.entrySet()) {
                List<String> plan = db.query("EXPLAIN QUERY PLAN " + q.getKey(), rs -> rs.getString(4), q.getValue());
                assertTrue(plan.stream().noneMatch(p -> p.startsWith("SCAN a") || p.startsWith("SCAN activity")), "plan: " + plan);
                assertTrue(plan.stream().anyMatch(p -> p.startsWith("SEARCH a USING INDEX activity_chat_day_member (platform=? AND chat_id=? AND day=? AND member_id=?)")),
                        "plan: " + plan);
            }
            List<String> last = db.query("EXPLAIN QUERY PLAN " + History.LAST_MESSAGES, rs -> rs.getString(4), "telegram", "-100", "", 5);
            assertEquals(List.of("SEARCH activity USING INDEX activity_chat_day_member (platform=? AND chat_id=?)", "USE TEMP B-TREE FOR LAST TERM OF ORDER BY"),
                    last, "the last messages are sorted a day at a time, newest day first, not all of the chat's rows at once");
            for (String sql : List.of(History.MESSAGE_COUNTS, History.CHAT_MESSAGES)) {
                List<String> plan = db.query("EXPLAIN QUERY PLAN " + sql, rs -> rs.getString(4), "telegram", "-100", 0L, 1L);
                assertTrue(plan.stream().anyMatch(p -> p.equals("SEARCH activity USING INDEX activity_chat_day_member (platform=? AND chat_id=? AND day>? AND day<?)")),
                        "the tiers' counts and a chat's messages read only the window's days: " + plan);
            }
        }
    }

    private Event message(ChatRef chat, String member, Instant at) {
        String id = "m" + ids++;
        return new Event.MessagePosted(EventKey.of(chat, id), chat, at, "host", MemberRef.of(member, member), id, "hi", null, null,
                false, false, false, false);
    }
}
