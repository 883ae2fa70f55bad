package qunzhu.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;

/** A message's hand-written JSON is Gson's, character for character, on hostile text too, and decodes to the same event. */
class MessageJsonTest {
    private static final String[] ODD = {
            "", "plain", "引号\"和\\反斜杠", "tab\tnew\nline\rcr\bbs\ffeed", "\u0000\u0001\u001f\u007f", "\u2028line\u2029para",
            "<b>&amp;=</b> 'quote'", "👨‍👩‍👧 family", "e\u0301 combining", "\u202Eright to left", "zero\u200Bwidth",
            "\uD800 lone high", "lone low \uDC00", "\uDBFF\uDFFF", "x".repeat(5000)};

    private static String gson(Object o) {
        StringBuilder sb = new StringBuilder();
        Codec.gson(o, sb);
        return sb.toString();
    }

    private static String hand(Event.MessagePosted m) {
        StringBuilder sb = new StringBuilder();
        MessageJson.write(m, sb);
        return sb.toString();
    }

    @Test void theHandWrittenJsonIsGsonsOnEveryKindOfText() {
        Random r = new Random(20261203);
        for (int i = 0; i < 2_000; i++) {
            String text = ODD[r.nextInt(ODD.length)] + (r.nextBoolean() ? ODD[r.nextInt(ODD.length)] : "");
            long second = r.nextInt(4) == 0 ? r.nextLong(-62_000_000_000L, 400_000_000_000L) : 1_780_000_000L + r.nextInt(1_000_000);
            int nano = switch (r.nextInt(4)) {
                case 0 -> 0;
                case 1 -> r.nextInt(1000) * 1_000_000;
                case 2 -> r.nextInt(1_000_000) * 1_000;
                default -> r.nextInt(1_000_000_000);
            };
            ChatRef chat = new ChatRef(r.nextBoolean() ? "telegram" : "onebot", "-100" + r.nextInt(1000));
            MemberRef author = new MemberRef("u" + r.nextInt(100), ODD[r.nextInt(ODD.length)], r.nextBoolean());
            Event.MessagePosted m = new Event.MessagePosted(EventKey.of(chat, ODD[r.nextInt(ODD.length)] + i), chat,
                    Instant.ofEpochSecond(second, nano), r.nextBoolean() ? null : "acct\"" + i, author,
                    r.nextBoolean() ? null : Integer.toString(i), text, r.nextBoolean() ? null : "7",
                    r.nextBoolean() ? null : MemberRef.of("v" + i, "名字"), r.nextBoolean(), r.nextBoolean(), r.nextBoolean(), r.nextBoolean());
            String expected = gson(m);
            assertEquals(expected, hand(m), "message " + i);
            assertEquals(m, Codec.decodeEvent(Codec.encode(m)), "round trip " + i);
            // the log's bytes: as the JDK encodes the text (a lone surrogate as '?')
            assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), Codec.encodeUtf8(m), "utf-8 " + i);
        }
    }

    @Test void anInstantIsWrittenAsItsToString() {
        for (Instant at : new Instant[] {Instant.EPOCH, Instant.ofEpochSecond(0, 1), Instant.ofEpochSecond(1_780_000_000L, 120_000_000),
                Instant.ofEpochSecond(1_780_000_000L, 123_400), Instant.parse("9999-12-31T23:59:59.999999999Z"),
                Instant.parse("0000-01-01T00:00:00Z"), Instant.MAX, Instant.MIN, Instant.parse("+10000-01-01T00:00:00Z")}) {
            StringBuilder sb = new StringBuilder();
            MessageJson.instant(sb, at);
            assertEquals(at.toString(), sb.toString());
        }
    }
}
