package qunzhu.features.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Telling a 接龙 from other text: the openers, in every form that normalises to one, and numbered lists. */
class ChainsTest {
    @Test void aChainOpensWithJielongInAnyFormThatNormalisesToIt() {
        for (String t : List.of("接龙 周六羽毛球", "#接龙", "＃接龙 报名", "﹟接龙", "  接龙\n1. alice", "接\u200b龙", "接 龙")) {
            assertTrue(Chains.opens(t), t);
        }
        for (String t : List.of("周六接龙", "1. 接龙", "接", "#", "hello", "")) assertFalse(Chains.opens(t), t);
    }

    /**
     * Chains.opens skips a text without "接", "#", "＃" or "﹟": no other character decomposes
     * (NFKD, lower case) to a text holding "接" or "#", and the normaliser's other steps only
     * remove characters or put ASCII letters for look-alikes.
     */
    @Test void onlyFourCharactersNormaliseToATextHoldingJieOrHash() {
        List<String> found = new ArrayList<>();
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (Character.getType(cp) == Character.UNASSIGNED || Character.getType(cp) == Character.SURROGATE) continue;
            String n = java.text.Normalizer.normalize(new String(Character.toChars(cp)), java.text.Normalizer.Form.NFKD).toLowerCase(java.util.Locale.ROOT);
            if (n.indexOf('接') >= 0 || n.indexOf('#') >= 0) found.add(Integer.toHexString(cp));
        }
        assertEquals(List.of("23", "63a5", "fe5f", "ff03"), found);
    }

    @Test void numberedListsAreReadLineByLine() {
        assertEquals(List.of("alice", "bob"), Chains.items("周六羽毛球\n1. alice\n2、bob\n"));
        assertEquals(List.of("alice", "bob", "dave"), Chains.items("1. alice\r\n 2) bob\u20283. dave"), "\\R breaks lines, U+2028 too");
        assertEquals(List.of("alice"), Chains.items("1. alice\n3. bob"), "a list ends at a gap in its numbers");
        assertEquals(List.of("alice"), Chains.items("\t1：alice"));
        assertEquals(List.of(), Chains.items("１. alice"), "full-width digits are not list numbers");
        assertEquals(List.of(), Chains.items("2. alice\n3. bob"));
        assertEquals(List.of(), Chains.items("meeting at 3pm"));
    }
}
