package qunzhu.runtime;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operators' monitoring endpoint (off by default, on loopback by default): {@code GET
 * /healthz} answers 200 when the store is writable and every account is connected, else 503,
 * with the details as JSON; {@code GET /metrics} is the Prometheus text format. Read-only, no
 * request bodies; anything else answers 404 or 405.
 */
public final class MonitoringServer {
    private static final Logger log = LoggerFactory.getLogger(MonitoringServer.class);

    /** What /healthz reports: whether the store takes writes, and per account whether it is connected. */
    public record Health(boolean storeWritable, String storeProblem, Map<String, Boolean> accounts) {
        public boolean ok() { return storeWritable && !accounts.containsValue(false); }
    }

    private final HttpServer server;
    private final Metrics metrics;
    private final Supplier<Health> health;

    public MonitoringServer(String host, int port, Metrics metrics, Supplier<Health> health, Threads threads) throws IOException {
        this.metrics = metrics;
        this.health = health;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 16);
        server.setExecutor(threads.pool("monitoring-http", 2));
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
        log.info("monitoring on http://{}:{}/healthz and /metrics", server.getAddress().getHostString(), port());
    }

    public int port() { return server.getAddress().getPort(); }

    public void stop() { server.stop(0); }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getRequestBody().close();
            if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
                send(ex, 405, "text/plain; charset=utf-8", "only GET\n");
                return;
            }
            switch (ex.getRequestURI().getPath()) {
                case "/healthz" -> {
                    Health h = health.get();
                    JsonObject o = new JsonObject();
                    o.addProperty("ok", h.ok());
                    JsonObject store = new JsonObject();
                    store.addProperty("writable", h.storeWritable());
                    if (h.storeProblem() != null) store.addProperty("problem", h.storeProblem());
                    o.add("store", store);
                    JsonObject accounts = new JsonObject();
                    h.accounts().forEach((id, up) -> accounts.addProperty(id, up ? "connected" : "disconnected"));
                    o.add("accounts", accounts);
                    send(ex, h.ok() ? 200 : 503, "application/json; charset=utf-8", o + "\n");
                }
                case "/metrics" -> send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
                default -> send(ex, 404, "text/plain; charset=utf-8", "not found: try /healthz or /metrics\n");
            }
        } catch (RuntimeException e) {
            log.warn("monitoring request failed: {}", e.toString());
        }
    }

    private static void send(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head ? -1 : b.length);
        if (!head) try (OutputStream out = ex.getResponseBody()) { out.write(b); }
    }
}
