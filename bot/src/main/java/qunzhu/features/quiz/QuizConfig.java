package qunzhu.features.quiz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import qunzhu.config.BotSection;
import qunzhu.config.ConfigLoader;
import qunzhu.config.ConfigNode;

/**
 * {@code quiz:} (in config/quiz.yml): where the question banks are ({@code banks}, a folder
 * under the config directory, default {@code quiz}), the bank {@code /quiz start} uses when none
 * is named ({@code default_bank}) and how many questions a round asks ({@code questions}).
 * Every {@code *.yml} in the folder is a bank, checked at start like the rest of the config:
 * a bad entry stops start-up naming its file, line and key. Without a {@code quiz:} section,
 * the folder {@code quiz/} is still read when it exists; a named folder that is missing is a warning.
 */
record QuizConfig(Map<String, List<Bank>> banks, String defaultBank, int questions) {
    static final QuizConfig EMPTY = new QuizConfig(Map.of(), null, 5);
    static final int MAX_QUESTIONS = 50;
    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    QuizConfig {
        Map<String, List<Bank>> copy = new LinkedHashMap<>();
        banks.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        banks = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * The bank called {@code name} (the default one when null) in {@code locale}: the one written
     * for that locale, else one for any locale, else the first of that name. Null when none.
     */
    Bank find(String name, String locale) {
        String n = name != null ? name : defaultBank;
        if (n == null) {
            for (List<Bank> bs : banks.values()) for (Bank b : bs) if (locale.equals(b.locale())) return b;
            return banks.isEmpty() ? null : banks.values().iterator().next().get(0);
        }
        List<Bank> named = banks.get(n.toLowerCase(java.util.Locale.ROOT));
        if (named == null) return null;
        for (Bank b : named) if (locale.equals(b.locale())) return b;
        for (Bank b : named) if (b.locale() == null) return b;
        return named.get(0);
    }

    static final BotSection<QuizConfig> SECTION = new BotSection<>() {
        @Override public String key() { return "quiz"; }
        @Override public Class<QuizConfig> type() { return QuizConfig.class; }
        @Override public QuizConfig parse(ConfigNode n, BotSection.Known known) {
            Path dir = known.dir();
            boolean named = n.has("banks");
            String folder = n.string("banks", "quiz");
            String defaultBank = n.string("default_bank", null);
            int questions = n.integer("questions", 5, 1, MAX_QUESTIONS);
            n.done();
            Map<String, List<Bank>> banks = new LinkedHashMap<>();
            Path at = dir.resolve(folder == null ? "quiz" : folder);
            if (Files.isDirectory(at)) {
                Answers answers = new Answers();
                List<Path> files;
                try (Stream<Path> s = Files.list(at)) {
                    files = s.filter(p -> p.getFileName().toString().endsWith(".yml") || p.getFileName().toString().endsWith(".yaml"))
                            .filter(Files::isRegularFile).sorted().toList();
                } catch (IOException e) {
                    n.child("banks").error("cannot read the banks folder " + at + ": " + e.getMessage());
                    files = List.of();
                }
                for (Path f : files) {
                    Bank b = bank(n, f, answers);
                    if (b == null) continue;
                    List<Bank> same = banks.computeIfAbsent(b.name(), k -> new ArrayList<>());
                    if (same.stream().anyMatch(o -> java.util.Objects.equals(o.locale(), b.locale()))) {
                        n.child("banks").error("bank \"" + b.name() + "\"" + (b.locale() == null ? "" : " (" + b.locale() + ")")
                                + " is defined twice: " + f.getFileName());
                    } else {
                        same.add(b);
                    }
                }
            } else if (named) {
                // A warning, not an error: a config copied without its folders still starts (no quizzes).
                n.child("banks").warn("the banks folder " + at + " does not exist: /quiz start will find no bank");
            }
            if (defaultBank != null && !banks.containsKey(defaultBank) && Files.isDirectory(at)) {
                n.child("default_bank").error("unknown bank \"" + defaultBank + "\" (banks: " + String.join(", ", banks.keySet()) + ")");
                defaultBank = null;
            }
            return new QuizConfig(banks, defaultBank, questions);
        }
    };

    /** One bank file; null when its name is unusable or it cannot be read (errors recorded). */
    private static Bank bank(ConfigNode section, Path file, Answers answers) {
        String base = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String name = base, locale = null;
        int dot = base.indexOf('.');
        if (dot > 0) {
            name = base.substring(0, dot);
            locale = base.substring(dot + 1);
        }
        ConfigNode root = section.readFile(file);
        if (root == null) return null;
        if (!NAME.matcher(name).matches()) {
            root.error("a bank file is named <bank>.<locale>.yml with a lowercase bank name (letters, digits, _ or -), got \""
                    + file.getFileName() + "\"");
            return null;
        }
        if (locale != null && !ConfigLoader.LOCALES.contains(locale)) {
            root.error("unknown locale \"" + locale + "\" in the file name (expected one of: " + String.join(", ", ConfigLoader.LOCALES) + ")");
            return null;
        }
        if (!root.isMapping()) {
            root.error("expected a bank: title, scoring, questions");
            return null;
        }
        String title = root.string("title", name);
        Scoring scoring = Scoring.of(root.choice("scoring", "first", List.of("first", "all")));
        int points = root.integer("points", 10, 0, 10_000);
        Duration limit = limit(root, "time_limit", Duration.ofSeconds(60));
        boolean shuffle = root.bool("shuffle", true);
        List<Question> questions = new ArrayList<>();
        if (!root.has("questions")) root.error("missing required key \"questions\" (a list of question:, answers: ...)");
        for (ConfigNode q : root.items("questions")) {
            Question parsed = question(q, points, limit, answers);
            if (parsed != null) questions.add(parsed);
        }
        if (root.has("questions") && root.items("questions").isEmpty()) root.child("questions").error("a bank needs at least one question");
        root.done();
        return new Bank(name, locale, title, scoring, shuffle, questions, file.toString());
    }

    private static Duration limit(ConfigNode n, String key, Duration def) {
        Duration d = n.duration(key, def);
        if (d.compareTo(Duration.ofSeconds(5)) < 0 || d.compareTo(Duration.ofHours(1)) > 0) {
            n.child(key).error("must be between 5s and 1h, got " + d.toSeconds() + "s");
            return def;
        }
        return d;
    }

    private static Question question(ConfigNode q, int defPoints, Duration defLimit, Answers answers) {
        if (!q.isMapping()) {
            q.error("expected a question with question:, answers: ...");
            return null;
        }
        String text = q.required("question");
        List<String> raw = q.strings("answers");
        List<String> choices = q.strings("choices");
        String explanation = q.string("explanation", null);
        int points = q.integer("points", defPoints, 0, 10_000);
        Duration limit = limit(q, "time_limit", defLimit);
        List<String> tags = q.strings("tags");
        q.done();
        boolean ok = text != null;
        if (raw.isEmpty()) {
            if (!q.has("answers")) q.error("missing required key \"answers\" (the accepted answers, e.g. [Java, java语言])");
            else q.child("answers").error("expected at least one accepted answer");
            ok = false;
        }
        if (!choices.isEmpty() && (choices.size() < 2 || choices.size() > 10)) {
            q.child("choices").error("expected 2 to 10 choices, got " + choices.size());
            ok = false;
        }
        Set<String> accepted = new LinkedHashSet<>();
        Set<Integer> correct = new LinkedHashSet<>();
        List<String> normChoices = new ArrayList<>();
        for (String c : choices) {
            String nc = answers.normalise(c);
            if (nc == null) { q.child("choices").error("choice \"" + c + "\" is empty once normalised"); ok = false; }
            normChoices.add(nc);
        }
        for (String a : raw) {
            String na = answers.normalise(a);
            if (na == null) {
                q.child("answers").error("answer \"" + a + "\" is empty once normalised (or longer than " + Answers.MAX_CHARS + " characters)");
                ok = false;
                continue;
            }
            if (!choices.isEmpty()) {
                int i = normChoices.indexOf(na);
                if (i < 0) i = Answers.choiceIndex(na, choices.size());
                if (i >= 0) correct.add(i);
                else accepted.add(na);   // one more accepted spelling of a right choice
            } else {
                accepted.add(na);
            }
        }
        if (!choices.isEmpty() && correct.isEmpty() && ok) {
            q.child("answers").error("with choices, an answer must name a right choice by its text, letter or number (choices: "
                    + String.join(", ", choices) + ")");
            ok = false;
        }
        return ok ? new Question(text, raw, accepted, choices, normChoices, correct, explanation, points, limit, tags) : null;
    }
}
