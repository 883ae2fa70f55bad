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
}
