package qunzhu.platform.onebot;

import java.util.LinkedHashMap;
import java.util.Map;

/** One OneBot message segment: {@code {"type":"text","data":{"text":"hi"}}}. Values are literal, never escaped. */
public record Segment(String type, Map<String, String> data) {
    public Segment {
        data = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    public static Segment text(String text) { return new Segment("text", Map.of("text", text)); }

    public String get(String key) { return data.get(key); }
}
