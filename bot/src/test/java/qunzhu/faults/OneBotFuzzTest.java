package qunzhu.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.platform.onebot.OneBotFaultKit;
import qunzhu.platform.onebot.OneBotFaultKit.Frames;
import qunzhu.testkit.TestBot;
import qunzhu.testkit.Wait;

/**
 * 1,500 random (-Dqunzhu.faults.cases=N for more) and mutated OneBot v11 frames (seed 15, -Dqunzhu.faults.seed=N for another)
 * into one group through a forward WebSocket, the adapter and the whole pipeline: group and
 * private messages in array and CQ-string form, notices, requests, meta events and stray
 * answers, then wrong types, missing keys, huge strings and arrays, deep nesting, RTL and
 * zero-width marks, combining marks, emoji ZWJ sequences, lone surrogates, CQ codes injected
 * in text, and broken JSON. Afterwards the same account still answers in another group and
 * in the hostile one, every frame is accounted for (an event handed on, refused with a WARN
 * line, or not used), nothing reached the dead letters, and no send carried an injected segment.
 */
@Timeout(120)
class OneBotFuzzTest {
    static final int CASES = Integer.getInteger("qunzhu.faults.cases", 1_500);
    static final long SEED = Long.getLong("qunzhu.faults.seed", 15);
    static final long HOSTILE = 111_111_111L, OTHER = 222_222_222L, T0 = 1_764_000_000L;
    static final String RULES = "1. 友善交流。";
    static final List<String> ODD = List.of("\u202Eevil\u202C", "a\u200Bb\u200Cc\u200Dd\uFEFF", "e\u0301\u0301\u0301\u0301\u0301\u0301",
            "👩\u200D👩\u200D👧\u200D👦🏳️\u200D🌈", "\uD800", "x\uDC00y", "\u0000nul", "\u05D0\u05D1 RTL \u0627\u0644", "/rules\u200B", "/\u202Erules",
            "[CQ:at,qq=all]", "/rules [CQ:reply,id=1][CQ:at,qq=10001]", "&#91;CQ:at,qq=all&#93;", "[CQ:", "[CQ:image,file=file:///etc/passwd]",
            "[CQ:,=]", "&amp;&#44;&#91;", "]]]][[[[");

