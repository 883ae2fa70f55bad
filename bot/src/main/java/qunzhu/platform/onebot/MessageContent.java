package qunzhu.platform.onebot;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a group message says, read from its segments (array form or CQ-code string, spec
 * message/). Text segments make the text; {@code at} becomes "@name" (or "@qq"); a
 * {@code reply} gives the reply target, and the {@code at} QQ clients put right after it
 * names the replied-to author instead of cluttering the text; media set the media flag;
 * a face becomes "[表情]".
 */
record MessageContent(String text, String replyToId, String replyToAuthorId, boolean media) {
    private static final Set<String> MEDIA = Set.of("image", "record", "video", "file");

    static MessageContent of(JsonElement message) {
        return of(segments(message));
    }

    static MessageContent of(List<Segment> segments) {
        StringBuilder text = new StringBuilder();
        String replyTo = null;
        String replyAuthor = null;
        boolean media = false;
        boolean afterReply = false;
        for (Segment s : segments) {
            switch (s.type()) {
                case "text" -> text.append(s.data().getOrDefault("text", ""));
                case "reply" -> { replyTo = s.get("id"); afterReply = true; continue; }
                case "at" -> {
                    String qq = s.get("qq");
                    if (afterReply && replyAuthor == null && qq != null && !"all".equals(qq)) { replyAuthor = qq; continue; }
                    String name = s.get("name");
                    text.append('@').append("all".equals(qq) ? "全体成员" : name != null && !name.isBlank() ? name : qq);
                }
                case "face" -> text.append("[表情]");
                default -> { if (MEDIA.contains(s.type())) media = true; }
            }
            afterReply = false;
        }
        String t = text.toString();
        if (replyAuthor != null) t = t.stripLeading();
        return new MessageContent(t.strip().isEmpty() ? "" : t, replyTo, replyAuthor, media);
    }

    /** Segments from an array, a single segment object, or a CQ-code string; malformed parts are dropped. */
    static List<Segment> segments(JsonElement message) {
        List<Segment> out = new ArrayList<>();
        if (message == null || message.isJsonNull()) return out;
        if (message.isJsonPrimitive()) return CqCode.parse(message.getAsString());
        JsonArray items = new JsonArray();
        if (message.isJsonArray()) items = message.getAsJsonArray();
        else if (message.isJsonObject()) items.add(message);
        for (JsonElement e : items) {
            if (!e.isJsonObject()) continue;
            JsonObject o = e.getAsJsonObject();
            String type = Json.text(o, "type");
            if (type == null) continue;
            Map<String, String> data = new LinkedHashMap<>();
            JsonObject d = Json.object(o, "data");
            if (d != null) {
                for (var entry : d.entrySet()) {
                    if (entry.getValue().isJsonPrimitive()) data.put(entry.getKey(), entry.getValue().getAsString());
                }
            }
            out.add(new Segment(type, data));
        }
        return out;
    }
}
