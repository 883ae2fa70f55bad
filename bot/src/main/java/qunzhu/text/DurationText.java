package qunzhu.text;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lengths as people type them after a command: 90s, 10m, 10min, 10分钟, 1h, 1小时, 1d, 1天,
 * 2w, 2周, and sums like 1h30m or 1小时30分钟 (config files also use ms). Anything else is not a
 * length. The one reader of lengths: commands and config alike.
 */
public final class DurationText {
    private static final Pattern PART = Pattern.compile(
            "(\\d{1,9})(ms|秒钟|秒|分钟|分|小时|时|天|日|周|星期|seconds|second|secs|sec|s|minutes|minute|mins|min|m|hours|hour|hrs|hr|h|days|day|d|weeks|week|w)");

    private DurationText() {}

    /** The length, or null when {@code text} is not one (zero is not a length). */
    public static Duration parse(String text) {
        Duration d = parseAllowingZero(text);
        return d == null || d.isZero() ? null : d;
    }

    /** As {@link #parse}, but "0s" is a length too (config values may switch a delay off). */
    public static Duration parseAllowingZero(String text) {
        if (text == null) return null;
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) return null;
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "秒钟", "秒", "seconds", "second", "secs", "sec", "s" -> Duration.ofSeconds(n);
                case "分钟", "分", "minutes", "minute", "mins", "min", "m" -> Duration.ofMinutes(n);
                case "小时", "时", "hours", "hour", "hrs", "hr", "h" -> Duration.ofHours(n);
                case "天", "日", "days", "day", "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            });
            end = m.end();
        }
        return end == t.length() && end > 0 ? total : null;
    }

    /** Looks meant as a length (starts with a digit), whether or not it parses. */
    public static boolean looksLike(String word) {
        return word != null && !word.isEmpty() && Character.isDigit(word.charAt(0));
    }
}
