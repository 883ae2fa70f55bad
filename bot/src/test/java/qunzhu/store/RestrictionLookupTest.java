package qunzhu.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;

/** Whether the bot's last mute or ban of a member still holds (a lottery entry's first check), read from those actions alone. */
class RestrictionLookupTest {
    private static final ChatRef A = new ChatRef("telegram", "-100"), B = new ChatRef("telegram", "-200");
    private static final Instant T = Instant.parse("2026-11-01T04:00:00Z");

    @Test void theLastMuteOrBanHoldsUntilTheMemberSpeaksRejoinsOrIsLetGo() {
        try (Database db = Database.inMemory()) {
            ActivityLog log = new ActivityLog(db, ZoneId.of("Asia/Shanghai"));
            History history = new History(db);
            for (int i = 0; i < 50; i++) action(db, A, i % 2 == 0 ? "delete" : "send", "bob", "done", T.plusSeconds(i));
            assertNull(history.restriction(A, "bob"), "deletes and sends restrict nobody");

            action(db, A, "mute", "bob", "done", T.plusSeconds(100));
            action(db, A, "unmute", "bob", "failed", T.plusSeconds(110));
            assertEquals("mute", history.restriction(A, "bob"), "an unmute the platform refused ends nothing");
            assertNull(history.restriction(B, "bob"), "another chat");
            assertNull(history.restriction(A, "carol"), "another member");
            log.append(List.of(message(A, "bob", T.plusSeconds(120))));
            assertNull(history.restriction(A, "bob"), "a muted member cannot post: the mute is over");

            action(db, A, "ban", "bob", "done", T.plusSeconds(200));
            assertEquals("ban", history.restriction(A, "bob"));
            log.append(List.of(new Event.MemberJoined(EventKey.of(A, "j1"), A, T.plusSeconds(300), "host", MemberRef.of("bob", "Bob"), null)));
            assertNull(history.restriction(A, "bob"), "joined again: the ban is over");

            action(db, A, "mute", "bob", "done", T.plusSeconds(400));
            action(db, A, "unmute", "bob", "done", T.plusSeconds(410));
            assertNull(history.restriction(A, "bob"), "let go by the bot");
        }
    }

    @Test void readThroughTheRestrictionsIndex() {
        try (Database db = Database.inMemory()) {
            List<String> plan = db.query("EXPLAIN QUERY PLAN " + History.LAST_RESTRICTION, rs -> rs.getString(4), "telegram", "-100", "bob");
            assertEquals(List.of("SEARCH action_log USING INDEX action_log_restriction (platform=? AND chat_id=? AND member_id=?)"), plan,
                    "not every action of the chat: " + plan);
        }
    }

    private static void action(Database db, ChatRef chat, String kind, String member, String outcome, Instant at) {
        db.update("INSERT INTO action_log (at_ms, day, platform, chat_id, kind, member_id, outcome) VALUES (?, '2026-11-01', ?, ?, ?, ?, ?)",
                at.toEpochMilli(), chat.platform(), chat.id(), kind, member, outcome);
    }

    private int ids;

    private Event message(ChatRef chat, String member, Instant at) {
        String id = "m" + ids++;
        return new Event.MessagePosted(EventKey.of(chat, id), chat, at, "host", MemberRef.of(member, member), id, "hi", null, null,
                false, false, false, false);
    }
}
