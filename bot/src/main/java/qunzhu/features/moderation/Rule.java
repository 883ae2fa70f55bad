package qunzhu.features.moderation;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One blocklist rule: keywords (matched as substrings of the normalised text) and/or a regex
 * (compiled at load, matched under a budget by {@link JudgedText#matches}), with the action to take.
 */
public record Rule(String name, List<String> keywords, Pattern regex, Verdict.Kind action, Duration length) {
    public Rule { keywords = List.copyOf(keywords); }

    Verdict verdict() { return new Verdict(name, action, length); }

    /**
     * Text is already lower-cased by the normaliser, so ASCII case folding is enough (and much
     * cheaper). Text arrives without combining marks ("café" as "cafe"), so the pattern's own
     * marks are dropped too.
     */
    static Pattern compile(String regex) {
        return Pattern.compile(qunzhu.text.Normalizer.stripMarks(regex), Pattern.CASE_INSENSITIVE);
    }
}
