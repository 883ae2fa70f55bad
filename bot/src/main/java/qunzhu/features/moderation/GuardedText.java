package qunzhu.features.moderation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CharSequence that counts how often the regex engine reads it and gives up past a budget
 * of reads or a time limit. java.util.regex has no timeout; every backtracking step reads a
 * character, so a pathological pattern such as {@code (a+)+$} on a long input is stopped here
 * instead of hanging the pipeline.
 */
final class GuardedText implements CharSequence {
    /** Thrown when the budget is spent. */
    static final class TooSlow extends RuntimeException {
        TooSlow() { super("regex budget exceeded", null, false, false); }
    }

    static final long DEFAULT_STEPS = 2_000_000;
    static final long DEFAULT_NANOS = 50_000_000;

    private final String text;
    private final long deadline;
    private final long[] steps;
    private final long budget;

    private GuardedText(String text, long[] steps, long budget, long deadline) {
        this.text = text;
        this.steps = steps;
        this.budget = budget;
        this.deadline = deadline;
    }

    static GuardedText of(String text) {
        return new GuardedText(text, new long[1], DEFAULT_STEPS, System.nanoTime() + DEFAULT_NANOS);
    }

    /** Finds {@code pattern} in {@code text}; throws {@link TooSlow} when the budget runs out. */
    static boolean find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(of(text));
        return m.find();
    }

    @Override public char charAt(int index) {
        long n = ++steps[0];
        if (n > budget || ((n & 0xFFF) == 0 && System.nanoTime() > deadline)) throw new TooSlow();
        return text.charAt(index);
    }

    @Override public int length() { return text.length(); }

    @Override public CharSequence subSequence(int start, int end) {
        return new GuardedText(text.substring(start, end), steps, budget, deadline);
    }

    @Override public String toString() { return text; }
}
