package qunzhu.features.quiz;

import com.ibm.icu.text.Transliterator;
import java.util.Locale;
import qunzhu.text.Normalizer;

/**
 * How a typed answer is compared with the accepted ones: NFKC (full-width "ＪＡＶＡ" is "java"),
 * invisibles removed, case folded, punctuation, symbols and spaces around it removed ("  java。"),
 * white space and middle dots inside removed ("詹姆斯·高斯林" is "詹姆斯高斯林"), and traditional
 * Chinese read as simplified by ICU's Traditional-Simplified transliterator ("網絡" is "网络").
 * Member text is only ever compared for equality with these forms: no pattern is built from it,
 * and text longer than {@link #MAX_CHARS} is no answer at all, so the cost of one message is bounded.
 */
final class Answers {
    /** A message longer than this (before normalising) is chatter, not an answer. */
    static final int MAX_CHARS = 200;

    private final Transliterator simplified = Transliterator.getInstance("Traditional-Simplified");

    /** The compared form of {@code text}, or null when it is too long or nothing is left. */
    String normalise(String text) {
        if (text == null || text.length() > MAX_CHARS) return null;
        String t = Normalizer.forAnswer(text);
        if (t.length() > MAX_CHARS * 2) return null;   // NFKC expanded it unreasonably
        StringBuilder inner = new StringBuilder(t.length());
        t.codePoints().filter(cp -> !Character.isWhitespace(cp) && !Character.isSpaceChar(cp) && cp != '·' && cp != '・' && cp != '•')
                .forEach(inner::appendCodePoint);
        String s = trimPunctuation(inner.toString());
        if (s.isEmpty()) return null;
        String out;
        synchronized (simplified) { out = simplified.transliterate(s); }
        return out.toLowerCase(Locale.ROOT);
    }

    /**
     * The choice a normalised answer names by letter or number ("b", "2"), 0-based, or -1:
     * {@code count} choices are A.. and 1...
     */
    static int choiceIndex(String normalised, int count) {
        if (normalised == null || normalised.isEmpty() || normalised.length() > 2) return -1;
        char c = normalised.charAt(0);
        if (normalised.length() == 1 && c >= 'a' && c < 'a' + Math.min(count, 26)) return c - 'a';
        try {
            int n = Integer.parseInt(normalised);
            return n >= 1 && n <= count ? n - 1 : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The letter shown for choice {@code i} (A, B, ...). */
    static String letter(int i) { return String.valueOf((char) ('A' + i)); }

    private static String trimPunctuation(String s) {
        int start = 0, end = s.length();
        while (start < end) {
            int cp = s.codePointAt(start);
            if (!edge(cp)) break;
            start += Character.charCount(cp);
        }
        while (end > start) {
            int cp = s.codePointBefore(end);
            if (!edge(cp)) break;
            end -= Character.charCount(cp);
        }
        return s.substring(start, end);
    }

    /**
     * Punctuation and symbols that may stand around an answer ("java。", "「网络」", "B!"); a
     * closing "+" or "#" belongs to the answer ("C++", "C#") and stays.
     */
    private static boolean edge(int cp) {
        if (cp == '+' || cp == '#') return false;
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }
}
