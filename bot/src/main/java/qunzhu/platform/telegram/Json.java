package qunzhu.platform.telegram;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Lenient readers for Bot API objects: a wrong type reads as absent, never as an exception. */
final class Json {
    private Json() {}

    static JsonObject object(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    static String string(JsonObject o, String key, String def) {
        JsonElement e = o == null ? null : o.get(key);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : def;
    }

    static long number(JsonObject o, String key, long def) {
        JsonElement e = o == null ? null : o.get(key);
        if (e == null || !e.isJsonPrimitive()) return def;
        try {
            return e.getAsLong();
        } catch (NumberFormatException ex) {
            return def;
        }
    }

    static int integer(JsonObject o, String key, int def) {
        long v = number(o, key, def);
        return v > Integer.MAX_VALUE || v < Integer.MIN_VALUE ? def : (int) v;
    }

    static boolean bool(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean() && e.getAsBoolean();
    }

    /** A required 64-bit id; an absent or mistyped one is a malformed update. */
    static long id(JsonObject o, String key) {
        JsonElement e = o == null ? null : o.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new IllegalArgumentException("missing or non-numeric \"" + key + "\"");
        }
        return e.getAsLong();
    }

    /** A required object; absent is a malformed update. */
    static JsonObject required(JsonObject o, String key) {
        JsonObject v = object(o, key);
        if (v == null) throw new IllegalArgumentException("missing object \"" + key + "\"");
        return v;
    }
}
