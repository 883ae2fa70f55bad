package qunzhu.text;

import java.text.Normalizer.Form;
import java.util.Locale;

/**
 * Text as filters and answer checks should see it: Unicode NFKC (full-width letters and
 * digits become ASCII, compatibility forms fold), invisible characters removed (zero-width
 * spaces and joiners, BOM, bidi controls, soft hyphen, variation selectors), lower case, and
 * letters spaced out to dodge a filter ("a d d  w e c h a t") joined again.
 */
public final class Normalizer {
    private Normalizer() {}

    /** Full normalisation for matching: NFKC, invisibles removed, lower case, spaced letters joined. */
    public static String forMatching(String text) {
        if (text == null || text.isEmpty()) return "";
        return joinSpacedOut(stripInvisible(java.text.Normalizer.normalize(text, Form.NFKC)).toLowerCase(Locale.ROOT));
    }

    /** For comparing a typed answer with the expected one: NFKC, invisibles removed, case folded, spaces trimmed and collapsed. */
    public static String forAnswer(String text) {
        if (text == null) return "";
        String t = stripInvisible(java.text.Normalizer.normalize(text, Form.NFKC)).toLowerCase(Locale.ROOT).strip();
        return t.replaceAll("\\s+", " ");
    }

    public static boolean invisible(int cp) {
        return switch (Character.getType(cp)) {
            case Character.FORMAT, Character.CONTROL -> cp != '\n' && cp != '\t' && cp != '\r';
            default -> (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0x3164 || cp == 0x115F || cp == 0x1160 || cp == 0xFFA0;
        };
    }

    public static String stripInvisible(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().filter(cp -> !invisible(cp)).forEach(out::appendCodePoint);
        return out.toString();
    }

    /**
     * Joins runs of three or more single characters separated by single spaces or dots
     * ("v x : a b c 1 2 3" → "vx:abc123"); ordinary words are left alone.
     */
    static String joinSpacedOut(String text) {
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
}
