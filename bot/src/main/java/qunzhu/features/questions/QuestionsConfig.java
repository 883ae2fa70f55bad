package qunzhu.features.questions;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import qunzhu.config.ConfigNode;
import qunzhu.config.GroupSection;

/**
 * {@code questions:} of a group or profile (off unless {@code enabled}):
 * <pre>
 * questions:
 *   enabled: true
 *   who: newcomers              # or everyone
 *   newcomer_for: 7d            # joined within this long (when no member tiers are known)
 *   flag_after: 10m             # unanswered: the on-duty moderators are told
 *   hold_after: 30m             # still unanswered: the expert posts the holding answer
 *   starts: [请问, 求助, how, why]  # besides messages ending in ? or ？
 *   moderator_message_answers: false   # true: a moderator's next message answers it
 *   holding_answer: "已通知管理员，稍等"  # default: the template
 * </pre>
 */
public record QuestionsConfig(boolean enabled, boolean everyone, Duration newcomerFor, Duration flagAfter, Duration holdAfter,
                              List<String> starts, boolean moderatorMessageAnswers, String holdingAnswer) {
    public static final List<String> DEFAULT_STARTS = List.of("请问", "求助", "how", "why");

    public QuestionsConfig { starts = List.copyOf(starts); }

    /** A question: ends in ? or ？, or starts with one of {@link #starts} (case-insensitive); never a command. */
    boolean isQuestion(String text) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty() || t.startsWith("/")) return false;
        if (t.endsWith("?") || t.endsWith("？")) return true;
        String lower = t.toLowerCase(Locale.ROOT);
        for (String s : starts) {
            String w = s.toLowerCase(Locale.ROOT);
            if (!lower.startsWith(w)) continue;
            if (lower.length() == w.length()) return true;
            // "how" starts "how do I", not "however"; CJK words need no space after them
            char last = w.charAt(w.length() - 1);
            char next = lower.charAt(w.length());
            if (!asciiWordChar(last) || !asciiWordChar(next)) return true;
        }
        return false;
    }

    private static boolean asciiWordChar(char c) { return c < 0x80 && Character.isLetterOrDigit(c); }

    public static final GroupSection<QuestionsConfig> SECTION = new GroupSection<>() {
        @Override public String key() { return "questions"; }
        @Override public Class<QuestionsConfig> type() { return QuestionsConfig.class; }
        @Override public QuestionsConfig parse(ConfigNode n) {
            boolean enabled = n.bool("enabled", false);
            String who = n.choice("who", "newcomers", List.of("newcomers", "everyone"));
            Duration newcomerFor = n.duration("newcomer_for", Duration.ofDays(7));
            Duration flag = n.duration("flag_after", Duration.ofMinutes(10));
            Duration hold = n.duration("hold_after", Duration.ofMinutes(30));
            if (flag.isZero()) { n.child("flag_after").error("must be longer than 0s"); flag = Duration.ofMinutes(10); }
            if (hold.compareTo(flag) < 0) { n.child("hold_after").error("must not be shorter than flag_after (" + flag.toMinutes() + "m)"); hold = flag; }
            List<String> starts = n.has("starts") ? n.strings("starts") : DEFAULT_STARTS;
            boolean mod = n.bool("moderator_message_answers", false);
            String holding = n.string("holding_answer", null);
            n.done();
            return new QuestionsConfig(enabled, who.equals("everyone"), newcomerFor, flag, hold, starts, mod, holding);
        }
    };
}
