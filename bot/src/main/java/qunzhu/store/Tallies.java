package qunzhu.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
 *
 * <p>Held across commits ({@link #hold}): a committed transaction's sums may stay in memory, added
 * to by later ones, until they are {@code maxAge} old or {@code maxRows} rows, or a statement
 * names their table: a member's counter for the day is then written once a while, not once a
 * commit. Held rows are lost on a crash, so every transaction that writes tallies also writes
 * {@link #FLUSHED_THROUGH}: the handled mark its commit stores. Every event handled up to it is
 * in the tables; a feature that tallies must count the events after it again from the activity
 * log at start (the reports' rollups do).
 *
 * <p>Written at commit ({@code atCommit}): a tally that is never held, for counts that could not
 * be counted again after a crash (a member's activity points: whether a message paid depends on
 * the features before points, which the log does not record); its rows are written by their
 * transaction's commit even while the others are held. Such a tally may also set columns to the
 * latest add's values (the last paying text). A feature that keeps its rows in memory reads what
 * waits for one ({@link #pendingRow}, {@link #pendingSum}) instead of writing them first.
 *
 * <p>A tally may ask what its row became ({@link Written}, the UPSERT then ends in RETURNING):
 * the rollups learn a member's first message of a day when their row's messages equal the
 * deltas just written. A hook may add tallies (written in the same pass) and run statements.
 */
public final class Tallies {
    /** A connection with its write-behind counters, for the static savepoint helpers of {@link Database}. */
    interface Owner { Tallies tallies(); }

    /** The kv key of the handled mark through which every tally is written. */
    public static final String FLUSHED_THROUGH = "tallies.flushed_through";
    private static final String MARK_FLUSHED = "INSERT INTO kv (k, v) SELECT '" + FLUSHED_THROUGH + "', v FROM kv WHERE k = '"
            + ActivityLog.HANDLED_MARK + "' ON CONFLICT (k) DO UPDATE SET v = excluded.v";

    /** What a written row became: {@code now} holds its RETURNING values, {@code deltas} what was just added. */
    @FunctionalInterface
    public interface Written { void after(Object[] key, long[] deltas, long[] now) throws SQLException; }

    /**
     * An UPSERT text and the key values of its row. Its hash mixes each value's: the records'
     * 31-polynomial over keys that are themselves 31-polynomials (chat "g12", member "m345")
     * collided so often that finding a row in the held map was a tenth of the pipeline's time.
     */
    private static final class Row {
        private final String sql;
        private final Object[] key;
        private final int hash;

        Row(String sql, Object[] key) {
            this.sql = sql;
            this.key = key;
            int h = sql.hashCode();
            for (Object k : key) h = qunzhu.core.Keys.mix(h, k);
            this.hash = qunzhu.core.Keys.finish(h);
        }

        String sql() { return sql; }

        Object[] key() { return key; }

        @Override public int hashCode() { return hash; }

        boolean startsWith(String sql, Object[] prefix) {
            if (!(this.sql == sql || this.sql.equals(sql)) || key.length < prefix.length) return false;
            for (int i = 0; i < prefix.length; i++) if (!java.util.Objects.equals(key[i], prefix[i])) return false;
            return true;
        }

        @Override public boolean equals(Object o) {
            return o instanceof Row r && r.hash == hash && (r.sql == sql || r.sql.equals(sql)) && Arrays.equals(r.key, key);
        }
    }

    /** One add: its row, deltas, the values it sets (null: none), and whether it is written by its own commit (never held). */
    private record Add(Row row, long[] deltas, Object[] latest, boolean atCommit) {}

    /**
     * A row's sum so far: the deltas added up, and the values the latest add set (a tally may
     * also set columns to their latest value, bound after the deltas: the text of a member's
     * last paying message, the time of the last accrual).
     */
    static final class Sum {
        final long[] deltas;
        Object[] latest;

        Sum(long[] deltas, Object[] latest) {
            this.deltas = deltas;
            this.latest = latest;
        }

        Sum copy() { return new Sum(deltas.clone(), latest); }

        void add(long[] more, Object[] latest) {
            for (int j = 0; j < deltas.length; j++) deltas[j] += more[j];
            if (latest != null) this.latest = latest;
        }
    }

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
    /** Per UPSERT text: whether it sets values after its deltas, and whether it is held (every add of a text alike). */
    private final Map<String, Text> texts = new java.util.HashMap<>();
    private record Text(boolean sets, boolean atCommit) {}
    /** Adds of this transaction written by its commit even when the rest is held. */
    private boolean atCommitPending;
    private final Map<String, Written> hooks = new java.util.HashMap<>();

    /** Sums of committed transactions not written yet (empty unless held), and since when. */
    private LinkedHashMap<Row, Sum> held = new LinkedHashMap<>();
    private long heldSince;
    /** held as the transaction found it, once this transaction wrote it; null before. */
    private LinkedHashMap<Row, Sum> heldBefore;
    /** The savepoint depth the held rows were written at (undone with it). */
    private int heldWriteDepth;
    /** Whether this transaction wrote any rows (it then writes the rest and the mark at commit). */
    private boolean wroteInTx;
    private long maxAgeMillis;
    private int maxRows;
    private boolean writing;

    /**
     * Holds committed sums in memory until the oldest is {@code maxAge} old or {@code maxRows}
     * rows wait (the commit after that writes them, its own rows too; zero: written at every
     * commit, the default).
     */
    void hold(java.time.Duration maxAge, int maxRows) {
        this.maxAgeMillis = maxAge.toMillis();
        this.maxRows = maxRows;
    }

    /**
     * Adds {@code deltas} to the row {@code key}: {@code sql} is an UPSERT whose parameters are
     * the key values, then the deltas, and which adds its values to an existing row's.
     */
    void add(String sql, Object[] key, long[] deltas) { add(sql, key, deltas, null, null, false); }

    /**
     * As {@link #add(String, Object[], long[])}; {@code latest} (may be null) are values the
     * UPSERT sets, bound after the deltas, the latest add's winning; {@code written} (may be
     * null) learns what the row became ({@code sql} then ends in RETURNING); {@code atCommit}:
     * the row is written when this transaction commits, never held beyond it (for a feature
     * whose lost counts could not be counted again from the log after a crash).
     */
    void add(String sql, Object[] key, long[] deltas, Object[] latest, Written written, boolean atCommit) {
        Text text = texts.get(sql);
        if (text == null) {
            String table = table(sql);
            texts.put(sql, new Text(latest != null, atCommit));
            if (!tables.contains(table)) tables.add(table);
        } else if (text.sets() != (latest != null) || text.atCommit() != atCommit) {
            throw new IllegalArgumentException("every add of a tally sets its values and is held alike: " + sql);
        }
        if (atCommit) atCommitPending = true;
        // One text, one behaviour: the latest hook stands for every row of that text.
        if (written != null) hooks.put(sql, written);
        adds.add(new Add(new Row(sql, key.clone()), deltas, latest == null ? null : latest.clone(), atCommit));
    }

    /**
     * What the row {@code key} of {@code sql} has waiting to be written (held, and added by this
     * transaction): its deltas' sum and the latest values set, or null when nothing waits. A
     * feature that keeps a row's value in memory reads the table and adds this, instead of
     * writing the tallies first.
     */
    Sum pendingRow(String sql, Object[] key) {
        Row row = new Row(sql, key);
        Sum h = held.get(row);
        Sum out = h == null ? null : h.copy();
        for (int i = written; i < adds.size(); i++) {
            Add a = adds.get(i);
            if (!a.row().equals(row)) continue;
            if (out == null) out = new Sum(a.deltas().clone(), a.latest());
            else out.add(a.deltas(), a.latest());
        }
        return out;
    }

    /**
     * The sum of delta {@code column} over the rows of {@code sql} waiting to be written whose
     * key starts with {@code prefix} (a member's entries of every day, say).
     */
    long pendingSum(String sql, int column, Object[] prefix) {
        long sum = 0;
        for (Map.Entry<Row, Sum> e : held.entrySet()) {
            if (e.getKey().startsWith(sql, prefix)) sum += e.getValue().deltas[column];
        }
        for (int i = written; i < adds.size(); i++) {
            Add a = adds.get(i);
            if (a.row().startsWith(sql, prefix)) sum += a.deltas()[column];
        }
        return sum;
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

    /** As {@link #params(Object[], long[])}, then the values the UPSERT sets ({@code latest}, may be null). */
    public static Object[] params(Object[] key, long[] deltas, Object[] latest) {
        Object[] params = params(key, deltas);
        if (latest == null) return params;
        Object[] all = Arrays.copyOf(params, params.length + latest.length);
        System.arraycopy(latest, 0, all, params.length, latest.length);
        return all;
    }

    /** The RETURNING values of the row {@code rs} is on. */
    public static long[] values(ResultSet rs) throws SQLException {
        long[] v = new long[rs.getMetaData().getColumnCount()];
        for (int i = 0; i < v.length; i++) v[i] = rs.getLong(i + 1);
        return v;
    }

    /** Runs a hooked tally's UPSERT ({@code ps}, bound) and returns what its row became. */
    static long[] returned(PreparedStatement ps, String sql) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) throw new SQLException("a tally with a hook must return its row: " + sql);
            return values(rs);
        }
    }

    /** Whether rows of this transaction wait to be written. */
    boolean pending() { return written < adds.size(); }

    /** When the oldest held row's transaction committed (ms), or -1 when none is held. */
    long heldSince() { return held.isEmpty() ? -1 : heldSince; }

    /** Rows held from committed transactions (not written yet). */
    int heldRows() { return held.size(); }

    /** Whether {@code sql} names a table with rows waiting (this transaction's or held ones). */
    boolean touches(String sql) {
        if (writing || (!pending() && held.isEmpty())) return false;
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
        if (heldWriteDepth > depth) heldWriteDepth = depth;
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
        if (heldBefore != null && heldWriteDepth > depth) {
            // The held rows' write is undone with the savepoint: they wait again.
            held = heldBefore;
            heldBefore = null;
        }
    }

    /**
     * Writes every pending row (held ones too), once, with the sum of its deltas: one batched
     * statement per UPSERT text, or one statement a row for a tally whose hook asks what the row became.
     */
    void write(Connection c) throws SQLException {
        if (writing || (!pending() && held.isEmpty())) return;
        writing = true;
        try {
            LinkedHashMap<Row, Sum> sums = new LinkedHashMap<>();
            if (!held.isEmpty()) {
                for (Map.Entry<Row, Sum> e : held.entrySet()) sums.put(e.getKey(), e.getValue().copy());
                heldBefore = held;
                heldWriteDepth = depth;
                held = new LinkedHashMap<>();
            }
            int from = written, upTo = adds.size();
            sum(sums, from, upTo);
            writeSums(c, sums);
            // Hooks may have added more (a first message of the day adds an active member): written in the same pass.
            while (upTo < adds.size()) {
                LinkedHashMap<Row, Sum> more = new LinkedHashMap<>();
                int start = upTo;
                upTo = adds.size();
                sum(more, start, upTo);
                writeSums(c, more);
            }
            // Only now: a failed statement leaves them pending, for the rollback that must follow it.
            written = upTo;
            wroteInTx = true;
            if (depth > 0) {
                writes.add(new int[] {from, adds.size(), depth});
            } else {
                // No savepoint can take these back any more: only the whole transaction.
                adds.clear();
                writes.clear();
                written = 0;
            }
        } finally {
            writing = false;
        }
    }

    private void sum(Map<Row, Sum> sums, int from, int to) {
        for (int i = from; i < to; i++) {
            Add a = adds.get(i);
            Sum sum = sums.get(a.row());
            if (sum == null) sums.put(a.row(), new Sum(a.deltas().clone(), a.latest()));
            else sum.add(a.deltas(), a.latest());
        }
    }

    private void writeSums(Connection c, Map<Row, Sum> sums) throws SQLException {
        Map<String, List<Map.Entry<Row, Sum>>> bySql = new LinkedHashMap<>();
        for (Map.Entry<Row, Sum> e : sums.entrySet()) bySql.computeIfAbsent(e.getKey().sql(), x -> new ArrayList<>()).add(e);
        for (Map.Entry<String, List<Map.Entry<Row, Sum>>> e : bySql.entrySet()) {
            Written hook = hooks.get(e.getKey());
            try (PreparedStatement ps = c.prepareStatement(e.getKey())) {
                for (Map.Entry<Row, Sum> r : e.getValue()) {
                    int p = 1;
                    for (Object k : r.getKey().key()) ps.setObject(p++, k);
                    for (long v : r.getValue().deltas) ps.setLong(p++, v);
                    if (r.getValue().latest != null) for (Object v : r.getValue().latest) ps.setObject(p++, v);
                    if (hook == null) {
                        ps.addBatch();
                        continue;
                    }
                    hook.after(r.getKey().key().clone(), r.getValue().deltas, returned(ps, e.getKey()));
                }
                if (hook == null) ps.executeBatch();
            }
        }
    }

    /**
     * Before the commit: writes the pending rows, and the mark, unless they may be held (returns
     * true: {@link #committed} then holds them).
     */
    boolean beforeCommit(Connection c, long nowMillis) throws SQLException {
        boolean mayHold = maxAgeMillis > 0 && !wroteInTx && (held.isEmpty() || nowMillis - heldSince < maxAgeMillis)
                && held.size() < maxRows;
        if (mayHold) {
            writeAtCommit(c);
            return true;
        }
        write(c);
        if (wroteInTx) Database.updateIn(c, MARK_FLUSHED);
        return false;
    }

    /** Writes this transaction's adds that may not be held (the others are held by {@link #committed}). */
    private void writeAtCommit(Connection c) throws SQLException {
        if (!atCommitPending || !pending()) return;
        LinkedHashMap<Row, Sum> now = new LinkedHashMap<>();
        List<Add> rest = new ArrayList<>();
        for (int i = written; i < adds.size(); i++) {
            Add a = adds.get(i);
            if (!a.atCommit()) {
                rest.add(a);
                continue;
            }
            Sum sum = now.get(a.row());
            if (sum == null) now.put(a.row(), new Sum(a.deltas().clone(), a.latest()));
            else sum.add(a.deltas(), a.latest());
        }
        writing = true;
        try {
            writeSums(c, now);
        } finally {
            writing = false;
        }
        // Only the rows that may be held are left for committed(); a failed commit ends them all anyway.
        adds.subList(written, adds.size()).clear();
        adds.addAll(rest);
    }

    /** The transaction committed: its rows are written, or held when {@code hold}. */
    void committed(boolean hold, long nowMillis) {
        if (hold && pending()) {
            if (held.isEmpty()) heldSince = nowMillis;
            sum(held, written, adds.size());
        }
        endTx();
    }

    /** The transaction failed: its adds are gone; held rows it wrote wait again. */
    void failed() {
        if (heldBefore != null) held = heldBefore;
        endTx();
    }

    /** Forgets the held rows, as a crash would (tests). */
    void forgetHeld() { held = new LinkedHashMap<>(); }

    private void endTx() {
        adds.clear();
        writes.clear();
        written = 0;
        depth = 0;
        heldBefore = null;
        heldWriteDepth = 0;
        wroteInTx = false;
        atCommitPending = false;
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
