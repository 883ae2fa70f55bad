package qunzhu.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinksTest {
    /** Reads per character a linear scanner may make; the old regex made thousands on these texts. */
    static final int READS_PER_CHAR = 50;

    @Test void theLinkScannerReadsHostileTextsALinearNumberOfTimes() {
        for (Map.Entry<String, String> e : HostileText.all().entrySet()) {
            CountingText find = CountingText.of(e.getValue(), READS_PER_CHAR);
            Links.find(find);
            CountingText has = CountingText.of(e.getValue(), READS_PER_CHAR);
            Links.hasLink(has);
            CountingText invite = CountingText.of(e.getValue(), READS_PER_CHAR);
            Links.hasInvite(invite);
            System.out.printf("links on %s (%d chars): find %d, hasLink %d, hasInvite %d reads%n",
                    e.getKey(), e.getValue().length(), find.reads(), has.reads(), invite.reads());
        }
    }

    @Test void theLinkAtTheEndOfAHostileTextIsStillFound() {
        assertEquals(List.of("evil.com"), Links.find("a.".repeat(30_000) + " evil.com"));
        assertEquals(List.of("evil.com/x"), Links.find(HostileText.accents() + " evil.com/x"));
    }

    @Test void schemeUrlsAndBareDomains() {
        assertEquals(List.of("http://evil.example.com/x"), Links.find("看这个 http://evil.example.com/x"));
        assertEquals(List.of("https://github.com/foo/bar"), Links.find("repo: https://github.com/foo/bar"));
        assertEquals(List.of("www.example.org"), Links.find("www.example.org"));
        assertEquals(List.of("a.com.cn/x?y=1"), Links.find("go a.com.cn/x?y=1 now"));
        assertEquals(List.of("t.me/joinchat"), Links.find("t.me/joinchat"));
        assertEquals(List.of("example.com"), Links.find("mail bob@example.com"));
        assertEquals(List.of("a.com", "b.net"), Links.find("a.com and b.net"));
        assertEquals(List.of("foo.co"), Links.find("foo.co-op"));
    }

    @Test void aLinkGluedToChineseTextIsFound() {
        assertEquals(List.of("example.com"), Links.find("看example.com谢谢"));
        assertEquals(List.of("https://x.io/a"), Links.find("链接https://x.io/a"));
    }

    @Test void wordsThatLookLikeDomainsAreNotLinks() {
        assertFalse(Links.hasLink("version 1.2.3 is out"));
        assertFalse(Links.hasLink("see example.community"));
        assertFalse(Links.hasLink("my_site.com"));
        assertFalse(Links.hasLink("example.com_x"));
        assertFalse(Links.hasLink("http:// nothing"));
        assertFalse(Links.hasLink("e.g. this"));
        assertFalse(Links.hasLink(""));
    }

    @Test void invitesAndHosts() {
        assertTrue(Links.hasInvite("join t.me/+AbCdEf123"));
        assertTrue(Links.hasInvite("discord.gg/abc"));
        assertFalse(Links.hasInvite("t.me/someone"));
        assertEquals("example.com", Links.host("https://www.Example.com/a?b"));
        assertTrue(Links.allowed("https://docs.github.com/x", List.of("github.com")));
        assertFalse(Links.allowed("https://github.com.evil.io/x", List.of("github.com")));
    }
}
