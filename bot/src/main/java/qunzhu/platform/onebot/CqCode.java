package qunzhu.platform.onebot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OneBot v11 string message format ("CQ code", spec message/string.md):
 * {@code [CQ:type,key=value]} between plain text. Plain text escapes {@code & [ ]} as
 * {@code &amp; &#91; &#93;}; parameter values also escape {@code ,} as {@code &#44;}.
 * Unescaping replaces {@code &amp;} last, so {@code &amp;#91;} stays the literal text "&#91;".
 */
public final class CqCode {
    private CqCode() {}

    public static String escapeText(String s) {
        return s.replace("&", "&amp;").replace("[", "&#91;").replace("]", "&#93;");
    }

    public static String escapeValue(String s) { return escapeText(s).replace(",", "&#44;"); }

    public static String unescape(String s) {
        return s.replace("&#91;", "[").replace("&#93;", "]").replace("&#44;", ",").replace("&amp;", "&");
    }

    /** Splits a CQ-code string into segments; text that only looks like CQ code stays text. */
    public static List<Segment> parse(String message) {
        List<Segment> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < message.length()) {
            int start = message.indexOf("[CQ:", i);
            if (start < 0) { text.append(message, i, message.length()); break; }
            int end = message.indexOf(']', start);
            if (end < 0) { text.append(message, i, message.length()); break; }
            text.append(message, i, start);
            Segment seg = code(message.substring(start + 4, end));
            if (seg == null) {
                text.append(message, start, end + 1);
            } else {
                flush(text, out);
                out.add(seg);
            }
            i = end + 1;
        }
        flush(text, out);
        return out;
    }

    private static void flush(StringBuilder text, List<Segment> out) {
        if (text.length() > 0) out.add(Segment.text(unescape(text.toString())));
        text.setLength(0);
    }

    /** {@code type,key=value,...} without the brackets; null when malformed. */
    private static Segment code(String body) {
        String[] parts = body.split(",", -1);
        String type = parts[0];
        if (type.isEmpty() || !type.matches("[A-Za-z0-9_.\\-]+")) return null;
        Map<String, String> data = new LinkedHashMap<>();
        for (int p = 1; p < parts.length; p++) {
            int eq = parts[p].indexOf('=');
            if (eq <= 0) return null;
            data.put(parts[p].substring(0, eq), unescape(parts[p].substring(eq + 1)));
        }
        return new Segment(type, data);
    }

    /** Renders segments as a CQ-code string (the inverse of {@link #parse}). */
    public static String render(List<Segment> segments) {
        StringBuilder out = new StringBuilder();
        for (Segment s : segments) {
            if (s.type().equals("text")) { out.append(escapeText(s.data().getOrDefault("text", ""))); continue; }
            out.append("[CQ:").append(s.type());
            s.data().forEach((k, v) -> out.append(',').append(k).append('=').append(escapeValue(v)));
            out.append(']');
        }
        return out.toString();
    }
}
