package qunzhu.platform.onebot;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/** OneBot v11 event frames as the spec (event/*.md) and NapCat shape them. */
final class OneBotFrames {
    static final long TIME = 1_764_000_000L;

    private OneBotFrames() {}

    static JsonObject base(String selfId, String postType) {
        JsonObject e = new JsonObject();
        e.addProperty("time", TIME);
        e.addProperty("self_id", Long.parseLong(selfId));
        e.addProperty("post_type", postType);
        return e;
    }

    static JsonObject meta(String selfId, String type, String subType) {
        JsonObject e = base(selfId, "meta_event");
        e.addProperty("meta_event_type", type);
        if (subType != null) e.addProperty("sub_type", subType);
        return e;
    }

    static JsonObject heartbeat(String selfId, long intervalMs) {
        JsonObject e = meta(selfId, "heartbeat", null);
        JsonObject status = new JsonObject();
        status.addProperty("online", true);
        status.addProperty("good", true);
        e.add("status", status);
        e.addProperty("interval", intervalMs);
        return e;
    }

    /** A group message; {@code message} is a segment array or a CQ-code string. */
    static JsonObject groupMessage(String selfId, long group, long user, String card, String nickname,
                                   JsonElement messageId, JsonElement message, String raw) {
        JsonObject e = base(selfId, "message");
        e.addProperty("message_type", "group");
        e.addProperty("sub_type", "normal");
        e.add("message_id", messageId);
        e.addProperty("group_id", group);
        e.addProperty("user_id", user);
        e.add("anonymous", com.google.gson.JsonNull.INSTANCE);
        e.add("message", message);
        e.addProperty("raw_message", raw);
        e.addProperty("font", 0);
        JsonObject sender = new JsonObject();
        sender.addProperty("user_id", user);
        sender.addProperty("nickname", nickname);
        sender.addProperty("card", card);
        sender.addProperty("role", "member");
        e.add("sender", sender);
        return e;
    }

    /** A plain text group message in array form. */
    static JsonObject text(String selfId, long group, long user, String name, long messageId, String text) {
        return groupMessage(selfId, group, user, "", name, new JsonPrimitive(messageId), segments(seg("text", "text", text)),
                CqCode.escapeText(text));
    }

    static JsonArray segments(JsonObject... segs) {
        JsonArray a = new JsonArray();
        for (JsonObject s : segs) a.add(s);
        return a;
    }

    static JsonObject seg(String type, String key, String value) { return ActionCalls.segment(type, key, value); }

    static JsonObject notice(String selfId, String type, String subType, long group, long user, long operator) {
        JsonObject e = base(selfId, "notice");
        e.addProperty("notice_type", type);
        if (subType != null) e.addProperty("sub_type", subType);
        e.addProperty("group_id", group);
        e.addProperty("operator_id", operator);
        e.addProperty("user_id", user);
        return e;
    }

    static JsonObject joinRequest(String selfId, String subType, long group, long user, String comment, String flag) {
        JsonObject e = base(selfId, "request");
        e.addProperty("request_type", "group");
        e.addProperty("sub_type", subType);
        e.addProperty("group_id", group);
        e.addProperty("user_id", user);
        e.addProperty("comment", comment);
        e.addProperty("flag", flag);
        return e;
    }

    static JsonObject json(String s) { return JsonParser.parseString(s).getAsJsonObject(); }
}
