package qunzhu.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import qunzhu.config.BotConfig;
import qunzhu.core.ChatRef;
import qunzhu.feature.FeatureStore;
import qunzhu.feature.MemberTiers;
import qunzhu.features.reports.Digest;
import qunzhu.features.reports.Period;
import qunzhu.features.reports.Report;
import qunzhu.features.reports.ReportBuilder;
import qunzhu.features.reports.ReportsConfig;
import qunzhu.features.reports.Scope;
import qunzhu.store.Database;
import qunzhu.store.History;
import qunzhu.text.Texts;

/**
 * The daily digest for all of 1,000 configured groups over a history of 30 days: built from the
 * rollups by the shipped {@link ReportBuilder} (as the reports feature posts it: the report, its
 * text and its chart), against a raw scan of the activity log that computes the digest's main
 * figures (per group: messages, replies, joins, leaves, active members for the day and the day
 * before; the hour histogram; the top contributors; members and active members per day over 30
 * days for the chart).
 *
 * <p>The history ({@link ReportsHistory}) is written straight into the tables in batches of
 * 10,000 activity rows, with the rows ActivityLog and the reports feature would write for those
 * events ({@code -Dbench.check=true} proves it against a replay and {@code RollupRebuild}).
 * Each repeat times the all-groups digest (report, text, chart), the 1,000 per-group digests and
 * the raw scan, with the load. {@code -Dbench.reuse=FILE} generates into FILE once and reuses it.
 * Not a test: {@code scripts/bench reports [events] [repeats]}.
 */
