package qunzhu.features.moderation;

import qunzhu.text.Normalizer;

/**
 * One message as the content rules judge it: its normalised text ({@link Normalizer#forJudging})
 * and the budgets its regexes spend. A rule's keywords are looked for in the whole text. Its
 * regex runs on the whole text under the message's {@link GuardedText.Budget#forMessage budget};
 * once that is spent, the regexes still to run (the one that spent it first) run on the
 * bounded form, the first {@value #BOUNDED_HEAD} and last {@value #BOUNDED_TAIL} characters,
 * under a second budget. So an over-budget message is still judged, not passed; only a regex
 * that spends the second budget too counts as no match. A regex that overflows the stack
 * (java.util.regex recurses once per repetition of a group, so {@code (?:a|b)*} on 60 K
 * characters does) counts as having spent its budget. One per message and thread.
 */
final class JudgedText {
    static final int BOUNDED_HEAD = 4096;
    static final int BOUNDED_TAIL = 1024;

    /** Told when a regex spends a budget: first the message's, then the bounded form's ({@code gaveUp}). */
    interface OverBudget {
        void spent(Rule rule, int chars, boolean gaveUp);
    }

    private final String text;
    private final OverBudget listener;
    private final GuardedText.Budget budget = GuardedText.Budget.forMessage();
    private GuardedText.Budget boundedBudget;
    private String bounded;

    private JudgedText(String text, OverBudget listener) {
        this.text = text;
        this.listener = listener;
    }

    /** Normalises {@code raw} for judging. */
    static JudgedText of(String raw, OverBudget listener) {
        return new JudgedText(Normalizer.forJudging(raw), listener);
    }

    /** The same text with budgets of its own: the shipped rules never run short because an operator's regex was slow. */
    JudgedText withOwnBudget() { return new JudgedText(text, listener); }

    String text() { return text; }

    /** True when a keyword of {@code rule} is in the text or its regex matches within the budgets. */
    boolean matches(Rule rule) {
        for (String k : rule.keywords()) if (!k.isEmpty() && text.contains(k)) return true;
        return regexMatches(rule, null);
    }

    /**
     * True when the regex of {@code rule} matches within the budgets. When {@code literal} (text
     * every match contains, see {@link RegexLiteral}) is not in the text, the regex cannot match
     * and is not run, so it spends no budget.
     */
    boolean regexMatches(Rule rule, String literal) {
        if (rule.regex() == null) return false;
        if (literal != null && !text.contains(literal)) return false;
        if (!budget.spent()) {
            try {
                return GuardedText.find(rule.regex(), text, budget);
            } catch (GuardedText.TooSlow | StackOverflowError e) {
                budget.spend();
                listener.spent(rule, text.length(), false);
            }
        }
        if (bounded == null) {
            bounded = Normalizer.headAndTail(text, BOUNDED_HEAD, BOUNDED_TAIL);
            boundedBudget = GuardedText.Budget.forBounded();
        }
        if (boundedBudget.spent()) return false;
        try {
            return GuardedText.find(rule.regex(), bounded, boundedBudget);
        } catch (GuardedText.TooSlow | StackOverflowError e) {
            boundedBudget.spend();
            listener.spent(rule, bounded.length(), true);
            return false;
        }
    }
}
