package qunzhu.platform.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.testkit.TestBot;

/** The sandbox web chat as a browser fetches it: the page, its script and style, and the API it calls. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SandboxPageTest {
    private static TestBot bot;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        bot = TestBot.builder().serveSandbox().build();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() { if (bot != null) bot.close(); }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(bot.sandboxUrl() + path)).timeout(Duration.ofSeconds(5)).GET().build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(bot.sandboxUrl() + path)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString());
    }

    private static String type(HttpResponse<?> r) { return r.headers().firstValue("Content-Type").orElse(""); }

    @Test
    void rootServesThePageWithItsScriptAndStyle() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(type(page).startsWith("text/html"), type(page));
        assertTrue(page.body().contains("id=\"app\""), "the app's root element");
        assertTrue(page.body().contains("src=\"/app.js\""), "loads app.js");
        assertTrue(page.body().contains("href=\"/style.css\""), "loads style.css");
        assertEquals(page.body(), get("/index.html").body());

        HttpResponse<String> js = get("/app.js");
        assertEquals(200, js.statusCode());
        assertTrue(type(js).startsWith("text/javascript"), type(js));
        HttpResponse<String> css = get("/style.css");
        assertEquals(200, css.statusCode());
        assertTrue(type(css).startsWith("text/css"), type(css));
    }

    /** The CSS rule for {@code selector} (its first block), without spaces. */
    private static String rule(String css, String selector) {
        int at = css.indexOf("\n" + selector + " {");
        assertTrue(at >= 0, "no rule for " + selector);
        return css.substring(at, css.indexOf('}', at)).replace(" ", "");
    }

    /** On a phone the page must not grow with the transcript: the transcript scrolls in its pane, the composer stays in view. */
    @Test
    void theTranscriptScrollsInItsOwnPaneAndTheComposerStaysInView() throws Exception {
        String css = get("/style.css").body();
        assertTrue(rule(css, "html, body").contains("overflow:hidden"), "the page itself never scrolls");
        assertTrue(rule(css, "#app").contains("height:100dvh"), "the app is as tall as the screen");
        assertTrue(rule(css, ".chat").contains("min-height:0"), "the chat column may shrink below its content (a flex item's default is its content)");
        String transcript = rule(css, ".transcript");
        assertTrue(transcript.contains("overflow-y:auto") && transcript.contains("min-height:0") && transcript.contains("flex:1"),
                "the transcript is the scrolling pane: " + transcript);
        assertTrue(rule(css, ".composer").contains("flex:none"), "the composer keeps its height");
        String phone = css.substring(css.indexOf("@media (max-width: 800px)"));
        assertTrue(phone.contains(".side { flex: none;") && phone.contains("max-height: 28vh"), "on a phone the side panel takes a bounded strip");
        String js = get("/app.js").body();
        assertFalse(js.contains("FULL_EVERY"), "no periodic full re-read: changes come with every poll");
        assertTrue(js.contains("'&member=' + encodeURIComponent(state.me)"), "the page asks for the transcript as its member sees it");
    }

    @Test
    void nothingOutsideThePageFolderIsServed() throws Exception {
        for (String path : new String[] {"/../pom.xml", "/%2e%2e/pom.xml", "/x.txt", "/missing.js", "/qunzhu/core/zh-CN.yml"}) {
            assertEquals(404, get(path).statusCode(), path);
        }
    }

    @Test
    void pageLoadsNothingFromTheInternetAndCallsOnlyTheSameOriginApi() throws Exception {
        String js = get("/app.js").body();
        for (String text : new String[] {js, get("/").body(), get("/style.css").body()}) {
            assertFalse(text.contains("http://"), "no absolute http URL");
            assertFalse(text.contains("https://"), "no absolute https URL");
            assertFalse(text.contains("//cdn") || text.contains("@import"), "no CDN or imported styles");
        }
        Matcher fetches = Pattern.compile("fetch\\(([^,)]+)").matcher(js);
        int count = 0;
        while (fetches.find()) {
            count++;
            assertEquals("'/api/' + path", fetches.group(1).strip(), "every request goes through the same-origin /api/ wrapper");
        }
        assertEquals(1, count, "one fetch call site");
        assertFalse(js.contains("innerHTML") || js.contains("outerHTML") || js.contains("insertAdjacentHTML"),
                "user text is never parsed as HTML");
    }

    @Test
    void theApiCallsThePageMakesAnswerAsItExpects() throws Exception {
        assertTrue(get("/api/groups").body().contains("\"ops\""), "the operators' room is listed");

        assertEquals(200, post("/api/groups/family/join", "{\"member\":\"dave\"}").statusCode());
        HttpResponse<String> again = post("/api/groups/family/join", "{\"member\":\"dave\"}");
        assertEquals(409, again.statusCode());
        assertTrue(error(again).contains("already"), again.body());

        HttpResponse<String> stranger = post("/api/groups/family/messages", "{\"member\":\"zed\",\"text\":\"hi\"}");
        assertEquals(403, stranger.statusCode());
        assertTrue(error(stranger).contains("not a member"), stranger.body());

        HttpResponse<String> sent = post("/api/groups/family/messages", "{\"member\":\"alice\",\"text\":\"<b>hello</b>\"}");
        assertEquals(200, sent.statusCode());
        String id = JsonParser.parseString(sent.body()).getAsJsonObject().get("id").getAsString();
        JsonObject transcript = JsonParser.parseString(get("/api/groups/family/transcript?after=0").body()).getAsJsonObject();
        boolean found = false;
        for (var e : transcript.getAsJsonArray("entries")) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("id").getAsString().equals(id)) {
                found = true;
                assertEquals("<b>hello</b>", o.get("text").getAsString(), "text comes back raw; the page escapes it");
                assertEquals("alice", o.get("author").getAsString());
            }
        }
        assertTrue(found, "the message is in the transcript: " + transcript);
        assertTrue(transcript.getAsJsonArray("members").toString().contains("\"dave\""));
    }

    private static String error(HttpResponse<String> r) {
        return JsonParser.parseString(r.body()).getAsJsonObject().get("error").getAsString();
    }
}
