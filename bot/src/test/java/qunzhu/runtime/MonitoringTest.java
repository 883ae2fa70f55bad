package qunzhu.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.core.Outcome;
import qunzhu.features.rules.RulesFeature;
import qunzhu.testkit.FakePlatform;
import qunzhu.testkit.TestBot;

/** The operators' monitoring endpoint: off by default; /healthz and Prometheus /metrics when enabled. */
@Timeout(30)
class MonitoringTest {
    /** The rules feature alone (its /rules is the action counted), on a tech group with rules. */
    static TestBot.Builder rulesBot() {
        return TestBot.with(new RulesFeature()).yaml(TestBot.TECH_WITH_RULES);
    }

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static HttpResponse<String> get(int port, String path, String method) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test void isOffUnlessEnabled() {
        try (TestBot bot = rulesBot().build()) {
            assertNull(bot.bot().monitoring());
        }
    }

    @Test void healthAndMetricsCountWhatTheBotDid() throws Exception {
        try (TestBot bot = rulesBot().file("monitoring.yml", "monitoring:\n  enabled: true\n  listen: 127.0.0.1:0\n").build()) {
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
            assertTrue(m.contains("qunzhu_store_writable 1.0") && m.contains("qunzhu_dead_letters 0.0"), m);

            // A full disk: the health check fails, with the store's error, until space returns.
            bot.db().simulateFullDisk(true);
            assertThrows(RuntimeException.class, () -> bot.hub().post("tech", "bob", "while full", null, null));
            HttpResponse<String> sick = get(port, "/healthz", "GET");
            assertEquals(503, sick.statusCode(), sick.body());
            assertTrue(sick.body().contains("\"writable\":false") && sick.body().contains("\"problem\""), sick.body());
            assertTrue(get(port, "/metrics", "GET").body().contains("qunzhu_store_writable 0.0"));
            bot.db().simulateFullDisk(false);
            bot.group("tech").shouldReply("alice", "/help", "/rules");
            assertEquals(200, get(port, "/healthz", "GET").statusCode());

            HttpResponse<String> head = get(port, "/healthz", "HEAD");
            assertEquals(200, head.statusCode());
            assertEquals("", head.body(), "HEAD answers without a body");
            assertEquals(405, get(port, "/metrics", "POST").statusCode());
            assertEquals(404, get(port, "/admin", "GET").statusCode());
        }
    }

    @Test void retriesAreCountedAndTheFinalOutcomeOnce() throws Exception {
        FakePlatform p = FakePlatform.all("fp", "fake");
        try (TestBot bot = TestBot.with(new RulesFeature()).platform(p.factory())
                .file("accounts.yml", "accounts:\n  - id: fp\n    platform: fake\n")
                .yaml("groups:\n  g:\n    chat: fake:g1\n    title: G\n    strategy: laissez_faire\n")
                .file("monitoring.yml", "monitoring:\n  enabled: true\n  listen: 127.0.0.1:0\n").build()) {
            p.then(a -> new Outcome.Failed("502 bad gateway", false)).then(a -> new Outcome.Failed("502 bad gateway", false));
            ChatRef chat = new ChatRef("fake", "g1");
            p.deliver(new Event.MessagePosted(EventKey.of(chat, "m1"), chat, bot.clock().instant(), "fp", MemberRef.of("ann", "Ann"),
                    "m1", "/rules", null, null, false, false, false));
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (p.tries(a -> a instanceof Action.Send) < 3 && System.nanoTime() < end) {
                bot.clock().advance(Duration.ofMinutes(1));
                Thread.sleep(20);
            }
            bot.settle();
            assertEquals(3, p.tries(a -> a instanceof Action.Send));
            String m = get(bot.bot().monitoring().port(), "/metrics", "GET").body();
            assertTrue(m.contains("qunzhu_outbox_retries_total{kind=\"send\"} 2.0"), m);
            assertTrue(m.contains("qunzhu_actions_total{kind=\"send\",outcome=\"done\"} 1.0"), m);
        }
    }

    @Test void aBadListenAddressNamesTheKey() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(qunzhu.config.ConfigException.class, () ->
                rulesBot().file("monitoring.yml", "monitoring:\n  enabled: true\n  listen: localhost\n").build().close());
        assertTrue(e.getMessage().contains("monitoring.yml:3: monitoring.listen: expected host:port"), e.getMessage());
    }
}
