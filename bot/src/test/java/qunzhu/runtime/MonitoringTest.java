package qunzhu.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.testkit.TestBot;

/** The operators' monitoring endpoint: off by default; /healthz and Prometheus /metrics when enabled. */
@Timeout(30)
class MonitoringTest {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static HttpResponse<String> get(int port, String path, String method) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test void isOffUnlessEnabled() {
        try (TestBot bot = TestBot.shipped()) {
            assertNull(bot.bot().monitoring());
        }
    }

    @Test void healthAndMetricsCountWhatTheBotDid() throws Exception {
        try (TestBot bot = TestBot.builder().file("monitoring.yml", "monitoring:\n  enabled: true\n  listen: 127.0.0.1:0\n").build()) {
            int port = bot.bot().monitoring().port();
            bot.group("tech").shouldReply("alice", "/rules", "友善交流");

            HttpResponse<String> health = get(port, "/healthz", "GET");
            assertEquals(200, health.statusCode(), health.body());
            assertTrue(health.body().contains("\"ok\":true") && health.body().contains("\"host\":\"connected\""), health.body());

            HttpResponse<String> metrics = get(port, "/metrics", "GET");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"), metrics.headers().toString());
            String m = metrics.body();
            assertTrue(m.contains("# TYPE qunzhu_events_in_total counter"), m);
            assertTrue(m.contains("qunzhu_events_in_total{account=\"host\"} 1.0"), m);
            assertTrue(m.contains("qunzhu_actions_total{kind=\"send\",outcome=\"done\"} 1.0"), m);
            assertTrue(m.contains("qunzhu_outbox_queue{account=\"host\"} 0.0"), m);
            assertTrue(m.contains("qunzhu_platform_reconnects_total{account=\"host\"} 0.0"), m);

            assertEquals(405, get(port, "/metrics", "POST").statusCode());
            assertEquals(404, get(port, "/admin", "GET").statusCode());
        }
    }

    @Test void aBadListenAddressNamesTheKey() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(qunzhu.config.ConfigException.class, () ->
                TestBot.builder().file("monitoring.yml", "monitoring:\n  enabled: true\n  listen: localhost\n").build().close());
        assertTrue(e.getMessage().contains("monitoring.yml:3: monitoring.listen: expected host:port"), e.getMessage());
    }
}
