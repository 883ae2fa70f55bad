package qunzhu.features.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import qunzhu.config.ConfigNode;
import qunzhu.config.GroupConfig;
import qunzhu.config.GroupSection;
import qunzhu.config.Strategy;

/**
 * How a group treats people who just joined: verification (mode, time limit, attempts,
 * questions) and newcomer restrictions (no links or media for the first {@code restrictFor}
 * or the first {@code restrictMessages} messages, whichever ends first).
 *
 * <p>Each management strategy presets these ({@link #preset}); the group's or profile's
 * {@code newcomers:} section overrides them key by key ({@link Overrides}), so a group that
 * changes one key keeps the rest of its strategy's preset. Moderation presets live in the
 * moderation feature's own config record, keyed by the same {@link Strategy}.
 */
public record NewcomerConfig(Mode verify, Duration verifyWithin, int attempts, List<Question> questions,
                             Duration restrictFor, int restrictMessages) {
    public enum Mode {
        NONE, BUTTON, QUESTION;
        public String key() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    /** A verification question and the answers accepted (compared after Normalizer.forAnswer). */
    public record Question(String ask, List<String> answers) {
        public Question { answers = List.copyOf(answers); }
    }

    public NewcomerConfig { questions = List.copyOf(questions); }

    public static final Duration DEFAULT_WITHIN = Duration.ofMinutes(5);
    public static final int DEFAULT_ATTEMPTS = 3;

    /** What each strategy does with newcomers before any override. */
    public static NewcomerConfig preset(Strategy s) {
        return switch (s) {
            case CENTRALIZED -> new NewcomerConfig(Mode.BUTTON, DEFAULT_WITHIN, DEFAULT_ATTEMPTS, List.of(), Duration.ofHours(24), 5);
            case LAYERED -> new NewcomerConfig(Mode.BUTTON, DEFAULT_WITHIN, DEFAULT_ATTEMPTS, List.of(), Duration.ofHours(12), 3);
            case SELF_GOVERNED -> new NewcomerConfig(Mode.BUTTON, DEFAULT_WITHIN, DEFAULT_ATTEMPTS, List.of(), Duration.ofHours(6), 1);
            case LAISSEZ_FAIRE -> new NewcomerConfig(Mode.NONE, DEFAULT_WITHIN, DEFAULT_ATTEMPTS, List.of(), Duration.ZERO, 0);
        };
    }

    /**
     * The settings in force for a group: its strategy's preset under its own keys. A
     * centralized group that lists questions but names no mode asks a question.
     */
    public static NewcomerConfig of(GroupConfig g) {
        Overrides o = g.section(Overrides.class);
        NewcomerConfig p = preset(g.strategy());
        List<Question> questions = o.questions() != null ? o.questions() : p.questions();
        Mode mode = o.verify() != null ? o.verify()
                : g.strategy() == Strategy.CENTRALIZED && !questions.isEmpty() ? Mode.QUESTION : p.verify();
        if (mode == Mode.QUESTION && questions.isEmpty()) mode = Mode.BUTTON;
        return new NewcomerConfig(mode,
                o.verifyWithin() != null ? o.verifyWithin() : p.verifyWithin(),
                o.attempts() != null ? o.attempts() : p.attempts(),
                questions,
                o.restrictFor() != null ? o.restrictFor() : p.restrictFor(),
                o.restrictMessages() != null ? o.restrictMessages() : p.restrictMessages());
    }

    public boolean verifies() { return verify != Mode.NONE; }

    public boolean restricts() { return !restrictFor.isZero() && restrictMessages > 0; }

    /** The {@code newcomers:} keys a group or profile set; null means "the strategy's preset". */
    public record Overrides(Mode verify, Duration verifyWithin, Integer attempts, List<Question> questions,
                            Duration restrictFor, Integer restrictMessages) {}

    public static final GroupSection<Overrides> SECTION = new GroupSection<>() {
        @Override public String key() { return "newcomers"; }
        @Override public Class<Overrides> type() { return Overrides.class; }
        @Override public Overrides parse(ConfigNode n) {
            String mode = n.choice("verify", null, List.of("none", "button", "question"));
            Duration within = n.duration("verify_within", null);
            if (within != null && within.isZero()) { n.child("verify_within").error("must be longer than 0s, like 5m"); within = null; }
            Integer attempts = n.has("attempts") ? n.integer("attempts", DEFAULT_ATTEMPTS, 1, 10) : null;
            List<Question> questions = n.has("questions") ? questions(n) : null;
            Duration restrictFor = n.duration("restrict_for", null);
            Integer restrictMessages = n.has("restrict_messages") ? n.integer("restrict_messages", 0, 0, 1000) : null;
            n.done();
            if ("question".equals(mode) && questions != null && questions.isEmpty()) {
                n.child("questions").error("verify: question needs at least one question with answers");
            }
            return new Overrides(mode == null ? null : Mode.valueOf(mode.toUpperCase(java.util.Locale.ROOT)), within, attempts,
                    questions, restrictFor, restrictMessages);
        }
    };

    private static List<Question> questions(ConfigNode n) {
        List<Question> out = new ArrayList<>();
        for (ConfigNode q : n.items("questions")) {
            if (!q.isMapping()) { q.error("expected a question like {ask: \"...\", answers: [\"...\"]}"); continue; }
            String ask = q.required("ask");
            List<String> answers = q.strings("answers");
            if (answers.isEmpty()) q.error("missing answers: list the accepted answers, like answers: [\"java\"]");
            q.done();
            if (ask != null && !answers.isEmpty()) out.add(new Question(ask, answers));
        }
        return out;
    }
}
