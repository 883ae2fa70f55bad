package qunzhu.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import qunzhu.core.Event;
import qunzhu.store.Codec;
import qunzhu.store.Database;

/**
 * What the activity log's indexes cost at the intake's commit sizes: the ingest benchmark's
 * event stream ({@link PipelineBench#events}) inserted into the migrated schema as the
 * activity log binds it (INSERT ... ON CONFLICT DO NOTHING, the JSON as UTF-8 bytes encoded
 * beforehand), one thread, the store's page cache, WAL and synchronous=NORMAL, with the
 * shipped indexes and with variants of them, at several rows per commit. Four producers waiting
 * in {@code accept} with batches of 100 give an intake commit of at most 400 rows. Per run: rows
 * per second, the statement's and the commit's wall time a row, and the bytes handed to write(2)
 * a row (the WAL's frames, and with {@code -Dbench.checkpoint=true} the checkpoints: a second
 * connection checkpoints the WAL every 250 ms, PASSIVE, as the bot's store does; without it no
 * checkpoint runs). Variants and sizes are interleaved, each run on a fresh database. Not a test:
 * {@code scripts/bench insert [rows] [rounds]}.
 */
public final class InsertBench {
    private InsertBench() {}

    /** Index variants: name, then the statements that turn the shipped schema into it. */
    static final Map<String, List<String>> VARIANTS = new LinkedHashMap<>();
    static {
        VARIANTS.put("shipped (unique key, message, chat-day-member)", List.of());
        VARIANTS.put("chat-day instead of chat-day-member", List.of("DROP INDEX activity_chat_day_member",
                "CREATE INDEX activity_chat_day ON activity (platform, chat_id, day)"));
        VARIANTS.put("without chat-day-member", List.of("DROP INDEX activity_chat_day_member"));
    }

    static final boolean CHECKPOINT = Boolean.getBoolean("bench.checkpoint");

    static final int[] COMMITS = {100, 400, 2_000, 10_000};

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<Event> stream = PipelineBench.events(rows, Instant.now().minusSeconds(3_600));
        List<byte[]> payloads = new ArrayList<>(stream.size());
        long bytes = 0;
        for (Event e : stream) {
            byte[] p = Codec.encodeUtf8(e);
            payloads.add(p);
            bytes += p.length;
        }
        System.out.printf("insert bench: %,d rows (%s) in %d chats, JSON %d bytes a row on average, %d rounds, %s%n",
                rows, PipelineBench.mix(stream), PipelineBench.GROUPS, bytes / rows, rounds,
                CHECKPOINT ? "checkpointed from a second connection every 250 ms" : "no checkpoint");
        Path tmp = Files.createTempDirectory("qunzhu-insert");
        // Warm-up: the JIT and the driver's paths, one run of each variant.
        for (String v : VARIANTS.keySet()) run(tmp, v, stream, payloads, 1_000);
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (int r = 0; r < rounds; r++) {
            for (int commit : COMMITS) {
                for (String v : VARIANTS.keySet()) {
                    double[] m = run(tmp, v, stream, payloads, commit);
                    results.computeIfAbsent(String.format("%-50s %,6d rows a commit", v, commit), k -> new ArrayList<>()).add(m);
                    System.out.printf("round %d  %-50s %,6d rows a commit: %,9.0f rows/s; %5.2f µs a row (statement %5.2f, commit %5.2f); %.1f KB written a row%n",
                            r + 1, v, commit, m[0], m[1], m[2], m[3], m[4]);
                }
            }
        }
        System.out.println("median over the rounds (min-max):");
        for (Map.Entry<String, List<double[]>> e : results.entrySet()) {
            double[] rate = e.getValue().stream().mapToDouble(m -> m[0]).sorted().toArray();
            System.out.printf("%s: %,9.0f rows/s (%,.0f-%,.0f), %5.2f µs a row, %.1f KB written a row%n", e.getKey(),
                    median(rate), rate[0], rate[rate.length - 1], median(e.getValue().stream().mapToDouble(m -> m[1]).toArray()),
                    median(e.getValue().stream().mapToDouble(m -> m[4]).toArray()));
        }
        PipelineBench.deleteTree(tmp);
    }

    /** The middle value, or the mean of the two middle ones. */
    static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** {rows/s, µs a row, statement µs a row, commit µs a row, KB written a row}. */
    static double[] run(Path dir, String variant, List<Event> stream, List<byte[]> payloads, int commit) throws Exception {
        Path file = dir.resolve("insert.db");
        Database.open(file, false).close();           // the shipped schema through the migrations
        Path log = Database.logFileOf(file);          // the activity log's own file, as the intake writes it
        double[] out;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + log)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA cache_size=-" + Database.CACHE_KIB);
                s.execute("PRAGMA wal_autocheckpoint=0");
                for (String sql : VARIANTS.get(variant)) s.execute(sql);
            }
            c.setAutoCommit(false);
            java.util.concurrent.ScheduledExecutorService checkpoints = null;
            Connection checkpointer = null;
            if (CHECKPOINT) {
                Connection cp = DriverManager.getConnection("jdbc:sqlite:" + log);
                checkpointer = cp;
                checkpoints = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
                checkpoints.scheduleWithFixedDelay(() -> {
                    try (Statement s = cp.createStatement()) {
                        s.execute("PRAGMA wal_checkpoint(PASSIVE)");
                    } catch (java.sql.SQLException e) {
                        System.out.println("checkpoint failed: " + e);
                    }
                }, 250, 250, java.util.concurrent.TimeUnit.MILLISECONDS);
            }
            ZoneId zone = ZoneId.of("Asia/Shanghai");
            long statement = 0, commits = 0, written0 = PipelineBench.writtenBytes(), start = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO activity (platform, chat_id, native_id, kind, account, member_id, member_name, at_ms, day,
                                          message_id, reply_to, text, text_len, payload)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT))
                    ON CONFLICT (platform, chat_id, native_id) DO NOTHING""")) {
                for (int i = 0; i < stream.size(); i++) {
                    PipelineBench.bindRow(ps, stream.get(i), payloads.get(i), zone);
                    ps.addBatch();
                    if ((i + 1) % commit == 0 || i == stream.size() - 1) {
                        long t0 = System.nanoTime();
                        ps.executeBatch();
                        long t1 = System.nanoTime();
                        c.commit();
                        statement += t1 - t0;
                        commits += System.nanoTime() - t1;
                    }
                }
            }
            long ns = System.nanoTime() - start;
            if (checkpoints != null) {
                checkpoints.shutdown();
                checkpoints.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
                checkpointer.close();
            }
            int n = stream.size();
            out = new double[] {n / (ns / 1e9), ns / 1e3 / n, statement / 1e3 / n, commits / 1e3 / n,
                    (PipelineBench.writtenBytes() - written0) / 1024.0 / n};
        }
        PipelineBench.deleteDb(file);
        return out;
    }
}
