package qunzhu.platform.telegram;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.testkit.ChildBot;

/**
 * A Telegram-only deployment, started as a supervisor would: the real entry point in a child
 * process, the sandbox off, a loopback fake Bot API. It must stay up on its own, answer, ride out
 * a dropped network, and stop with exit code 0 on SIGTERM.
 */
@Timeout(90)
class TelegramProcessTest {
    static final String CHAT = Harness.CHAT;

    static Map<String, String> config(FakeBotApi api) {
        return Map.of(
                "bot.yml", """
                        bot:
                          timezone: Asia/Shanghai
                          locale: zh-CN
                          database: "@DATA@/qunzhu.db"
                        sandbox:
                          enabled: false
                        monitoring:
                          enabled: true
                          listen: 127.0.0.1:0
                        """,
                "accounts.yml", """
                        personas:
                          host: {name: 小群}
                          moderator: {name: 小管家}
                        accounts:
                          - id: tg
                            platform: telegram
                            persona: host
                            token: ${TELEGRAM_TOKEN}
                            api_url: %s
                            poll_timeout: 1s
                        """.formatted(api.url()),
                "groups.yml", """
                        groups:
                          tg:
                            chat: "telegram:%s"
                            title: 电报群
                            strategy: laissez_faire
                            rules:
                              text: "1. 友善交流。"
                        """.formatted(CHAT));
    }

    static long command(FakeBotApi api, int messageId, String text) {
        return api.push("{\"message\":{\"message_id\":" + messageId + ",\"date\":1764000000," + Harness.chat() + ",\"from\":"
                + Harness.user(42, "Alice") + ",\"text\":\"" + text + "\",\"entities\":[{\"type\":\"bot_command\",\"offset\":0,\"length\":"
                + text.length() + "}]}}");
    }

    static void awaitHelpAnswer(FakeBotApi api, int nth) {
        FakeBotApi.Call c = api.awaitCount("sendMessage", nth);
        assertTrue(c.str("text").contains("/rules"), c.str("text"));
    }

    /** Waits (bounded) until /healthz answers {@code status}; returns the body. */
    static String awaitHealth(int port, int status) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<String> r = null;
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < end) {
            r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).timeout(Duration.ofSeconds(2)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == status) return r.body();
            Thread.sleep(100);
        }
        throw new AssertionError("/healthz did not answer " + status + "; last: " + (r == null ? null : r.statusCode() + " " + r.body()));
    }

    @Test void staysUpAnswersRidesOutADroppedNetworkAndStopsOnSigterm() throws Exception {
        try (FakeBotApi api = new FakeBotApi();
             ChildBot bot = ChildBot.start(config(api), Map.of("TELEGRAM_TOKEN", FakeBotApi.TOKEN))) {
            bot.awaitOutput("Qunzhu is running", Duration.ofSeconds(30));
            command(api, 10, "/help");
            awaitHelpAnswer(api, 1);
            Matcher m = Pattern.compile("monitoring on http://127\\.0\\.0\\.1:(\\d+)/healthz").matcher(bot.output());
            assertTrue(m.find(), bot.output());
            int monitoring = Integer.parseInt(m.group(1));
            assertTrue(awaitHealth(monitoring, 200).contains("\"tg\":\"connected\""));

            // The old bot printed "Qunzhu is running" and exited about a second later.
            bot.assertStaysUp(Duration.ofSeconds(10));
            command(api, 11, "/help");
            awaitHelpAnswer(api, 2);

            // The network drops for a while, then the same address answers again.
            api.stopServer();
            assertTrue(awaitHealth(monitoring, 503).contains("\"tg\":\"disconnected\""));
            bot.assertStaysUp(Duration.ofSeconds(2));
            api.restartServer();
            command(api, 12, "/help");
            awaitHelpAnswer(api, 3);
            awaitHealth(monitoring, 200);

            bot.stopCleanly();
            assertFalse(bot.output().contains(FakeBotApi.TOKEN), "the token reached the output");
        }
    }
}
