package qunzhu.platform.onebot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.app.Wiring;
import qunzhu.config.AccountConfig;
import qunzhu.config.BotConfig;
import qunzhu.config.ConfigException;
import qunzhu.testkit.TestBot;

class OneBotSettingsTest {
    @TempDir Path dir;

    BotConfig load(String accounts) throws IOException {
        TestBot.copyShippedConfig(dir);
        Files.writeString(dir.resolve("accounts.yml"), OneBotTestConfig.PERSONAS + accounts);
        return Wiring.loader(k -> k.equals("ONEBOT_TOKEN") ? "tok-from-env" : null).load(dir);
    }

    String errors(String accounts) {
        return String.join("\n", assertThrows(ConfigException.class, () -> load(accounts)).errors().stream().map(Object::toString).toList());
    }

    @Test void bothModesParseWithDefaultsAndTheTokenFromTheEnvironment() throws IOException {
        BotConfig c = load("""
                accounts:
                  - {id: a, platform: onebot, mode: forward, url: "ws://127.0.0.1:3001/", access_token: "${ONEBOT_TOKEN}"}
                  - {id: b, platform: onebot, mode: reverse, listen: "0.0.0.0:8080", self_id: 10002, action_timeout: 45s}
                """);
        OneBotSettings a = (OneBotSettings) c.accounts().get(0).settings();
        assertTrue(a.forward());
        assertEquals("tok-from-env", a.accessToken());
        assertEquals(Duration.ofSeconds(30), a.actionTimeout());
        assertFalse(a.toString().contains("tok-from-env"), "the token never shows in logs");
        OneBotSettings b = (OneBotSettings) c.accounts().get(1).settings();
        assertEquals("0.0.0.0", b.listenHost());
        assertEquals(8080, b.listenPort());
        assertEquals("10002", b.selfId());
        assertEquals(Duration.ofSeconds(45), b.actionTimeout());
        assertFalse(b.hasToken());
        assertFalse(new AccountConfig("a", "onebot", "host", a).toString().contains("tok-from-env"));
    }

    @Test void mistakesAreReportedWithFileLineAndKey() {
        String e = errors("""
                accounts:
                  - id: a
                    platform: onebot
                    mode: sideways
                  - id: b
                    platform: onebot
                    mode: forward
                    url: http://example.com
                    action_timeout: soon
                  - id: c
                    platform: onebot
                    mode: reverse
                    listen: "8080"
                    tokn: x
                """);
        assertTrue(e.contains("accounts.yml:9: accounts[0].mode: expected one of forward (the bot dials url), reverse (the bot listens on listen), got \"sideways\""), e);
        assertFalse(e.contains("accounts[0]: missing"), e);
        assertTrue(e.contains("accounts[1].url: expected a WebSocket address like ws://127.0.0.1:3001/, got \"http://example.com\""), e);
        assertTrue(e.contains("accounts[1].action_timeout: expected a duration"), e);
        assertTrue(e.contains("accounts[2].listen: expected host:port like 0.0.0.0:8080, got \"8080\""), e);
        assertTrue(e.contains("missing required key \"self_id\""), e);
        assertTrue(e.contains("tokn"), e);
    }

    @Test void theShippedExampleLoads() throws IOException {
        TestBot.copyShippedConfig(dir);
        Files.delete(dir.resolve("accounts.yml"));
        Files.delete(dir.resolve("groups.yml"));
        Files.delete(dir.resolve("calendar.yml"));                  // it targets the sandbox groups
        Files.copy(TestBot.SHIPPED_CONFIG.resolve("examples/onebot.yml"), dir.resolve("onebot.yml"));
        BotConfig c = Wiring.loader(k -> "tok").load(dir);
        assertEquals(List.of("qq-host", "qq-warden"), c.accounts().stream().map(AccountConfig::id).toList());
        assertEquals("onebot:123456789", c.groups().values().iterator().next().chat().toString());
    }
}
