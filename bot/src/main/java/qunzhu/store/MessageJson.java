package qunzhu.store;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;

/**
 * A message's JSON for the log, written by hand: the same characters as {@link Codec}'s Gson
 * (fields in record order, nulls left out, Gson's escapes without HTML escaping, "@type" last),
 * so a payload is one format whichever wrote it (CodecTest compares the two on hostile text).
 * Gson's reflective writer was half of an adapter thread's time on ingest (messages are
 * nearly every event); the other events go through Gson.
 */
final class MessageJson {
    private MessageJson() {}

    static void write(Event.MessagePosted m, StringBuilder sb) {
        sb.append('{');
        boolean first = true;
        first = key(sb, first, "key", m.key());
        first = chat(sb, first, "chat", m.chat());
        if (m.at() != null) {
            first = name(sb, first, "at");
            sb.append('"');
            instant(sb, m.at());
            sb.append('"');
        }
        first = string(sb, first, "account", m.account());
        first = member(sb, first, "author", m.author());
        first = string(sb, first, "messageId", m.messageId());
        first = string(sb, first, "text", m.text());
        first = string(sb, first, "replyToId", m.replyToId());
        first = member(sb, first, "replyToAuthor", m.replyToAuthor());
        bool(sb, first, "forwarded", m.forwarded());
        bool(sb, false, "media", m.media());
        bool(sb, false, "fromChannel", m.fromChannel());
        bool(sb, false, "sentAsChat", m.sentAsChat());
        sb.append(",\"@type\":\"MessagePosted\"}");
    }

    private static boolean name(StringBuilder sb, boolean first, String name) {
        if (!first) sb.append(',');
        sb.append('"').append(name).append("\":");
        return false;
    }

    private static boolean string(StringBuilder sb, boolean first, String name, String value) {
        if (value == null) return first;
        name(sb, first, name);
        quoted(sb, value);
        return false;
    }

    private static void bool(StringBuilder sb, boolean first, String name, boolean value) {
        name(sb, first, name);
        sb.append(value);
    }

    private static boolean key(StringBuilder sb, boolean first, String name, EventKey k) {
        if (k == null) return first;
        name(sb, first, name);
        sb.append('{');
        boolean f = string(sb, true, "platform", k.platform());
        f = string(sb, f, "chat", k.chat());
        string(sb, f, "nativeId", k.nativeId());
        sb.append('}');
        return false;
    }

    private static boolean chat(StringBuilder sb, boolean first, String name, ChatRef c) {
        if (c == null) return first;
        name(sb, first, name);
        sb.append('{');
        boolean f = string(sb, true, "platform", c.platform());
        string(sb, f, "id", c.id());
        sb.append('}');
        return false;
    }

    private static boolean member(StringBuilder sb, boolean first, String name, MemberRef m) {
        if (m == null) return first;
        name(sb, first, name);
        sb.append('{');
        boolean f = string(sb, true, "id", m.id());
        f = string(sb, f, "name", m.name());
        bool(sb, f, "bot", m.bot());
        sb.append('}');
        return false;
    }

    /** A JSON string as Gson writes it with HTML escaping off. */
    static void quoted(StringBuilder sb, String s) {
        sb.append('"');
        int from = 0, n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            String escape;
            if (c < 0x20) {
                escape = switch (c) {
                    case '\t' -> "\\t";
                    case '\b' -> "\\b";
                    case '\n' -> "\\n";
                    case '\r' -> "\\r";
                    case '\f' -> "\\f";
                    default -> String.format("\\u%04x", (int) c);
                };
            } else if (c == '"') {
                escape = "\\\"";
            } else if (c == '\\') {
                escape = "\\\\";
            } else if (c == '\u2028') {
                escape = "\\u2028";
            } else if (c == '\u2029') {
                escape = "\\u2029";
            } else {
                continue;
            }
            sb.append(s, from, i).append(escape);
            from = i + 1;
        }
        sb.append(s, from, n).append('"');
    }

    /** {@link Instant#toString} (ISO-8601, the fraction in groups of three digits as needed), without its formatter. */
    static void instant(StringBuilder sb, Instant at) {
        long second = at.getEpochSecond();
        // years 0000-9999; beyond them Instant writes a sign and more digits
        if (second < -62_167_219_200L || second > 253_402_300_799L) {
            sb.append(at);
            return;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
        int year = t.getYear();
        pad(sb, year, 4).append('-');
        pad(sb, t.getMonthValue(), 2).append('-');
        pad(sb, t.getDayOfMonth(), 2).append('T');
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2);
        int nano = at.getNano();
        if (nano != 0) {
            sb.append('.');
            if (nano % 1_000_000 == 0) pad(sb, nano / 1_000_000, 3);
            else if (nano % 1_000 == 0) pad(sb, nano / 1_000, 6);
            else pad(sb, nano, 9);
        }
        sb.append('Z');
    }

    private static StringBuilder pad(StringBuilder sb, int v, int digits) {
        for (int d = digits - 1, p = pow10(d); d >= 0; d--, p /= 10) sb.append((char) ('0' + (v / p) % 10));
        return sb;
    }

    private static int pow10(int d) {
        int p = 1;
        for (int i = 0; i < d; i++) p *= 10;
        return p;
    }
}
