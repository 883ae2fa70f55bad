package qunzhu.platform.telegram;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A Bot API server on 127.0.0.1 that behaves like Telegram where the adapter can tell
 * as far as the adapter can tell: /bot{token}/{method} with case-insensitive methods; JSON, form and multipart
 * bodies (nested objects as JSON strings); 401 for an unknown token; getUpdates that drops
 * confirmed updates, waits up to {@code timeout} and answers 409 to overlapping polls.
 * Every call is recorded with its parameters for assertions.
 */
final class FakeBotApi implements AutoCloseable {
    static final String TOKEN = "123456:TEST-token_abc";
    static final long BOT_ID = 777000111L;
    static final String BOT_NAME = "QunzhuBot";

    record Call(String method, JsonObject params, Map<String, byte[]> files) {
        String str(String key) { return params.has(key) ? params.get(key).getAsString() : null; }
        JsonObject obj(String key) { return params.get(key).getAsJsonObject(); }
    }

    record Answer(int status, String body) {
        static Answer ok(JsonElement result) {
            JsonObject o = new JsonObject();
            o.addProperty("ok", true);
            o.add("result", result);
            return new Answer(200, o.toString());
        }
        static Answer error(int code, String description, JsonObject parameters) {
            JsonObject o = new JsonObject();
            o.addProperty("ok", false);
            o.addProperty("error_code", code);
            o.addProperty("description", description);
            if (parameters != null) o.add("parameters", parameters);
            return new Answer(code, o.toString());
        }
    }

    private HttpServer server;
    private int port;
    private final List<Call> calls = new ArrayList<>();
    private final List<JsonObject> updates = new ArrayList<>();
    private final Map<String, Deque<Answer>> scripted = new HashMap<>();
    private final Map<String, Function<Call, Answer>> overrides = new HashMap<>();
    private final AtomicLong nextUpdate = new AtomicLong(1000);
    private final AtomicInteger nextMessage = new AtomicInteger(5000);
    private final AtomicInteger polling = new AtomicInteger();
    volatile int maxPollWaitMs = 300;
    volatile boolean down; // answer every call with 502 Bad Gateway (an HTML page, as proxies do)
    /** Asked first on every recorded call: an answer to give instead (a fault), or null to serve it as usual. */
    volatile Function<Call, Answer> fault = c -> null;

    FakeBotApi() throws IOException { start(0); }

