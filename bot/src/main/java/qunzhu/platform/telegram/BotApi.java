package qunzhu.platform.telegram;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.MultipartBody;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The Bot API transport: {@code POST <api_url>/bot<token>/<method>} with a JSON body (or
 * multipart for uploads), answered by {@code {"ok":...,"result":...}} envelopes; an error answer
 * carries error_code, description and, for 429, parameters.retry_after.
 *
 * <p>The request URL contains the token, so nothing here logs URLs, requests or OkHttp calls;
 * callers log method names only.
 */
final class BotApi {
    private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
    private static final MediaType PNG = MediaType.get("image/png");

    /**
     * One Bot API answer. {@code errorCode} is 0 when ok; the parameters are null when absent.
     * {@code envelope} is false for an HTTP error that did not come as a Bot API envelope (a
     * proxy's or load balancer's page): then the API itself has not answered, and
     * {@code description} is only "HTTP <status>".
     */
    record Reply(boolean ok, JsonElement result, int errorCode, String description, Integer retryAfter, Long migrateTo,
                 boolean envelope) {
        JsonObject resultObject() { return result != null && result.isJsonObject() ? result.getAsJsonObject() : new JsonObject(); }
    }

    /** The server answered, but not with a Bot API envelope (a proxy's HTML page, garbage). */
    static final class BadReply extends IOException {
        BadReply(String message) { super(message); }
    }

    private final String base;
    private final OkHttpClient client;
    private final OkHttpClient pollClient;

    BotApi(String apiUrl, String token, Duration pollTimeout) {
        this.base = apiUrl + "/bot" + token + "/";
        this.client = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(60))
                .build();
        // A long poll holds the connection for up to poll_timeout: read longer than that (A2).
        Duration read = pollTimeout.plusSeconds(15);
        // Its own dispatcher: stopping intake cancels the long poll, never a send the outbox is draining.
        this.pollClient = client.newBuilder().dispatcher(new okhttp3.Dispatcher())
                .readTimeout(read).callTimeout(read.plusSeconds(10)).build();
    }

    Reply call(String method, JsonObject params) throws IOException {
        return execute(client, method, RequestBody.create(params.toString(), JSON));
    }

    /** getUpdates: the same call with a read timeout longer than the long poll. */
    Reply poll(JsonObject params) throws IOException {
        return execute(pollClient, "getUpdates", RequestBody.create(params.toString(), JSON));
    }

    /** Multipart upload: text fields plus one file part (sendPhoto). */
    Reply upload(String method, Map<String, String> fields, String fileField, String fileName, byte[] data) throws IOException {
        MultipartBody.Builder b = new MultipartBody.Builder().setType(MultipartBody.FORM);
        fields.forEach((k, v) -> { if (v != null) b.addFormDataPart(k, v); });
        b.addFormDataPart(fileField, fileName, RequestBody.create(data, PNG));
        return execute(client, method, b.build());
    }

    /** Aborts a long poll in flight (it would hold stop for up to poll_timeout otherwise). */
    void cancelPoll() {
        pollClient.dispatcher().cancelAll();
    }

    private Reply execute(OkHttpClient c, String method, RequestBody body) throws IOException {
        Request request = new Request.Builder().url(base + method).post(body).build();
        Call call = c.newCall(request);
        try (Response response = call.execute()) {
            ResponseBody rb = response.body();
            String text = rb == null ? "" : rb.string();
            JsonObject o = null;
            try {
                JsonElement e = JsonParser.parseString(text);
                if (e.isJsonObject() && e.getAsJsonObject().has("ok")) o = e.getAsJsonObject();
            } catch (JsonParseException | IllegalStateException e) {
                // handled below: not an envelope
            }
            if (o == null) {
                // A proxy or load balancer in front of the API answers 5xx with HTML: keep the status.
                if (!response.isSuccessful()) return new Reply(false, null, response.code(), "HTTP " + response.code(), null, null, false);
                throw new BadReply(method + ": answer is not a Bot API envelope (" + Math.min(text.length(), 10_000) + " chars)");
            }
            boolean ok = o.get("ok").isJsonPrimitive() && o.get("ok").getAsBoolean();
            if (ok) return new Reply(true, o.get("result"), 0, null, null, null, true);
            int code = Json.integer(o, "error_code", response.code());
            String description = Json.string(o, "description", "HTTP " + response.code());
            JsonObject p = Json.object(o, "parameters");
            Integer retryAfter = p != null && p.has("retry_after") ? Json.integer(p, "retry_after", 1) : null;
            Long migrateTo = p != null && p.has("migrate_to_chat_id") ? Json.number(p, "migrate_to_chat_id", 0) : null;
            return new Reply(false, null, code, description, retryAfter, migrateTo, true);
        }
    }
}
