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
import java.util.LinkedHashMap;
import java.util.Map;
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
        assertEquals("→ dave 加入了群聊", entries.get(0).getAsJsonObject().get("text").getAsString());
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

    // ---- defect: a 200 must mean stored ----

    @Test void aPostRefusedForItsReplyToLeavesItsClientIdFreeSoTheRetryIsStored() throws Exception {
        HttpResponse<String> bad = post("/api/groups/tech/messages", "{\"member\":\"alice\",\"text\":\"hello\",\"reply_to\":\"404\",\"id\":\"k2\"}");
        assertEquals(400, bad.statusCode(), bad.body());
        HttpResponse<String> retry = post("/api/groups/tech/messages", "{\"member\":\"alice\",\"text\":\"hello\",\"id\":\"k2\"}");
        assertEquals(200, retry.statusCode(), retry.body());
        String id = JsonParser.parseString(retry.body()).getAsJsonObject().get("id").getAsString();
        JsonArray entries = entriesAfterSettling("tech");
        assertTrue(entries.toString().contains("\"id\":\"" + id + "\""), "the retried message is in the transcript: " + entries);
        assertEquals(1, bot.db().count("SELECT COUNT(*) FROM activity WHERE kind = 'message'"));
    }

    // ---- defect: other web pages must not act through the operator's browser ----

    /** A raw request, so Host, Origin and Content-Type are exactly what a browser or attacker would send. */
    Raw raw(String method, String path, Map<String, String> headers, String body) throws Exception {
        return Raw.send(testBot.bot().sandboxServer().port(), method, path, headers, body);
    }

    Map<String, String> headers(String... kv) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Host", "127.0.0.1:" + testBot.bot().sandboxServer().port());
        for (int i = 0; i < kv.length; i += 2) h.put(kv[i], kv[i + 1]);
        return h;
    }

    @Test void formPostsTextPostsAndForeignOriginsAreRefusedAndPostNothing() throws Exception {
        String json = "{\"member\":\"alice\",\"text\":\"sent by another site\"}";
        Raw form = raw("POST", "/api/groups/tech/messages", headers("Content-Type", "application/x-www-form-urlencoded",
                "Origin", "http://evil.example"), "member=alice&text=sent+by+another+site");
        assertEquals(403, form.status(), form.body());
        Raw text = raw("POST", "/api/groups/tech/messages", headers("Content-Type", "text/plain", "Origin", "http://evil.example"), json);
        assertEquals(403, text.status(), "text/plain needs no preflight, so it must be refused too: " + text.body());
        Raw noType = raw("POST", "/api/groups/tech/messages", headers(), json);
        assertEquals(403, noType.status(), noType.body());
        Raw foreign = raw("POST", "/api/groups/tech/messages", headers("Content-Type", "application/json", "Origin", "http://evil.example"), json);
        assertEquals(403, foreign.status(), foreign.body());
        assertTrue(foreign.body().contains("cross-origin"), foreign.body());
        Raw rebound = raw("POST", "/api/groups/tech/messages", Map.of("Host", "evil.example:" + testBot.bot().sandboxServer().port(),
                "Content-Type", "application/json", "Origin", "http://evil.example:" + testBot.bot().sandboxServer().port()), json);
        assertEquals(403, rebound.status(), "a DNS-rebinding page has its own name in Host: " + rebound.body());
        Raw readByRebinding = raw("GET", "/api/groups/tech/transcript?after=0", Map.of("Host", "evil.example:" + testBot.bot().sandboxServer().port()), null);
        assertEquals(403, readByRebinding.status(), readByRebinding.body());

        assertEquals(0, entriesAfterSettling("tech").size(), "nothing was posted");
        assertEquals(0, bot.db().count("SELECT COUNT(*) FROM activity"));

        // The sandbox's own page: Origin equals http:// + Host, JSON with a charset.
        Raw own = raw("POST", "/api/groups/tech/messages", headers("Content-Type", "application/json; charset=utf-8",
                "Origin", "http://127.0.0.1:" + testBot.bot().sandboxServer().port()), json);
        assertEquals(200, own.status(), own.body());
        Raw page = raw("GET", "/", Map.of("Host", "anything.example"), null);
        assertEquals(200, page.status(), "the page itself stays open");
    }

    @Test void lenientJsonAndWrongTypesAreRefusedWithClearErrors() throws Exception {
        HttpResponse<String> quotes = post("/api/groups/tech/messages", "{'member':'alice','text':'hi'}");
        assertEquals(400, quotes.statusCode(), quotes.body());
        assertTrue(quotes.body().contains("strict JSON"), quotes.body());
        assertEquals(400, post("/api/groups/tech/messages", "{member:\"alice\",text:\"hi\"}").statusCode(), "unquoted names");
        assertEquals(400, post("/api/groups/tech/messages", "{\"member\":\"alice\",\"text\":\"hi\"} trailing").statusCode(), "trailing data");
        assertEquals(400, post("/api/groups/tech/messages", "{\"member\":\"alice\",\"text\":\"hi\"}{}").statusCode(), "two documents");
        assertEquals(400, post("/api/groups/tech/messages", "{\"member\":\"alice\",\"text\":\"hi\"} // note").statusCode(), "comment");
        HttpResponse<String> number = post("/api/groups/tech/messages", "{\"member\":\"alice\",\"text\":5}");
        assertEquals(400, number.statusCode(), number.body());
        assertTrue(number.body().contains("\\\"text\\\" must be a JSON string"), number.body());
        assertEquals(400, post("/api/groups/tech/join", "[\"alice\"]").statusCode(), "not an object");
        assertEquals(0, bot.db().count("SELECT COUNT(*) FROM activity"));
    }

    @Test void anOversizeBodyIsAnswered413() throws Exception {
        String big = "{\"member\":\"alice\",\"text\":\"" + "x".repeat(70 * 1024) + "\"}";
        assertEquals(413, post("/api/groups/tech/messages", big).statusCode());
        assertEquals(0, bot.db().count("SELECT COUNT(*) FROM activity"));
    }

    /** A status and body read from a raw HTTP/1.1 exchange on loopback (Connection: close). */
    record Raw(int status, String body) {
        static Raw send(int port, String method, String path, Map<String, String> headers, String body) throws Exception {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                s.setSoTimeout(10_000);
                byte[] b = body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
                headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
                req.append("Content-Length: ").append(b.length).append("\r\nConnection: close\r\n\r\n");
                s.getOutputStream().write(req.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                s.getOutputStream().write(b);
                s.getOutputStream().flush();
                String answer = new String(s.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                int status = Integer.parseInt(answer.substring(9, 12));
                int split = answer.indexOf("\r\n\r\n");
                return new Raw(status, split < 0 ? "" : answer.substring(split + 4));
            }
        }
    }
}
