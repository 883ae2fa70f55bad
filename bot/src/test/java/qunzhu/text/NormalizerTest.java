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
