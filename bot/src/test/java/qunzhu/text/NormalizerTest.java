package qunzhu.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class NormalizerTest {
    @Test void fullWidthAndCaseFoldToAscii() {
        assertEquals("add wechat 123", Normalizer.forMatching("ＡＤＤ　ＷｅＣｈａｔ　１２３"));
    }

    @Test void zeroWidthCharactersAreRemoved() {
        assertEquals("加微信", Normalizer.forMatching("加\u200b微\u200d信\ufeff"));
    }

    @Test void spacedOutLettersAreJoinedButWordsStay() {
        assertEquals("vx:abc please", Normalizer.forMatching("v x : a b c please"));
        assertEquals("hello big world", Normalizer.forMatching("hello big world"));
    }

    @Test void combiningMarksAreRemovedWhetherComposedOrNot() {
        assertEquals("加vx123456", Normalizer.forMatching("加" + "\u0301".repeat(800) + "vx123456"));
        assertEquals("vx123456", Normalizer.forMatching("v\u0302x\u20dd123456"), "accents and enclosing circles");
        assertEquals("cafe creme", Normalizer.forMatching("Café Crème"), "precomposed letters lose their accents too");
        assertEquals("a", Normalizer.forMatching("a" + "\u0301\u0316".repeat(30_000)), "long runs of marks of alternating classes");
        assertEquals("한국어 テスト", Normalizer.forMatching("한국어 テスト"), "Hangul syllables are decomposed and composed again");
    }

    @Test void graphemeJoinerAndVariationSelectorsAreRemoved() {
        assertEquals("加微信", Normalizer.forMatching("加\u034f微\ufe0f信\udb40\udd00"));
        assertEquals("vx", Normalizer.forMatching("v\u180ex\u2060\u2064"));
        assertEquals("加微信", Normalizer.forAnswer("加\u034f微\ufe0f信\udb40\udd00"), "answers ignore them too");
    }

    @Test void runsOfWhiteSpaceBecomeOneSpace() {
        assertEquals("contact me now", Normalizer.forMatching("  contact   me\n\t now\u3000 "));
        assertEquals("addwechat", Normalizer.forMatching("a  d  d   w e c h a t"), "spaced-out letters with double spaces are joined too");
    }

    @Test void separatorsBetweenCjkCharactersAreRemoved() {
        assertEquals("加微信", Normalizer.forMatching("加.微.信"));
        assertEquals("加微信", Normalizer.forMatching("加-微-信"));
        assertEquals("加微信", Normalizer.forMatching("加 微  信"), "single and double spaces");
        assertEquals("加微信", Normalizer.forMatching("加．微·信"), "full-width dot and middle dot");
        assertEquals("加微信", Normalizer.forMatching("加\uD83C\uDF4E微*~信"), "emoji and symbols");
        assertEquals("加微信 ok", Normalizer.forMatching("加/微/信 ok"));
        assertEquals("한국어 단어", Normalizer.forMatching("한국어 단어"), "Korean keeps the spaces between its words");
        assertEquals("t.me/x 1.2.3 a-b", Normalizer.forMatching("t.me/x 1.2.3 a-b"), "separators beside other letters stay");
        assertEquals("加.....微信", Normalizer.forMatching("加.....微信"), "a long run is layout, not a trick: it stays");
        assertEquals("空投福利", Normalizer.forMatching("空投福利"));
    }

    @Test void latinLookAlikesOfOtherScriptsAreReadAsLatin() {
        assertEquals("vx123456", Normalizer.forMatching("v\u0445123456"), "Cyrillic х");
        assertEquals("vx123456", Normalizer.forMatching("\u03bdx123456"), "Greek ν");
        assertEquals("contact me", Normalizer.forMatching("\u0441\u043ent\u0430\u0441t m\u0435"), "Cyrillic с о а е");
        assertEquals("vx", Normalizer.forMatching("\u13d9X"), "Cherokee Ꮩ");
        assertEquals("room 101 ok", Normalizer.forMatching("room 101 OK"), "ASCII letters and digits stay (their skeletons are rn, l, O)");
        assertEquals("空投福利稳赚不赔", Normalizer.forMatching("空投福利 稳赚不赔"), "Chinese keeps its characters (the space between them goes)");
        assertEquals("привет мир", Normalizer.forMatching("Привет мир"), "a Russian word stays Cyrillic");
        assertEquals("vx", Normalizer.forMatching("\u0475\u0445"), "a word of look-alikes only is read as Latin");
    }

    @Test void loneSurrogatesAreDropped() {
        assertEquals("加微信", Normalizer.forMatching("加\uD800微\uDC00信"));
        assertEquals("vx", Normalizer.forMatching("v\uDBFFx"));
        assertEquals("ok", Normalizer.forAnswer("o\uD800k"));
        assertEquals("\uD83D\uDE00", Normalizer.forMatching("\uD83D\uDE00"), "a real pair (an emoji) stays");
    }

    @Test void judgedTextIsBoundedToItsHeadAndTail() {
        String judged = Normalizer.forJudging("spam ".repeat(40_000) + "tail-word");
        assertTrue(judged.length() <= Normalizer.JUDGED_CHARS + 1, "length " + judged.length());
        assertTrue(judged.startsWith("spam spam"));
        assertTrue(judged.endsWith("tail-word"));
        assertEquals(18, Normalizer.forMatching("\ufdfa").length(), "ﷺ expands to 18 characters");
        assertTrue(Normalizer.forJudging("\ufdfa".repeat(10_000)).length() <= Normalizer.JUDGED_CHARS + 1, "expansion is bounded too");
    }

    @Test void answersCompareAcrossWidthCaseAndSpaces() {
        assertEquals(Normalizer.forAnswer(" Java  17 "), Normalizer.forAnswer("ｊａｖａ １７"));
    }

    @Test void linksAreFoundAfterNormalisingFullWidthDots() {
        assertTrue(Links.hasLink(Normalizer.forMatching("看这里 ｅｘａｍｐｌｅ．ｃｏｍ/x")));
        assertTrue(Links.hasInvite("join t.me/+AbCdEf123"));
        assertFalse(Links.hasLink("version 1.2.3 is out"));
        assertEquals("example.com", Links.host("https://www.Example.com/a?b"));
        assertTrue(Links.allowed("https://docs.github.com/x", List.of("github.com")));
        assertFalse(Links.allowed("https://github.com.evil.io/x", List.of("github.com")));
    }

    /** Characters the plain path takes, those just outside its ranges, and ones that change under NFKC, case folding or the look-alike step. */
    private static final String[] NEAR_PLAIN = {
            // plain: the first PLAIN of them
            "a", "Z", "Q", "0", "9", " ", "  ", "\n", "\r\n", "\t", "!", "~", ".", "-", ":", "/", "@",
            "加", "微", "信", "一", "\u9fef", "\u3000", "\u3001", "\u3002", "\uff01", "\uff21", "\uff3a", "\uff41", "\uff5e",
            // not plain
            "\u001f", "\u007f", "\u000b", "\u00a0", "\u0085", "\u4dff", "\u9ff0", "\u9fff", "\ua000", "\u3003", "\u3005", "\uff00",
            "\uff5f", "\uff61", "\u0301", "\u200b", "\ud83d\ude00", "\ud800", "х", "ν", "Σ", "İ", "ß", "ﬁ", "é", "e\u0301", "ｶ", "\uf900"};
    private static final int PLAIN = 30;

    @Test void thePlainPathAnswersWhatEveryStepAnswers() {
        java.util.Random rnd = new java.util.Random(20261201L);
        int plain = 0;
        for (int t = 0; t < 40_000; t++) {
            StringBuilder b = new StringBuilder();
            boolean onlyPlain = rnd.nextInt(3) > 0;
            for (int k = rnd.nextInt(16); k >= 0; k--) {
                String piece = NEAR_PLAIN[rnd.nextInt(onlyPlain ? PLAIN : NEAR_PLAIN.length)];
                b.append(piece);
            }
            String text = b.toString();
            if (Normalizer.plain(text) != null) plain++;
            assertEquals(Normalizer.fullyForMatching(text), Normalizer.forMatching(text), "\"" + text.codePoints().mapToObj(Integer::toHexString).toList() + "\"");
        }
        assertTrue(plain > 15_000, "most random texts take the plain path: " + plain);
    }

    @Test void joiningSpacedOutLettersSkipsTextWithNothingToJoinWithTheSameAnswer() {
        java.util.Random rnd = new java.util.Random(7L);
        String[] pieces = {" ", " ", " ", "a", "b", "加", "\ud83d\ude00", "\ud800", "\udc00", "bc", "xyz"};
        assertEquals("x  aaa", Normalizer.joinSpacedOut("x  a a a"));
        assertEquals("aaa", Normalizer.joinSpacedOut(" a a a"));
        assertEquals("ab", Normalizer.joinSpacedOut(" ab"));
        for (int t = 0; t < 40_000; t++) {
            StringBuilder b = new StringBuilder();
            for (int k = rnd.nextInt(20); k >= 0; k--) b.append(pieces[rnd.nextInt(pieces.length)]);
            String text = b.toString();
            assertEquals(joinSpacedOutBySplitting(text), Normalizer.joinSpacedOut(text), "\"" + text + "\"");
        }
    }

    /** Normalizer.joinSpacedOut as it was, splitting every text. */
    private static String joinSpacedOutBySplitting(String text) {
        String[] tokens = text.split(" ", -1);
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < tokens.length) {
            int j = i;
            while (j < tokens.length && tokens[j].codePointCount(0, tokens[j].length()) == 1) j++;
            if (j - i >= 3) {
                if (out.length() > 0) out.append(' ');
                for (int k = i; k < j; k++) out.append(tokens[k]);
                i = j;
            } else {
                if (out.length() > 0) out.append(' ');
                out.append(tokens[i]);
                i++;
            }
        }
        return out.toString();
    }
}