    private void start(int p) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", p), 64);
        server.setExecutor(Executors.newCachedThreadPool(r -> { Thread t = new Thread(r, "fake-bot-api"); t.setDaemon(true); return t; }));
        server.createContext("/", this::handle);
        server.start();
        port = server.getAddress().getPort();
    }

    String url() { return "http://127.0.0.1:" + port; }

    /** The network drops: the port stops answering. */
    void stopServer() { server.stop(0); }

    /** ... and comes back on the same port. */
    void restartServer() throws IOException { start(port); }

    @Override public void close() { server.stop(0); }

    // ---- scripting ----

    /** Queues an update (JSON text without update_id) and returns its update_id. */
    long push(String updateBodyJson) { return push(updateBodyJson, false); }

    /** With {@code raw}, the JSON already carries its update_id (a re-delivery of an old update). */
    long push(String updateBodyJson, boolean raw) {
        if (raw) {
            JsonObject u = JsonParser.parseString(updateBodyJson).getAsJsonObject();
            synchronized (this) { updates.add(u); updates.sort(java.util.Comparator.comparingLong(x -> x.get("update_id").getAsLong())); notifyAll(); }
            return u.get("update_id").getAsLong();
        }
        JsonObject u = JsonParser.parseString(updateBodyJson).getAsJsonObject();
        long id = nextUpdate.getAndIncrement();
        JsonObject full = new JsonObject();
        full.addProperty("update_id", id);
        u.entrySet().forEach(e -> full.add(e.getKey(), e.getValue()));
        synchronized (this) { updates.add(full); notifyAll(); }
        return id;
    }

    /** The next call of {@code method} gets this answer (once). */
    synchronized void script(String method, Answer a) {
        scripted.computeIfAbsent(method.toLowerCase(Locale.ROOT), k -> new ArrayDeque<>()).add(a);
    }

    /** Every call of {@code method} gets this answer. */
    synchronized void always(String method, Function<Call, Answer> f) { overrides.put(method.toLowerCase(Locale.ROOT), f); }

    synchronized List<Call> calls(String method) {
        return calls.stream().filter(c -> c.method.equalsIgnoreCase(method)).toList();
    }

    synchronized List<Call> calls() { return List.copyOf(calls); }

    /** Waits (bounded) for a call of {@code method} matching {@code test}. */
    Call await(String method, Predicate<Call> test) { return await(method, test, java.time.Duration.ofSeconds(10)); }

    /** Waits up to {@code limit} (a child process's first answer includes its JVM's start). */
    Call await(String method, Predicate<Call> test, java.time.Duration limit) {
        Call[] found = {null};
        qunzhu.testkit.Wait.until(() -> (found[0] = find(method, test)) != null, limit,
                "a " + method + " call matching the expectation");
        return found[0];
    }

    private synchronized Call find(String method, Predicate<Call> test) {
        for (Call c : calls) if (c.method.equalsIgnoreCase(method) && test.test(c)) return c;
        return null;
    }

    /** Waits (bounded) until {@code method} was called at least {@code n} times; returns the n-th call. */
    Call awaitCount(String method, int n) {
        await(method, c -> calls(method).size() >= n);
        return calls(method).get(n - 1);
    }

    /** Waits until getUpdates was called with at least this offset (the update before it was confirmed). */
    Call awaitOffset(long offset) {
        return await("getUpdates", c -> c.params.has("offset") && c.params.get("offset").getAsLong() >= offset);
    }

    // ---- serving ----

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (down) {
                send(ex, new Answer(502, "<html><body>502 Bad Gateway</body></html>"));
                return;
            }
            String path = ex.getRequestURI().getPath();
            int slash = path.indexOf('/', 1);
            if (!path.startsWith("/bot") || slash < 0 || !path.substring(4, slash).equals(TOKEN)) {
                send(ex, Answer.error(401, "Unauthorized", null));
                return;
            }
            String method = path.substring(slash + 1);
            Call call = new Call(method, new JsonObject(), new LinkedHashMap<>());
            readParams(ex, call);
            synchronized (this) { calls.add(call); notifyAll(); }
            Answer instead = fault.apply(call);
            send(ex, instead != null ? instead : answer(call));
        }
    }

    private Answer answer(Call c) {
        String m = c.method.toLowerCase(Locale.ROOT);
        Function<Call, Answer> override;
        synchronized (this) {
            Deque<Answer> q = scripted.get(m);
            if (q != null && !q.isEmpty()) return q.poll();
            override = overrides.get(m);
        }
        // Outside the lock: an override may block (a hanging call) without holding up other calls.
        if (override != null) return override.apply(c);
        return switch (m) {
            case "getupdates" -> getUpdates(c);
            case "getme" -> Answer.ok(JsonParser.parseString("{\"id\":" + BOT_ID + ",\"is_bot\":true,\"first_name\":\"Qunzhu\","
                    + "\"username\":\"" + BOT_NAME + "\",\"can_join_groups\":true,\"can_read_all_group_messages\":true}"));
            case "sendmessage", "sendphoto", "editmessagetext" -> Answer.ok(message(c));
            case "getchatadministrators" -> Answer.ok(new JsonArray());
            case "createchatinvitelink" -> Answer.ok(inviteLink(c));
            default -> Answer.ok(new JsonPrimitive(true));
        };
    }

    /** A ChatInviteLink made by the bot, named as asked: https://t.me/+fake1, +fake2 ... */
    private JsonObject inviteLink(Call c) {
        JsonObject link = new JsonObject();
        link.addProperty("invite_link", "https://t.me/+fake" + nextLink.incrementAndGet());
        link.add("creator", JsonParser.parseString("{\"id\":" + BOT_ID + ",\"is_bot\":true,\"first_name\":\"Qunzhu\"}"));
        link.addProperty("creates_join_request", false);
        link.addProperty("is_primary", false);
        link.addProperty("is_revoked", false);
        if (c.params.has("name")) link.add("name", c.params.get("name"));
        return link;
    }

    private final java.util.concurrent.atomic.AtomicInteger nextLink = new java.util.concurrent.atomic.AtomicInteger();

    private JsonObject message(Call c) {
        JsonObject msg = new JsonObject();
        msg.addProperty("message_id", c.params.has("message_id") ? c.params.get("message_id").getAsInt() : nextMessage.getAndIncrement());
        msg.addProperty("date", 1764000000);
        JsonObject chat = new JsonObject();
        chat.addProperty("id", c.params.get("chat_id").getAsLong());
        chat.addProperty("type", "supergroup");
        msg.add("chat", chat);
        if (c.params.has("text")) msg.add("text", c.params.get("text"));
        return msg;
    }

    private Answer getUpdates(Call c) {
        if (polling.incrementAndGet() > 1) {
            polling.decrementAndGet();
            return Answer.error(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", null);
        }
        try {
            long offset = c.params.has("offset") ? c.params.get("offset").getAsLong() : 0;
            long timeoutMs = Math.min(maxPollWaitMs, (c.params.has("timeout") ? c.params.get("timeout").getAsLong() : 0) * 1000);
            long end = System.nanoTime() + timeoutMs * 1_000_000;
            synchronized (this) {
                updates.removeIf(u -> u.get("update_id").getAsLong() < offset); // confirmed: forgotten for good
                while (updates.isEmpty() && System.nanoTime() < end) {
                    try { wait(Math.max(1, (end - System.nanoTime()) / 1_000_000)); } catch (InterruptedException e) { break; }
                }
                JsonArray out = new JsonArray();
                updates.stream().limit(100).forEach(out::add);
                return Answer.ok(out);
            }
        } finally {
            polling.decrementAndGet();
        }
    }

    private static void send(HttpExchange ex, Answer a) throws IOException {
        byte[] body = a.body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", a.body.startsWith("<") ? "text/html" : "application/json");
        ex.sendResponseHeaders(a.status, body.length);
        ex.getResponseBody().write(body);
    }

    // ---- request parsing: query, form, JSON, multipart ----

    private static void readParams(HttpExchange ex, Call call) throws IOException {
        String query = ex.getRequestURI().getRawQuery();
        if (query != null) form(query, call.params);
        byte[] body = ex.getRequestBody().readAllBytes();
        String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type")).toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject().entrySet()
                    .forEach(e -> call.params.add(e.getKey(), e.getValue()));
        } else if (type.startsWith("application/x-www-form-urlencoded")) {
            form(new String(body, StandardCharsets.UTF_8), call.params);
        } else if (type.startsWith("multipart/form-data")) {
            String raw = ex.getRequestHeaders().getFirst("Content-Type"); // the boundary is case-sensitive
            String boundary = raw.substring(raw.toLowerCase(Locale.ROOT).indexOf("boundary=") + 9).replace("\"", "");
            Multipart.parse(body, boundary, (name, fileName, data) -> {
                if (fileName != null) call.files.put(name, data);
                else call.params.add(name, value(new String(data, StandardCharsets.UTF_8)));
            });
        }
    }

    private static void form(String text, JsonObject into) {
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            into.add(k, value(v));
        }
    }

    /** Object/array parameters arrive as JSON strings outside a JSON body (A1). */
    private static JsonElement value(String v) {
        String t = v.strip();
        if (t.startsWith("{") || t.startsWith("[")) {
            try { return JsonParser.parseString(t); } catch (RuntimeException e) { /* plain text after all */ }
        }
        return new JsonPrimitive(v);
    }
}
