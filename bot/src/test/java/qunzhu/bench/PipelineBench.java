package qunzhu.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;
import qunzhu.app.Bot;
import qunzhu.config.BotConfig;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.feature.Feature;
import qunzhu.runtime.Threads;
import qunzhu.store.ActivityLog;
import qunzhu.store.Codec;
import qunzhu.store.Database;

/**
 * Ingest, side by side in one run: a raw JDBC insert of the activity rows (the best of several
 * batch sizes), and the same events through the whole pipeline of a bot whose groups are all
 * configured ({@link BenchConfig}: 200-rule blocklist, verification, welcome, every shipped
 * feature), pushed by several producer threads in adapter-sized batches, timed from the first
 * push until every event is handled (logged, features run, actions queued in the outbox,
 * handled mark committed). The pipeline runs with the reports' rollups (the shipped feature list)
 * and without them (the reports feature removed). Runs are interleaved: raw, pipeline,
 * pipeline without rollups, raw, ... Not a test: {@code scripts/bench pipeline [events] [pairs]}.
 */
public final class PipelineBench {
    static final int GROUPS = 50;
    static final int MEMBERS = 2_000;
    /** Adapter threads handing batches in (each has one batch in flight); {@code -Dbench.producers=N}. */
    static final int PRODUCERS = Integer.getInteger("bench.producers", 4);
    static final int ADAPTER_BATCH = 100;

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 30_000;
        int pairs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path tmp = Files.createTempDirectory("qunzhu-bench");
        List<Event> stream = events(events, Instant.now());
        Path withReports = BenchConfig.write(GROUPS, true);
        Path withoutReports = BenchConfig.write(GROUPS, false);
        // A feature object keeps what it built at install (its store over that bot's database): fresh ones per bot.
        Supplier<List<Feature>> all = () -> BenchConfig.featuresWithout(n -> false);
        Supplier<List<Feature>> noReports = () -> BenchConfig.featuresWithout(n -> n.equals("reports"));
        System.out.printf("pipeline bench: %,d events (%s), %d configured groups, %,d members, %d producers, batches of %d, %s%n",
                events, mix(stream), GROUPS, MEMBERS, PRODUCERS, ADAPTER_BATCH,
                ORDERED ? "handed in without waiting (ordered sinks)" : "each waiting for its write (accept)");
        System.out.printf("features: %s%n", all.get().stream().map(Feature::name).toList());

        // Warm-up so the JIT has seen every path.
        // Both configurations, twice: C2 was still compiling through the first measured runs
        // (seconds of compiler-thread CPU per run after one 10,000-event warm-up). And as many
        // events as a measured run: after warm-ups of 30,000 the first measured run with rollups
        // still spent 1.1-2.4 s of C2 time (0.3 s in the second pair), and ran at half the rate.
        List<Event> warm = events(events, Instant.now().minusSeconds(86_400));
        for (int i = 0; i < 2; i++) {
            pipeline(tmp.resolve("warm.db"), withReports, all, warm);
            pipeline(tmp.resolve("warm.db"), withoutReports, noReports, warm);
        }
        raw(tmp.resolve("warm-raw.db"), warm, 1000);

        int best = 0;
        double bestRate = 0;
        // -Dbench.rawBatch=N: that batch only, no sweep (runs compared across builds then start alike)
        Integer fixed = Integer.getInteger("bench.rawBatch");
        for (int batch : fixed != null ? new int[] {fixed} : new int[] {100, 1_000, 10_000, 50_000}) {
            double r = raw(tmp.resolve("sweep-" + batch + ".db"), stream, batch);
            System.out.printf("raw batch size %,6d : %,10.0f rows/s%n", batch, r);
            if (r > bestRate) { bestRate = r; best = batch; }
        }
        System.out.printf("best raw batch size: %,d rows per commit%n", best);

