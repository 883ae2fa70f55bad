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
        String first = Normalizer.forMatching(raw.strip().lines().findFirst().orElse(""));
        return first.startsWith("接龙") || first.startsWith("#接龙");
    }

    /**
     * The normalised items of the message's numbered list when its numbers run 1, 2, ... n
     * (header lines before it are allowed); empty when it has none.
     */
    static List<String> items(String raw) {
        List<String> out = new ArrayList<>();
        for (String line : LINE_BREAK.split(raw)) {
            Matcher m = ITEM.matcher(line);
            if (m.matches() && Integer.parseInt(m.group(1)) == out.size() + 1) {
                out.add(Normalizer.forMatching(m.group(2)));
            } else if (!out.isEmpty() && !line.isBlank()) {
                break;   // the list ended; what follows is not part of it
            }
        }
        return out;
    }

    /** The key of a chat's list of {@code items} (its first {@code count}). */
    static String key(String chat, List<String> items, int count) {
        return chat + "|" + String.join("\n", items.subList(0, count));
    }
}
