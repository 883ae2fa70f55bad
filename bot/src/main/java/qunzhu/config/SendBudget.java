package qunzhu.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many messages one account may post in a span, over all its chats ({@code budget: 20/min}
 * on an account). A spent budget makes the account's persona speak through a sibling account in
 * that group; with no sibling the message waits until the budget allows it. {@link #NONE} is
 * no budget at all.
 */
public record SendBudget(int count, Duration per) {
    private static final Pattern FORM = Pattern.compile("(\\d{1,7})\\s*/\\s*(s|sec|second|m|min|minute|h|hour|d|day)");
    public static final SendBudget NONE = new SendBudget(Integer.MAX_VALUE, Duration.ofMinutes(1));

    public SendBudget {
        if (count < 1) throw new IllegalArgumentException("a budget allows at least 1 message, got " + count);
        if (per == null || per.isZero() || per.isNegative()) throw new IllegalArgumentException("a budget needs a positive span");
    }

    public boolean unlimited() { return count == Integer.MAX_VALUE; }

    /**
     * Default per platform kind: QQ accounts stay well under what risk control (风控) tolerates
     * from one account, Telegram within its 30 messages a second per bot; the sandbox has none.
     */
    public static SendBudget defaults(String platform) {
        return switch (platform) {
            case "onebot" -> new SendBudget(40, Duration.ofMinutes(1));
            case "telegram" -> new SendBudget(1200, Duration.ofMinutes(1));
            default -> NONE;
        };
    }

    /** "20/min", "5/s", "300/h", "2000/day", or "none"; null when it is none of these. */
    public static SendBudget parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (t.equals("none") || t.equals("unlimited")) return NONE;
        Matcher m = FORM.matcher(t);
        if (!m.matches() || Integer.parseInt(m.group(1)) < 1) return null;
        Duration per = switch (m.group(2).charAt(0)) {
            case 's' -> Duration.ofSeconds(1);
            case 'm' -> Duration.ofMinutes(1);
            case 'h' -> Duration.ofHours(1);
            default -> Duration.ofDays(1);
        };
        return new SendBudget(Integer.parseInt(m.group(1)), per);
    }

    @Override public String toString() {
        if (unlimited()) return "none";
        String unit = per.equals(Duration.ofSeconds(1)) ? "s" : per.equals(Duration.ofMinutes(1)) ? "min" : per.equals(Duration.ofHours(1)) ? "h" : "day";
        return count + "/" + unit;
    }
}
