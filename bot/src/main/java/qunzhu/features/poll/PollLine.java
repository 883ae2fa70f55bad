package qunzhu.features.poll;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import qunzhu.text.DurationText;

/**
 * {@code "question" "option" "option" ... [duration] [anonymous]}: quoted parts ("…", “…”,
 * 「…」) are the question and then the options; unquoted words are the length (2h, 30分钟),
 * anonymous / 匿名, or, when nothing is quoted, the question and options one word each.
 */
record PollLine(String question, List<String> options, Duration length, boolean anonymous) {
    static final int MAX_OPTIONS = 10;

    /** Not a poll line; {@code key} is the template saying why (null: only the usage line). */
    static final class Bad extends RuntimeException {
        final String key;
        Bad(String key) { super(key, null, false, false); this.key = key; }
    }

    static PollLine parse(String line) {
        List<String> items = new ArrayList<>();
        Duration length = null;
        boolean anonymous = false;
        String s = line.strip();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) { i++; continue; }
            int close = closing(c);
            if (close >= 0) {
                int end = s.indexOf(close, i + 1);
                if (end < 0) throw new Bad("poll.unclosed_quote");
                String item = s.substring(i + 1, end).replace('\n', ' ').strip();
                if (!item.isEmpty()) items.add(item);
                i = end + 1;
                continue;
            }
            int start = i;
            while (i < s.length() && !Character.isWhitespace(s.charAt(i))) i++;
            String word = s.substring(start, i);
            String lower = word.toLowerCase(Locale.ROOT);
            if (lower.equals("anonymous") || lower.equals("anon") || word.equals("匿名")) anonymous = true;
            else if (!items.isEmpty() && DurationText.parse(word) != null) length = DurationText.parse(word);
            else items.add(word);
        }
        if (items.isEmpty()) throw new Bad(null);
        if (items.size() < 3) throw new Bad("poll.too_few");
        if (items.size() - 1 > MAX_OPTIONS) throw new Bad("poll.too_many");
        return new PollLine(items.get(0), List.copyOf(items.subList(1, items.size())), length, anonymous);
    }

    private static int closing(char open) {
        return switch (open) {
            case '"' -> '"';
            case '“' -> '”';
            case '「' -> '」';
            default -> -1;
        };
    }
}
