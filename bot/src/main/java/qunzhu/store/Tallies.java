package qunzhu.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counters written behind: a feature adds deltas to a row (an UPSERT that adds its values to
 * the row's), and the store writes each row once, with the sum of its deltas, when the
 * transaction commits, instead of one statement per event. A per-chat-per-day counter that
 * took one UPSERT per message then takes one per chat per group of events.
 *
 * <p>Exact: the deltas follow the transaction's savepoints (a rolled-back savepoint takes its
 * deltas with it, a failed transaction all of them), and a statement through
 * {@code FeatureStore} that names a tallied table writes the pending rows first, so it sees
 * them. Only additive counters belong here. Not for concurrent use: like the connection, it is
 * used under the store's lock.
 */
public final class Tallies {
    /** An UPSERT text and the key values of its row. */
    private record Row(String sql, List<Object> key) {}

    /** One add: its row and deltas. */
    private record Add(Row row, long[] deltas) {}

    /** Every add of the transaction, in order; those from {@code written} on are not written yet. */
    private final ArrayList<Add> adds = new ArrayList<>();
    private int written;
    /** adds.size() at each open savepoint, innermost last. */
    private int[] marks = new int[8];
    private int depth;
    /**
     * The writes inside savepoints, oldest first: {from, to, depth}. Rolling a savepoint back
     * undoes the writes made inside it, so their adds are pending again (those made before the
     * savepoint) or gone (those made in it).
     */
    private final ArrayList<int[]> writes = new ArrayList<>();
    /** The tables of the UPSERTs seen so far (a few), and each text's. */
    private final List<String> tables = new ArrayList<>();
    private final Map<String, String> tableOf = new java.util.HashMap<>();

    /**
     * Adds {@code deltas} to the row {@code key}: {@code sql} is an UPSERT whose parameters are
     * the key values, then the deltas, and which adds its values to an existing row's.
     */
    void add(String sql, Object[] key, long[] deltas) {
        if (!tableOf.containsKey(sql)) {
            String table = table(sql);
            tableOf.put(sql, table);
            if (!tables.contains(table)) tables.add(table);
        }
        adds.add(new Add(new Row(sql, List.of(key)), deltas));
    }

    /** Adds outside any savepoint beyond which {@link Database#tally} writes them at once (a rebuild adds millions). */
    private static final int WRITE_OUTSIDE_SAVEPOINTS_AT = 10_000;

    /** Whether so many adds wait outside any savepoint that they should be written now. */
    boolean full() { return depth == 0 && adds.size() - written >= WRITE_OUTSIDE_SAVEPOINTS_AT; }

    /** An UPSERT's parameters for one add written at once: the key values, then the deltas. */
    public static Object[] params(Object[] key, long[] deltas) {
        Object[] params = Arrays.copyOf(key, key.length + deltas.length);
        for (int i = 0; i < deltas.length; i++) params[key.length + i] = deltas[i];
        return params;
    }

    /** Whether rows wait to be written. */
    boolean pending() { return written < adds.size(); }

    /** Whether {@code sql} names a table with rows waiting. */
    boolean touches(String sql) {
        if (!pending()) return false;
        for (String t : tables) if (sql.contains(t)) return true;
        return false;
    }

    void savepoint() {
        if (depth == marks.length) marks = Arrays.copyOf(marks, depth * 2);
        marks[depth++] = adds.size();
    }

    /** The innermost savepoint's work stays: its writes now belong to the enclosing one. */
    void release() {
        if (depth == 0) return;
        depth--;
        for (int[] w : writes) if (w[2] > depth) w[2] = depth;
    }

    /** Takes back the adds since the innermost savepoint (and the writes made inside it). */
    void rollBack() {
        if (depth == 0) return;
        int mark = marks[--depth];
        while (!writes.isEmpty() && writes.get(writes.size() - 1)[2] > depth) {
            written = writes.remove(writes.size() - 1)[0];
        }
        while (adds.size() > mark) adds.remove(adds.size() - 1);
        written = Math.min(written, adds.size());
    }

    /** Writes every pending row, once, with the sum of its deltas (one batched statement per UPSERT text). */
    void write(Connection c) throws SQLException {
        if (!pending()) return;
        Map<Row, long[]> sums = new LinkedHashMap<>();
        for (int i = written; i < adds.size(); i++) {
            Add a = adds.get(i);
            long[] sum = sums.get(a.row());
            if (sum == null) sums.put(a.row(), a.deltas().clone());
            else for (int j = 0; j < sum.length; j++) sum[j] += a.deltas()[j];
        }
        Map<String, List<Map.Entry<Row, long[]>>> bySql = new LinkedHashMap<>();
        for (Map.Entry<Row, long[]> e : sums.entrySet()) bySql.computeIfAbsent(e.getKey().sql(), x -> new ArrayList<>()).add(e);
        for (Map.Entry<String, List<Map.Entry<Row, long[]>>> e : bySql.entrySet()) {
            try (PreparedStatement ps = c.prepareStatement(e.getKey())) {
                for (Map.Entry<Row, long[]> r : e.getValue()) {
                    int p = 1;
                    for (Object k : r.getKey().key()) ps.setObject(p++, k);
                    for (long v : r.getValue()) ps.setLong(p++, v);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        if (depth > 0) {
            writes.add(new int[] {written, adds.size(), depth});
            written = adds.size();
        } else {
            // No savepoint can take these back any more: only the whole transaction.
            adds.clear();
            writes.clear();
            written = 0;
        }
    }

    /** Forgets everything: the transaction committed (after {@link #write}) or is gone. */
    void clear() {
        adds.clear();
        writes.clear();
        written = 0;
        depth = 0;
    }

    private static String table(String sql) {
        String[] words = sql.trim().split("\\s+", 4);
        if (words.length < 3 || !words[0].equalsIgnoreCase("INSERT") || !words[1].equalsIgnoreCase("INTO")) {
            throw new IllegalArgumentException("a tally is an INSERT INTO ... ON CONFLICT DO UPDATE: " + sql);
        }
        String t = words[2];
        int paren = t.indexOf('(');
        return paren < 0 ? t : t.substring(0, paren);
    }
}
