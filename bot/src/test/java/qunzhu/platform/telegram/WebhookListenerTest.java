package qunzhu.platform.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.core.Event;
import qunzhu.platform.http.ListenerLimits;
import qunzhu.runtime.Threads;
import qunzhu.testkit.MutableClock;
import qunzhu.testkit.SlowClients;

/** The webhook listener faces the internet: stalled clients and floods of bad requests. */
@Timeout(30)
class WebhookListenerTest {
    static final String SECRET = "s3cr3t_Token-1";
    final MutableClock clock = MutableClock.at("2026-11-24T10:00:00+08:00");
    final Threads threads = Threads.forTests();
    final List<Event> accepted = new CopyOnWriteArrayList<>();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    WebhookListener listener;

    WebhookListener start(ListenerLimits limits) throws Exception {
        TelegramSettings.Webhook w = new TelegramSettings.Webhook("127.0.0.1", 0, "/tg/hook", "https://bot.example.com/tg/hook", SECRET);
        listener = new WebhookListener("tg", w, new EventParser("tg", () -> "qunzhu_bot", clock), accepted::addAll, () -> true, threads,
                limits, clock);
        listener.start();
        return listener;
    }

    @AfterEach void stop() {
        if (listener != null) listener.stop();
        threads.shutdown(Duration.ofSeconds(2));
    }

    int post(String secret, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listener.port() + "/tg/hook"))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (secret != null) b.header("X-Telegram-Bot-Api-Secret-Token", secret);
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static String update(long id, String text) {
        return "{\"update_id\":" + id + ",\"message\":{\"message_id\":" + id + ",\"date\":1764000000," + Harness.chat()
                + ",\"from\":" + Harness.user(42, "Alice") + ",\"text\":\"" + text + "\"}}";
    }

    @Test void halfSentRequestsDoNotStopAnUpdateAndAreDisconnectedAfterTheReadTimeout() throws Exception {
        start(ListenerLimits.WEBHOOK.withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500)));
        try (SlowClients slow = SlowClients.stall(16, listener.port(), "POST /tg/hook HTTP/1.1\r\nHost: bot.example.com\r\n"
                + "X-Telegram-Bot-Api-Secret-Token: " + SECRET + "\r\nContent-Length: 500\r\n\r\n{\"update_id\":")) {
            assertEquals(200, post(SECRET, update(7, "still delivered")));
            assertEquals(1, accepted.size(), accepted.toString());
            assertEquals("still delivered", ((Event.MessagePosted) accepted.get(0)).text());
            slow.awaitDisconnected(10_000);
        }
        assertEquals(16, listener.refusals().total(), "each stalled request counts as refused");
        assertEquals(1, listener.refusals().warnings(), "and they cost one WARN line");
    }

    @Test void aBurstOfBadSecretsIsLoggedOnceAndSummarisedWhenTheNextBurstStarts() throws Exception {
        start(ListenerLimits.WEBHOOK);
        for (int i = 0; i < 20; i++) assertEquals(403, post(i % 2 == 0 ? null : "guess-" + i, update(i, "x")));
        assertEquals(20, listener.refusals().total());
        assertEquals(1, listener.refusals().warnings(), "one WARN for the burst, not one per request");
        clock.advance(Duration.ofSeconds(61));
        assertEquals(403, post("guess", update(99, "x")));
        assertEquals(2, listener.refusals().warnings(), "a new minute, a new WARN (with the 19 not shown)");
        assertEquals(200, post(SECRET, update(100, "the real one")));
        assertEquals(1, accepted.size());
    }

    @Test void anOversizeUpdateIsAnswered413AndCountsAsRefused() throws Exception {
        start(ListenerLimits.WEBHOOK);
        assertEquals(413, post(SECRET, update(1, "x".repeat((1 << 20) + 10))));
        assertTrue(accepted.isEmpty());
        assertEquals(1, listener.refusals().total());
    }
}
