package qunzhu.platform.sandbox;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's web chat and JSON API, on the JDK's HTTP server. The page (static HTML and
 * JS, no build step) polls the transcript; tests use the same API.
 *
 * <pre>
 * GET  /api/groups                               groups with members
 * POST /api/groups/{g}/messages {"member","text","reply_to"?,"id"?}  → {"id"}
 * POST /api/groups/{g}/join     {"member"}
 * POST /api/groups/{g}/leave    {"member"}
 * POST /api/groups/{g}/request  {"member","comment"?}
 * POST /api/groups/{g}/press    {"member","message","button"}
 * GET  /api/groups/{g}/transcript?after=N
 * </pre>
 * A write answers only after the bot has logged the event durably.
 */
public final class SandboxServer {
    private static final Logger log = LoggerFactory.getLogger(SandboxServer.class);
    private static final int MAX_BODY = 64 * 1024;
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping()
            .registerTypeAdapter(Instant.class, (com.google.gson.JsonSerializer<Instant>) (src, t, c) -> new com.google.gson.JsonPrimitive(src.toString()))
            .create();

    static {
        // Without TCP_NODELAY the JDK server's small responses wait on delayed ACKs (~40 ms
        // a request). The property is read once when the server classes load.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final SandboxHub hub;
    private final HttpServer server;
    private final ExecutorService executor;

    public SandboxServer(SandboxHub hub, String host, int port, qunzhu.runtime.Threads threads) throws IOException {
        this.hub = hub;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
        this.executor = threads.pool("sandbox-http", 8);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    public void start() { server.start(); }

    public int port() { return server.getAddress().getPort(); }

    public String url() { return "http://" + server.getAddress().getHostString() + ":" + port(); }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            URI uri = ex.getRequestURI();
            String path = uri.getPath();
            String method = ex.getRequestMethod();
            if (!path.startsWith("/api/")) {
                serveStatic(ex, path);
                return;
            }
            String[] parts = path.substring(1).split("/");
            if (parts.length == 2 && parts[1].equals("groups") && method.equals("GET")) {
                json(ex, 200, Map.of("groups", hub.groups()));
                return;
            }
            if (parts.length != 4 || !parts[1].equals("groups")) {
                json(ex, 404, Map.of("error", "no such API path: " + path));
                return;
            }
            String group = parts[2];
            String verb = parts[3];
            if (verb.equals("transcript") && method.equals("GET")) {
                long after = 0;
                String q = uri.getQuery();
                if (q != null && q.startsWith("after=")) {
                    try { after = Long.parseLong(q.substring(6)); } catch (NumberFormatException e) { throw new SandboxHub.Refused(400, "after must be a number"); }
                }
                json(ex, 200, hub.transcript(group, after));
                return;
            }
            if (!method.equals("POST")) {
                json(ex, 405, Map.of("error", method + " is not allowed on " + path));
                return;
            }
            JsonObject body = body(ex);
            switch (verb) {
                case "messages" -> {
                    String id = hub.post(group, str(body, "member"), str(body, "text"), str(body, "reply_to"), str(body, "id"));
                    json(ex, 200, Map.of("id", id));
                }
                case "join" -> { hub.join(group, str(body, "member")); json(ex, 200, Map.of("ok", true)); }
                case "leave" -> { hub.leave(group, str(body, "member")); json(ex, 200, Map.of("ok", true)); }
                case "request" -> { hub.request(group, str(body, "member"), str(body, "comment")); json(ex, 200, Map.of("ok", true)); }
                case "press" -> {
                    hub.press(group, str(body, "member"), str(body, "message"), str(body, "button"));
                    json(ex, 200, Map.of("ok", true));
                }
                default -> json(ex, 404, Map.of("error", "no such API path: " + path));
            }
        } catch (SandboxHub.Refused r) {
            json(ex, r.status, Map.of("error", r.getMessage()));
        } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
            json(ex, 400, Map.of("error", "body must be a JSON object: " + e.getMessage()));
        } catch (RuntimeException e) {
            log.error("sandbox API failed on {} {}", ex.getRequestMethod(), ex.getRequestURI(), e);
            json(ex, 500, Map.of("error", "internal error: " + e));
        } finally {
            ex.close();
        }
    }

    private static JsonObject body(HttpExchange ex) throws IOException {
        byte[] raw = ex.getRequestBody().readNBytes(MAX_BODY + 1);
        if (raw.length > MAX_BODY) throw new SandboxHub.Refused(413, "body too large");
        String text = new String(raw, StandardCharsets.UTF_8);
        if (text.isBlank()) return new JsonObject();
        return JsonParser.parseString(text).getAsJsonObject();
    }

    private static String str(JsonObject o, String key) {
        return o.has(key) && !o.get(key).isJsonNull() ? o.get(key).getAsString() : null;
    }

    private static void json(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = GSON.toJson(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) { out.write(bytes); }
    }

    private static void serveStatic(HttpExchange ex, String path) throws IOException {
        String name = path.equals("/") ? "index.html" : path.substring(1);
        if (!name.matches("[a-z0-9_-]+\\.(html|js|css)")) {
            json(ex, 404, Map.of("error", "not found"));
            return;
        }
        try (InputStream in = SandboxServer.class.getResourceAsStream("/qunzhu/sandbox/" + name)) {
            if (in == null) { json(ex, 404, Map.of("error", "not found")); return; }
            byte[] bytes = in.readAllBytes();
            String type = name.endsWith(".html") ? "text/html" : name.endsWith(".js") ? "text/javascript" : "text/css";
            ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
            ex.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = ex.getResponseBody()) { out.write(bytes); }
        }
    }
}
