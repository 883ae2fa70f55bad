package qunzhu.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import qunzhu.platform.telegram.TelegramFaultKit;
import qunzhu.testkit.TestBot;
import qunzhu.testkit.Wait;

/**
 * 2,000 random and mutated Telegram updates (seed 15) from one group through the fake Bot API,
 * the poller, the parser and the whole pipeline: wrong types, missing keys, huge strings, deep
 * nesting, RTL and zero-width marks, combining marks, emoji ZWJ sequences, lone surrogates.
 * Afterwards the bot still answers in that group and in another, nothing reached the dead
 * letters, and every update the adapter refused was logged (a WARN line each).
 */
@Timeout(120)
class TelegramFuzzTest {
    static final int CASES = 2_000;
    static final long SEED = 15;
    static final String HOSTILE = TelegramFaultKit.CHAT, OTHER = "-1009876543210", RULES = "1. 友善交流。";
    static final List<String> ODD = JsonFuzz.ODD;

    @Test void twoThousandHostileUpdatesCrashNothingStickNothingAndAreLoggedWhenRefused() throws Exception {
        Random rnd = new Random(SEED);
        PrintStream realErr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (TelegramFaultKit kit = new TelegramFaultKit()) {
            TestBot bot = TestBot.builder().platform(TelegramFaultKit.fastFactory()).file("accounts.yml", kit.accountsYaml())
                    .file("groups.yml", """
                            groups:
                              tg: {chat: "telegram:%s", title: 甲, strategy: laissez_faire, rules: {text: "%s"}}
                              tg2: {chat: "telegram:%s", title: 乙, strategy: laissez_faire, rules: {text: "%s"}}
                            """.formatted(HOSTILE, RULES, OTHER, RULES)).build();
            long logged, dead;
            try {
                kit.message(HOSTILE, 1, 42, "/rules");
                Wait.until(() -> answered(kit, HOSTILE, 1), Duration.ofSeconds(20), "the first answer");
                System.setErr(new PrintStream(new TeeStream(realErr, captured), true, StandardCharsets.UTF_8));
                long last = 0;
                for (int i = 0; i < CASES; i++) last = kit.pushRaw(mutate(rnd, base(rnd, 1000 + i)).toString());
                long lastId = last;
                // The other group's message comes right behind the hostile ones and is answered.
                kit.message(OTHER, 9001, 77, "/rules");
                Wait.until(() -> answered(kit, OTHER, 9001), Duration.ofSeconds(60), "the other group's answer after the fuzz");
                kit.message(HOSTILE, 9002, 42, "/rules");
                Wait.until(() -> answered(kit, HOSTILE, 9002), Duration.ofSeconds(30), "the hostile group still answered");
                Wait.until(() -> kit.requests("getUpdates").stream().anyMatch(r -> r.params().get("offset").getAsLong() > lastId),
                        Duration.ofSeconds(30), "every fuzzed update confirmed");
                bot.settle();
                logged = bot.db().count("SELECT COUNT(*) FROM activity WHERE platform = 'telegram' AND chat_id = ?", HOSTILE);
                dead = bot.db().count("SELECT COUNT(*) FROM dead_letter");
            } finally {
                System.setErr(realErr);
                bot.close();
            }
            String log = captured.toString(StandardCharsets.UTF_8);
            long refused = log.lines().filter(l -> l.contains("WARN") && l.contains("skipping")).count();
            long errors = log.lines().filter(l -> l.contains("ERROR")).count();
            System.out.println("[faults] telegram fuzz: " + CASES + " cases, " + logged + " logged as activity, " + refused
                    + " refused with a WARN line, " + errors + " ERROR lines, " + dead + " dead letters");
            assertEquals(0, dead, "no feature failed on fuzzed input");
            assertEquals(0, errors, "no ERROR line: nothing escaped\n" + log.lines().filter(l -> l.contains("ERROR")).limit(5).toList());
            assertTrue(refused > 0, "malformed updates were refused and logged");
        }
    }

    private static boolean answered(TelegramFaultKit kit, String chat, int messageId) {
        return kit.requests("sendMessage").stream().anyMatch(r -> r.fault() == null && chat.equals(r.chatId()) && r.replyTo() == messageId
                && r.text() != null && r.text().contains(RULES));
    }

    /** A plausible update: a message, an edit, a join or a button press in the hostile group. */
    private static JsonObject base(Random rnd, int messageId) {
        String chat = "{\"id\":" + HOSTILE + ",\"type\":\"supergroup\",\"title\":\"甲\"}";
        String from = "{\"id\":" + (100 + rnd.nextInt(20)) + ",\"is_bot\":false,\"first_name\":\"F\"}";
        String text = JsonPrimitiveText.quote(rnd.nextInt(4) == 0 ? "/rules" : ODD.get(rnd.nextInt(ODD.size())));
        String msg = "{\"message_id\":" + messageId + ",\"date\":1764000000,\"chat\":" + chat + ",\"from\":" + from + ",\"text\":" + text + "}";
        return JsonParser.parseString(switch (rnd.nextInt(4)) {
            case 0 -> "{\"edited_message\":" + msg + "}";
            case 1 -> "{\"message\":{\"message_id\":" + messageId + ",\"date\":1764000000,\"chat\":" + chat + ",\"from\":" + from
                    + ",\"new_chat_members\":[" + from + "]}}";
            case 2 -> "{\"callback_query\":{\"id\":\"cb" + messageId + "\",\"from\":" + from + ",\"data\":" + text + ",\"message\":" + msg + "}}";
            default -> "{\"message\":" + msg + "}";
        }).getAsJsonObject();
    }

    /** One to three mutations at random places: wrong types, missing keys, huge or odd strings, deep nesting. */
    private static JsonObject mutate(Random rnd, JsonObject u) {
        return JsonFuzz.mutate(rnd, u, 200, 0, (r, which) -> { throw new IllegalStateException("no own mutations"); });
    }

    /** JSON string literal of a Java string (lone surrogates escaped, not mangled). */
    static final class JsonPrimitiveText {
        static String quote(String s) {
            StringBuilder b = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') b.append('\\').append(c);
                else if (c < 0x20 || Character.isSurrogate(c)) b.append(String.format("\\u%04x", (int) c));
                else b.append(c);
            }
            return b.append('"').toString();
        }
    }

    /** Writes to both streams. */
    static final class TeeStream extends java.io.OutputStream {
        private final java.io.OutputStream a, b;
        TeeStream(java.io.OutputStream a, java.io.OutputStream b) { this.a = a; this.b = b; }
        @Override public synchronized void write(int x) throws java.io.IOException { a.write(x); b.write(x); }
        @Override public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException { a.write(buf, off, len); b.write(buf, off, len); }
    }
}
