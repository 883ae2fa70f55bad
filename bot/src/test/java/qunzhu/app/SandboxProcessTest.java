package qunzhu.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.testkit.ChildBot;
import qunzhu.testkit.TestBot;

/**
 * The README's first command: the shipped config on the sandbox, started as {@code scripts/run}
 * does (the real entry point in its own process). It serves the chat, answers /help, and stops
 * with exit code 0 on SIGTERM, keeping the message it stored.
 */
@Timeout(60)
class SandboxProcessTest {
    static Map<String, String> shippedConfigOnAFreePort() throws Exception {
        Map<String, String> files = new LinkedHashMap<>(TestBot.shippedConfigFiles());
        String bot = files.get("bot.yml");
        String changed = bot.replace("database: data/qunzhu.db", "database: \"@DATA@/qunzhu.db\"").replace("port: 8787", "port: 0");
        assertTrue(!changed.equals(bot) && changed.contains("port: 0"), "bot.yml no longer has the keys this test changes");
        files.put("bot.yml", changed);
        return files;
    }

    @Test void theShippedConfigRunsAnswersAndStopsCleanly() throws Exception {
        try (ChildBot bot = ChildBot.start(shippedConfigOnAFreePort(), Map.of())) {
            bot.awaitOutput("Qunzhu is running", Duration.ofSeconds(30));
            Matcher m = Pattern.compile("Sandbox chat: (http://127\\.0\\.0\\.1:\\d+)").matcher(bot.output());
            assertTrue(m.find(), bot.output());
            String base = m.group(1);
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(base + "/api/groups/family/messages"))
                    .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"member\":\"alice\",\"text\":\"/help\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, posted.statusCode(), posted.body());

            String transcript = "";
            long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < end && !transcript.contains("/rules")) {
                transcript = http.send(HttpRequest.newBuilder(URI.create(base + "/api/groups/family/transcript?after=0"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
                Thread.sleep(50);
            }
            assertTrue(transcript.contains("\"kind\":\"bot\"") && transcript.contains("/rules"), transcript);

            // The shipped calendar's first run is at start: the tech group gets a tip from the pool.
            String tech = "";
            end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < end && !tech.contains("每日小贴士")) {
                tech = http.send(HttpRequest.newBuilder(URI.create(base + "/api/groups/tech/transcript?after=0"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
                Thread.sleep(100);
            }
            assertTrue(tech.contains("每日小贴士"), "no calendar post in the tech group: " + tech);

            bot.stopCleanly();
            assertTrue(bot.output().contains("stopped"), bot.output());
        }
    }
}
