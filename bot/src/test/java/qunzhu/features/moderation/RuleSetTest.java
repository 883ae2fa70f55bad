package qunzhu.features.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import qunzhu.config.ConfigException;

/**
 * The rule-list matcher (one keyword automaton, regexes skipped when their required literal is
 * absent) hits exactly the rules that asking each rule in turn hits, on random rule lists and
 * texts (fixed seeds, so a failure repeats).
 */
class RuleSetTest {
    /** Few letters, so keywords overlap, share prefixes and suffixes, and often occur. */
    private static final String[] ALPHABET = {"a", "b", "c", "ab", "关", "键", "词", "\uD83D\uDE00", " ", "1"};

    @Test void keywordRulesHitWhatEachRuleAskedInTurnHits() {
        Random rnd = new Random(20261201L);
        int compared = 0;
        int hits = 0;
        for (int round = 0; round < 300; round++) {
            List<Rule> rules = new ArrayList<>();
            int n = 1 + rnd.nextInt(60);
            for (int i = 0; i < n; i++) {
                List<String> keywords = new ArrayList<>();
                for (int k = rnd.nextInt(4); k > 0; k--) keywords.add(word(rnd, rnd.nextInt(5)));
                if (keywords.isEmpty()) keywords.add(word(rnd, 1 + rnd.nextInt(3)));
                Verdict.Kind action = rnd.nextInt(10) == 0 ? Verdict.Kind.OFF : Verdict.Kind.DELETE;
                rules.add(new Rule("r" + i, keywords, null, action, null));
            }
            RuleSet set = RuleSet.of(rules);
            for (int t = 0; t < 40; t++) {
                JudgedText text = JudgedText.of(word(rnd, rnd.nextInt(30)), (r, c, g) -> {});
                List<String> expected = naive(rules, text.text());
                List<String> got = new ArrayList<>();
                set.judge(text, r -> got.add(r.name()));
                assertEquals(expected, got, "rules " + rules + " on \"" + text.text() + "\"");
                compared++;
                hits += got.size();
            }
        }
        assertEquals(12_000, compared);
        assertTrue(hits > 10_000, "the random cases hit often enough to mean something: " + hits);
    }

    @Test void regexRulesHitWhatRunningEveryRegexHits() {
        Random rnd = new Random(7L);
        int withLiteral = 0;
        int hits = 0;
        for (int round = 0; round < 300; round++) {
            List<Rule> rules = new ArrayList<>();
            int n = 1 + rnd.nextInt(12);
            for (int i = 0; i < n; i++) {
                String regex = regex(rnd);
                List<String> keywords = rnd.nextInt(4) == 0 ? List.of(word(rnd, 2)) : List.of();
                rules.add(new Rule("re" + i, keywords, Rule.compile(regex), Verdict.Kind.WARN, null));
                if (RegexLiteral.required(Rule.compile(regex)) != null) withLiteral++;
            }
            RuleSet set = RuleSet.of(rules);
            for (int t = 0; t < 40; t++) {
                JudgedText text = JudgedText.of(word(rnd, rnd.nextInt(25)), (r, c, g) -> {});
                List<String> expected = naive(rules, text.text());
                List<String> got = new ArrayList<>();
                set.judge(text, r -> got.add(r.name()));
                assertEquals(expected, got, "rules " + rules.stream().map(r -> r.regex().pattern()).toList() + " on \"" + text.text() + "\"");
                hits += got.size();
            }
        }
        assertTrue(withLiteral > 500, "most random regexes have a required literal, so the prefilter is exercised: " + withLiteral);
        assertTrue(hits > 5_000, "the random cases hit often enough to mean something: " + hits);
    }

    @Test void theRequiredLiteralOfARegex() {
        assertEquals("promo", RegexLiteral.required(Rule.compile("promo\\d{3}[a-z]+")));
        assertEquals("promo", RegexLiteral.required(Rule.compile("PROMO\\d+")), "ASCII folded, as the judged text is");
        assertEquals("abc", RegexLiteral.required(Rule.compile("(?:x|y)abc[0-9]?")));
        assertEquals("a.b", RegexLiteral.required(Rule.compile("xy?a\\.b")));
        assertEquals("关键词", RegexLiteral.required(Rule.compile("关键词\\s*\\d")));
        assertNull(RegexLiteral.required(Rule.compile("spam|ham")), "a top-level alternation needs neither side");
        assertNull(RegexLiteral.required(Rule.compile("x*y?")));
        assertNull(RegexLiteral.required(Rule.compile("(?x) a b")), "free-spacing mode: spaces are not literal");
        assertNull(RegexLiteral.required(Rule.compile("\\Qa|b\\E")));
    }

