package qunzhu.platform.onebot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CqCodeTest {
    @Test void plainTextEscapesAmpersandAndBracketsButNotCommas() {
        assertEquals("a &amp; b &#91;x&#93;, c", CqCode.escapeText("a & b [x], c"));
    }

    @Test void parameterValuesAlsoEscapeCommas() {
        assertEquals("a&#44;b&amp;&#91;&#93;", CqCode.escapeValue("a,b&[]"));
    }

    @Test void unescapeReplacesAmpersandLastSoEscapedEntitiesStayLiteral() {
        assertEquals("&#91;", CqCode.unescape("&amp;#91;"));
        assertEquals("[,]&", CqCode.unescape("&#91;&#44;&#93;&amp;"));
    }

    @Test void textThatLooksLikeCqCodeRoundTripsAsText() {
        String tricky = "see [CQ:at,qq=1] & [1,2] &amp; &#91;";
        List<Segment> segs = CqCode.parse(CqCode.escapeText(tricky));
        assertEquals(List.of(Segment.text(tricky)), segs);
        assertEquals(CqCode.escapeText(tricky), CqCode.render(segs));
    }

    @Test void codesAndTextSplitIntoSegmentsWithUnescapedValues() {
        List<Segment> segs = CqCode.parse("[CQ:reply,id=-1388401960][CQ:at,qq=10001] hi &#91;all&#93;[CQ:image,file=a&#44;b.png,url=http://x/?a=1&amp;b=2]");
        assertEquals(List.of(
                new Segment("reply", Map.of("id", "-1388401960")),
                new Segment("at", Map.of("qq", "10001")),
                Segment.text(" hi [all]"),
                new Segment("image", Map.of("file", "a,b.png", "url", "http://x/?a=1&b=2"))), segs);
    }

    @Test void renderThenParseGivesTheSameSegments() {
        List<Segment> segs = List.of(Segment.text("[x] & y,"), new Segment("face", Map.of("id", "14")),
                new Segment("image", Map.of("file", "base64://a,b[c]&")));
        String s = CqCode.render(segs);
        assertEquals("&#91;x&#93; &amp; y,[CQ:face,id=14][CQ:image,file=base64://a&#44;b&#91;c&#93;&amp;]", s);
        assertEquals(segs, CqCode.parse(s));
    }

    @Test void malformedCodesStayText() {
        assertEquals(List.of(Segment.text("[CQ:,x] [CQ:at,qq] [CQ:open")), CqCode.parse("[CQ:,x] [CQ:at,qq] [CQ:open"));
    }
}
