package qunzhu.features.moderation;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import java.util.function.Consumer;

/**
 * An immutable list of rules, ready to judge: one {@link Keywords} automaton over all their
 * keywords and, per regex, the literal its matches need ({@link RegexLiteral}). Built once per
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
        this.keywords = Keywords.of(rules);
        this.literals = new String[this.rules.length];
        for (int i = 0; i < this.rules.length; i++) {
            if (this.rules[i].regex() != null) literals[i] = RegexLiteral.required(this.rules[i].regex());
        }
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
        if (rules.length == 0) return;
        boolean[] found = null;
        if (keywords != null) {
            found = new boolean[rules.length];
            keywords.find(text.text(), found);
        }
        for (int i = 0; i < rules.length; i++) {
            Rule r = rules[i];
            if (r.action() == Verdict.Kind.OFF) continue;
            if ((found != null && found[i]) || text.regexMatches(r, literals[i])) hit.accept(r);
        }
    }
}
