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
}
