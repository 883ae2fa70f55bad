package qunzhu.outbox;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.store.Codec;

/** Small transformations of actions the outbox needs. */
final class Actions {
    private Actions() {}

    /** The same action aimed at another chat (after a Telegram group became a supergroup). */
    static Action withChat(Action a, ChatRef to) {
        JsonObject o = JsonParser.parseString(Codec.encode(a)).getAsJsonObject();
        o.add("chat", Codec.GSON.toJsonTree(to));
        return Codec.decodeAction(o.toString());
    }
}
