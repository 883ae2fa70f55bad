package qunzhu.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;

class SendCodecTest {
    @Test void pinAndRefSurviveThePendingOutbox() {
        Action.Send s = Action.Send.of(new ChatRef("sandbox", "tech"), "host", "hi").pinned().withRef("verify.x").deletingAfter(Duration.ofMinutes(1));
        assertEquals(s, Codec.decodeAction(Codec.encode(s)));
    }
}