public final class ReportsBench {
    static final int GROUPS = 1_000;
    static final int DAYS = 30;
    static final int MEMBERS = 200;

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        Path configDir = BenchConfig.write(GROUPS, true);
        BotConfig config = BenchConfig.load(configDir, BenchConfig.featuresWithout(n -> false));
        // -Dbench.reuse=FILE: a database an earlier run generated (generated there when the file does not exist yet, and kept).
        String reuse = System.getProperty("bench.reuse");
        boolean fresh = reuse == null || !Files.exists(Path.of(reuse));
        Path tmp = reuse != null ? Path.of(reuse).toAbsolutePath().getParent() : Files.createTempDirectory("qunzhu-bench-reports");
        Path file = reuse != null ? Path.of(reuse) : tmp.resolve("reports.db");
        LocalDate last = LocalDate.now(zone).minusDays(1);
        LocalDate first = last.minusDays(DAYS - 1);
        qunzhu.runtime.Threads threads = qunzhu.runtime.Threads.forTests();
        try (Database db = Database.open(file, false)) {
            long t0 = System.nanoTime();
            if (fresh) {
                System.out.printf("reports bench: generating %,d logged events, %,d groups, %d days (%s to %s)%n", events, GROUPS, DAYS, first, last);
                ReportsHistory.generate(db, events, GROUPS, DAYS, first, zone);
            } else {
                String[] span = db.queryOne("SELECT MIN(day), MAX(day) FROM activity", rs -> new String[] {rs.getString(1), rs.getString(2)});
                first = LocalDate.parse(span[0]);
                last = LocalDate.parse(span[1]);
                System.out.printf("reports bench: reusing %s (%s to %s)%n", file, first, last);
            }
            System.out.printf("history %s in %.0f s (%,d activity rows, %,d report_chat_day rows, %,d report_member_day rows,"
                            + " %,d report_counted rows, %,d chat_members rows, db %,d MB)%n", fresh ? "generated" : "opened",
                    (System.nanoTime() - t0) / 1e9, db.count("SELECT COUNT(*) FROM activity"), db.count("SELECT COUNT(*) FROM report_chat_day"),
                    db.count("SELECT COUNT(*) FROM report_member_day"), db.count("SELECT COUNT(*) FROM report_counted"),
                    db.count("SELECT COUNT(*) FROM chat_members"), Files.size(file) / 1_000_000);
            if (Boolean.getBoolean("bench.check")) ReportsCheck.check(db, config, zone);
            Texts texts = new Texts(List.of("core", "features/reports"), config.texts());
            Digest.Words words = (key, vars) -> texts.format(config.locale(), key, vars);
            // -Dbench.sql=true: where the all-groups digest's SQL time goes, statement by statement.
            // -Dbench.readers=N: the report's reads on N read-only connections at once, as the bot runs them (0: one after
            // the other on the writer's connection, as before).
            int readers = Integer.getInteger("bench.readers", 2);
            if (readers > 0) db.readInParallel(threads.pool("store-readers", readers));
            FeatureStore reads = readers > 0 ? new qunzhu.features.reports.ReadOnlyStore(db.readers()) : FeatureStore.over(db);
            TimedStore timed = Boolean.getBoolean("bench.sql") ? new TimedStore(reads) : null;
            ReportBuilder b = new ReportBuilder(timed != null ? timed : reads, readers > 0 ? new History(db.readers()) : new History(db), MemberTiers.NONE,
                    config, config.section(ReportsConfig.class, ReportsConfig.DEFAULTS), readers > 0 ? db.readers().executor() : null);
            // -Dbench.compare=true: before each run, the same digest built one read after the other on the writer (its time and hashes).
            ReportBuilder sequential = new ReportBuilder(FeatureStore.over(db), new History(db), MemberTiers.NONE, config,
                    config.section(ReportsConfig.class, ReportsConfig.DEFAULTS));
            System.out.printf("the report's reads: %s%n", readers > 0 ? readers + " read-only connections at once" : "one after the other on the writer");
            Period day = Period.day(last);
            double[] report = new double[repeats], text = new double[repeats], chart = new double[repeats], raw = new double[repeats];
            double[] total = new double[repeats], perGroup = new double[repeats];
            double[] reportCpu = new double[repeats], textCpu = new double[repeats];
            Report r = null;
            long[] rawFigures = null;
            for (int i = 0; i < repeats; i++) {
                // The digest over all groups, as the feature posts it: the report with its chart (drawn beside the
                // report's last reads), then its text.
                if (Boolean.getBoolean("bench.compare")) {
                    long s0 = System.nanoTime(), p0 = processCpuNanos();
                    ReportBuilder.Drawn one = sequential.build(Scope.ALL, day, words);
                    String seqText = new Digest(words).text(one.report(), Digest.Kind.DAILY);
                    System.out.printf("run %d: sequential on the writer: %,.0f ms, CPU %,.0f ms (text %08x, PNG %08x) (load %s)%n", i + 1, ms(s0),
                            (processCpuNanos() - p0) / 1e6, seqText.hashCode(), Arrays.hashCode(one.png()), PipelineBench.load());
                }
                long s = System.nanoTime();
                long cpu0 = cpuNanos(), proc0 = processCpuNanos();
                ReportBuilder.Drawn drawn = b.build(Scope.ALL, day, words);
                r = drawn.report();
                byte[] png = drawn.png();
                report[i] = ms(s);
                long cpu1 = cpuNanos(), proc1 = processCpuNanos();
                s = System.nanoTime();
                String t = new Digest(words).text(r, Digest.Kind.DAILY);
                text[i] = ms(s);
                long cpu2 = cpuNanos(), proc2 = processCpuNanos();
                reportCpu[i] = (proc1 - proc0) / 1e6;
                textCpu[i] = (proc2 - proc1) / 1e6;
                chart[i] = 0;
                System.out.printf("run %d: all-groups daily digest, CPU time of the process: report with chart %,.0f ms + text %,.0f ms = %,.0f ms"
                        + " (of which this thread %,.0f ms)%n", i + 1, reportCpu[i], textCpu[i], reportCpu[i] + textCpu[i], (cpu2 - cpu0) / 1e6);
                total[i] = report[i] + text[i] + chart[i];
                if (timed != null) timed.print("the all-groups digest, run " + (i + 1));
                if (Boolean.getBoolean("bench.digestOnly")) {
                    // -Dbench.digestOnly=true: the all-groups digest alone, per part (for profiling it).
                    System.out.printf("run %d: all-groups daily digest: report with chart %,.0f ms + text %,.0f ms = %,.0f ms (%d chars, %,d byte PNG;"
                            + " text %08x, PNG %08x) (load %s)%n", i + 1, report[i], text[i], total[i], t.length(), png.length,
                            t.hashCode(), Arrays.hashCode(png), PipelineBench.load());
                    continue;
                }
                // One daily digest per group, for every group.
                s = System.nanoTime();
                long msgs = 0;
                for (int g = 0; g < GROUPS; g++) {
                    Report one = b.build(Scope.group("g" + g), day);
                    new Digest(words).text(one, Digest.Kind.DAILY);
                    msgs += one.now().messages();
                }
                perGroup[i] = ms(s);
                if (timed != null) timed.print("the per-group digests, run " + (i + 1));
                if (msgs != r.now().messages()) throw new IllegalStateException("per-group messages " + msgs + " != all " + r.now().messages());
                s = System.nanoTime();
                rawFigures = rawScan(db, last, zone);
                raw[i] = ms(s);
                System.out.printf("run %d: all-groups daily digest: report with chart %,.0f ms + text %,.0f ms = %,.0f ms (%d chars, %,d byte PNG;"
                                + " text %08x, PNG %08x); %,d per-group digests (report + text) %,.0f ms; raw scan %,.0f ms (load %s)%n", i + 1, report[i], text[i],
                        total[i], t.length(), png.length, t.hashCode(), Arrays.hashCode(png), GROUPS, perGroup[i], raw[i], PipelineBench.load());
            }
            if (Boolean.getBoolean("bench.digestOnly")) {
                PipelineBench.summary("all-groups daily digest, ms (report with chart + text)", total);
                PipelineBench.summary("  of which the report with its chart, ms", report);
                PipelineBench.summary("all-groups daily digest, CPU ms of the process", sum(reportCpu, textCpu));
            } else {
                System.out.printf("check: rollups say %,d messages and %,d active members on %s; the raw scan says %,d and %,d%n",
                        r.now().messages(), r.now().active(), last, rawFigures[0], rawFigures[1]);
                if (r.now().messages() != rawFigures[0] || r.now().active() != rawFigures[1]) throw new IllegalStateException("rollups and raw scan disagree");
                PipelineBench.summary("all-groups daily digest, ms (report with chart + text)", total);
                PipelineBench.summary("  of which the report with its chart, ms", report);
                PipelineBench.summary("all-groups daily digest, CPU ms of the process", sum(reportCpu, textCpu));
                PipelineBench.summary("1,000 per-group daily digests (report + text), ms", perGroup);
                PipelineBench.summary("raw scan of the activity log, ms", raw);
            }
        }
        threads.close();
        if (reuse == null) PipelineBench.deleteTree(tmp);
        PipelineBench.deleteTree(configDir);
    }

    static double[] sum(double[]... parts) {
        double[] out = new double[parts[0].length];
        for (double[] p : parts) for (int i = 0; i < out.length; i++) out[i] += p[i];
        return out;
    }

    /** CPU time of the whole process (the report's reads run on pool threads; includes the JIT and GC). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static double ms(long start) { return (System.nanoTime() - start) / 1e6; }

    /** CPU time of the calling thread (SQLite runs on it too): less disturbed by other processes on the machine than wall time. */
    static long cpuNanos() { return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); }

    /**
     * The digest's main figures straight from the activity log, per group through the
     * (platform, chat_id, day) index: the day and the day before, the hours, the top five, and
     * 30 days of members and active members for the chart. Returns the day's messages and
     * active members over all groups (to check both paths agree).
     */
    static long[] rawScan(Database db, LocalDate day, ZoneId zone) {
        return db.tx(c -> {
            long messages = 0, active = 0;
            long[] hours = new long[24];
            List<long[]> top = new ArrayList<>();
            Map<String, long[]> chart = new HashMap<>();
            String d = day.toString(), prev = day.minusDays(1).toString(), from = day.minusDays(DAYS - 1).toString();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT day, kind, member_id, reply_to, at_ms FROM activity WHERE platform = 'bench' AND chat_id = ? AND day >= ? AND day <= ?")) {
                for (int g = 0; g < GROUPS; g++) {
                    ps.setString(1, "g" + g);
                    ps.setString(2, from);
                    ps.setString(3, d);
                    Map<String, Set<String>> activeByDay = new HashMap<>();
                    Map<String, Long> byMember = new HashMap<>();
                    long[] counts = new long[10];
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String rd = rs.getString(1);
                            String kind = rs.getString(2);
                            String who = rs.getString(3);
                            if (who != null && who.startsWith("bot")) continue;   // the history's bots: the rollups skip them
                            int slot = rd.equals(d) ? 0 : rd.equals(prev) ? 5 : -1;
                            long[] cd = chart.computeIfAbsent(rd, k -> new long[2]);
                            switch (kind) {
                                case "message" -> {
                                    activeByDay.computeIfAbsent(rd, k -> new HashSet<>()).add(who);
                                    if (slot >= 0) {
                                        counts[slot]++;
                                        if (rs.getString(4) != null) counts[slot + 1]++;
                                    }
                                    if (slot == 0) {
                                        byMember.merge(who, 1L, Long::sum);
                                        hours[Instant.ofEpochMilli(rs.getLong(5)).atZone(zone).getHour()]++;
                                    }
                                }
                                case "join" -> { if (slot >= 0) counts[slot + 2]++; cd[0]++; }
                                case "leave" -> { if (slot >= 0) counts[slot + 3]++; cd[0]--; }
                                default -> { }
                            }
                        }
                    }
                    for (Map.Entry<String, Set<String>> e : activeByDay.entrySet()) chart.get(e.getKey())[1] += e.getValue().size();
                    messages += counts[0];
                    Set<String> today = activeByDay.get(d);
                    active += today == null ? 0 : today.size();
                    byMember.forEach((m, n) -> top.add(new long[] {n, m.hashCode()}));
                }
            }
            top.sort((a, b) -> Long.compare(b[0], a[0]));
            if (top.size() > 5) top.subList(5, top.size()).clear();
            if (Arrays.stream(hours).sum() != messages) throw new IllegalStateException("hours do not add up");
            return new long[] {messages, active};
        });
    }
}
