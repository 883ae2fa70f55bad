package qunzhu.features.moderation;

import java.util.regex.Pattern;

/**
 * The literal text every match of a regex must contain, when one can be read off the pattern
 * safely: {@code promo\d{3}[a-z]+} needs "promo", so a message without "promo" skips the regex
 * (a {@code contains} instead of a regex run that cannot match). Conservative: a pattern with
 * a top-level alternation, inline flags other than {@code (?i)}, quoting or flags beyond
 * {@link Pattern#CASE_INSENSITIVE} has none. Only characters outside groups and classes count,
 * and a character made optional by {@code ?}, {@code *} or {@code {0,...}} does not.
 *
 * <p>The judged text is lower case (the normaliser folds it once), and configured regexes fold
 * ASCII case only, so the literal is kept with ASCII letters lowered and compared as is.
 */
final class RegexLiteral {
    private RegexLiteral() {}

    /** The longest literal every match of {@code p} contains, or null when none is known. */
    static String required(Pattern p) {
        if ((p.flags() & ~Pattern.CASE_INSENSITIVE) != 0) return null;
        String re = p.pattern();
        String best = null;
        StringBuilder run = new StringBuilder();
        int lastStart = -1; // where the last literal atom begins in run, -1 when the last atom was not a literal
        int i = 0;
        int n = re.length();
        while (i < n) {
            char c = re.charAt(i);
            if (c == '|') return null;
            if (c == '?' || c == '*' || c == '+' || c == '{') {
                // A quantifier on the previous atom.
                int min = 1;
                if (c == '?' || c == '*') { min = 0; i++; }
                else if (c == '+') { i++; }
                else {
                    int close = re.indexOf('}', i);
                    if (close < 0) return null;
                    String body = re.substring(i + 1, close);
                    int comma = body.indexOf(',');
                    String lo = (comma < 0 ? body : body.substring(0, comma)).strip();
                    try { min = Integer.parseInt(lo); } catch (NumberFormatException e) { return null; }
                    i = close + 1;
                }
                if (i < n && (re.charAt(i) == '?' || re.charAt(i) == '+')) i++; // lazy or possessive
                if (lastStart >= 0) {
                    if (min == 0) run.setLength(lastStart);
                    best = longer(best, run);
                    run.setLength(0);
                }
                lastStart = -1;
                continue;
            }
            // Any other atom: a literal character extends the run, anything else ends it.
            int atomEnd;
            int literal = -1;
            if (c == '\\') {
                if (i + 1 >= n) return null;
                char e = re.charAt(i + 1);
                if (e == 'Q') return null;
                if (Character.isLetterOrDigit(e)) {
                    atomEnd = skipEscape(re, i);
                    if (atomEnd < 0) return null;
                } else {
                    literal = e;
                    atomEnd = i + 2;
                }
            } else if (c == '(') {
                if (re.startsWith("(?", i) && i + 2 < n && !":=!<>".contains(String.valueOf(re.charAt(i + 2)))) {
                    if (!re.startsWith("(?i)", i)) return null;
                    i += 4;
                    continue; // (?i) changes nothing: the pattern folds ASCII case already
                }
                atomEnd = skipGroup(re, i);
                if (atomEnd < 0) return null;
            } else if (c == '[') {
                atomEnd = skipClass(re, i);
                if (atomEnd < 0) return null;
            } else if (c == '.' || c == '^' || c == '$' || c == ')' || c == ']' || c == '}') {
                atomEnd = i + 1;
            } else {
                literal = re.codePointAt(i);
                atomEnd = i + Character.charCount(literal);
            }
            if (literal >= 0) {
                lastStart = run.length();
                run.appendCodePoint(literal < 0x80 ? Character.toLowerCase(literal) : literal);
            } else {
                best = longer(best, run);
                run.setLength(0);
                lastStart = -1;
            }
            i = atomEnd;
        }
        return longer(best, run);
    }

    private static String longer(String best, StringBuilder run) {
        if (run.isEmpty()) return best;
        return best == null || run.length() > best.length() ? run.toString() : best;
    }

    /** The end of an escape with a letter or digit ({@code \d}, {@code \p{L}}, {@code \x{1F600}}, {@code \k<n>}), or -1. */
    private static int skipEscape(String re, int i) {
        int j = i + 2;
        char e = re.charAt(i + 1);
        if ((e == 'p' || e == 'P' || e == 'x' || e == 'N') && j < re.length() && re.charAt(j) == '{') {
            int close = re.indexOf('}', j);
            return close < 0 ? -1 : close + 1;
        }
        if (e == 'k' && j < re.length() && re.charAt(j) == '<') {
            int close = re.indexOf('>', j);
            return close < 0 ? -1 : close + 1;
        }
        if (e == 'x') return j + 2;
        if (e == 'u') return j + 4;
        if (e == 'c') return j + 1;
        if (e == '0') { while (j < re.length() && j < i + 5 && re.charAt(j) >= '0' && re.charAt(j) <= '7') j++; return j; }
        if (Character.isDigit(e)) { while (j < re.length() && Character.isDigit(re.charAt(j))) j++; return j; }
        return j;
    }

    /** Past the escape at {@code j} (a backslash and the next character), or -1 for a \\Q quote, which is not followed. */
    private static int pastEscape(String re, int j) {
        return j + 1 < re.length() && re.charAt(j + 1) == 'Q' ? -1 : j + 2;
    }

    /** The end of the group opening at {@code i} (after its ')'), or -1. */
    private static int skipGroup(String re, int i) {
        int depth = 0;
        int j = i;
        while (j < re.length()) {
            char c = re.charAt(j);
            if (c == '\\') {
                j = pastEscape(re, j);
                if (j < 0) return -1;
                continue;
            }
            if (c == '[') {
                j = skipClass(re, j);
                if (j < 0) return -1;
                continue;
            }
            if (c == '(') depth++;
            else if (c == ')' && --depth == 0) return j + 1;
            j++;
        }
        return -1;
    }

    /** The end of the character class opening at {@code i} (after its ']', nested classes included), or -1. */
    private static int skipClass(String re, int i) {
        int depth = 0;
        int j = i;
        while (j < re.length()) {
            char c = re.charAt(j);
            if (c == '\\') {
                j = pastEscape(re, j);
                if (j < 0) return -1;
                continue;
            }
            if (c == '[') {
                depth++;
                j++;
                // a ']' (or '^]') right after the opening is a literal
                if (j < re.length() && re.charAt(j) == '^') j++;
                if (j < re.length() && re.charAt(j) == ']') j++;
                continue;
            }
            if (c == ']' && --depth == 0) return j + 1;
            j++;
        }
        return -1;
    }
}
