package qunzhu.platform.telegram;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import qunzhu.platform.PlatformFactory;

/**
 * The {@link FakeBotApi} for the fault suite (package qunzhu.faults): fast poll pacing, one
 * group, and a fault hook that decides per request whether to answer normally, with a proxy's
 * 502 page or with a 429 and retry_after. Every request is recorded with the wall time
 * ({@link System#nanoTime}) and the bot's clock when it arrived.
 */
public final class TelegramFaultKit implements AutoCloseable {
    public static final String CHAT = Harness.CHAT;

    /** One request as the fake saw it; {@code fault} is what it answered instead of the normal answer, or null. */
    public record Request(String method, JsonObject params, long nanos, long clockMillis, Fault fault) {
        public String text() { return params.has("text") ? params.get("text").getAsString() : null; }
        public String chatId() { return params.has("chat_id") ? params.get("chat_id").getAsString() : null; }
        public int replyTo() {
            return params.has("reply_parameters") ? params.getAsJsonObject("reply_parameters").get("message_id").getAsInt() : -1;
        }
    }

    /** A fault to answer with: a proxy's 502 HTML page, or a Bot API 429 with {@code retryAfter} seconds. */
    public record Fault(int status, int retryAfter) {
        public static Fault badGateway() { return new Fault(502, 0); }
        public static Fault tooManyRequests(int retryAfter) { return new Fault(429, retryAfter); }

        FakeBotApi.Answer answer() {
            if (status == 502) return new FakeBotApi.Answer(502, "<html><body>502 Bad Gateway</body></html>");
            JsonObject p = new JsonObject();
            p.addProperty("retry_after", retryAfter);
            return FakeBotApi.Answer.error(429, "Too Many Requests: retry after " + retryAfter, p);
        }
    }

    private final FakeBotApi api;
    private final List<Request> requests = new ArrayList<>();
    private volatile Function<Request, Fault> faults = r -> null;
    private volatile LongSupplier clock = () -> 0;

    public TelegramFaultKit() throws IOException {
        api = new FakeBotApi();
        api.fault = c -> {
            Request seen = new Request(c.method(), c.params(), System.nanoTime(), clock.getAsLong(), null);
            Fault f = faults.apply(seen);
            synchronized (requests) { requests.add(f == null ? seen : new Request(seen.method(), seen.params(), seen.nanos(), seen.clockMillis(), f)); }
            return f == null ? null : f.answer();
        };
    }

    /** Telegram accounts that poll every 20 ms at most and back off from 20 ms up to 200 ms. */
    public static PlatformFactory fastFactory() { return new TelegramFactory(Harness.FAST); }

    /** The accounts.yml of one polling account "tg" against this fake. */
    public String accountsYaml() { return Harness.telegramAccount(api); }

    /** Decides each request's fault (null: answer normally). Called on the fake's threads. */
    public void faults(Function<Request, Fault> f) { faults = f; }

    /** Where {@link Request#clockMillis} comes from (the bot's clock). */
    public void clock(LongSupplier millis) { clock = millis; }

    /** Queues a group text message from user {@code userId}; commands get their bot_command entity. Returns the update_id. */
    public long message(String chatId, int messageId, long userId, String text) {
        JsonObject m = new JsonObject();
        m.addProperty("message_id", messageId);
        m.addProperty("date", 1764000000);
        m.add("chat", com.google.gson.JsonParser.parseString("{\"id\":" + chatId + ",\"type\":\"supergroup\",\"title\":\"Tech\"}"));
        m.add("from", com.google.gson.JsonParser.parseString(Harness.user(userId, "U" + userId)));
        m.addProperty("text", text);
        if (text.startsWith("/")) {
            m.add("entities", com.google.gson.JsonParser.parseString("[{\"type\":\"bot_command\",\"offset\":0,\"length\":"
                    + text.split(" ")[0].length() + "}]"));
        }
        JsonObject u = new JsonObject();
        u.add("message", m);
        return api.push(u.toString());
    }

    /** Queues an update given as raw JSON text (without update_id; the fake numbers it). */
    public long pushRaw(String updateJson) { return api.push(updateJson); }

    /** Every request so far, in arrival order. */
    public List<Request> requests() { synchronized (requests) { return List.copyOf(requests); } }

    public List<Request> requests(String method) { return requests().stream().filter(r -> r.method().equalsIgnoreCase(method)).toList(); }

    @Override public void close() { api.close(); }
}