    @Test void fifteenHundredHostileFramesCrashNothingStickNothingAndAreEachAccountedFor() throws Exception {
        Random rnd = new Random(SEED);
        String seed = " (seed " + SEED + ")";
        PrintStream realErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (OneBotFaultKit qq = new OneBotFaultKit("20000")) {
            TestBot bot = TestBot.builder().file("accounts.yml", """
                    personas:
                      host: {name: 小群}
                    accounts:
                    """ + qq.accountYaml("qq1", "host", Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(2))
                    // Hundreds of /rules replies would spend QQ's default 60/min send budget and starve the other group (see the notes).
                    + "    budget: unlimited\n")
                    .file("groups.yml", """
                            groups:
                              one: {chat: "onebot:%d", title: 甲, strategy: laissez_faire, rules: {text: "%s"}}
                              two: {chat: "onebot:%d", title: 乙, strategy: laissez_faire, rules: {text: "%s"}}
                            """.formatted(HOSTILE, RULES, OTHER, RULES)).build();
            Frames frames;
            long dead;
            try {
                Wait.until(qq::connected, Duration.ofSeconds(10), "connected");
                qq.text(HOSTILE, 42, 1, T0, "/rules");
                Wait.until(() -> qq.replies(RULES).containsKey(HOSTILE + ":1"), Duration.ofSeconds(10), "the first answer");
                System.setErr(new PrintStream(new TelegramFuzzTest.TeeStream(realErr, captured), true, StandardCharsets.UTF_8));
                var account = bot.bot().accounts().get("qq1");
                long before = OneBotFaultKit.frames(account).total();
                int answersBefore = qq.received();
                int broken = 0;
                for (int i = 0; i < CASES; i++) {
                    String frame = escapeSurrogates(mutate(rnd, base(rnd, qq, 1000 + i)).toString());
                    if (rnd.nextInt(40) == 0) { frame = breakJson(rnd, frame); broken++; }
                    qq.pushRaw(frame);
                }
                // Right behind the hostile frames, on the same account: the other group, then the hostile one.
                qq.text(OTHER, 77, 9001, T0 + 9001, "/rules");
                try {
                    Wait.until(() -> qq.replies(RULES).containsKey(OTHER + ":9001"), Duration.ofSeconds(60), "the other group's answer after the fuzz" + seed);
                } catch (AssertionError stuck) {
                    System.out.println("[faults] stuck; action_log: " + bot.db().query("SELECT outcome || ' ' || COALESCE(substr(detail, 1, 80), '-') || ' x'"
                            + " || COUNT(*) FROM action_log GROUP BY outcome, substr(detail, 1, 80) LIMIT 20", rs -> rs.getString(1)) + "; frames "
                            + OneBotFaultKit.frames(account) + "; fake received " + qq.received());
                    throw stuck;
                }
                qq.text(HOSTILE, 42, 9002, T0 + 9002, "/rules");
                Wait.until(() -> qq.replies(RULES).containsKey(HOSTILE + ":9002"), Duration.ofSeconds(30), "the hostile group still answered" + seed);
                // Every frame in: the pushed ones, plus one answer per action the bot sent meanwhile
                // (at least: on a loaded machine a reconnect adds the fake's lifecycle frame).
                Wait.until(() -> OneBotFaultKit.frames(account).total() - before >= CASES + 2 + (qq.received() - answersBefore),
                        Duration.ofSeconds(30), "every frame accounted for" + seed + ": " + OneBotFaultKit.frames(account));
                bot.settle();
                frames = OneBotFaultKit.frames(account);
                dead = bot.db().count("SELECT COUNT(*) FROM dead_letter");
                System.out.println("[faults] onebot fuzz" + seed + ": " + CASES + " frames (" + broken + " broken JSON); account totals " + frames
                        + "; activity rows " + bot.db().count("SELECT COUNT(*) FROM activity WHERE platform = 'onebot'") + ", dead letters " + dead);
            } finally {
                System.setErr(realErr);
                bot.close();
            }
            String log = captured.toString(StandardCharsets.UTF_8);
            long warned = log.lines().filter(l -> l.contains(" WARN ") && l.contains("qq1: skipping")).count();
            List<String> errors = log.lines().filter(l -> l.contains(" ERROR ")).limit(5).toList();
            assertEquals(0, dead, "no feature failed on fuzzed input" + seed);
            assertEquals(List.of(), errors, "no ERROR line: nothing escaped" + seed);
            assertTrue(frames.rejected() > 0, "malformed frames were refused" + seed);
            assertEquals(frames.rejected(), warned, "every refused frame has its WARN line" + seed);
            for (String f : qq.actionFrames()) {
                if (!f.contains("\"send_group_msg\"") && !f.contains("\"send_private_msg\"")) continue;
                for (String type : List.of("\"at\"", "\"image\"", "\"face\"", "\"record\"")) {
                    assertTrue(!f.contains("\"type\":" + type), "a CQ code from input reached a send as a segment" + seed + ": " + f);
                }
            }
        }
    }