        double[] raw = new double[pairs], on = new double[pairs], off = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            raw[i] = raw(tmp.resolve("raw" + i + ".db"), stream, best);
            System.out.printf("run %d raw (batch %,d)        : %,10.0f rows/s   (load %s); written: %.1f KB a row%n", i + 1, best, raw[i], load(),
                    lastRawWritten);
            on[i] = pipeline(tmp.resolve("on" + i + ".db"), withReports, all, stream);
            System.out.printf("run %d pipeline, rollups on  : %,10.0f events/s (load %s); %s%n", i + 1, on[i], load(), lastCpu);
            off[i] = pipeline(tmp.resolve("off" + i + ".db"), withoutReports, noReports, stream);
            System.out.printf("run %d pipeline, rollups off : %,10.0f events/s (load %s); %s%n", i + 1, off[i], load(), lastCpu);
        }
        summary("raw rows/s", raw);
        summary("pipeline events/s, rollups on", on);
        summary("pipeline events/s, rollups off", off);
        double[] ratio = new double[pairs], cost = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            ratio[i] = on[i] / raw[i];
            cost[i] = 100 * (1 - on[i] / off[i]);
        }
        summary("ratio pipeline (rollups on) / raw, per pair (target >= 0.5)", ratio);
        summary("rollup cost on ingest %, per run: 1 - on/off (target < 10)", cost);
        deleteTree(tmp);
        deleteTree(withReports);
        deleteTree(withoutReports);
    }

    /** KB the last raw run wrote per row (WAL and checkpoints). */
    static double lastRawWritten;

    /** What the last pipeline run cost in CPU time (load-independent, unlike its rate). */
    static String lastCpu = "";

    /** CPU clock ticks of each of the process's threads (JVM threads too: GC, JIT), by name, from /proc. */
    static java.util.Map<String, Long> taskTicks() {
        java.util.Map<String, Long> ticks = new java.util.HashMap<>();
        try (var dirs = Files.list(Path.of("/proc/self/task"))) {
            for (Path d : dirs.toList()) {
                try {
                    String stat = Files.readString(d.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).replaceAll("[0-9]+$", "#");
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.merge(name, Long.parseLong(f[11]) + Long.parseLong(f[12]), Long::sum);
                } catch (Exception gone) { /* the thread ended */ }
            }
        } catch (Exception e) { /* no /proc */ }
        return ticks;
    }

    static String topTasks(java.util.Map<String, Long> before, java.util.Map<String, Long> after) {
        return after.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(8)
                .map(e -> e.getKey() + " " + e.getValue() * 10).collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * Bytes the process has handed to write(2) so far (/proc/self/io wchar: the WAL's frames and
     * the checkpoints' copies): unlike a rate, it does not move with the machine's load.
     */
    static long writtenBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("wchar:")) return Long.parseLong(line.substring(6).trim());
            }
        } catch (Exception e) { /* no /proc */ }
        return 0;
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time of the live thread named {@code name}, 0 when there is none. */
    static long threadCpuNanos(String name) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().equals(name)) return Math.max(0, mx.getThreadCpuTime(t.getId()));
        }
        return 0;
    }

    static String load() {
        try { return Files.readString(Path.of("/proc/loadavg")).split(" ")[0]; } catch (Exception e) { return "?"; }
    }

    static void summary(String what, double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0);
        System.out.printf("%-62s: median %,10.2f  min %,10.2f  max %,10.2f  spread %.0f %%%n", what, s[s.length / 2], s[0], s[s.length - 1],
                mean == 0 ? 0 : 100 * (s[s.length - 1] - s[0]) / Math.abs(mean));
    }

    /**
     * The event mix, in {@code GROUPS} groups: 0.5 % joins of new members (verification, welcome),
     * 1 % blocklist keyword hits (delete), 0.4 % regex hits (warn), 0.5 % /checkin commands,
     * 10 % replies, 5 % questions, the rest ordinary chatter. Member i posts about every
     * {@code MEMBERS} events, 5 ms of event time apart per event (no flood filter fires).
     */
    static List<Event> events(int n, Instant t0) {
        List<Event> out = new ArrayList<>(n);
        String run = run(t0);
        for (int i = 0; i < n; i++) out.add(event(i, run, t0));
        return out;
    }

    /** The name of a run of events starting at {@code t0}, in their keys. */
    static String run(Instant t0) { return Long.toString(t0.toEpochMilli(), 36); }

    /** Event {@code i} of {@link #events}, made alone (a long stream need not be held in memory). */
    static Event event(int i, String run, Instant t0) {
        ChatRef chat = new ChatRef(BenchPlatform.KIND, "g" + (i % GROUPS));
        Instant at = t0.plusMillis(i * 5L);
        EventKey key = EventKey.of(chat, run + "-" + i);
        if (i % 200 == 17) {
            String who = "n" + run + i;
            return new Event.MemberJoined(key, chat, at, "host", MemberRef.of(who, "新人" + i), null);
        }
        String who = "m" + ((i * 7_919L) % MEMBERS);
        String text;
        if (i % 100 == 7) text = "看看这个 badword" + (i % 150) + " 好东西";
        else if (i % 250 == 3) text = "promo" + (i % 50) + "123abc 限时";
        else if (i % 200 == 50) text = "/checkin";
        else if (i % 20 == 9) text = "请问 Java 17 的 record 怎么序列化？";
        else text = "message number " + i + " 今天的活动大家记得参加";
        String replyTo = i % 10 == 1 && i > GROUPS ? run + "-" + (i - GROUPS) : null;
        return new Event.MessagePosted(key, chat, at, "host", MemberRef.of(who, "成员" + who), run + "-" + i, text, replyTo,
                replyTo == null ? null : MemberRef.of("m1", "成员m1"), false, false, false, false);
    }

    static String mix(List<Event> s) {
        long joins = s.stream().filter(e -> e instanceof Event.MemberJoined).count();
        return String.format("%,d messages, %,d joins", s.size() - joins, joins);
    }

    /** Events per second through a fresh bot over {@code config}, from {@link #PRODUCERS} threads. */
    /**
     * {@code -Dbench.ordered=true}: the producers hand their batches in without waiting for each
     * write ({@code EventSink.ordered}, as the OneBot adapter does); by default each waits in
     * {@code accept}, as Telegram's poller and the sandbox do.
     */
    static final boolean ORDERED = Boolean.getBoolean("bench.ordered");

    static double pipeline(Path file, Path configDir, Supplier<List<Feature>> featureList, List<Event> stream) throws Exception {
        // The loader dry-installs the features it is given to learn their command names: not the bot's.
        BotConfig config = BenchConfig.load(configDir, featureList.get());
        Bot bot = BenchConfig.bot(config, file, featureList.get());
        bot.start();
        List<List<List<Event>>> slices = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) slices.add(new ArrayList<>());
        // Producer p takes every PRODUCERS-th adapter batch: each group's events reach the pipeline from several threads.
        for (int i = 0, b = 0; i < stream.size(); i += ADAPTER_BATCH, b++) {
            slices.get(b % PRODUCERS).add(stream.subList(i, Math.min(stream.size(), i + ADAPTER_BATCH)));
        }
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(PRODUCERS);
        // the producers' threads stay alive (idle) until their CPU time is read, once all is handled
        CountDownLatch counted = new CountDownLatch(1);
        Threads threads = Threads.forTests();
        for (int p = 0; p < PRODUCERS; p++) {
            List<List<Event>> mine = slices.get(p);
            threads.start("producer-" + p, () -> {
                try {
                    go.await();
                    if (ORDERED) {
                        // as the OneBot adapter: batches handed in without waiting for their write, in order
                        qunzhu.platform.EventSink.Ordered sink = bot.pipeline().ordered();
                        List<java.util.concurrent.CompletableFuture<Void>> written = new ArrayList<>();
                        for (List<Event> batch : mine) written.add(sink.submit(batch));
                        for (var f : written) f.join();
                    } else {
                        for (List<Event> batch : mine) bot.pipeline().accept(batch);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
                try {
                    counted.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        // Started before the clocks: starting a recording costs a few hundred ms of CPU itself.
        jdk.jfr.Recording jfr = startRecording();
        long cpu0 = processCpuNanos(), worker0 = threadCpuNanos("pipeline"), intake0 = threadCpuNanos("intake"), written0 = writtenBytes();
        java.util.Map<String, Long> tasks0 = taskTicks();
        long[] handedIn0 = bot.pipeline().intakeTotals();
        long start = System.nanoTime();
        go.countDown();
        done.await();
        // Handled: every event logged and run through the features, its actions stored for the
        // outbox. The outbox's sending (paced by the platform's limits) is not the pipeline's
        // rate: it used to be in this figure, and the pipeline then sat idle half the run.
        long limit = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (!bot.pipeline().idle()) {
            if (System.nanoTime() > limit) throw new IllegalStateException("pipeline did not drain");
            Thread.sleep(1);
        }
        // The counters the store still holds in memory (written a few seconds behind) are part of the work: written now, timed.
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long flush0 = mx.getCurrentThreadCpuTime(), flushStart = System.nanoTime();
        bot.db().flushTallies();
        long flushCpu = mx.getCurrentThreadCpuTime() - flush0, flushNs = System.nanoTime() - flushStart;
        long ns = System.nanoTime() - start;
        long cpu = processCpuNanos() - cpu0, worker = threadCpuNanos("pipeline") - worker0 + flushCpu, intake = threadCpuNanos("intake") - intake0;
        java.util.Map<String, Long> tasks1 = taskTicks();
        long[] handedIn1 = bot.pipeline().intakeTotals();
        long commits = handedIn1[0] - handedIn0[0];
        counted.countDown();
        long written = writtenBytes() - written0;
        stopRecording(jfr, file);
        if (!bot.pipeline().awaitIdle(Duration.ofMinutes(20))) throw new IllegalStateException("outbox did not drain");
        long drainedNs = System.nanoTime() - start;
        lastCpu = String.format("CPU per event: %.1f µs in the process, %.1f µs on the pipeline thread (busy %.0f %% of the run),"
                        + " %.1f µs on the intake thread (busy %.0f %%)",
                cpu / 1e3 / stream.size(), worker / 1e3 / stream.size(), 100.0 * worker / ns, intake / 1e3 / stream.size(), 100.0 * intake / ns)
                + String.format(" (the held counters' last write: %.0f ms); written: %.1f KB an event (WAL and checkpoints)", flushNs / 1e6,
                        written / 1024.0 / stream.size())
                + String.format("; the intake's commits: %,d, %.0f events each", commits, commits == 0 ? 0.0 : (handedIn1[1] - handedIn0[1]) / (double) commits)
                + "; by thread until handled (ms): " + topTasks(tasks0, tasks1)
                + String.format("; the outbox sent the last action %.1f s after the first push (handled after %.1f s)", drainedNs / 1e9, ns / 1e9);
        long rows = bot.db().count("SELECT COUNT(*) FROM activity");
        bot.stop();
        threads.shutdown(Duration.ofSeconds(5));
        if (rows != stream.size()) throw new IllegalStateException("expected " + stream.size() + " rows, got " + rows);
        deleteDb(file);
        return stream.size() / (ns / 1e9);
    }

    /**
     * {@code -Dbench.jfr=DIR}: each measured pipeline run (not the warm-ups) under Flight
     * Recorder's profile settings, until every event is handled, into DIR/(database name).jfr:
     * on0.jfr, off0.jfr, ... A profiled run's rates are not comparable with unprofiled ones.
     */
    static final String JFR_DIR = System.getProperty("bench.jfr");

    static jdk.jfr.Recording startRecording() throws Exception {
        if (JFR_DIR == null) return null;
        jdk.jfr.Recording r = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
        r.start();
        return r;
    }

    static void stopRecording(jdk.jfr.Recording r, Path db) throws Exception {
        if (r == null) return;
        r.stop();
        String name = db.getFileName().toString().replace(".db", "");
        if (!name.startsWith("warm")) r.dump(Path.of(JFR_DIR, name + ".jfr"));
        r.close();
    }

    /** The raw inserts' activity row (the benchmark's events: every one has an actor), as the activity log binds it. */
    static void bindRow(PreparedStatement ps, Event e, byte[] payload, ZoneId zone) throws java.sql.SQLException {
        MemberRef who = Event.actor(e);
        Event.MessagePosted m = e instanceof Event.MessagePosted mp ? mp : null;
        ps.setString(1, e.key().platform());
        ps.setString(2, e.key().chat());
        ps.setString(3, e.key().nativeId());
        ps.setString(4, ActivityLog.kind(e));
        ps.setString(5, e.account());
        ps.setString(6, who.id());
        ps.setString(7, who.name());
        ps.setLong(8, e.at().toEpochMilli());
        ps.setString(9, e.at().atZone(zone).toLocalDate().toString());
        ps.setString(10, m == null ? null : m.messageId());
        ps.setString(11, m == null ? null : m.replyToId());
        ps.setString(12, m == null ? null : m.text());
        ps.setInt(13, m == null ? 0 : m.text().codePointCount(0, m.text().length()));
        ps.setBytes(14, payload);   // UTF-8 JSON, stored as text by the statement's CAST
    }

    /** Rows per second: the same activity rows as the pipeline logs, batched {@code batch} per commit, one thread. */
    static double raw(Path file, List<Event> stream, int batch) throws Exception {
        Database.open(file, false).close();           // same schema (and indexes) through the same migrations
        double rate;
        // the activity log's own file, as the pipeline's intake writes it
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + Database.logFileOf(file))) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                // the store's page cache: with SQLite's default 2 MB, a commit of 10,000 rows spilled and wrote 4.9 KB a row, not 1.8
                s.execute("PRAGMA cache_size=-" + Database.CACHE_KIB);
            }
            c.setAutoCommit(false);
            ZoneId zone = ZoneId.of("Asia/Shanghai");
            long start = System.nanoTime(), written0 = writtenBytes();
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO activity (platform, chat_id, native_id, kind, account, member_id, member_name, at_ms, day,
                                          message_id, reply_to, text, text_len, payload)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CAST(? AS TEXT))""")) {
                for (int i = 0; i < stream.size(); i++) {
                    Event e = stream.get(i);
                    bindRow(ps, e, Codec.encodeUtf8(e), zone);   // the JSON encoded here, on the inserting thread
                    ps.addBatch();
                    if ((i + 1) % batch == 0 || i == stream.size() - 1) {
                        ps.executeBatch();
                        c.commit();
                    }
                }
            }
            rate = stream.size() / ((System.nanoTime() - start) / 1e9);
            lastRawWritten = (writtenBytes() - written0) / 1024.0 / stream.size();
        }
        deleteDb(file);
        return rate;
    }

    static void deleteDb(Path file) throws java.io.IOException {
        for (Path f : List.of(file, Database.logFileOf(file))) {
            for (String suffix : new String[] {"", "-wal", "-shm"}) Files.deleteIfExists(Path.of(f + suffix));
        }
    }

    static void deleteTree(Path dir) throws java.io.IOException {
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
