package qunzhu.platform.telegram;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.testkit.TestBot;

/**
 * Runs the real bot process against the fake Bot API with the token from the environment,
 * through normal traffic, server errors and a dropped network, and reads everything it
 * printed: the token must not be there (it is part of every request URL).
 */
@Timeout(60)
class TokenNeverLoggedTest {
    @TempDir Path dir;

    @Test void theTokenAppearsNowhereInTheBotsOutput() throws Exception {
        try (FakeBotApi api = new FakeBotApi()) {
            Path config = dir.resolve("config");
            Files.createDirectories(config);
            Files.writeString(config.resolve("bot.yml"), Files.readString(TestBot.SHIPPED_CONFIG.resolve("bot.yml"))
                    .replace("port: 8787", "port: 0")
                    .replace("database: data/qunzhu.db", "database: " + dir.resolve("q.db").toAbsolutePath()));
            Files.writeString(config.resolve("accounts.yml"), """
                    personas: {host: {name: 小群}}
                    accounts:
                      - {id: host, platform: sandbox, persona: host}
                      - {id: tg, platform: telegram, persona: host, token: "${QZ_TG_TOKEN}", api_url: "%s", poll_timeout: 1s}
                    """.formatted(api.url()));
            Files.writeString(config.resolve("groups.yml"), """
                    groups:
                      tg: {chat: "telegram:%s", title: 电报群, strategy: laissez_faire, rules: {text: "1. 友善交流。"}}
                    """.formatted(Harness.CHAT));
            Path out = dir.resolve("out.log");
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug",
                    "qunzhu.app.Main", "run", "--config", config.toString());
            pb.environment().put("QZ_TG_TOKEN", FakeBotApi.TOKEN);
            pb.redirectErrorStream(true).redirectOutput(out.toFile());
            Process bot = pb.start();
            try {
                api.push("{\"message\":{\"message_id\":7,\"date\":1764000000," + Harness.chat() + ",\"from\":"
                        + Harness.user(42, "Alice") + ",\"text\":\"/rules\"}}");
                // the child JVM starts first: on a loaded machine that alone can take over ten seconds
                api.await("sendMessage", c -> c.str("text").contains("友善交流"), java.time.Duration.ofSeconds(40));
                api.down = true;                              // 502 pages for a while
                Thread.sleep(1500);
                api.down = false;
                api.stopServer();                             // then the network drops
                Thread.sleep(1500);
            } finally {
                bot.destroy();
                bot.waitFor(20, TimeUnit.SECONDS);
            }
            String printed = Files.readString(out, StandardCharsets.UTF_8);
            assertTrue(printed.contains("tg") && printed.length() > 500, "the bot did log its work:\n" + printed);
            assertFalse(printed.contains(FakeBotApi.TOKEN), "token in the output:\n" + printed);
            assertFalse(printed.contains(FakeBotApi.TOKEN.substring(FakeBotApi.TOKEN.indexOf(':') + 1)), "token secret in the output");
        }
    }
}
