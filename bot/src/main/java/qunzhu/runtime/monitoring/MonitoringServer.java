package qunzhu.runtime.monitoring;

import qunzhu.runtime.Metrics;
import qunzhu.runtime.Threads;

import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.platform.http.HttpListener;
import qunzhu.platform.http.ListenerLimits;
import qunzhu.platform.http.Refusals;
import qunzhu.platform.http.Request;
import qunzhu.platform.http.Response;

/**
 * The operators' monitoring endpoint (off by default, on loopback by default): {@code GET
 * /healthz} answers 200 when the store is writable and every account is connected, else 503,
 * with the details as JSON; {@code GET /metrics} is the Prometheus text format. Read-only, no
 * request bodies; anything else answers 404 or 405. It runs on the bounded {@link HttpListener}
 * (request deadlines, small heads, few connections).
 */
public final class MonitoringServer {
    private static final Logger log = LoggerFactory.getLogger(MonitoringServer.class);

    /** What /healthz reports: whether the store takes writes, and per account whether it is connected. */
    public record Health(boolean storeWritable, String storeProblem, Map<String, Boolean> accounts) {
        public boolean ok() { return storeWritable && !accounts.containsValue(false); }
    }

    /** Small requests only, few connections: a scraper and a health checker. */
    static final ListenerLimits LIMITS = new ListenerLimits(Duration.ofSeconds(5), Duration.ofSeconds(30), 8 * 1024, 0, 8);

    private final HttpListener server;
    private final Metrics metrics;
    private final Supplier<Health> health;

    public MonitoringServer(String host, int port, Metrics metrics, Supplier<Health> health, Threads threads) throws IOException {
        this.metrics = metrics;
        this.health = health;
        this.server = new HttpListener("monitoring", new InetSocketAddress(host, port), LIMITS, this::handle,
                new Refusals(log, "monitoring", Clock.systemUTC(), Duration.ofMinutes(1)), threads);
    }

    public void start() {
        server.start();
        log.info("monitoring on http://{}:{}/healthz and /metrics", server.address().getHostString(), port());
    }

    public int port() { return server.port(); }

    public void stop() { server.stop(); }

    private Response handle(Request r) {
        if (!r.method().equals("GET") && !r.method().equals("HEAD")) return text(405, "only GET\n").with("Allow", "GET, HEAD");
        switch (r.path()) {
            case "/healthz": {
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
                return Response.json(h.ok() ? 200 : 503, o + "\n").with("Cache-Control", "no-store");
            }
            case "/metrics":
                return Response.of(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape().getBytes(StandardCharsets.UTF_8))
                        .with("Cache-Control", "no-store");
            default:
                return text(404, "not found: try /healthz or /metrics\n");
        }
    }

    private static Response text(int status, String body) {
        return Response.of(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }
}
