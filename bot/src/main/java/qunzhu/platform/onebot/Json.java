package qunzhu.platform.onebot;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;

/**
 * Lenient reads of OneBot JSON. Implementations disagree on types (NapCat returns uint32
 * message ids, go-cqhttp negative ones, some send ids as strings), so ids
 * are read as number or string into a String and never through {@code int}.
 */
final class Json {
    private Json() {}

    /** An id as decimal text (number or string, any size or sign), or null when absent/not an id. */
    static String id(JsonObject o, String key) {
        if (o == null) return null;
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive()) return null;
        JsonPrimitive p = e.getAsJsonPrimitive();
        String s = p.getAsString().trim();
        if (s.matches("-?\\d+")) return s;
        if (!p.isNumber()) return s.isEmpty() ? null : s;
        try {
            return new BigDecimal(s).toBigIntegerExact().toString();
        } catch (ArithmeticException | NumberFormatException ex) {
            return null;
        }
    }

    static String text(JsonObject o, String key) {
        if (o == null) return null;
        JsonElement e = o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    static JsonObject object(JsonObject o, String key) {
        if (o == null) return null;
        JsonElement e = o.get(key);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    static long number(JsonObject o, String key, long def) {
        String s = id(o, key);
        if (s == null) return def;
        try { return Long.parseLong(s); } catch (NumberFormatException e) { return def; }
    }

    /** An id for sending: a JSON number when it is one (NapCat wants numeric ids), else the text. */
    static JsonPrimitive idParam(String id) {
        if (id != null && id.matches("-?\\d{1,18}")) return new JsonPrimitive(Long.parseLong(id));
        return new JsonPrimitive(id == null ? "" : id);
    }
}
