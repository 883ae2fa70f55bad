package qunzhu.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.store.Database;
import qunzhu.testkit.TestBot;

/**
 * Kills the bot with SIGKILL while messages stream in through the sandbox API, starts it
 * again and re-sends what may not have been acknowledged (with some overlap, as a real
 * client would): every message is logged exactly once.
 */
@Timeout(120)
class CrashRecoveryTest {
    static final int TOTAL = 400;
    static final int KILL_AFTER = 150;

    @TempDir Path dir;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();

    @Test void sigkillMidStreamLosesNothingAndCountsNothingTwice() throws Exception {
        Path config = dir.resolve("config");
        Files.createDirectories(config);
        TestBot.copyShippedConfig(config);
        Path db = dir.resolve("q.db");
        Files.writeString(config.resolve("bot.yml"), Files.readString(config.resolve("bot.yml"))
                .replace("port: 8787", "port: 0")
                .replace("database: data/qunzhu.db", "database: " + db.toAbsolutePath()));

        
        Process first = startBot(config);
        String url = sandboxUrl(first);
        int acked = 0;
        for (int i = 1; i <= TOTAL; i++) {
            if (i == KILL_AFTER) first.destroyForcibly();   // SIGKILL on Linux: no shutdown hook runs
            if (!post(url, i)) break;
            acked = i;
        }
        first.waitFor(10, TimeUnit.SECONDS);
        assertTrue(acked >= KILL_AFTER - 1 && acked < TOTAL, "the stream was cut by the kill, acked " + acked);
        try (Database d = Database.open(db, false)) {
            assertTrue(d.count("SELECT COUNT(*) FROM activity WHERE kind = 'message'") >= acked,
                    "every acknowledged message survived the kill");
        }

        Process second = startBot(config);
        String url2 = sandboxUrl(second);
        for (int i = Math.max(1, acked - 20); i <= TOTAL; i++) assertTrue(post(url2, i), "post " + i + " after restart");
        second.destroy();                                   // SIGTERM: clean shutdown
        assertTrue(second.waitFor(30, TimeUnit.SECONDS), "clean shutdown");

        try (Database d = Database.open(db, false)) {
            assertEquals(TOTAL, d.count("SELECT COUNT(*) FROM activity WHERE kind = 'message' AND chat_id = 'tech'"));
            assertEquals(TOTAL, d.count("SELECT COUNT(DISTINCT text) FROM activity WHERE kind = 'message'"));
            List<String> firstAndLast = d.query("SELECT text FROM activity WHERE kind = 'message' ORDER BY CAST(substr(text, 2) AS INTEGER)",
                    rs -> rs.getString(1));
            assertEquals("m1", firstAndLast.get(0));
            assertEquals("m" + TOTAL, firstAndLast.get(TOTAL - 1));
        }
    }

    private Process startBot(Path config) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "qunzhu.app.Main", "run", "--config", config.toString());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    private static String sandboxUrl(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("Sandbox chat: ")) return line.substring("Sandbox chat: ".length()).trim();
        }
        throw new IllegalStateException("the bot exited before serving the sandbox (exit " + p.exitValue() + ")");
    }

    /** True when the bot acknowledged the message; false when it is gone. mia moderates tech, so no flood filter applies. */
    private boolean post(String url, int i) {
        String body = "{\"member\":\"mia\",\"text\":\"m" + i + "\",\"id\":\"" + i + "\"}";
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/groups/tech/messages"))
                    .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
