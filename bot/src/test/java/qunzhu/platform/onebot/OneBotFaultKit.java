package qunzhu.platform.onebot;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One {@link FakeOneBot} (forward WebSocket server on loopback) for the fault suite (package
 * qunzhu.faults): outages that drop the connection and refuse handshakes for a while, a
 * crash on chosen action frames, actions left unanswered, raw frames, and what the
 * implementation actually did (the sends it answered "ok").
 */
public final class OneBotFaultKit implements AutoCloseable {
    /** A reply the implementation sent: the group, the message it quotes and its text. */
    public record Sent(String group, String replyTo, String text) {}

    /** What an account made of the frames it received: events handed on, frames refused (each logged), frames not used. */
    public record Frames(long delivered, long rejected, long ignored) {
        public long total() { return delivered + rejected + ignored; }
    }

    /** The frame counters of a OneBot account. */
    public static Frames frames(qunzhu.platform.Platform account) {
        OneBotAccount a = (OneBotAccount) account;
        return new Frames(a.framesDelivered(), a.framesRejected(), a.framesIgnored());
    }

    /** Every action frame the implementation received, as JSON text. */
    public List<String> actionFrames() {
        synchronized (fake) { return fake.actions.stream().map(JsonObject::toString).toList(); }
    }

    private final FakeOneBot fake;

    public OneBotFaultKit(String selfId) throws InterruptedException {
        fake = FakeOneBot.server(selfId, "secret");
    }

    public String selfId() { return fake.selfId; }

    /**
     * An accounts.yml entry for this implementation in forward mode, reconnecting after
     * {@code reconnectMin} doubling up to {@code reconnectMax}, giving up on an action after
     * {@code actionTimeout}.
     */
    public String accountYaml(String id, String persona, Duration reconnectMin, Duration reconnectMax, Duration actionTimeout) {
        return """
                  - id: %s
                    platform: onebot
                    persona: %s
                    mode: forward
                    url: %s
                    access_token: secret
                    action_timeout: %dms
                    liveness_check: 50ms
                    reconnect_min: %dms
                    reconnect_max: %dms
                """.formatted(id, persona, fake.url(), actionTimeout.toMillis(), reconnectMin.toMillis(), reconnectMax.toMillis());
    }

    public boolean connected() { return fake.connected(); }

    /** Sends a group text message in array form; {@code time} is its OneBot time (seconds). */
    public void text(long group, long user, long messageId, long time, String text) {
        JsonObject e = OneBotFrames.text(fake.selfId, group, user, "u" + user, messageId, text);
        e.addProperty("time", time);
        fake.push(e);
    }

    /** Sends any text as one frame. */
    public void pushRaw(String frame) { fake.push(frame); }

    /** A plausible group message event (for mutation), with {@code message} as given. */
    public JsonObject groupMessage(long group, long user, long messageId, JsonElement message, String raw) {
        return OneBotFrames.groupMessage(fake.selfId, group, user, "", "u" + user, new JsonPrimitive(messageId), message, raw);
    }

    public JsonObject notice(String type, String subType, long group, long user, long operator) {
        return OneBotFrames.notice(fake.selfId, type, subType, group, user, operator);
    }

    public JsonObject joinRequest(String subType, long group, long user, String comment, String flag) {
        return OneBotFrames.joinRequest(fake.selfId, subType, group, user, comment, flag);
    }

    public static JsonArray segments(JsonObject... segs) { return OneBotFrames.segments(segs); }

    public static JsonObject seg(String type, String key, String value) { return OneBotFrames.seg(type, key, value); }

    /** Drops the connection now and refuses every handshake (503) for {@code length}. */
    public void outage(Duration length) { fake.outage(length); }

    /** True while an outage refuses handshakes. */
    public boolean down() { return fake.down(); }

    /** {@link System#nanoTime} of every handshake so far, accepted or refused. */
    public List<Long> handshakeNanos() { return fake.handshakeNanos(); }

    /** Handshakes refused by outages. */
    public int refusedDuringOutages() { return fake.refusedDown.get(); }

    /** Sessions opened so far. */
    public int sessions() { return fake.opened.get(); }

    /** Frames for which the implementation dies: the connection drops before it does or answers anything. */
    public void crashOn(Predicate<JsonObject> when) { fake.crashOn = when; }

    /** Frames the implementation receives but never answers (nor does). */
    public void unanswered(Predicate<JsonObject> when) {
        fake.responder = f -> when.test(f) ? FakeOneBot.SILENT : fake.answer(f);
    }

    /** Action frames received so far, of any action (each was answered unless told otherwise). */
    public int received() { synchronized (fake) { return fake.actions.size(); } }

    /** Action frames of {@code action} received so far, answered or not. */
    public int received(String action) { return fake.actions(action).size(); }

    /** The send_group_msg frames the implementation answered "ok", in order. */
    public List<Sent> sent() {
        return fake.answered("send_group_msg").stream().map(OneBotFaultKit::sent).toList();
    }

    /** How many times each message (group:replied-to id) got an answer containing {@code text}. */
    public Map<String, Integer> replies(String text) {
        Map<String, Integer> out = new HashMap<>();
        for (Sent s : sent()) if (s.text().contains(text)) out.merge(s.group() + ":" + s.replyTo(), 1, Integer::sum);
        return out;
    }

    private static Sent sent(JsonObject frame) {
        JsonObject p = frame.getAsJsonObject("params");
        String replyTo = null;
        StringBuilder text = new StringBuilder();
        for (JsonElement seg : p.getAsJsonArray("message")) {
            JsonObject o = seg.getAsJsonObject();
            JsonObject data = o.getAsJsonObject("data");
            switch (o.get("type").getAsString()) {
                case "reply" -> replyTo = data.get("id").getAsString();
                case "text" -> text.append(data.get("text").getAsString());
                default -> { }
            }
        }
        return new Sent(p.get("group_id").getAsString(), replyTo, text.toString());
    }

    @Override public void close() throws Exception { fake.close(); }
}
