package qunzhu.platform.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.testkit.FakeGroup;
import qunzhu.testkit.TestBot;

/** What each member sees through the transcript API: changes with the next poll, answers meant for them alone, the muted list. */
@Timeout(30)
class SandboxViewTest {
    final TestBot bot = TestBot.builder().serveSandbox().build();
    final FakeGroup tech = bot.group("tech");
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach void stop() { bot.close(); }

    JsonObject transcript(String query) throws Exception {
        bot.settle();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(bot.sandboxUrl() + "/api/groups/tech/transcript" + query))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }

    static JsonObject entry(JsonObject transcript, String id) {
        for (JsonElement e : transcript.getAsJsonArray("entries")) if (e.getAsJsonObject().get("id").getAsString().equals(id)) return e.getAsJsonObject();
        return null;
    }

    static List<String> texts(JsonObject transcript) {
        List<String> out = new ArrayList<>();
        for (JsonElement e : transcript.getAsJsonArray("entries")) out.add(e.getAsJsonObject().get("text").getAsString());
        return out;
    }

    @Test void aDeletionReachesThePageWithTheNextPoll() throws Exception {
        tech.join("dave");
        SandboxHub.Entry prompt = tech.withButton("verify:dave");
        JsonObject before = transcript("?after=0&member=dave");
        assertFalse(entry(before, prompt.id()).get("deleted").getAsBoolean());
        long through = before.get("through").getAsLong();

        tech.press("dave", prompt.id(), "verify:dave");   // passing removes the prompt
        JsonObject next = transcript("?after=" + through + "&member=dave");
        JsonObject changed = entry(next, prompt.id());
        assertTrue(changed != null, "the deleted prompt is in the very next incremental poll: " + next);
        assertTrue(changed.get("deleted").getAsBoolean());
        assertTrue(next.get("through").getAsLong() > through);
        JsonObject after = transcript("?after=" + next.get("through").getAsLong() + "&member=dave");
        assertEquals(null, entry(after, prompt.id()), "and only once");
    }

    @Test void answersToAButtonPressAreSeenOnlyByThePresser() throws Exception {
        tech.join("dave");
        SandboxHub.Entry prompt = tech.withButton("verify:dave");
        tech.press("alice", prompt.id(), "verify:dave");   // someone else's button
        String notForYou = "这不是给你的验证按钮";
        assertTrue(texts(transcript("?after=0&member=alice")).stream().anyMatch(t -> t.contains(notForYou)),
                "alice sees the answer: " + texts(transcript("?after=0&member=alice")));
        assertFalse(texts(transcript("?after=0&member=dave")).stream().anyMatch(t -> t.contains(notForYou)), "dave does not");
        assertFalse(texts(transcript("?after=0")).stream().anyMatch(t -> t.contains(notForYou)), "nor does a page with no member");

        tech.press("dave", prompt.id(), "verify:dave");
        assertTrue(texts(transcript("?after=0&member=dave")).stream().anyMatch(t -> t.contains("验证通过")), "dave sees his answer");
        assertFalse(texts(transcript("?after=0&member=alice")).stream().anyMatch(t -> t.contains("验证通过")), "alice does not");
    }

    @Test void theMutedListHoldsMembersOnly() throws Exception {
        tech.join("dave");   // muted until verified
        assertEquals(List.of("dave"), tech.muted());
        tech.leave("dave");
        JsonArray muted = transcript("?after=0").getAsJsonArray("muted");
        assertEquals(0, muted.size(), "dave left: he is not listed as muted " + muted);
    }
}
