package qunzhu.features.points;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The loop that collapses whitespace for "differs from the last paying message" answers as the regex it replaced. */
class ActivityTextTest {
    @Test void collapsesWhitespaceRunsAsTheRegexDid() {
        char[] alphabet = {' ', ' ', '\t', '\n', '\r', '\f', 0x0B, 'a', 'b', '中', '\u3000', '\u00A0', '\u2003'};
        Random rnd = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder s = new StringBuilder();
            int n = rnd.nextInt(12);
            for (int k = 0; k < n; k++) s.append(alphabet[rnd.nextInt(alphabet.length)]);
            String text = s.toString();
            assertEquals(text.replaceAll("\\s+", " "), Activity.collapseSpaces(text), "for \"" + text + "\"");
        }
    }
}
