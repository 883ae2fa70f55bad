package qunzhu.features.moderation;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Consumer;

/**
 * An immutable list of rules, ready to judge: one {@link Keywords} automaton over all their
 * keywords and the literals their regexes' matches need ({@link RegexLiteral}), so one pass over
 * the text says which rules have a keyword in it and which regexes can match at all. Built once per
 * rule list (a profile's blocklist is parsed once per config load and shared by its groups).
 * {@link #judge} answers the same rules, in the same order, as asking each rule in turn whether
 * a keyword is in the text or else its regex matches.
 */
final class RuleSet extends AbstractList<Rule> implements RandomAccess {
    static final RuleSet EMPTY = new RuleSet(List.of());

    private final Rule[] rules;
    private final Keywords keywords;
    private final String[] literals;

    private RuleSet(List<Rule> rules) {
        this.rules = rules.toArray(new Rule[0]);
        for (Rule r : this.rules) java.util.Objects.requireNonNull(r, "rule");
        int n = this.rules.length;
        this.literals = new String[n];
        for (int i = 0; i < n; i++) {
            if (this.rules[i].regex() != null) literals[i] = RegexLiteral.required(this.rules[i].regex());
        }
        // Rule i's keywords report i, its regex's literal n + i: one pass finds both.
        List<List<String>> words = new java.util.ArrayList<>(2 * n);
        for (Rule r : this.rules) words.add(r.keywords());
        for (String l : literals) words.add(l == null ? List.of() : List.of(l));
        this.keywords = Keywords.ofWords(words);
    }

    /** {@code rules} as a rule set: itself when it is one. */
    static RuleSet of(List<Rule> rules) {
        if (rules instanceof RuleSet s) return s;
        return rules.isEmpty() ? EMPTY : new RuleSet(rules);
    }

    @Override public Rule get(int index) { return rules[index]; }

    @Override public int size() { return rules.length; }

    /**
     * Tells {@code hit} each rule that is on and matches {@code text}, in list order: a keyword of
     * it in the text, else its regex (run only when its required literal is in the text) within
     * the message's budgets.
     */
    void judge(JudgedText text, Consumer<Rule> hit) {
        int n = rules.length;
        if (n == 0) return;
        boolean[] found = new boolean[2 * n];
        if (keywords != null) keywords.find(text.text(), found);
        for (int i = 0; i < n; i++) {
            Rule r = rules[i];
            if (r.action() == Verdict.Kind.OFF) continue;
            // A regex whose literal is not in the text cannot match: it is not run and spends no budget.
            if (found[i] || (r.regex() != null && (literals[i] == null || found[n + i]) && text.regexMatches(r, null))) hit.accept(r);
        }
    }
}
