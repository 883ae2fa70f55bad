package qunzhu.platform.telegram;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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

    @Test void staysUpAnswersRidesOutADroppedNetworkAndStopsOnSigterm() throws Exception {
        try (FakeBotApi api = new FakeBotApi();
             ChildBot bot = ChildBot.start(config(api), Map.of("TELEGRAM_TOKEN", FakeBotApi.TOKEN))) {
            bot.awaitOutput("Qunzhu is running", Duration.ofSeconds(30));
            command(api, 10, "/help");
            awaitHelpAnswer(api, 1);

            // The old bot printed "Qunzhu is running" and exited about a second later.
            bot.assertStaysUp(Duration.ofSeconds(10));
            command(api, 11, "/help");
            awaitHelpAnswer(api, 2);

            // The network drops for a while, then the same address answers again.
            api.stopServer();
            bot.assertStaysUp(Duration.ofSeconds(3));
            api.restartServer();
            command(api, 12, "/help");
            awaitHelpAnswer(api, 3);

            bot.stopCleanly();
            assertFalse(bot.output().contains(FakeBotApi.TOKEN), "the token reached the output");
        }
    }
}
