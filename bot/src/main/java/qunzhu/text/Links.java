package qunzhu.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds links in message text: URLs with a scheme or "www." ("https://x.io/a"), bare domains
 * with a known top-level domain ("example.com/x", "t.me/joinchat"), and invite links of chat
 * platforms. Run it on {@link Normalizer#forMatching} output so full-width dots and
 * zero-width tricks are folded.
 *
 * <p>Links are found by a hand-written scanner that reads each character a bounded number of
 * times, so no message can make it slow. (The regex it replaces,
 * {@code \b(?:[a-z0-9-]{1,63}\.)+(?:com|...)\b}, was quadratic: {@code \b} after a combining
 * mark looks back over every mark before it, and the repeated group backtracks over every
 * label of "a.a.a.a...", until the stack overflows.)
 *
 * <p>What counts as a link:
 * <ul>
 * <li>a scheme URL: "http://", "https://" or "www." followed by at least one character, up to
 *     the next white space, {@code <}, {@code >}, {@code "} or {@code '};</li>
 * <li>a bare domain: two or more labels of ASCII letters, digits and hyphens (1 to 63 each)
 *     joined by single dots, the last of them a known top-level domain, with an optional path
 *     after a "/". The longest such chain is taken ("a.com.cn").</li>
 * </ul>
 * Either must start a word and a domain must end one, where words are made of ASCII letters,
 * digits and "_" only: "看example.com谢谢" holds a link, "my_site.com" and "example.community"
 * do not.
 */
public final class Links {
    private static final Set<String> TLDS = Set.of("com", "net", "org", "cn", "io", "me", "cc", "top", "xyz", "info", "biz",
            "co", "app", "dev", "ly", "gg", "ru", "tk", "vip", "shop", "site", "link", "club", "online", "tv", "us", "uk",
            "de", "jp", "hk", "tw");
    private static final int LONGEST_TLD = 6;
    private static final int LONGEST_LABEL = 63;
    private static final String[] SCHEMES = {"https://", "http://", "www."};

    /**
     * Invite links. Linear: every alternative starts with a fixed word, and the tails are
     * possessive and followed by nothing, so a failed start costs a few reads and a match ends
     * the search.
     */
    private static final Pattern INVITE = Pattern.compile(
            "(?i)(?:t\\.me|telegram\\.me|telegram\\.dog)/(?:joinchat/|\\+)[\\w-]++|discord(?:\\.gg|(?:app)?\\.com/invite)/[\\w-]++|qm\\.qq\\.com/\\S++|jq\\.qq\\.com/\\S++|u\\.wechat\\.com/\\S++|chat\\.whatsapp\\.com/[\\w-]++");

    private Links() {}

    /** Every link found, as written (lower-cased host part not guaranteed). */
    public static List<String> find(CharSequence text) {
        List<String> out = new ArrayList<>();
        if (text != null) scan(text, Integer.MAX_VALUE, out);
        return out;
    }

    public static boolean hasLink(CharSequence text) { return text != null && !scan(text, 1, new ArrayList<>()).isEmpty(); }

    /** True when the text holds an invite link; text without a "/" (most messages) is not read by the regex. */
    public static boolean hasInvite(CharSequence text) {
        if (text == null || !contains(text, '/')) return false;
        return INVITE.matcher(text).find();
    }

    private static boolean contains(CharSequence s, char c) {
        if (s instanceof String str) return str.indexOf(c) >= 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == c) return true;
        return false;
    }

    /** Adds up to {@code max} links of {@code s} to {@code out}, left to right. */
    private static List<String> scan(CharSequence s, int max, List<String> out) {
        int n = s.length();
        int i = 0;
        while (i < n && out.size() < max) {
            char c = s.charAt(i);
            if (!labelChar(c) || c == '-') { i++; continue; } // a word starts with a letter or digit
            if (i > 0 && s.charAt(i - 1) == '_') { i = labelEnd(s, i); continue; } // inside a word like "my_site"
            int url = schemeUrl(s, i);
            if (url > 0) {
                out.add(s.subSequence(i, url).toString());
                i = url;
                continue;
            }
            i = domain(s, i, out);
        }
        return out;
    }

    /** The end of a scheme URL starting at {@code i}, or -1 when none starts there. */
    private static int schemeUrl(CharSequence s, int i) {
        char c = s.charAt(i);
        if (c != 'h' && c != 'H' && c != 'w' && c != 'W') return -1;
        for (String scheme : SCHEMES) {
            if (!startsWith(s, i, scheme)) continue;
            int p = i + scheme.length();
            int end = pathEnd(s, p);
            return end > p ? end : -1;
        }
        return -1;
    }

    /**
     * Reads the chain of dot-separated labels that starts at {@code start} (a word start) and
     * adds the domain it holds, if any; answers where scanning goes on: after the domain (the
     * rest of the chain may still hold a scheme URL), at the first scheme URL inside a chain
     * without a domain ("x.http://a"), or after the chain. Each character is read a bounded
     * number of times.
     */
    private static int domain(CharSequence s, int start, List<String> out) {
        int n = s.length();
        int best = -1;
        int scheme = -1;
        int label = start;
        int p;
        while (true) {
            int end = label;
            while (end < n && labelChar(s.charAt(end))) {
                // a word starts after each '-' (and '.'): a scheme URL may start there
                if (scheme < 0 && s.charAt(end) == '-' && end + 1 < n && schemeUrl(s, end + 1) > 0) scheme = end + 1;
                end++;
            }
            if (end - label > LONGEST_LABEL) { p = label == start ? end : label - 1; break; }
            if (label > start) {
                if (scheme < 0 && schemeUrl(s, label) > 0) scheme = label;
                int tld = tldEnd(s, label, end);
                if (tld > 0) best = tld;
            }
            p = end;
            if (p + 1 < n && s.charAt(p) == '.' && labelChar(s.charAt(p + 1))) label = p + 1;
            else break;
        }
        if (best > 0) {
            int stop = best < n && s.charAt(best) == '/' ? pathEnd(s, best) : best;
            out.add(s.subSequence(start, stop).toString());
            return stop;
        }
        return scheme > 0 ? scheme : p;
    }

    /**
     * Where a top-level domain ends when the label {@code [label, end)} is one, or starts with
     * one followed by a hyphen ("co-op" gives "co"); -1 otherwise, and when a "_" follows.
     */
    private static int tldEnd(CharSequence s, int label, int end) {
        int word = label;
        while (word < end && s.charAt(word) != '-') word++;
        if (word - label < 2 || word - label > LONGEST_TLD) return -1;
        if (word == end && end < s.length() && s.charAt(end) == '_') return -1;
        StringBuilder b = new StringBuilder(word - label);
        for (int k = label; k < word; k++) b.append(Character.toLowerCase(s.charAt(k)));
        return TLDS.contains(b.toString()) ? word : -1;
    }

    private static int labelEnd(CharSequence s, int i) {
        while (i < s.length() && labelChar(s.charAt(i))) i++;
        return i;
    }

    /** The end of {@code [^\s<>"']*} from {@code i}. */
    private static int pathEnd(CharSequence s, int i) {
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r' || c == '<' || c == '>' || c == '"' || c == '\'') break;
            i++;
        }
        return i;
    }

    private static boolean labelChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    }

    private static boolean startsWith(CharSequence s, int i, String prefix) {
        if (s.length() - i < prefix.length()) return false;
        for (int k = 0; k < prefix.length(); k++) {
            if (Character.toLowerCase(s.charAt(i + k)) != prefix.charAt(k)) return false;
        }
        return true;
    }

    /** The host of a found link ("https://www.Example.com/a" → "example.com"), without "www.". */
    public static String host(String link) {
        String l = link.toLowerCase(Locale.ROOT);
        int scheme = l.indexOf("://");
        if (scheme > 0 && l.substring(0, scheme).chars().allMatch(c -> c >= 'a' && c <= 'z')) l = l.substring(scheme + 3);
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
