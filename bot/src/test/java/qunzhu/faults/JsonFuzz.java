package qunzhu.faults;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;

/** The mutations both platforms' fuzz tests apply to a well-formed JSON update or frame. */
final class JsonFuzz {
    /** Odd text: RTL overrides, zero-width characters, combining marks, a ZWJ family, lone surrogates, NUL, look-alike commands. */
    static final List<String> ODD = List.of("\u202Eevil\u202C", "a\u200Bb\u200Cc\u200Dd\uFEFF", "e\u0301\u0301\u0301\u0301\u0301\u0301",
            "👩\u200D👩\u200D👧\u200D👦🏳️\u200D🌈", "\uD800", "x\uDC00y", "\u0000nul", "\u05D0\u05D1 RTL \u0627\u0644", "/rules\u200B", "/\u202Erules");

    /** Mutations every fuzz test shares; a test's own come after them, then an odd string. */
    static final int SHARED = 7;

    private JsonFuzz() {}

    /**
     * Zero to three mutations at random places (inside arrays too): a key removed, a huge or odd
     * string, a number, an empty array or object, null, nesting up to {@code maxDepth}, or one
     * of the test's {@code ownKinds} own values from {@code own} (given its index).
     */
    static JsonObject mutate(Random rnd, JsonObject root, int maxDepth, int ownKinds, BiFunction<Random, Integer, JsonElement> own) {
        int n = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            List<Object[]> slots = new ArrayList<>();
            collect(root, slots);
            if (slots.isEmpty()) break;
            Object[] slot = slots.get(rnd.nextInt(slots.size()));
            JsonObject parent = (JsonObject) slot[0];
            String key = (String) slot[1];
            int kind = rnd.nextInt(SHARED + ownKinds + 1);
            JsonElement value = switch (kind) {
                case 0 -> null;
                case 1 -> new JsonPrimitive("x".repeat(1 + rnd.nextInt(5000)));
                case 2 -> new JsonPrimitive(rnd.nextLong());
                case 3 -> new JsonArray();
                case 4 -> new JsonObject();
                case 5 -> JsonNull.INSTANCE;
                case 6 -> deep(rnd.nextInt(maxDepth));
                default -> kind < SHARED + ownKinds ? own.apply(rnd, kind - SHARED)
                        : new JsonPrimitive(ODD.get(rnd.nextInt(ODD.size())).repeat(1 + rnd.nextInt(3_000)));
            };
            if (value == null) parent.remove(key);
            else parent.add(key, value);
        }
        return root;
    }

    static JsonElement deep(int depth) {
        JsonElement e = new JsonPrimitive("core");
        for (int i = 0; i < depth; i++) {
            JsonArray a = new JsonArray();
            a.add(e);
            e = a;
        }
        return e;
    }

    private static void collect(JsonElement el, List<Object[]> slots) {
        if (el.isJsonArray()) {
            for (JsonElement x : el.getAsJsonArray()) collect(x, slots);
        } else if (el.isJsonObject()) {
            JsonObject o = el.getAsJsonObject();
            for (Map.Entry<String, JsonElement> e : o.entrySet()) {
                slots.add(new Object[] {o, e.getKey()});
                collect(e.getValue(), slots);
            }
        }
    }
}
