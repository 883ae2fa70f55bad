package qunzhu.text;

import java.util.LinkedHashMap;
import java.util.Map;

/** Messages of about 60 KB built to make text scanning slow, by name. */
public final class HostileText {
    private HostileText() {}

    public static final String ACUTE = "\u0301";

    /** "a" and 59,999 combining acute accents: Java's {@code \b} looks back over all of them at each one. */
    public static String accents() { return "a" + ACUTE.repeat(59_999); }

    public static Map<String, String> all() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("accents", accents());
        m.put("accents after a space", " " + ACUTE.repeat(59_999));
        m.put("alternating mark classes", "a" + "\u0301\u0316".repeat(30_000));
        m.put("dotted labels", "a.".repeat(30_000));
        m.put("dotted labels with a hyphen", "a-.".repeat(20_000));
        m.put("handle prefixes", "vx-".repeat(20_000));
        m.put("colons after 微信", "微信:".repeat(20_000));
        m.put("spaces after vx", "vx" + " ".repeat(59_998));
        m.put("invite prefixes", "telegram.".repeat(6_600));
        m.put("invite prefixes with slashes", "telegram.me/".repeat(5_000));
        m.put("long label", "a".repeat(60_000) + ".com");
        return m;
    }
}
