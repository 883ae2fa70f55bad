package qunzhu.platform.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.platform.http.ListenerLimits;
import qunzhu.runtime.Threads;
import qunzhu.testkit.SlowClients;
import qunzhu.testkit.TestBot;

/** The sandbox listener under clients that open connections and stall (a short read timeout here). */
@Timeout(30)
class SandboxListenerTest {
    final TestBot testBot = TestBot.builder().build();
    final Threads threads = Threads.forTests();
    SandboxServer server;

    @AfterEach void stop() {
        if (server != null) server.stop();
        threads.shutdown(Duration.ofSeconds(2));
        testBot.close();
    }

    @Test void halfSentRequestsDoNotStopANormalOneAndAreDisconnectedAfterTheReadTimeout() throws Exception {
        server = new SandboxServer(testBot.hub(), "127.0.0.1", 0, ListenerLimits.SANDBOX.withTimeouts(Duration.ofMillis(500), Duration.ofMillis(500)),
                threads);
        server.start();
        int port = server.port();
        try (SlowClients slow = SlowClients.stall(16, port, "POST /api/groups/tech/messages HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: 40\r\n")) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.url() + "/api/groups/tech/messages"))
                    .timeout(Duration.ofSeconds(5)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"member\":\"alice\",\"text\":\"still answered\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            testBot.settle();
            assertTrue(testBot.hub().transcript("tech", 0).toString().contains("still answered"));
            slow.awaitDisconnected(10_000);
        }
    }
}
