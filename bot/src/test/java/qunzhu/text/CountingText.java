package qunzhu.text;

/**
 * A CharSequence that counts the reads of whoever scans it (a regex engine reads one
 * character per step) and fails once they pass a limit, so a quadratic scan fails fast instead
 * of running for minutes. Measures work in steps, not time.
 */
public final class CountingText implements CharSequence {
    /** Thrown when the reads pass the limit. */
    public static final class TooManyReads extends RuntimeException {
        TooManyReads(long limit, int length) {
            super("more than " + limit + " reads of a " + length + "-char text", null, false, false);
        }
    }

    private final String text;
    private final long limit;
    private final long[] reads;

    private CountingText(String text, long limit, long[] reads) {
        this.text = text;
        this.limit = limit;
        this.reads = reads;
    }

    /** Allows at most {@code readsPerChar} reads per character of {@code text}. */
    public static CountingText of(String text, int readsPerChar) {
        return new CountingText(text, (long) readsPerChar * Math.max(1, text.length()), new long[1]);
    }

    public long reads() { return reads[0]; }

    @Override public char charAt(int index) {
        if (++reads[0] > limit) throw new TooManyReads(limit, text.length());
        return text.charAt(index);
    }

    @Override public int length() { return text.length(); }

    @Override public CharSequence subSequence(int start, int end) { return new CountingText(text.substring(start, end), limit, reads); }

    @Override public String toString() { return text; }
}
