package qunzhu.features.moderation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import qunzhu.text.Normalizer;

/**
 * 接龙 (sign-up chains): a member copies the list and adds their name, so the same lines reach
 * the group many times, and two members who copied the same state may post the very same text.
 * That is normal, not an ad wave. A message is a chain when it starts with "接龙" or "#接龙",
 * or when its numbered list ("1. alice", "2、bob" ...) extends a list seen in the chat by one
 * line. The lists seen are kept in {@link Windows}.
 */
final class Chains {
    private static final Pattern LINE_BREAK = Pattern.compile("\\R");
    private static final Pattern ITEM = Pattern.compile("^\\s*(\\d{1,3})\\s*[.、．)）:：]\\s*(.*)$");

    private Chains() {}

    /** True when the message opens a chain with its first line ("接龙 周六羽毛球", "#接龙"). */
    static boolean opens(String raw) {
        // Only "接", "#" and the full-width and small "#" (U+FF03, U+FE5F) become "接" or "#" when
        // normalised: a text with none of them cannot open a chain.
        if (!holdsAny(raw, "接#\uFF03\uFE5F")) return false;
        String first = Normalizer.forMatching(raw.strip().lines().findFirst().orElse(""));
        return first.startsWith("接龙") || first.startsWith("#接龙");
    }

    /**
     * The normalised items of the message's numbered list when its numbers run 1, 2, ... n
     * (header lines before it are allowed); empty when it has none.
     */
    static List<String> items(String raw) {
        List<String> out = new ArrayList<>();
        // No line break: one line, as the split would answer.
        String[] lines = holdsAny(raw, "\n\u000B\f\r\u0085\u2028\u2029") ? LINE_BREAK.split(raw) : new String[] {raw};
        for (String line : lines) {
            Matcher m;
            if (mayBeItem(line) && (m = ITEM.matcher(line)).matches() && Integer.parseInt(m.group(1)) == out.size() + 1) {
                out.add(Normalizer.forMatching(m.group(2)));
            } else if (!out.isEmpty() && !line.isBlank()) {
                break;   // the list ended; what follows is not part of it
            }
        }
        return out;
    }

    /** True when {@code line} starts with an ASCII digit after {@code \s} characters: the only lines {@link #ITEM} can match. */
    private static boolean mayBeItem(String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') continue;
            return c >= '0' && c <= '9';
        }
        return false;
    }

    private static boolean holdsAny(String text, String chars) {
        for (int i = 0; i < text.length(); i++) if (chars.indexOf(text.charAt(i)) >= 0) return true;
        return false;
    }

    /** The key of a chat's list of {@code items} (its first {@code count}). */
    static String key(String chat, List<String> items, int count) {
        return chat + "|" + String.join("\n", items.subList(0, count));
    }
}
