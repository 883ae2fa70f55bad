package qunzhu.features.moderation;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CharSequence that counts how often the regex engine reads it and gives up when a
 * {@link Budget} of reads or its time limit is spent. java.util.regex has no timeout; every
 * backtracking step reads a character, so a pathological pattern such as {@code (a+)+$} on a
 * long input is stopped here instead of hanging the pipeline.
 */
final class GuardedText implements CharSequence {
    /** Thrown when the budget is spent. */
    static final class TooSlow extends RuntimeException {
        TooSlow() { super("regex budget exceeded", null, false, false); }
    }

    /**
     * Reads that the regexes of one message may make between them, with a wall-clock backstop
     * for a machine too busy to keep up. A linear pattern reads a character once or twice, so
     * {@link #MESSAGE_STEPS} lets fifty ordinary patterns read a 4 K message (a Telegram
     * message) whole, or a few read a 64 K one; a read costs a few nanoseconds, so a spent
     * budget has cost a few milliseconds. One per message and thread: not thread-safe.
     */
    static final class Budget {
        /** Reads for a message's patterns on its whole normalised text. */
        static final long MESSAGE_STEPS = 600_000;
        /** Reads for what is left to judge on its bounded form, once the first budget is spent. */
        static final long BOUNDED_STEPS = 150_000;
        static final long NANOS = 20_000_000;

        private final long limit;
        private final long deadline;
        private long used;

        Budget(long steps, long nanos) {
            this.limit = steps;
            this.deadline = System.nanoTime() + nanos;
        }

        static Budget forMessage() { return new Budget(MESSAGE_STEPS, NANOS); }

        static Budget forBounded() { return new Budget(BOUNDED_STEPS, NANOS); }

        /** Reads made so far. */
        long used() { return used; }

        boolean spent() { return used >= limit; }

        /** Spends what is left: nothing more runs on this budget. */
        void spend() { used = Math.max(used, limit); }

        void read() {
            long n = ++used;
            if (n > limit || ((n & 0xFFF) == 0 && System.nanoTime() > deadline)) {
                spend();
                throw new TooSlow();
            }
        }
    }

    private final String text;
    private final Budget budget;

    private GuardedText(String text, Budget budget) {
        this.text = text;
        this.budget = budget;
    }

    /** Finds {@code pattern} in {@code text} with a budget of its own; throws {@link TooSlow} when it runs out. */
    static boolean find(Pattern pattern, String text) {
        return find(pattern, text, Budget.forMessage());
    }

    /** Finds {@code pattern} in {@code text}, spending {@code budget}; throws {@link TooSlow} when it runs out. */
    static boolean find(Pattern pattern, String text, Budget budget) {
        if (budget.spent()) throw new TooSlow();
        Matcher m = pattern.matcher(new GuardedText(text, budget));
        return m.find();
    }

    @Override public char charAt(int index) {
        budget.read();
        return text.charAt(index);
    }

    @Override public int length() { return text.length(); }

    @Override public CharSequence subSequence(int start, int end) {
        return new GuardedText(text.substring(start, end), budget);
    }

    @Override public String toString() { return text; }
}
