package qunzhu.platform.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.core.Event;

/** Polling offsets, backoff and recovery, and the webhook's secret check. */
@Timeout(30)
class TelegramIntakeTest {
    Harness h;

    @AfterEach void stop() { if (h != null) h.close(); }

    @Test void offsetMovesOnlyAfterTheBatchIsDurableAndIsStored() throws Exception {
        h = new Harness(new FakeBotApi(), TelegramSettings.Mode.POLLING, null);
        h.failNext = 2; // the store fails twice: the batch must be read again, not lost
        long first = h.message(1, "\"text\":\"one\"");
        long second = h.message(2, "\"text\":\"two\"");
        h.start();
        h.await(Event.MessagePosted.class, e -> e.messageId().equals("2"));
        h.api.awaitOffset(second + 1);
        List<FakeBotApi.Call> polls = h.api.calls("getUpdates");
        long withFirstOffset = polls.stream().filter(c -> c.params().get("offset").getAsLong() == 0).count();
        assertTrue(withFirstOffset >= 3, "not acknowledged while the store failed: " + withFirstOffset + " polls at offset 0");
        assertEquals(2, h.events().size(), "each update handed on once it could be stored");
        assertEquals(second + 1, h.kv.getLong(Poller.offsetKey("tg"), -1));
        assertTrue(first < second);
    }

    @Test void restartResumesAtTheStoredOffset() throws Exception {
        h = new Harness(new FakeBotApi(), TelegramSettings.Mode.POLLING, null);
        h.kv.put(Poller.offsetKey("tg"), "1234");
        h.start();
        FakeBotApi.Call firstPoll = h.api.await("getUpdates", c -> true);
        assertEquals(1234, firstPoll.params().get("offset").getAsLong());
    }

    @Test void anInstantEmptyAnswerDoesNotMakeThePollerSpin() throws Exception {
        FakeBotApi api = new FakeBotApi();
        api.maxPollWaitMs = 0;
        h = new Harness(api, TelegramSettings.Mode.POLLING, null);
        h.start();
        h.api.await("getUpdates", c -> true);
        Thread.sleep(500); // observation window, not an assertion on timing
        int polls = h.api.calls("getUpdates").size();
        assertTrue(polls <= 500 / 20 + 3, "polls in 0.5 s with a 20 ms minimum interval: " + polls);
    }

    @Test void conflictBacksOffAndPollingContinues() throws Exception {
        FakeBotApi api = new FakeBotApi();
        for (int i = 0; i < 3; i++) {
            api.script("getUpdates", FakeBotApi.Answer.error(409,
                    "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", null));
        }
        h = new Harness(api, TelegramSettings.Mode.POLLING, null);
        h.message(1, "\"text\":\"after the conflict\"");
        h.start();
        h.await(Event.MessagePosted.class, e -> true);
        assertTrue(h.api.calls("getUpdates").size() >= 4);
    }

    @Test void networkDropAndBadGatewayAreSurvived() throws Exception {
        h = Harness.polling();
        h.api.await("getUpdates", c -> true);
        h.api.stopServer();
        // The poller noticed: its polls fail against the closed port.
        qunzhu.testkit.Wait.until(() -> !h.platform.connected(), java.time.Duration.ofSeconds(10), "the poller to lose the server");
        h.api.restartServer();
        h.message(1, "\"text\":\"back online\"");
        h.await(Event.MessagePosted.class, e -> e.messageId().equals("1"));

        h.api.down = true;
        // A poll already waiting inside the fake would pick the next update up without a new
        // call: let it run out (the fake waits at most maxPollWaitMs) before counting.
        Thread.sleep(h.api.maxPollWaitMs + 200);
        int before = h.api.calls("getUpdates").size();
        h.message(2, "\"text\":\"after the 502s\"");
        Thread.sleep(300);
        h.api.down = false;
        h.await(Event.MessagePosted.class, e -> e.messageId().equals("2"));
        assertTrue(h.api.calls("getUpdates").size() > before);
    }

    @Test void malformedJsonFromTheServerIsSkippedAndPollingContinues() throws Exception {
        FakeBotApi api = new FakeBotApi();
        h = new Harness(api, TelegramSettings.Mode.POLLING, null);
        api.script("getUpdates", new FakeBotApi.Answer(200, "{\"ok\":true,\"result\":[{\"update_id\":"));
        api.script("getUpdates", new FakeBotApi.Answer(200, "{\"ok\":true,\"result\":{\"not\":\"an array\"}}"));
        long id = h.message(1, "\"text\":\"fine\"");
        h.start();
        h.await(Event.MessagePosted.class, e -> true);
        h.api.awaitOffset(id + 1);
    }

    // ---- webhook ----

    private Harness webhook() throws Exception {
        TelegramSettings.Webhook w = new TelegramSettings.Webhook("127.0.0.1", 0, "/tg/hook", "https://bot.example.com/tg/hook", "s3cr3t_Token-1");
        Harness wh = new Harness(new FakeBotApi(), TelegramSettings.Mode.WEBHOOK, w);
        wh.start();
        return wh;
    }

    private int post(String secret, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.platform.webhookPort() + "/tg/hook"))
                .timeout(Duration.ofSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (secret != null) b.header("X-Telegram-Bot-Api-Secret-Token", secret);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String update(long id, int messageId, String text) {
        return "{\"update_id\":" + id + ",\"message\":{\"message_id\":" + messageId + ",\"date\":1764000000," + Harness.chat()
                + ",\"from\":" + Harness.user(42, "Alice") + ",\"text\":\"" + text + "\"}}";
    }

    @Test void webhookIsSetWithTheSecretAndOnlyTheRightSecretGetsIn() throws Exception {
        h = webhook();
        FakeBotApi.Call set = h.api.await("setWebhook", c -> true);
        assertEquals("https://bot.example.com/tg/hook", set.str("url"));
        assertEquals("s3cr3t_Token-1", set.str("secret_token"));
        assertTrue(set.params().get("allowed_updates").toString().contains("chat_member"));

        assertEquals(403, post(null, update(1, 1, "no secret")));
        assertEquals(403, post("s3cr3t_Token-2", update(2, 2, "wrong secret")));
        assertEquals(200, post("s3cr3t_Token-1", update(3, 3, "right secret")));
        h.await(Event.MessagePosted.class, e -> true);
        assertEquals(1, h.events().size(), "nothing from the refused requests: " + h.events());
        assertEquals("right secret", ((Event.MessagePosted) h.events().get(0)).text());
    }

    @Test void webhookAnswersAnErrorWhenTheUpdateCannotBeStoredSoTelegramRetries() throws Exception {
        h = webhook();
        h.api.await("setWebhook", c -> true);
        h.failNext = 1;
        assertEquals(500, post("s3cr3t_Token-1", update(4, 4, "stored later")));
        assertEquals(200, post("s3cr3t_Token-1", update(4, 4, "stored later")));
        assertEquals(200, post("s3cr3t_Token-1", "{\"update_id\":5,\"message\":"));
        assertEquals(1, h.events().size());
    }
}
