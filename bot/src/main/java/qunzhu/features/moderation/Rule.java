package qunzhu.features.moderation;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One blocklist rule: keywords (matched as substrings of the normalised text) and/or a regex
 * (compiled at load, matched under {@link GuardedText}'s budget), with the action to take.
 */
public record Rule(String name, List<String> keywords, Pattern regex, Verdict.Kind action, Duration length) {
    public Rule { keywords = List.copyOf(keywords); }

    /** True when the normalised text matches; a regex that runs out of budget throws {@link GuardedText.TooSlow}. */
    boolean matches(String normalised) {
        for (String k : keywords) if (!k.isEmpty() && normalised.contains(k)) return true;
        return regex != null && GuardedText.find(regex, normalised);
    }

    Verdict verdict() { return new Verdict(name, action, length); }

    /** Text is already lower-cased by the normaliser, so ASCII case folding is enough (and much cheaper). */
    static Pattern compile(String regex) {
        return Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }
}
