package qunzhu.store;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import qunzhu.core.Action;
import qunzhu.core.Event;
import qunzhu.core.PersonaRole;

/**
 * Events and actions as JSON, tagged with their record name, so the activity log can replay
 * events after a crash and the outbox can persist what it had not sent at shutdown.
 */
public final class Codec {
    public static final Gson GSON = new GsonBuilder()
            .disableHtmlEscaping()
            .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe())
            .registerTypeAdapter(Duration.class, new DurationAdapter().nullSafe())
            .registerTypeAdapter(PersonaRole.class, new PersonaRoleAdapter().nullSafe())
            .create();

    private static final Map<String, Class<?>> TYPES = new HashMap<>();
    static {
        for (Class<?> c : Event.class.getPermittedSubclasses()) TYPES.put(c.getSimpleName(), c);
        for (Class<?> c : Action.class.getPermittedSubclasses()) TYPES.put(c.getSimpleName(), c);
    }

    private Codec() {}

    /** Each thread's buffer for {@link #encode}; one beyond this many chars is not kept. */
    private static final ThreadLocal<StringBuilder> BUFFER = ThreadLocal.withInitial(() -> new StringBuilder(1024));
    private static final int BUFFER_KEPT = 64 * 1024;

    /**
     * The record's fields as a JSON object, its type last under "@type". Written in one pass
     * (the tree this built first was a fifth of the pipeline thread's time on ingest), into the
     * thread's buffer: the JSON is copied once, into the string returned (Gson's own writer, then
     * its copy, a substring and a concatenation were a quarter of the bytes allocated at 10,000
     * events a second).
     */
    public static String encode(Object eventOrAction) {
        StringBuilder sb = write(eventOrAction);
        String json = sb.toString();
        if (sb.capacity() > BUFFER_KEPT) BUFFER.remove();
        return json;
    }

    /**
     * {@link #encode}'s JSON as UTF-8, the bytes the store keeps for it (bound as a blob and cast
     * to text, see {@link ActivityLog}): encoded straight from the thread's buffer into one array
     * of the exact size. Binding the JSON as a string made the driver encode it on the writer's
     * thread into an array three bytes per char long, then copy it (a sixth of the bytes
     * allocated at 5,000 events a second). An unpaired surrogate becomes '?', as in
     * {@link String#getBytes(java.nio.charset.Charset)}.
     */
    public static byte[] encodeUtf8(Object eventOrAction) {
        StringBuilder sb = write(eventOrAction);
        int n = sb.length();
        byte[] out = BYTES.get();
        if (out.length < 3 * n) out = new byte[Math.max(3 * n, 2 * out.length)];
        // the chars copied out at once: charAt checked each index (a fifth of an adapter thread's encoding)
        char[] chars = CHARS.get();
        if (chars.length < n) chars = new char[Math.max(n, 2 * chars.length)];
        sb.getChars(0, n, chars, 0);
        int k = 0;
        for (int i = 0; i < n; i++) {
            char c = chars[i];
            if (c < 0x80) {
                out[k++] = (byte) c;
            } else if (c < 0x800) {
                out[k++] = (byte) (0xC0 | (c >> 6));
                out[k++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                char d = i + 1 < n ? chars[i + 1] : 0;
                if (Character.isHighSurrogate(c) && Character.isLowSurrogate(d)) {
                    int cp = Character.toCodePoint(c, d);
                    i++;
                    out[k++] = (byte) (0xF0 | (cp >> 18));
                    out[k++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    out[k++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    out[k++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    out[k++] = '?';
                }
            } else {
                out[k++] = (byte) (0xE0 | (c >> 12));
                out[k++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[k++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        byte[] utf8 = java.util.Arrays.copyOf(out, k);
        if (sb.capacity() > BUFFER_KEPT) BUFFER.remove();
        if (out.length <= 3 * BUFFER_KEPT) BYTES.set(out);
        else BYTES.remove();
        if (chars.length <= BUFFER_KEPT) CHARS.set(chars);
        else CHARS.remove();
        return utf8;
    }

    /** Each thread's char buffer for {@link #encodeUtf8}. */
    private static final ThreadLocal<char[]> CHARS = ThreadLocal.withInitial(() -> new char[1024]);

    /** Each thread's byte buffer for {@link #encodeUtf8}. */
    private static final ThreadLocal<byte[]> BYTES = ThreadLocal.withInitial(() -> new byte[3 * 1024]);

    /** The JSON in the thread's buffer: the record's fields as an object, then "@type". */
    private static StringBuilder write(Object eventOrAction) {
        StringBuilder sb = BUFFER.get();
        sb.setLength(0);
        if (eventOrAction instanceof Event.MessagePosted m) {
            MessageJson.write(m, sb);
            return sb;
        }
        gson(eventOrAction, sb);
        return sb;
    }

    /** Gson's JSON of the record, "@type" last (what {@link MessageJson} writes by hand for a message). */
    static void gson(Object eventOrAction, StringBuilder sb) {
        GSON.toJson(eventOrAction, eventOrAction.getClass(), sb);
        // a record serialises to an object: "{}" or "{...}"
        sb.setLength(sb.length() - 1);
        if (sb.length() > 1) sb.append(',');
        sb.append("\"@type\":\"").append(eventOrAction.getClass().getSimpleName()).append("\"}");
    }

    public static Event decodeEvent(String json) { return (Event) decode(json); }

    public static Action decodeAction(String json) { return (Action) decode(json); }

    private static Object decode(String json) {
        JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        JsonElement type = o.remove("@type");
        Class<?> c = type == null ? null : TYPES.get(type.getAsString());
        if (c == null) throw new IllegalArgumentException("unknown record type in stored JSON: " + type);
        return GSON.fromJson(o, c);
    }

    private static final class InstantAdapter extends TypeAdapter<Instant> {
        @Override public void write(JsonWriter out, Instant value) throws IOException { out.value(value.toString()); }
        @Override public Instant read(JsonReader in) throws IOException { return Instant.parse(in.nextString()); }
    }

    /** A role as its plain name, as stored before roles were typed. */
    private static final class PersonaRoleAdapter extends TypeAdapter<PersonaRole> {
        @Override public void write(JsonWriter out, PersonaRole value) throws IOException { out.value(value.name()); }
        @Override public PersonaRole read(JsonReader in) throws IOException { return PersonaRole.of(in.nextString()); }
    }

    private static final class DurationAdapter extends TypeAdapter<Duration> {
        @Override public void write(JsonWriter out, Duration value) throws IOException { out.value(value.toString()); }
        @Override public Duration read(JsonReader in) throws IOException { return Duration.parse(in.nextString()); }
    }
}
