package qunzhu.platform.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.app.Bot;
import qunzhu.testkit.TestBot;

/** The sandbox's JSON API over real HTTP on loopback, as the page and scripts use it. */
@Timeout(30)
class SandboxApiTest {
    final TestBot testBot = TestBot.builder().serveSandbox().build();
    final Bot bot = testBot.bot();
    final String base = testBot.sandboxUrl();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach void stop() { testBot.close(); }

    HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonObject get(String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    JsonArray entriesAfterSettling(String group) throws Exception {
        assertTrue(bot.pipeline().awaitIdle(Duration.ofSeconds(10)));
        return get("/api/groups/" + group + "/transcript?after=0").getAsJsonArray("entries");
    }

    @Test void groupsAreListedWithMembersAndAdmins() throws Exception {
        JsonArray groups = get("/api/groups").getAsJsonArray("groups");
        assertEquals(3, groups.size(), groups.toString());
        assertTrue(groups.toString().contains("\"id\":\"tech\""));
        assertTrue(groups.toString().contains("\"admins\":[\"mia\"]"));
    }

    @Test void aPostedCommandIsAnsweredByTheHostPersonaAsAReply() throws Exception {
        HttpResponse<String> r = post("/api/groups/tech/messages", "{\"member\":\"alice\",\"text\":\"/rules\"}");
        assertEquals(200, r.statusCode(), r.body());
        String id = JsonParser.parseString(r.body()).getAsJsonObject().get("id").getAsString();
        JsonArray entries = entriesAfterSettling("tech");
        assertEquals(2, entries.size(), entries.toString());
        JsonObject reply = entries.get(1).getAsJsonObject();
        assertEquals("bot", reply.get("kind").getAsString());
        assertEquals("小群", reply.get("authorName").getAsString());
        assertEquals(id, reply.get("replyTo").getAsString());
        assertTrue(reply.get("text").getAsString().contains("禁止广告"));
    }

    @Test void aNewcomerVerifiesWithTheButtonIsWelcomedAndCanLeave() throws Exception {
        assertEquals(200, post("/api/groups/tech/join", "{\"member\":\"dave\"}").statusCode());
        JsonArray entries = entriesAfterSettling("tech");
        assertEquals("→ dave joined", entries.get(0).getAsJsonObject().get("text").getAsString());
        JsonObject prompt = lastBotEntry(entries);
        assertTrue(prompt.get("text").getAsString().startsWith("欢迎 dave！"), prompt.toString());
        assertEquals(403, post("/api/groups/tech/messages", "{\"member\":\"dave\",\"text\":\"hi\"}").statusCode(), "muted until verified");
        String button = prompt.getAsJsonArray("buttons").get(0).getAsJsonObject().get("data").getAsString();
        assertEquals(200, post("/api/groups/tech/press", "{\"member\":\"dave\",\"message\":\"" + prompt.get("id").getAsString()
                + "\",\"button\":\"" + button + "\"}").statusCode());
        JsonObject welcome = lastBotEntry(entriesAfterSettling("tech"));
        assertTrue(welcome.get("text").getAsString().startsWith("欢迎 dave 加入「技术交流群」"), welcome.toString());
        assertEquals(200, post("/api/groups/tech/messages", "{\"member\":\"dave\",\"text\":\"hi\"}").statusCode(), "verified: may speak");
        assertEquals(409, post("/api/groups/tech/join", "{\"member\":\"dave\"}").statusCode(), "already a member");
        assertEquals(200, post("/api/groups/tech/leave", "{\"member\":\"dave\"}").statusCode());
        assertEquals(403, post("/api/groups/tech/messages", "{\"member\":\"dave\",\"text\":\"hi\"}").statusCode(), "not a member any more");
    }

    static JsonObject lastBotEntry(JsonArray entries) {
        JsonObject last = null;
        for (var e : entries) if (e.getAsJsonObject().get("kind").getAsString().equals("bot") && !e.getAsJsonObject().get("deleted").getAsBoolean()) last = e.getAsJsonObject();
        if (last == null) throw new AssertionError("no bot message in " + entries);
        return last;
    }

    @Test void aRetriedPostWithTheSameClientIdIsStoredOnce() throws Exception {
        String body = "{\"member\":\"alice\",\"text\":\"hello\",\"id\":\"k1\"}";
        String first = post("/api/groups/tech/messages", body).body();
        String second = post("/api/groups/tech/messages", body).body();
        assertEquals(first, second);
        entriesAfterSettling("tech");
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM activity WHERE kind = 'message'"));
    }

    @Test void badRequestsGetClearErrorsAndNothingIsStored() throws Exception {
        HttpResponse<String> noGroup = post("/api/groups/nope/messages", "{\"member\":\"alice\",\"text\":\"x\"}");
        assertEquals(404, noGroup.statusCode());
        assertTrue(noGroup.body().contains("no group"), noGroup.body());
        assertEquals(400, post("/api/groups/tech/messages", "not json").statusCode());
        assertEquals(400, post("/api/groups/tech/messages", "{\"member\":\"alice\"}").statusCode(), "text is required");
        assertEquals(404, post("/api/groups/tech/press", "{\"member\":\"alice\",\"message\":\"x\",\"button\":\"y\"}").statusCode(),
                "pressing a missing message is refused");
        assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(base + "/api/nothing")).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(0, bot.db().count("SELECT COUNT(*) FROM activity"));
    }
}