    @Test void rulesWithAMistakeAreReportedInEveryProfileThatHasThem(@TempDir Path dir) throws java.io.IOException {
        Files.writeString(dir.resolve("a.yml"), """
                profiles:
                  one:
                    moderation: {blocklist: [{name: bad, regex: "promo(", action: warn}]}
                  two:
                    moderation: {blocklist: [{name: bad, regex: "promo(", action: warn}]}
                groups:
                  g1: {chat: "sandbox:g1", profile: one}
                  g2: {chat: "sandbox:g2", profile: two}
                """);
        ConfigException e = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> qunzhu.app.Wiring.loader(k -> null).load(dir));
        String all = e.getMessage();
        assertTrue(all.contains("profiles.one.moderation.blocklist[0].regex"), all);
        assertTrue(all.contains("profiles.two.moderation.blocklist[0].regex"), all);
    }

    @Test void groupsWithTheSameBlocklistJudgeByIt(@TempDir Path dir) throws java.io.IOException {
        Files.writeString(dir.resolve("a.yml"), """
                profiles:
                  one:
                    moderation: {blocklist: [{name: promo, regex: "promo\\\\d+", action: warn}, {name: words, keywords: [BadWord]}]}
                groups:
                  g1: {chat: "sandbox:g1", profile: one}
                  g2: {chat: "sandbox:g2", profile: one, moderation: {flood: {messages: 20}}}
                  g3: {chat: "sandbox:g3", moderation: {blocklist: [{name: promo, regex: "promo\\\\d+", action: warn}, {name: words, keywords: [BadWord]}]}}
                """);
        var config = qunzhu.app.Wiring.loader(k -> null).load(dir);
        for (String g : List.of("g1", "g2", "g3")) {
            Engine engine = new Engine(java.time.ZoneId.of("UTC"), 1000, java.time.Duration.ofMinutes(1), () -> 0L); // no ad wave across the groups
            ModerationConfig p = config.groups().get(g).section(ModerationConfig.class);
            assertEquals("promo", engine.check("sandbox:" + g, "m", "1", "PROMO 42? promo42!", java.time.Instant.EPOCH, p), g);
            assertEquals("words", engine.check("sandbox:" + g, "m", "2", "a ｂａｄｗｏｒｄ here", java.time.Instant.EPOCH, p), g);
            assertNull(engine.check("sandbox:" + g, "m", "3", "promo day", java.time.Instant.EPOCH, p), g);
        }
    }

    /** The rules that {@link JudgedText#matches} (each rule in turn: keywords, then its regex) hits, in order. */
    private static List<String> naive(List<Rule> rules, String normalised) {
        JudgedText fresh = JudgedText.of(normalised, (r, c, g) -> {});
        assertEquals(normalised, fresh.text(), "the normalised form is stable");
        List<String> out = new ArrayList<>();
        for (Rule r : rules) if (r.action() != Verdict.Kind.OFF && fresh.matches(r)) out.add(r.name());
        return out;
    }

    private static String word(Random rnd, int pieces) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < pieces; i++) b.append(ALPHABET[rnd.nextInt(ALPHABET.length)]);
        return b.toString();
    }

    /** A random regex over the alphabet: literals, classes, groups, alternations and quantifiers. */
    private static String regex(Random rnd) {
        String[] atoms = {"a", "b", "c", "关", "键", "1", ".", "[ab]", "[^a]", "(?:a|bc)", "(b)", "\\d", "\\s", "\\.", "A", "B", "\uD83D\uDE00"};
        String[] quantifiers = {"", "", "", "", "?", "*", "+", "{0,2}", "{1,2}", "{2}", "??", "*+"};
        StringBuilder b = new StringBuilder();
        if (rnd.nextInt(8) == 0) b.append("^");
        for (int i = 1 + rnd.nextInt(5); i > 0; i--) b.append(atoms[rnd.nextInt(atoms.length)]).append(quantifiers[rnd.nextInt(quantifiers.length)]);
        if (rnd.nextInt(10) == 0) b.append("|").append(atoms[rnd.nextInt(atoms.length)]);
        if (rnd.nextInt(8) == 0) b.append("$");
        return b.toString();
    }

    @Test void aPatternIsCompiledWithAsciiFoldingOnly() {
        assertEquals(Pattern.CASE_INSENSITIVE, Rule.compile("x").flags(), "RegexLiteral relies on it");
    }
}
