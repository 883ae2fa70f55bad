package qunzhu.features.moderation;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What the filters decided about one message: the rule that matched, what to do and for how
 * long. Every action also deletes the message.
 */
public record Verdict(String rule, Kind action, Duration length) {
    /** Ordered by severity; OFF disables a filter. */
    public enum Kind {
        OFF, DELETE, WARN, MUTE, KICK, BAN;

        public String key() { return name().toLowerCase(Locale.ROOT); }

        public static List<String> keys() { return java.util.Arrays.stream(values()).map(Kind::key).toList(); }

        public static Kind of(String key) { return valueOf(key.toUpperCase(Locale.ROOT)); }
    }

    /** The more severe of two verdicts; the first wins a tie. */
    public static Verdict worse(Verdict a, Verdict b) {
        if (a == null) return b;
        if (b == null) return a;
        return b.action.compareTo(a.action) > 0 ? b : a;
    }
}
