package qunzhu.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;

class SendCodecTest {
    @Test void pinAndRefSurviveThePendingOutbox() {
        Action.Send s = Action.Send.of(new ChatRef("sandbox", "tech"), "host", "hi").pinned().withRef("verify.x").deletingAfter(Duration.ofMinutes(1));
        assertEquals(s, Codec.decodeAction(Codec.encode(s)));
    }

    /** outbox_pending rows written before roles were typed keep working, and new rows look the same. */
    @Test void thePersonaIsStoredAsItsPlainRoleName() {
        Action.Send s = Action.Send.of(new ChatRef("sandbox", "tech"), qunzhu.core.PersonaRole.MODERATOR, "hi");
        assertTrue(Codec.encode(s).contains("\"persona\":\"moderator\""), Codec.encode(s));
        String old = "{\"chat\":{\"platform\":\"sandbox\",\"id\":\"tech\"},\"persona\":\"moderator\",\"text\":\"hi\","
                + "\"buttons\":[],\"priority\":\"REPLY\",\"pin\":false,\"@type\":\"Send\"}";
        assertEquals(s, Codec.decodeAction(old));
    }

    /** The stored form, exactly: the record's fields, then its type; the same from a thread's reused buffer, short or long. */
    @Test void anEventIsStoredAsItsFieldsThenItsType() {
        ChatRef chat = new ChatRef("sandbox", "tech");
        qunzhu.core.Event.MessagePosted m = new qunzhu.core.Event.MessagePosted(qunzhu.core.EventKey.of(chat, "m1"), chat,
                java.time.Instant.parse("2026-12-01T10:00:00.123Z"), "host", qunzhu.core.MemberRef.of("u1", "小明"), "m1", "你好 \"世界\"",
                null, null, false, false, false);
        String json = Codec.encode(m);
        assertTrue(json.startsWith("{\"key\":{\"platform\":\"sandbox\",\"chat\":\"tech\",\"nativeId\":\"m1\"},"), json);
        assertTrue(json.contains("\"at\":\"2026-12-01T10:00:00.123Z\"") && json.contains("\"text\":\"你好 \\\"世界\\\"\""), json);
        assertTrue(json.endsWith(",\"@type\":\"MessagePosted\"}"), json);
        assertEquals(m, Codec.decodeEvent(json));
        String big = "长".repeat(100_000);
        Action.Send s = Action.Send.of(chat, "host", big);
        assertEquals(s, Codec.decodeAction(Codec.encode(s)));
        assertEquals(json, Codec.encode(m), "the buffer is reset between calls");
    }

    /**
     * The log keeps the JSON's UTF-8 bytes as text: the same bytes as the string's own encoding
     * (an unpaired surrogate as '?'), for CJK, emoji, combining marks, RTL and zero-width text,
     * and read back as the same JSON.
     */
    @Test void theUtf8FormIsTheStringsEncodingAndIsStoredAsText() {
        ChatRef chat = new ChatRef("telegram", "-100");
        String[] texts = {"plain", "你好，世界 👋🏽", "e\u0301 \u05e9\u05dc\u05d5\u05dd \u200b\u200f", "lone \ud83d end", "\udc00 first",
                "pair at the end \ud83d\ude00", "high at the end \ud83d", "ß ÿ Ā ߿ ࠀ \uffff", "长".repeat(5_000)};
        try (Database db = Database.inMemory()) {
            ActivityLog log = new ActivityLog(db, java.time.ZoneId.of("Asia/Shanghai"));
            for (int i = 0; i < texts.length; i++) {
                qunzhu.core.Event.MessagePosted m = new qunzhu.core.Event.MessagePosted(qunzhu.core.EventKey.of(chat, "m" + i), chat,
                        java.time.Instant.parse("2026-12-01T10:00:00Z"), "host", qunzhu.core.MemberRef.of("u1", "名字 " + texts[i]), "m" + i,
                        texts[i], null, null, false, false, false);
                String json = Codec.encode(m);
                org.junit.jupiter.api.Assertions.assertArrayEquals(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), Codec.encodeUtf8(m), texts[i]);
                log.append(java.util.List.of(m));
                String asBound = new String(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.UTF_8);
                assertEquals(asBound, db.queryOne("SELECT payload FROM activity WHERE native_id = ?", rs -> rs.getString(1), "m" + i),
                        "what binding the string stored");
                assertEquals("text", db.queryOne("SELECT typeof(payload) FROM activity WHERE native_id = ?", rs -> rs.getString(1), "m" + i));
                if (!texts[i].contains("\ud83d end") && !texts[i].startsWith("\udc00") && !texts[i].endsWith("\ud83d")) {
                    assertEquals(m, Codec.decodeEvent(db.queryOne("SELECT payload FROM activity WHERE native_id = ?", rs -> rs.getString(1), "m" + i)));
                }
            }
            assertEquals(1, db.count("SELECT COUNT(*) FROM activity WHERE json_valid(payload) AND native_id = 'm1'"));
        }
    }
}
