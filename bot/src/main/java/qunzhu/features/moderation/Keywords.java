package qunzhu.features.moderation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One Aho-Corasick automaton over every keyword of a rule list: one pass over the text finds
 * which rules have a keyword in it, with the same answer as {@code text.contains(keyword)} for
 * each keyword of each rule, in time linear in the text whatever the number of keywords.
 * Immutable once built, so rule lists share it across groups and threads.
 */
final class Keywords {
    /** Transitions (state, char) → state in one open-addressing table: key {@code state << 16 | char}, -1 for empty. */
    private final long[] keys;
    private final int[] targets;
    private final int mask;
    private final int[] fail;
    /** Per state, the rules with a keyword ending here (its own and its failure chain's), or null. */
    private final int[][] out;
    /**
     * One bit per UTF-16 unit: set when some keyword holds it. No state has an edge on a unit
     * that no keyword holds, so reading one goes back to the root without a look-up.
     */
    private final long[] used;
    /** The same for the units the root has an edge on: reading any other one at the root stays there. */
    private final long[] starts;

    private Keywords(long[] keys, int[] targets, int[] fail, int[][] out, long[] used, long[] starts) {
        this.keys = keys;
        this.targets = targets;
        this.mask = keys.length - 1;
        this.fail = fail;
        this.out = out;
        this.used = used;
        this.starts = starts;
    }

    /** The automaton over the non-empty keywords of {@code rules} (rule i's keywords report i); null when there are none. */
    static Keywords of(List<Rule> rules) {
        return ofWords(rules.stream().map(Rule::keywords).toList());
    }

    /**
     * The automaton over the non-empty strings of {@code words} (the strings of {@code words.get(i)}
     * report i); null when there are none.
     */
    static Keywords ofWords(List<List<String>> words) {
        // The trie, built with growable per-state maps, then flattened.
        List<java.util.Map<Character, Integer>> next = new ArrayList<>();
        List<List<Integer>> ends = new ArrayList<>();
        next.add(new java.util.HashMap<>());
        ends.add(new ArrayList<>());
        int edges = 0;
        for (int i = 0; i < words.size(); i++) {
            for (String k : words.get(i)) {
                if (k == null || k.isEmpty()) continue;
                int s = 0;
                for (int c = 0; c < k.length(); c++) {
                    Integer t = next.get(s).get(k.charAt(c));
                    if (t == null) {
                        t = next.size();
                        next.get(s).put(k.charAt(c), t);
                        next.add(new java.util.HashMap<>());
                        ends.add(new ArrayList<>());
                        edges++;
                    }
                    s = t;
                }
                if (!ends.get(s).contains(i)) ends.get(s).add(i);
            }
        }
        if (edges == 0) return null;
        int states = next.size();
        int size = Integer.highestOneBit(Math.max(2, edges * 2 - 1)) << 1;
        long[] keys = new long[size];
        Arrays.fill(keys, -1L);
        int[] targets = new int[size];
        long[] used = new long[1 << 10];
        long[] starts = new long[1 << 10];
        for (char c : next.get(0).keySet()) starts[c >>> 6] |= 1L << c;
        for (int s = 0; s < states; s++) {
            for (var e : next.get(s).entrySet()) {
                char c = e.getKey();
                used[c >>> 6] |= 1L << c;
                long key = ((long) s << 16) | e.getKey();
                int h = slot(key, size - 1);
                while (keys[h] != -1L) h = (h + 1) & (size - 1);
                keys[h] = key;
                targets[h] = e.getValue();
            }
        }
        // Failure links breadth first, so a state's failure target is complete before it.
        int[] fail = new int[states];
        int[][] out = new int[states][];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int t : next.get(0).values()) queue.add(t);
        for (int t : next.get(0).values()) out[t] = ends.get(t).isEmpty() ? null : ends.get(t).stream().mapToInt(Integer::intValue).toArray();
        Keywords k = new Keywords(keys, targets, fail, out, used, starts);
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (var e : next.get(s).entrySet()) {
                int t = e.getValue();
                int f = fail[s];
                int g;
                while ((g = k.step(f, e.getKey())) < 0 && f != 0) f = fail[f];
                fail[t] = g < 0 ? 0 : g;
                out[t] = merge(ends.get(t), out[fail[t]]);
                queue.add(t);
            }
        }
        return k;
    }

    private static int[] merge(List<Integer> own, int[] inherited) {
        if (own.isEmpty()) return inherited;
        java.util.LinkedHashSet<Integer> all = new java.util.LinkedHashSet<>(own);
        if (inherited != null) for (int i : inherited) all.add(i);
        return all.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }

    /** The state after reading {@code c} in {@code state}, or -1 when the trie has no such edge. */
    private int step(int state, char c) {
        long key = ((long) state << 16) | c;
        int h = slot(key, mask);
        long k;
        while ((k = keys[h]) != -1L) {
            if (k == key) return targets[h];
            h = (h + 1) & mask;
        }
        return -1;
    }

    /** Marks {@code hit[i]} for every rule i with a keyword in {@code text}. */
    void find(String text, boolean[] hit) {
        int s = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (s == 0) {
                if ((starts[c >>> 6] & (1L << c)) == 0) continue;
                s = step(0, c);
            } else if ((used[c >>> 6] & (1L << c)) == 0) {
                s = 0;
                continue;
            } else {
                int t;
                while ((t = step(s, c)) < 0 && s != 0) s = fail[s];
                s = t < 0 ? 0 : t;
            }
            int[] o = out[s];
            if (o != null) for (int r : o) hit[r] = true;
        }
    }
}
