package qunzhu.platform.telegram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.app.Wiring;
import qunzhu.config.BotConfig;
import qunzhu.config.ConfigException;
import qunzhu.testkit.TestBot;

/** The telegram keys of an account entry, the shipped example, and errors that say what to fix. */
class TelegramConfigTest {
    @TempDir Path dir;
    final Map<String, String> env = Map.of("TELEGRAM_TOKEN", "123456:ABC-def_1", "TELEGRAM_WEBHOOK_SECRET", "s3cret");

    private BotConfig load(String accountsYaml) throws Exception {
        Files.copy(TestBot.SHIPPED_CONFIG.resolve("bot.yml"), dir.resolve("bot.yml"));
        Files.writeString(dir.resolve("accounts.yml"), accountsYaml);
        return Wiring.loader(env::get).load(dir);
    }

    private static String account(String extra) {
        return "accounts:\n  - id: tg\n    platform: telegram\n    token: ${TELEGRAM_TOKEN}\n" + extra;
    }

    @Test void defaultsArePollingAgainstTheRealApi() throws Exception {
        TelegramSettings s = (TelegramSettings) load(account("")).accounts().get(0).settings();
        assertEquals("123456:ABC-def_1", s.token());
        assertEquals("https://api.telegram.org", s.apiUrl());
        assertEquals(TelegramSettings.Mode.POLLING, s.mode());
        assertEquals(Duration.ofSeconds(50), s.pollTimeout());
        assertFalse(s.toString().contains("ABC-def"), "the token stays out of toString");
    }

    @Test void webhookModeReadsItsSection() throws Exception {
        TelegramSettings s = (TelegramSettings) load(account("""
                    mode: webhook
                    webhook:
                      listen: 127.0.0.1:8443
                      public_url: https://bot.example.com/tg/hook
                      secret: ${TELEGRAM_WEBHOOK_SECRET}
                """)).accounts().get(0).settings();
        assertEquals(new TelegramSettings.Webhook("127.0.0.1", 8443, "/tg/hook", "https://bot.example.com/tg/hook", "s3cret"), s.webhook());
    }

    @Test void mistakesAreNamedWithTheKeyAndWhatToDo() throws Exception {
        ConfigException e = assertThrows(ConfigException.class, () -> load("""
                accounts:
                  - id: tg
                    platform: telegram
                    mode: hook
                    poll_timeout: soon
                  - id: tg2
                    platform: telegram
                    token: "12 34"
                    mode: webhook
                    webhook:
                      public_url: http://bot.example.com/x
                      secret: "bad secret!"
                      lisen: 1.2.3.4:80
                """));
        String m = e.getMessage();
        assertTrue(m.contains("accounts[0]: missing required key \"token\""), m);
        assertTrue(m.contains("accounts[0].mode: expected one of polling, webhook, got \"hook\""), m);
        assertTrue(m.contains("accounts[0].poll_timeout: expected a duration"), m);
        assertTrue(m.contains("accounts[1].token: does not look like a bot token"), m);
        assertFalse(m.contains("12 34"), "never echo a token");
        assertTrue(m.contains("accounts[1].webhook.public_url: Telegram only posts to https URLs"), m);
        assertTrue(m.contains("accounts[1].webhook.secret: must be 1-256 characters"), m);
        assertTrue(m.contains("accounts[1].webhook.lisen: unknown key"), m);
    }

    @Test void webhookModeWithoutSecretIsRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> load(account("    mode: webhook\n    webhook:\n      public_url: https://a.example/h\n")));
        assertTrue(e.getMessage().contains("accounts[0].webhook: missing required key \"secret\""), e.getMessage());
    }

    @Test void theShippedExampleLoads() throws Exception {
        Files.copy(TestBot.SHIPPED_CONFIG.resolve("bot.yml"), dir.resolve("bot.yml"));
        Files.copy(TestBot.SHIPPED_CONFIG.resolve("examples/telegram.yml"), dir.resolve("telegram.yml"));
        BotConfig c = Wiring.loader(env::get).load(dir);
        assertEquals("telegram", c.accounts().get(0).platform());
        assertEquals("telegram:-1001234567890", c.groups().get("tech").chat().toString());
    }
}
