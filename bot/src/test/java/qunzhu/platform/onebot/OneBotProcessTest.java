package qunzhu.platform.onebot;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static qunzhu.platform.onebot.FakeOneBot.waitFor;
import static qunzhu.platform.onebot.OneBotTestConfig.sent;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.testkit.ChildBot;

/**
 * A QQ-only deployment over a forward WebSocket, started as a supervisor would: the real entry
 * point in a child process, the sandbox off, a loopback fake OneBot implementation. The old bot
 * exited as soon as the implementation dropped the connection.
 */
@Timeout(90)
class OneBotProcessTest {
    static final long GROUP = Long.parseLong(OneBotTestConfig.GROUP);

    static Map<String, String> config(FakeOneBot fake) {
        return Map.of(
                "bot.yml", """
                        bot:
                          database: "@DATA@/qunzhu.db"
                        sandbox:
                          enabled: false
                        """,
                "accounts.yml", OneBotTestConfig.PERSONAS + """
                        accounts:
                          - id: qq1
                            platform: onebot
                            persona: host
                            mode: forward
                            url: %s
                            access_token: ${ONEBOT_TOKEN}
                            action_timeout: 5s
                            reconnect_min: 200ms
                            reconnect_max: 1s
                        """.formatted(fake.url()),
                "groups.yml", OneBotTestConfig.GROUPS);
    }

    /** Sends {@code command} as carol and returns the bot's {@code nth} group message. */
    static String ask(FakeOneBot fake, long messageId, String command, int nth) {
        fake.push(OneBotFrames.text("20000", GROUP, 10003, "carol", messageId, command));
        fake.await("send_group_msg", nth);
        return sent(fake).get(nth - 1);
    }

    @Test void staysUpAcrossADroppedConnectionAndStopsOnSigterm() throws Exception {
        FakeOneBot fake = FakeOneBot.server("20000", "secret");
        try (fake; ChildBot bot = ChildBot.start(config(fake), Map.of("ONEBOT_TOKEN", "secret"))) {
            bot.awaitOutput("Qunzhu is running", Duration.ofSeconds(30));
            waitFor(fake::connected, Duration.ofSeconds(10), "the bot to connect");
            String help = ask(fake, 2_200_000_001L, "/help", 1);
            assertTrue(help.contains("/rules"), help);

            fake.drop();
            bot.assertStaysUp(Duration.ofSeconds(5));
            waitFor(fake::connected, Duration.ofSeconds(10), "the bot to reconnect");
            // (A different text: QQ copies of one message are told apart by sender, time and text.)
            String rules = ask(fake, 2_200_000_002L, "/rules", 2);
            assertTrue(rules.contains("友善交流"), rules);

            bot.stopCleanly();
            assertTrue(!bot.output().contains("secret"), "the access token reached the output");
        }
    }
}
