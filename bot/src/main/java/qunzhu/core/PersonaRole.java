package qunzhu.core;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The role a bot account plays, which features ask for when they speak: one of the known
 * roles ({@link #HOST}, {@link #MODERATOR}, {@link #QUIZMASTER}, {@link #REPORTER},
 * {@link #EXPERT}) or a custom one the config defines under {@code personas:}. Stored and
 * configured by its {@link #name()}.
 */
public record PersonaRole(String name) {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    /** Greets, answers members, posts announcements; the fallback for every other role. */
    public static final PersonaRole HOST = new PersonaRole("host");
    /** Speaks for moderation: warnings, mutes, refusals. */
    public static final PersonaRole MODERATOR = new PersonaRole("moderator");
    public static final PersonaRole QUIZMASTER = new PersonaRole("quizmaster");
    /** Digests, reports and notes to the operators' log chat. */
    public static final PersonaRole REPORTER = new PersonaRole("reporter");
    public static final PersonaRole EXPERT = new PersonaRole("expert");

    public static final Set<PersonaRole> KNOWN = Set.of(HOST, MODERATOR, QUIZMASTER, REPORTER, EXPERT);

    public PersonaRole {
        Objects.requireNonNull(name, "persona role");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a persona role is a lowercase name (letters, digits, _ or -), got \"" + name + "\"");
        }
    }

    /** The role named {@code name}; null stays null. */
    public static PersonaRole of(String name) { return name == null ? null : new PersonaRole(name); }

    public boolean known() { return KNOWN.contains(this); }

    @Override public String toString() { return name; }
}
