package qunzhu.text;

import com.ibm.icu.text.SpoofChecker;
import java.text.Normalizer.Form;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Text as filters and answer checks should see it.
 *
 * <p>{@link #forMatching} is the form every filter judges: compatibility forms folded
 * (full-width letters and digits become ASCII), lower case, combining marks removed ("ｖ́ｘ"
 * and "加" followed by 800 accents are "vx" and "加"), invisible characters removed (zero-width
 * spaces and joiners, BOM, bidi controls, soft hyphen, U+034F, variation selectors 1-256) and lone
 * surrogates removed, runs of white space collapsed to one space, letters of other scripts that
 * pose as Latin ones read as those (Cyrillic "vх" and Greek "νx" are "vx": the confusables
 * skeleton of UTS #39, letter by letter, taken only where it is one or two ASCII letters and
 * only in words that mix it with ASCII or are all look-alikes, so Chinese text, Russian words
 * and ASCII letters and digits stay as they are), white space, punctuation and symbols
 * between two CJK characters removed ("加.微.信", "加-微-信", "加 微 信" and "加🍎微信" are "加微信"),
 * and letters spaced out to dodge a filter ("a d d  w e c h a t") joined again. Every step is linear in the length of the text, so a
 * hostile message costs no more than a long one: the canonical reordering inside Unicode
 * normalisation sorts runs of combining marks, which is quadratic on a long run of marks of
 * alternating classes, so runs are first cut to {@value #MAX_MARKS_IN_A_ROW} marks (the limit of
 * UAX #15's stream-safe format; no script needs more).
 *
 * <p>{@link #forJudging} is the same, bounded: a message longer than {@value #JUDGED_CHARS}
 * characters is judged on its head and tail.
 */
public final class Normalizer {
    /** UAX #15 "Stream-Safe Text Format": no more than 30 non-starters in a row. */
    static final int MAX_MARKS_IN_A_ROW = 30;
    /** Characters of a message the filters judge at most, before and after normalising. */
    public static final int JUDGED_CHARS = 64 * 1024;
    private static final int JUDGED_TAIL = 16 * 1024;
    /** Separators in a row between two CJK characters that are removed; a longer run stays (it is layout, not a trick). */
    static final int MAX_CJK_SEPARATORS = 4;
    /** Immutable once built, safe to share between threads; only its skeleton is used. */
    private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder().build();

    private Normalizer() {}

    /**
     * Full normalisation for matching: NFKC, lower case, combining marks, invisibles and lone
     * surrogates removed, white space collapsed and trimmed, Latin look-alikes read as Latin,
     * separators between CJK characters removed, spaced letters joined.
     */
    public static String forMatching(String text) {
        if (text == null || text.isEmpty()) return "";
        String plain = plain(text);
        // Plain text (ASCII, CJK ideographs, full-width ASCII): the Unicode steps change nothing
        // but what plain() did, and it has no look-alikes.
        if (plain != null) return joinSpacedOut(joinCjk(plain));
        return fullyForMatching(text);
    }

    /** {@link #forMatching} by every step, whatever the text: what it answers for text that is not plain. */
    static String fullyForMatching(String text) {
        if (text == null || text.isEmpty()) return "";
        // NFKD, then drop the marks and invisibles, then NFC: NFKC of the text without its marks,
        // so "é" (one code point) and "e" + U+0301 both become "e".
        String decomposed = java.text.Normalizer.normalize(capMarkRuns(text), Form.NFKD).toLowerCase(Locale.ROOT);
        String stripped = stripMarksAndCollapse(decomposed);
        String composed = java.text.Normalizer.normalize(stripped, Form.NFC);
        return joinSpacedOut(joinCjk(latinLookAlikes(composed)));
    }

    /**
     * When every character of {@code text} is printable ASCII, a space, tab, line break, a CJK
     * ideograph (U+4E00 to U+9FEF), "、", "。", the ideographic space or a full-width form of
     * ASCII (U+FF01 to U+FF5E): the text with full-width forms as ASCII (their NFKC), ASCII lower
     * case, white space collapsed to one space and trimmed. Else null. These characters have no
     * marks, no decompositions but the full-width ones, compose with nothing and are no Latin
     * look-alikes, so this is what NFKD, lower case, stripping, NFC and the look-alike step make
     * of such text, in one pass.
     */
    static String plain(String text) {
        int n = text.length();
        char[] out = new char[n];
        int len = 0;
        boolean space = false;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (c > ' ' && c < 0x7F) {
                    if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
                } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
                    space = true;
                    continue;
                } else {
                    return null;
                }
            } else if (c >= 0xFF01 && c <= 0xFF5E) {
                c -= 0xFEE0;
                if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
            } else if (c == 0x3000) {
                space = true;
                continue;
            } else if (!((c >= 0x4E00 && c <= 0x9FEF) || c == 0x3001 || c == 0x3002)) {
                return null;
            }
            if (space && len > 0) out[len++] = ' ';
            space = false;
            out[len++] = c;
        }
        return new String(out, 0, len);
    }

    /**
     * {@link #forMatching} of at most the first 48 K and the last 16 K characters of {@code text},
     * itself cut the same way when normalising expanded it (one "ﷺ" becomes 18 characters):
     * what the filters judge, at most {@value #JUDGED_CHARS} characters.
     */
    public static String forJudging(String text) {
        return headAndTail(forMatching(headAndTail(text, JUDGED_CHARS - JUDGED_TAIL, JUDGED_TAIL)), JUDGED_CHARS - JUDGED_TAIL, JUDGED_TAIL);
    }

    /**
     * {@code text} when it has at most {@code head + tail} characters; else its first
     * {@code head} and last {@code tail} characters joined by a space (never splitting a
     * surrogate pair).
     */
    public static String headAndTail(String text, int head, int tail) {
        if (text == null) return "";
        if (text.length() <= head + tail) return text;
        int h = head;
        if (h > 0 && Character.isHighSurrogate(text.charAt(h - 1))) h--;
        int t = text.length() - tail;
        if (t < text.length() && Character.isLowSurrogate(text.charAt(t))) t++;
        return text.substring(0, h) + " " + text.substring(t);
    }

    /** {@code text} without its non-spacing and enclosing marks, in NFC ("Café" → "Cafe"); nothing else changes. */
    public static String stripMarks(String text) {
        StringBuilder out = new StringBuilder(text.length());
        java.text.Normalizer.normalize(capMarkRuns(text), Form.NFD).codePoints().filter(cp -> {
            int type = Character.getType(cp);
            return type != Character.NON_SPACING_MARK && type != Character.ENCLOSING_MARK;
        }).forEach(out::appendCodePoint);
        return java.text.Normalizer.normalize(out, Form.NFC);
    }

    /** For comparing a typed answer with the expected one: NFKC, invisibles removed, case folded, spaces trimmed and collapsed. */
    public static String forAnswer(String text) {
        if (text == null) return "";
        String t = stripInvisible(java.text.Normalizer.normalize(capMarkRuns(text), Form.NFKC)).toLowerCase(Locale.ROOT).strip();
        return collapseSpaces(t);
    }

    /**
     * Characters that show nothing: format and control characters (but newline, tab and
     * carriage return), lone surrogates, U+034F, variation selectors 1-256, Hangul fillers and U+180E.
     */
    public static boolean invisible(int cp) {
        return switch (Character.getType(cp)) {
            case Character.FORMAT, Character.CONTROL -> cp != '\n' && cp != '\t' && cp != '\r';
            case Character.SURROGATE -> true;   // a lone surrogate (a pair is one code point): not text
            default -> (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xE0100 && cp <= 0xE01EF) || cp == 0x034F || cp == 0x180E
                    || cp == 0x3164 || cp == 0x115F || cp == 0x1160 || cp == 0xFFA0;
        };
    }

    /** Combining marks of any kind: non-spacing (accents), enclosing and spacing. */
    static boolean mark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    /** {@code text} without its {@link #invisible} characters (the same string when it has none: most messages). */
    public static String stripInvisible(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            if (invisible(cp)) {
                if (out == null) out = new StringBuilder(text.length()).append(text, 0, i);
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += n;
        }
        return out == null ? text : out.toString();
    }

    /** Keeps at most {@value #MAX_MARKS_IN_A_ROW} combining marks in a row; the rest are dropped. */
    static String capMarkRuns(String text) {
        StringBuilder out = null;
        int run = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            run = mark(cp) ? run + 1 : 0;
            if (run > MAX_MARKS_IN_A_ROW) {
                if (out == null) out = new StringBuilder(text.length()).append(text, 0, i);
            } else if (out != null) {
                out.appendCodePoint(cp);
            }
            i += n;
        }
        return out == null ? text : out.toString();
    }

    /**
     * Drops non-spacing and enclosing marks (spacing marks are vowels in Indic scripts and
     * stay) and invisibles; turns each run of white space into one space; trims.
     */
    private static String stripMarksAndCollapse(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp)) { space = true; continue; }
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || invisible(cp)) continue;
            if (space && out.length() > 0) out.append(' ');
            space = false;
            out.appendCodePoint(cp);
        }
        return out.toString();
    }

    private static String collapseSpaces(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) { space = true; continue; }
            if (space && out.length() > 0) out.append(' ');
            space = false;
            out.append(c);
        }
        return out.toString();
    }

    /**
     * Letters of other scripts that look like Latin ones, read as those in the words where they
     * pose as Latin: each letter outside ASCII and the CJK scripts whose UTS #39 skeleton is one
     * or two ASCII letters becomes those letters in lower case (Cyrillic "а", "х", Greek "ν",
     * Cherokee "Ꮩ"), in a word (a run of letters and digits) that also holds ASCII letters or
     * digits ("vх123") or whose every letter has such a skeleton ("ѵх"). A Russian word like
     * "привет" stays Cyrillic; ASCII "m", "0" and "1" (skeletons "rn", "O", "l") and Chinese text
     * are never touched. One skeleton look-up per such letter, one pass per word: linear.
     */
    static String latinLookAlikes(String text) {
        StringBuilder out = new StringBuilder(text.length());
        List<String> latin = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (!Character.isLetterOrDigit(cp)) {
                out.appendCodePoint(cp);
                i += Character.charCount(cp);
                continue;
            }
            // One word: look up each letter once, then decide for the whole word.
            int start = i;
            boolean ascii = false, allLookAlike = true, anyLookAlike = false;
            latin.clear();
            while (i < text.length()) {
                int c = text.codePointAt(i);
                if (!Character.isLetterOrDigit(c)) break;
                String l = null;
                if (c < 0x80) ascii = true;
                else if (Character.isLetter(c) && !cjk(c)) l = asciiSkeleton(c);
                if (l != null) anyLookAlike = true;
                else if (c >= 0x80) allLookAlike = false;
                latin.add(l);
                i += Character.charCount(c);
            }
            if (!anyLookAlike || !(ascii || allLookAlike)) {
                out.append(text, start, i);
                continue;
            }
            int k = 0;
            for (int j = start; j < i; k++) {
                int c = text.codePointAt(j);
                if (latin.get(k) != null) out.append(latin.get(k)); else out.appendCodePoint(c);
                j += Character.charCount(c);
            }
        }
        return out.toString();
    }

    private static String asciiSkeleton(int cp) {
        String s = CONFUSABLES.getSkeleton(new String(Character.toChars(cp)));
        if (s.isEmpty() || s.length() > 2) return null;
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c >= 0x80 || !Character.isLetter(c)) return null;
        }
        return s.toLowerCase(Locale.ROOT);
    }

    /**
     * Han, kana and Bopomofo: scripts written without spaces between words, so a space or a dot
     * inside a word is there to split it. (Korean puts spaces between words: Hangul is not here.)
     */
    static boolean cjk(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA || s == Character.UnicodeScript.KATAKANA
                || s == Character.UnicodeScript.BOPOMOFO;
    }

    /** White space, punctuation and symbols (emoji among them): what is put between characters to split a word. */
    private static boolean separator(int cp) {
        if (cp == ' ') return true;
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                 Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL, Character.SPACE_SEPARATOR -> true;
            default -> false;
        };
    }

    /**
     * Removes each run of at most {@value #MAX_CJK_SEPARATORS} separators that stands between two
     * CJK characters ("加.微.信" → "加微信", "扫-码" → "扫码"); separators next to other letters stay
     * ("t.me", "v1.2"). One pass: each run is read once.
     */
    static String joinCjk(String text) {
        StringBuilder out = null;
        int i = 0;
        int prev = -1;   // the code point before i, or -1
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (prev >= 0 && separator(cp) && cjk(prev)) {
                int j = i, count = 0;
                int next = -1;
                while (j < text.length()) {
                    int c = text.codePointAt(j);
                    if (!separator(c)) { next = c; break; }
                    count++;
                    j += Character.charCount(c);
                }
                if (next >= 0 && count <= MAX_CJK_SEPARATORS && cjk(next)) {
                    if (out == null) out = new StringBuilder(text.length()).append(text, 0, i);
                } else if (out != null) {
                    out.append(text, i, j);
                }
                i = j;
                prev = text.codePointBefore(j);
                continue;
            }
            if (out != null) out.appendCodePoint(cp);
            prev = cp;
            i += Character.charCount(cp);
        }
        return out == null ? text : out.toString();
    }

    /**
     * Joins runs of three or more single characters separated by single spaces
     * ("v x : a b c 1 2 3" → "vx:abc123"); ordinary words are left alone.
     */
    static String joinSpacedOut(String text) {
        if (!mayJoin(text)) return text;
        String[] tokens = text.split(" ", -1);
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < tokens.length) {
            int j = i;
            while (j < tokens.length && tokens[j].codePointCount(0, tokens[j].length()) == 1) j++;
            if (j - i >= 3) {
                if (out.length() > 0) out.append(' ');
                for (int k = i; k < j; k++) out.append(tokens[k]);
                i = j;
            } else {
                if (out.length() > 0) out.append(' ');
                out.append(tokens[i]);
                i++;
            }
        }
        return out.toString();
    }

    /**
     * False when {@link #joinSpacedOut} would answer {@code text} itself: no three single
     * characters in a row between spaces, and no space at either end or next to another.
     */
    private static boolean mayJoin(String text) {
        int n = text.length();
        if (n == 0) return false;
        if (text.charAt(0) == ' ' || text.charAt(n - 1) == ' ') return true;
        int singles = 0;
        int start = 0;
        for (int i = 0; i <= n; i++) {
            if (i < n && text.charAt(i) != ' ') continue;
            int len = i - start;
            if (len == 0) return true;
            boolean single = len == 1 || (len == 2 && Character.isHighSurrogate(text.charAt(start)) && Character.isLowSurrogate(text.charAt(start + 1)));
            singles = single ? singles + 1 : 0;
            if (singles >= 3) return true;
            start = i + 1;
        }
        return false;
    }
}
