package qunzhu.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds links in message text: URLs with a scheme, bare domains with a known top-level
 * domain ("example.com/x", "t.me/joinchat"), and invite links of chat platforms. Run it on
 * {@link Normalizer#forMatching} output so full-width dots and zero-width tricks are folded.
 */
public final class Links {
    private static final Pattern URL = Pattern.compile(
            "(?i)\\b(?:https?://|www\\.)[^\\s<>\"']+|\\b(?:[a-z0-9-]{1,63}\\.)+(?:com|net|org|cn|io|me|cc|top|xyz|info|biz|co|app|dev|ly|gg|ru|tk|vip|shop|site|link|club|online|tv|us|uk|de|jp|hk|tw)\\b(?:/[^\\s<>\"']*)?");
    private static final Pattern INVITE = Pattern.compile(
            "(?i)(?:t\\.me|telegram\\.me|telegram\\.dog)/(?:joinchat/|\\+)[\\w-]+|discord(?:\\.gg|(?:app)?\\.com/invite)/[\\w-]+|qm\\.qq\\.com/[^\\s]+|jq\\.qq\\.com/[^\\s]+|u\\.wechat\\.com/[^\\s]+|chat\\.whatsapp\\.com/[\\w-]+");

    private Links() {}

    /** Every link found, as written (lower-cased host part not guaranteed). */
    public static List<String> find(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) return out;
        Matcher m = URL.matcher(text);
        while (m.find()) out.add(m.group());
        return out;
    }

    public static boolean hasLink(String text) { return text != null && URL.matcher(text).find(); }

    public static boolean hasInvite(String text) { return text != null && INVITE.matcher(text).find(); }

    /** The host of a found link ("https://www.Example.com/a" → "example.com"), without "www.". */
    public static String host(String link) {
        String l = link.toLowerCase(Locale.ROOT).replaceFirst("^[a-z]+://", "");
        int end = l.length();
        for (char c : new char[] {'/', '?', '#', ':'}) {
            int i = l.indexOf(c);
            if (i >= 0) end = Math.min(end, i);
        }
        String host = l.substring(0, end);
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    /** True when the host equals an allowed domain or is a subdomain of one. */
    public static boolean allowed(String link, List<String> allowlist) {
        String host = host(link);
        for (String a : allowlist) {
            String d = a.toLowerCase(Locale.ROOT);
            if (host.equals(d) || host.endsWith("." + d)) return true;
        }
        return false;
    }
}
