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
import qunzhu.features.reports.Charts;
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
 * <p>The history is generated straight into the tables with batched inserts: {@code events}
 * activity rows (97 % messages, 2 % joins, 1 % leaves; 200 members per group; a short
 * placeholder payload, since neither path reads it), the secondary indexes built after the
 * load, and the rollups and chat_members filled from the log by SQL aggregates (the same
 * figures the feature keeps as events are handled). Not a test: {@code scripts/bench reports [events] [repeats]}.
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
        // -Dbench.reuse=FILE: a database an earlier run generated (kept when it failed), to skip the generation.
        String reuse = System.getProperty("bench.reuse");
        Path tmp = reuse != null ? Path.of(reuse).getParent() : Files.createTempDirectory("qunzhu-bench-reports");
        Path file = reuse != null ? Path.of(reuse) : tmp.resolve("reports.db");
        LocalDate last = LocalDate.now(zone).minusDays(1);
        LocalDate first = last.minusDays(DAYS - 1);
        System.out.printf("reports bench: %,d logged events, %,d groups, %d days (%s to %s), %d members per group%n",
                events, GROUPS, DAYS, first, last, MEMBERS);
        try (Database db = Database.open(file, false)) {
            long t0 = System.nanoTime();
            if (reuse == null) generate(db, events, first, zone);
            System.out.printf("history generated in %.0f s (%,d activity rows, %,d report_chat_day rows, %,d report_member_day rows, db %,d MB)%n",
                    (System.nanoTime() - t0) / 1e9, db.count("SELECT COUNT(*) FROM activity"), db.count("SELECT COUNT(*) FROM report_chat_day"),
                    db.count("SELECT COUNT(*) FROM report_member_day"), Files.size(file) / 1_000_000);
            Texts texts = new Texts(List.of("core", "features/reports"), config.texts());
            Digest.Words words = (key, vars) -> texts.format(config.locale(), key, vars);
            ReportBuilder b = new ReportBuilder(FeatureStore.over(db), new History(db), MemberTiers.NONE, config,
                    config.section(ReportsConfig.class, ReportsConfig.DEFAULTS));
            Period day = Period.day(last);
            double[] report = new double[repeats], text = new double[repeats], chart = new double[repeats], raw = new double[repeats];
            Report r = null;
            long[] rawFigures = null;
            // The digest over all groups: its SQL names every group in one WHERE (1,000 ORs).
            try {
                long s = System.nanoTime();
                b.build(Scope.ALL, day);
                System.out.printf("daily digest over all %,d groups (Scope.ALL): built in %,.0f ms%n", GROUPS, ms(s));
            } catch (RuntimeException e) {
                System.out.printf("daily digest over all %,d groups (Scope.ALL) FAILED: %s%n", GROUPS, e.getMessage());
            }
            // One daily digest per group, for every group: what works at this size.
            double[] perGroup = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                long s = System.nanoTime();
                long msgs = 0;
                for (int g = 0; g < GROUPS; g++) {
                    Report one = b.build(Scope.group("g" + g), day);
                    new Digest(words).text(one, Digest.Kind.DAILY);
                    msgs += one.now().messages();
                }
                perGroup[i] = ms(s);
                long s2 = System.nanoTime();
                rawFigures = rawScan(db, last, zone);
                raw[i] = ms(s2);
                System.out.printf("run %d: %,d per-group daily digests (report + text, no chart) from rollups: %,.0f ms (%,d messages);"
                        + " raw scan of the log for all groups: %,.0f ms (%,d messages) (load %s)%n",
                        i + 1, GROUPS, perGroup[i], msgs, raw[i], rawFigures[0], PipelineBench.load());
            }
            PipelineBench.summary("1,000 per-group daily digests from rollups, ms", perGroup);
            PipelineBench.summary("raw scan of the activity log, ms", raw);
            for (int i = 0; i < repeats && System.getProperty("bench.all") != null; i++) {
                long s = System.nanoTime();
                r = b.build(Scope.ALL, day);
                report[i] = ms(s);
                s = System.nanoTime();
                String t = new Digest(words).text(r, Digest.Kind.DAILY);
                text[i] = ms(s);
                s = System.nanoTime();
                byte[] png = Charts.forReport(b, r, words);
                chart[i] = ms(s);
                s = System.nanoTime();
                rawFigures = rawScan(db, last, zone);
                raw[i] = ms(s);
                System.out.printf("run %d: rollups: report %,.0f ms + text %,.0f ms + chart %,.0f ms = %,.0f ms (%d chars, %,d byte PNG);"
                                + " raw scan %,.0f ms (load %s)%n", i + 1, report[i], text[i], chart[i], report[i] + text[i] + chart[i],
                        t.length(), png.length, raw[i], PipelineBench.load());
            }
            if (r == null) return;
            System.out.printf("check: rollups say %,d messages and %,d active members on %s; the raw scan says %,d and %,d%n",
                    r.now().messages(), r.now().active(), last, rawFigures[0], rawFigures[1]);
            double[] total = new double[repeats];
            for (int i = 0; i < repeats; i++) total[i] = report[i] + text[i] + chart[i];
            PipelineBench.summary("daily digest from rollups, ms (report + text + chart)", total);
            PipelineBench.summary("  of which the report (SQL over rollups), ms", report);
            PipelineBench.summary("raw scan of the activity log, ms", raw);
        }
        PipelineBench.deleteTree(tmp);
        PipelineBench.deleteTree(configDir);
    }

    static double ms(long start) { return (System.nanoTime() - start) / 1e6; }

    static void generate(Database db, long events, LocalDate first, ZoneId zone) {
        db.tx(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("DROP INDEX activity_chat_day");
                s.execute("DROP INDEX activity_member");
            }
            return null;
        });
        Random rnd = new Random(20261201L);
        long from = first.atStartOfDay(zone).toInstant().toEpochMilli();
        long span = DAYS * 86_400_000L;
        int batch = 20_000;
        long done = 0;
        while (done < events) {
            long n = Math.min(batch, events - done);
            long base = done;
            db.tx(c -> {
                try (PreparedStatement ps = c.prepareStatement("""
                        INSERT INTO activity (platform, chat_id, native_id, kind, account, member_id, member_name, at_ms, day,
                                              message_id, reply_to, text, text_len, payload)
                        VALUES ('bench', ?, ?, ?, 'host', ?, ?, ?, ?, ?, ?, ?, ?, '{}')""")) {
                    for (long i = base; i < base + n; i++) {
                        int g = rnd.nextInt(GROUPS);
                        int m = rnd.nextInt(MEMBERS);
                        // more traffic in the evening: the hour histogram is not flat
                        long at = from + (long) (span * Math.pow(rnd.nextDouble(), 0.9));
                        int k = rnd.nextInt(100);
                        String kind = k < 97 ? "message" : k < 99 ? "join" : "leave";
                        ps.setString(1, "g" + g);
                        ps.setString(2, Long.toString(i));
                        ps.setString(3, kind);
                        ps.setString(4, "m" + g + "-" + m);
                        ps.setString(5, "成员" + m);
                        ps.setLong(6, at);
                        ps.setString(7, Instant.ofEpochMilli(at).atZone(zone).toLocalDate().toString());
                        boolean msg = kind.equals("message");
                        ps.setString(8, msg ? Long.toString(i) : null);
                        ps.setString(9, msg && rnd.nextInt(10) == 0 ? Long.toString(i - 1) : null);
                        ps.setString(10, msg ? "message " + i : null);
                        ps.setInt(11, msg ? 8 : 0);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                return null;
            });
            done += n;
        }
        // Indexes after the load, then the rollups and seats from the log.
        int offsetHours = zone.getRules().getOffset(Instant.ofEpochMilli(from)).getTotalSeconds() / 3600;
        StringBuilder hours = new StringBuilder();
        StringBuilder hourCols = new StringBuilder();
        for (int h = 0; h < 24; h++) {
            String col = h < 10 ? "h0" + h : "h" + h;
            hourCols.append(", ").append(col);
            hours.append(", SUM(kind = 'message' AND ((at_ms / 3600000 + ").append(offsetHours).append(") % 24) = ").append(h).append(")");
        }
        db.tx(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE INDEX activity_chat_day ON activity (platform, chat_id, day)");
                s.execute("CREATE INDEX activity_member ON activity (platform, member_id, at_ms)");
                s.execute("INSERT INTO report_chat_day (platform, chat_id, day, messages, replies, joins, leaves" + hourCols + ")"
                        + " SELECT platform, chat_id, day, SUM(kind = 'message'), SUM(kind = 'message' AND reply_to IS NOT NULL),"
                        + " SUM(kind = 'join'), SUM(kind = 'leave')" + hours + " FROM activity GROUP BY platform, chat_id, day");
                s.execute("INSERT INTO report_member_day (platform, chat_id, day, member_id, messages, replies, joins, leaves)"
                        + " SELECT platform, chat_id, day, member_id, SUM(kind = 'message'), SUM(kind = 'message' AND reply_to IS NOT NULL),"
                        + " SUM(kind = 'join'), SUM(kind = 'leave') FROM activity GROUP BY platform, chat_id, day, member_id");
                s.execute("INSERT INTO members (platform, member_id, name, first_seen_ms, last_seen_ms)"
                        + " SELECT platform, member_id, MIN(member_name), MIN(at_ms), MAX(at_ms) FROM activity GROUP BY platform, member_id");
                s.execute("INSERT INTO chat_members (platform, chat_id, member_id, first_seen_ms, last_seen_ms, messages)"
                        + " SELECT platform, chat_id, member_id, MIN(at_ms), MAX(at_ms), SUM(kind = 'message') FROM activity"
                        + " GROUP BY platform, chat_id, member_id");
                s.execute("ANALYZE");
            }
            return null;
        });
    }

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
