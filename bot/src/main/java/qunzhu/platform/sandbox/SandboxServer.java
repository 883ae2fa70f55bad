package qunzhu.platform.sandbox;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.platform.http.HttpListener;
import qunzhu.platform.http.ListenerLimits;
import qunzhu.platform.http.Refusals;
import qunzhu.platform.http.Request;
import qunzhu.platform.http.Response;

/**
 * The sandbox's web chat and JSON API. The page (static HTML and JS, no build step) polls the
 * transcript; tests use the same API.
 *
 * <pre>
 * GET  /api/groups                               groups with members
 * POST /api/groups/{g}/messages {"member","text","reply_to"?,"id"?}  → {"id"}
 * POST /api/groups/{g}/join     {"member"}
 * POST /api/groups/{g}/leave    {"member"}
 * POST /api/groups/{g}/request  {"member","comment"?}
 * POST /api/groups/{g}/press    {"member","message","button"}
 * GET  /api/groups/{g}/transcript?after=N&amp;member=M   lines after N (and older ones changed since), as M sees them
 * </pre>
 * Lines meant for one member (the answer to their button press) are in that member's transcript
 * only; without {@code member} none are.
 * A write answers 200 only after the bot has logged the event durably. The API answers only
 * requests addressed to this listener, and writes only as strict JSON from the sandbox's own
 * page or a script ({@link OriginGuard}); bodies are parsed strictly (no single quotes, comments
 * or trailing data) and fields must have their JSON types. The listener's limits are
 * {@link ListenerLimits#SANDBOX}.
 */
public final class SandboxServer {
    private static final Logger log = LoggerFactory.getLogger(SandboxServer.class);
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping()
            .registerTypeAdapter(Instant.class, (com.google.gson.JsonSerializer<Instant>) (src, t, c) -> new com.google.gson.JsonPrimitive(src.toString()))
            .create();

    private final SandboxHub hub;
    private final HttpListener server;
    private final OriginGuard guard;

    public SandboxServer(SandboxHub hub, String host, int port, qunzhu.runtime.Threads threads) throws IOException {
        this(hub, host, port, ListenerLimits.SANDBOX, threads);
    }

    public SandboxServer(SandboxHub hub, String host, int port, ListenerLimits limits, qunzhu.runtime.Threads threads) throws IOException {
        this.hub = hub;
        this.server = new HttpListener("sandbox", new InetSocketAddress(host, port), limits, this::handle,
                new Refusals(log, "sandbox", Clock.systemUTC(), Duration.ofMinutes(1)), threads);
        this.guard = new OriginGuard(host, server.port());
        if (!server.address().getAddress().isLoopbackAddress()) {
            log.warn("THE SANDBOX LISTENS ON {} (beyond this machine): anyone who can reach {} can post as any member and "
                    + "see every group's transcript. Set sandbox.host to 127.0.0.1 unless that is what you want.", url(), url());
        }
    }

    public void start() { server.start(); }

    public int port() { return server.port(); }

    public String url() {
        java.net.InetAddress a = server.address().getAddress();
        String host = a instanceof java.net.Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress();
        return "http://" + host + ":" + port();
    }

    public void stop() { server.stop(); }

    private Response handle(Request ex) {
        try {
            String path = ex.path();
            String method = ex.method();
            if (!path.startsWith("/api/")) return serveStatic(path);
            String refused = guard.refusal(ex, !method.equals("GET"));
            if (refused != null) return json(403, Map.of("error", refused));
            String[] parts = path.substring(1).split("/");
            if (parts.length == 2 && parts[1].equals("groups") && method.equals("GET")) {
                return json(200, Map.of("groups", hub.groups()));
            }
            if (parts.length != 4 || !parts[1].equals("groups")) return json(404, Map.of("error", "no such API path: " + path));
            String group = parts[2];
            String verb = parts[3];
            if (verb.equals("transcript") && method.equals("GET")) {
                Map<String, String> q = query(ex.query());
                long after = 0;
                if (q.containsKey("after")) {
                    try { after = Long.parseLong(q.get("after")); } catch (NumberFormatException e) { throw new SandboxHub.Refused(400, "after must be a number"); }
                }
                return json(200, hub.transcript(group, after, q.get("member")));
            }
            if (!method.equals("POST")) return json(405, Map.of("error", method + " is not allowed on " + path));
            JsonObject body = body(ex.body());
            switch (verb) {
                case "messages" -> {
                    String id = hub.post(group, str(body, "member"), str(body, "text"), str(body, "reply_to"), str(body, "id"));
                    return json(200, Map.of("id", id));
                }
                case "join" -> hub.join(group, str(body, "member"));
                case "leave" -> hub.leave(group, str(body, "member"));
                case "request" -> hub.request(group, str(body, "member"), str(body, "comment"));
                case "press" -> hub.press(group, str(body, "member"), str(body, "message"), str(body, "button"));
                default -> { return json(404, Map.of("error", "no such API path: " + path)); }
            }
            return json(200, Map.of("ok", true));
        } catch (SandboxHub.Refused r) {
            return json(r.status, Map.of("error", r.getMessage()));
        } catch (RuntimeException e) {
            log.error("sandbox API failed on {} {}", ex.method(), ex.path(), e);
            return json(500, Map.of("error", "internal error: " + e));
        }
    }

    /** The query's parameters, percent-decoded; the first of a repeated name counts. */
    static Map<String, String> query(String q) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (q == null || q.isEmpty()) return out;
        for (String pair : q.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.putIfAbsent(java.net.URLDecoder.decode(k, StandardCharsets.UTF_8), java.net.URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new SandboxHub.Refused(400, "bad query: " + e.getMessage());
            }
        }
        return out;
    }

    /** The body as one JSON object, parsed strictly: no single quotes, comments, NaN or trailing data. */
    static JsonObject body(byte[] raw) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new SandboxHub.Refused(400, "body must be UTF-8 JSON");
        }
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            JsonElement e = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) throw new SandboxHub.Refused(400, "body must be one JSON object, found more after it");
            if (!e.isJsonObject()) throw new SandboxHub.Refused(400, "body must be a JSON object like {\"member\":\"alice\"}");
            return e.getAsJsonObject();
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw new SandboxHub.Refused(400, "body is not strict JSON: " + e.getMessage());
        }
    }

    /** A string field, or null when absent or null; any other JSON type is refused. */
    static String str(JsonObject o, String key) {
        JsonElement v = o.get(key);
        if (v == null || v.isJsonNull()) return null;
        if (!v.isJsonPrimitive() || !v.getAsJsonPrimitive().isString()) {
            throw new SandboxHub.Refused(400, "\"" + key + "\" must be a JSON string, got " + (v.isJsonObject() ? "an object" : v.isJsonArray() ? "an array" : v.toString()));
        }
        return v.getAsString();
    }

    private static Response json(int status, Object body) {
        return Response.json(status, GSON.toJson(body)).with("Cache-Control", "no-store");
    }

    private static Response serveStatic(String path) {
        String name = path.equals("/") ? "index.html" : path.substring(1);
        if (!name.matches("[a-z0-9_-]+\\.(html|js|css)")) return json(404, Map.of("error", "not found"));
        try (InputStream in = SandboxServer.class.getResourceAsStream("/qunzhu/sandbox/" + name)) {
            if (in == null) return json(404, Map.of("error", "not found"));
            String type = name.endsWith(".html") ? "text/html" : name.endsWith(".js") ? "text/javascript" : "text/css";
            return Response.of(200, type + "; charset=utf-8", in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
