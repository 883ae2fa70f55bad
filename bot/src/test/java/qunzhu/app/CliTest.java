package qunzhu.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.testkit.TestBot;

class CliTest {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final Cli cli = new Cli(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), k -> null);

    @Test void checkConfigAcceptsTheShippedConfig() {
        assertEquals(0, cli.run(new String[] {"check-config", "--config", TestBot.SHIPPED_CONFIG.toString()}), err.toString());
        assertTrue(out.toString().contains("config OK: 2 groups, 2 accounts"), out.toString());
    }

    @Test void checkConfigPrintsEveryErrorAndExitsTwo(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bot.yml"), "bot:\n  locale: fr\n  colour: red\n");
        assertEquals(2, cli.run(new String[] {"check-config", "--config", dir.toString()}));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("bot.yml:2: bot.locale: expected one of zh-CN, en, got \"fr\""), e);
        assertTrue(e.contains("bot.yml:3: bot.colour: unknown key"), e);
    }

    @Test void checkConfigWarnsWhenTheSandboxListensBeyondLoopbackButStillPasses(@TempDir Path dir) throws IOException {
        TestBot.copyShippedConfig(dir);
        Path bot = dir.resolve("bot.yml");
        Files.writeString(bot, Files.readString(bot).replace("  host: 127.0.0.1\n", "  host: 0.0.0.0\n"));
        assertEquals(0, cli.run(new String[] {"check-config", "--config", dir.toString()}), err.toString());
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("bot.yml:16: sandbox.host: warning: the sandbox chat listens on 0.0.0.0, beyond this machine"), e);
        assertTrue(out.toString().contains("config OK"), out.toString());
    }

    @Test void runRefusesToStartHalfConfigured(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("groups.yml"), "groups:\n  tech: {title: T}\n");
        assertEquals(2, cli.run(new String[] {"run", "--config", dir.toString()}));
        assertTrue(err.toString().contains("not starting"), err.toString());
    }

    @Test void missingConfigDirectoryAndUnknownCommandsAreExplained(@TempDir Path dir) {
        assertEquals(2, cli.run(new String[] {"check-config", "--config", dir.resolve("nope").toString()}));
        assertTrue(err.toString().contains("config directory not found"), err.toString());
        assertEquals(Cli.USAGE, cli.run(new String[] {"frobnicate"}));
        assertTrue(err.toString().contains("usage: qunzhu"), err.toString());
    }

    @Test void backtestSaysWhatDaysNeeds() {
        assertEquals(Cli.USAGE, cli.run(new String[] {"backtest", "--days", "abc", "--config", TestBot.SHIPPED_CONFIG.toString()}));
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.contains("--days needs a number of days, like --days 7 (got \"abc\")"), e);
        assertTrue(!e.contains("unknown option"), e);
        assertEquals(Cli.USAGE, cli.run(new String[] {"backtest", "--days"}));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--days needs a number of days, like --days 7\n"), err.toString());
    }
}
