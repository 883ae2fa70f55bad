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
}