    /** A plausible frame in the hostile group: messages (array and CQ string), notices, requests, meta, private, a stray answer. */
    private static JsonObject base(Random rnd, OneBotFaultKit qq, int n) {
        long user = 10_000 + rnd.nextInt(20);
        String text = rnd.nextInt(5) == 0 ? "/rules" : ODD.get(rnd.nextInt(ODD.size()));
        JsonObject e = switch (rnd.nextInt(9)) {
            case 0 -> qq.groupMessage(HOSTILE, user, n, new JsonPrimitive(text), text);
            case 1 -> qq.groupMessage(HOSTILE, user, n, OneBotFaultKit.segments(OneBotFaultKit.seg("reply", "id", Integer.toString(n - 1)),
                    OneBotFaultKit.seg("at", "qq", Long.toString(user + 1)), OneBotFaultKit.seg("text", "text", text),
                    OneBotFaultKit.seg("image", "file", "a.png"), OneBotFaultKit.seg("face", "id", "1")), text);
            case 2 -> qq.notice(List.of("group_increase", "group_decrease", "group_recall", "group_admin", "group_upload", "notify").get(rnd.nextInt(6)),
                    List.of("approve", "invite", "leave", "kick", "kick_me", "set", "poke").get(rnd.nextInt(7)), HOSTILE, user, user + 1);
            case 3 -> qq.joinRequest(rnd.nextBoolean() ? "add" : "invite", HOSTILE, user, text, "flag" + n);
            case 4 -> {
                JsonObject m = new JsonObject();
                m.addProperty("time", T0);
                m.addProperty("self_id", 20000);
                m.addProperty("post_type", "meta_event");
                m.addProperty("meta_event_type", rnd.nextBoolean() ? "lifecycle" : "heartbeat");
                m.addProperty("interval", 60_000);
                yield m;
            }
            case 5 -> {
                JsonObject p = qq.groupMessage(HOSTILE, user, n, OneBotFaultKit.segments(OneBotFaultKit.seg("text", "text", text)), text);
                p.addProperty("message_type", "private");
                p.remove("group_id");
                yield p;
            }
            case 6 -> {
                JsonObject r = new JsonObject();
                r.addProperty("status", "ok");
                r.addProperty("retcode", 0);
                r.add("data", JsonNull.INSTANCE);
                r.addProperty("echo", "qq1:" + rnd.nextInt(100));
                yield r;
            }
            default -> qq.groupMessage(HOSTILE, user, n, OneBotFaultKit.segments(OneBotFaultKit.seg("text", "text", text)), text);
        };
        e.addProperty("time", T0 + n);
        return e;
    }

    /** One to three mutations at random places (inside segment arrays too), with QQ's own: huge or fractional numbers, many segments, long ids. */
    private static JsonObject mutate(Random rnd, JsonObject e) {
        return JsonFuzz.mutate(rnd, e, 300, 3, (r, which) -> switch (which) {
            case 0 -> new JsonPrimitive(r.nextBoolean() ? 1e300 : -0.5);
            case 1 -> manySegments(r);
            default -> new JsonPrimitive(r.nextBoolean() ? "9".repeat(40) : "-1");
        });
    }

    /** A long message: up to 3,000 segments of odd text and CQ look-alikes. */
    private static JsonArray manySegments(Random rnd) {
        JsonArray a = new JsonArray();
        int count = 1 + rnd.nextInt(3_000);
        for (int i = 0; i < count; i++) a.add(OneBotFaultKit.seg(rnd.nextInt(10) == 0 ? "at" : "text", rnd.nextInt(10) == 0 ? "qq" : "text",
                ODD.get(rnd.nextInt(ODD.size()))));
        return a;
    }

    /** Truncates, or flips a structural character: text that is not one JSON object. */
    private static String breakJson(Random rnd, String json) {
        int at = rnd.nextInt(json.length());
        return switch (rnd.nextInt(3)) {
            case 0 -> json.substring(0, at);
            case 1 -> json.substring(0, at) + "}" + json.substring(at);
            default -> "[" + json + "]";
        };
    }

    /** Escapes every surrogate as \\uXXXX, so lone ones reach the bot as JSON escapes instead of being mangled by UTF-8. */
    private static String escapeSurrogates(String json) {
        StringBuilder b = new StringBuilder(json.length());
        for (char c : json.toCharArray()) {
            if (Character.isSurrogate(c)) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
