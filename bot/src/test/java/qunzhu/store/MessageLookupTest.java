package qunzhu.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;

/**
 * Replies and moderation look up a logged message by the platform's message id. Most messages
 * are found by the log's unique key; the message index keeps only those whose id is not their
 * event's native id (OneBot's, Telegram's edits).
 */
class MessageLookupTest {
    private static final ChatRef TG = new ChatRef("telegram", "-100");
    private static final ChatRef QQ = new ChatRef("onebot", "555");

    private static Event.MessagePosted message(ChatRef chat, String nativeId, String messageId, String who, String text, int second) {
        return new Event.MessagePosted(EventKey.of(chat, nativeId), chat, Instant.ofEpochSecond(1_780_000_000L + second), "host",
                MemberRef.of(who, "name-" + who), messageId, text, null, null, false, false, false, false);
    }

    @Test void messagesAreFoundByTheirPlatformIdWhateverTheirNativeId() {
        try (Database db = Database.inMemory()) {
            ActivityLog log = new ActivityLog(db, ZoneId.of("Asia/Shanghai"));
            History history = new History(db);
            log.append(List.of(
                    message(TG, "42", "42", "alice", "first words", 0),
                    message(TG, "e42-1780000100", "42", "alice", "edited words", 100),
                    message(QQ, "m:bob:1780000005:ab12", "7", "bob", "qq words", 5),
                    message(TG, "7", "7", "carol", "telegram seven", 6),
                    message(QQ, "m:dan:1780000009:cd34", "9", "dan", "edit-free", 9)));

            assertEquals("first words", history.messageText(TG, "42"), "the original, not its edit");
            assertEquals("qq words", history.messageText(QQ, "7"));
            assertEquals("telegram seven", history.messageText(TG, "7"));
            assertEquals(MemberRef.of("bob", "name-bob"), log.authorOf("onebot", "555", "7"));
            assertEquals(MemberRef.of("carol", "name-carol"), log.authorOf("telegram", "-100", "7"));
            assertEquals(MemberRef.of("dan", "name-dan"), log.authorOf("onebot", "555", "9"));
            assertNull(log.authorOf("telegram", "-100", "9"));
            assertNull(history.messageText(QQ, "42"));
        }
    }

    @Test void aLookupNeverScansTheLogAndOrdinaryMessagesStayOutOfTheMessageIndex() {
        try (Database db = Database.inMemory()) {
            ActivityLog log = new ActivityLog(db, ZoneId.of("Asia/Shanghai"));
            log.append(List.of(message(TG, "1", "1", "alice", "a", 0), message(QQ, "m:bob:1:x", "2", "bob", "b", 1)));
            List<String> plan = db.query("EXPLAIN QUERY PLAN " + ActivityLog.byMessageId("text"), rs -> rs.getString(4), "telegram", "-100", "1");
            assertFalse(plan.stream().anyMatch(p -> p.startsWith("SCAN activity")), "plan: " + plan);
            assertTrue(plan.stream().anyMatch(p -> p.contains("activity_message")), "the second branch reads the message index: " + plan);
            String index = db.queryOne("SELECT sql FROM log.sqlite_master WHERE name = 'activity_message'", rs -> rs.getString(1));
            assertTrue(index.endsWith("WHERE message_id <> native_id"), index);
        }
    }
}
