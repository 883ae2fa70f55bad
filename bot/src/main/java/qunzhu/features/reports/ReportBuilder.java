package qunzhu.features.reports;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import qunzhu.config.BotConfig;
import qunzhu.config.GroupConfig;
import qunzhu.core.ChatRef;
import qunzhu.core.Tally;
import qunzhu.feature.FeatureStore;
import qunzhu.feature.MemberTiers;
import qunzhu.store.History;
import qunzhu.store.Readers;
import qunzhu.store.StoreException;

/**
 * Builds a {@link Report} from the rollups (never from the raw log, except the hour after each
 * calendar post). Members at a day's end are the members known now (chat_members) less the net
 * joins after that day, so every period agrees with today's count.
 *
 * <p>With an executor ({@link #on}), the independent reads (each period's numbers, the
 * tallies, top and silent members, the group lines, the chart's series) run at the same time
 * on the store's read-only connections, and the chart is drawn on the building thread as soon
 * as its figures are in (over 1,000 groups at 10 M events on 2 cores at load 1.3-1.5, the warm
 * digest took 0.55-0.82 s against 1.15-1.41 s for the same reads one after the other; with no
 * free core it gains nothing). The result is the same report (ParallelReportsTest).
 */
public final class ReportBuilder {
    /** Members with at least this many messages in the three weeks before the last one, silent since: "core gone silent". */
    static final int SILENT_CORE_MESSAGES = 10;
    static final int TOP = 5;

    /** Days of the digest's chart. */
    static final int CHART_DAYS = 30;

    private final FeatureStore store;
    private final History history;
    private final MemberTiers tiers;
    private final BotConfig config;
    private final ReportsConfig reports;
    /** Where the report's independent reads run (null: one after the other, on the caller's thread). */
    private final Executor parallel;

    /** Reads one after the other through {@code store} and {@code history}, on the caller's thread (in its transaction). */
    public ReportBuilder(FeatureStore store, History history, MemberTiers tiers, BotConfig config, ReportsConfig reports) {
        this(store, history, tiers, config, reports, null);
    }

    /**
     * Runs the report's independent reads at the same time on {@code parallel} (null: one after
     * the other). With an executor, {@code store} and {@code history} must read through the
     * store's {@link Readers}, never the writer's connection: a pool thread would wait for the
     * writer's lock that the caller (the pipeline thread, in its transaction) holds.
     */
    public ReportBuilder(FeatureStore store, History history, MemberTiers tiers, BotConfig config, ReportsConfig reports, Executor parallel) {
        this.store = store;
        this.history = history;
        this.tiers = tiers == null ? MemberTiers.NONE : tiers;
        this.config = config;
        this.reports = reports;
        this.parallel = parallel;
    }

    /**
     * A builder for the store behind {@code readers}: its reads run on the read-only
     * connections, several at a time, when the store has them ({@link Readers#parallel()});
     * otherwise this is the sequential builder on {@code store} and {@code history} (an
     * in-memory database, tests). Parallel reads see the last committed state, not the writes
     * of the caller's open transaction (see {@link Readers}).
     */
    public static ReportBuilder on(Readers readers, FeatureStore store, History history, MemberTiers tiers, BotConfig config, ReportsConfig reports) {
        if (!readers.parallel()) return new ReportBuilder(store, history, tiers, config, reports);
        return new ReportBuilder(new ReadOnlyStore(readers), new History(readers), tiers, config, reports, readers.executor());
    }

    /** A result to be had later: a read running on the pool, or one already made. Get it on the building thread only. */
    @FunctionalInterface
    interface Later<T> { T get(); }

    /**
     * {@code work} on the pool (its result later), or now on this thread without one. A pool
     * task never waits for another one, so a small pool cannot deadlock; a failure comes out of
     * {@link Later#get} as the exception the work threw, as it would have sequentially.
     */
    private <T> Later<T> later(Supplier<T> work) {
        if (parallel == null) {
            T v = work.get();
            return () -> v;
        }
        FutureTask<T> task = new FutureTask<>(work::get);
        try {
            parallel.execute(task);
        } catch (RejectedExecutionException shutDown) {
            task.run();
        }
        return () -> join(task);
    }

    private static <T> T join(FutureTask<T> task) {
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            if (cause instanceof Error err) throw err;
            throw new StoreException("database error: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.cancel(true);
            throw new StoreException("interrupted while building a report", e);
        }
    }

    /**
     * A report with its chart. {@link #png()} is the chart, or throws what drawing it threw
     * (headless AWT without fonts throws), so the text can still go out.
     */
    public record Drawn(Report report, byte[] chart, Throwable chartError) {
        public byte[] png() {
            if (chartError instanceof RuntimeException e) throw e;
            if (chartError instanceof Error e) throw e;
            return chart;
        }
    }

    /** The chats of {@code scope}: its configured groups; for all groups with none configured, every chat the rollups know. */
    public List<ChatRef> chats(Scope scope) {
        List<ChatRef> chats = scope.chats(config);
        if (!chats.isEmpty() || scope.kind() != Scope.Kind.ALL) return chats;
        return store.query("SELECT DISTINCT platform, chat_id FROM report_chat_day ORDER BY platform, chat_id",
                rs -> new ChatRef(rs.getString(1), rs.getString(2)));
    }

    public Report build(Scope scope, Period period) { return build(scope, period, null).report(); }

    /**
     * The report and, with {@code chartWords}, its chart ({@link Charts#forReport}, the same
     * picture), drawn on this thread as soon as the chart's figures are in while the pool still
     * runs the report's remaining reads.
     */
    public Drawn build(Scope scope, Period period, Digest.Words chartWords) {
        List<ChatRef> chats = chats(scope);
        Where w = Where.of(chats);
        Period before = period.previous();
        Period chartDays = Period.lastDays(period.to(), CHART_DAYS);
        // The longest reads first: the pool takes them in this order.
        Later<List<Report.Person>> silent = later(() -> silentCore(chats, period));
        NumberReads now = numberReads(w, period);
        Later<List<Report.Person>> top = later(() -> top(w, period));
        NumberReads prev = numberReads(w, before);
        Later<ChartSeries> chartRows = chartWords == null ? null : later(() -> ChartSeries.read(store, w, chartDays));
        Later<Map<ChatRef, Long>> present = later(() -> present(chats));
        Later<NetJoins> net = later(() -> NetJoins.read(store, w, List.of(period.to(), period.from().minusDays(1), before.to(), before.from().minusDays(1))));
        Later<Report.Tallies> talliesNow = later(() -> tallies(w, period));
        Later<Report.Tallies> talliesBefore = later(() -> tallies(w, before));
        LineReads lineReads = lineReads(w, period);
        Later<Map<ChatRef, Map<String, long[]>>> dayRows = later(() -> dayRows(w, period));
        // Meanwhile on this thread: the tiers (another feature's query), then the chart.
        Map<ChatRef, Map<MemberTiers.Tier, List<String>>> tiered = new LinkedHashMap<>();
        for (ChatRef c : chats) tiered.put(c, tiers.byTier(c));
        String title = title(scope);
        Map<ChatRef, Long> end = net.get().membersAt(chats, present.get(), period.to());
        byte[] png = null;
        Throwable chartError = null;
        if (chartWords != null) {
            try {
                String name = scope.kind() == Scope.Kind.ALL ? chartWords.text("reports.scope_all") : title;
                png = Charts.png(chartRows.get().perDay(chats, end), now.sums.get().hours(), Charts.labels(name, chartWords));
            } catch (RuntimeException | LinkageError | InternalError e) {
                chartError = e;
            }
        }
        Report.Numbers numbersNow = now.numbers(chats, present.get(), net.get(), period);
        Report.Numbers numbersBefore = prev.numbers(chats, present.get(), net.get(), before);
        Report r = new Report(title, scope, period, numbersNow, numbersBefore, talliesNow.get(), talliesBefore.get(),
                top.get(), atRisk(tiered), silent.get(), tierCounts(tiered), lineReads.lines(chats, end), targets(scope, period),
                walk(chats, dayRows.get(), end, period));
        return new Drawn(r, png, chartError);
    }

    private String title(Scope scope) {
        return switch (scope.kind()) {
            case ALL -> "*";
            case GROUP -> {
                GroupConfig g = config.groups().get(scope.name());
                yield g == null ? scope.name() : g.title();
            }
            case PROFILE -> scope.name();
        };
    }

    /**
     * A filter on (platform, chat_id) for a list of chats; an empty list matches nothing. Many
     * chats are one row-value IN list, not a chain of ORs: SQLite refuses an expression more
     * than 1,000 deep, which a digest over 1,000 groups would be.
     */
    record Where(String sql, Object[] params) {
        static Where of(List<ChatRef> chats) {
            if (chats.isEmpty()) return new Where("1 = 0", new Object[0]);
            Object[] p = new Object[chats.size() * 2];
            for (int i = 0; i < chats.size(); i++) {
                p[2 * i] = chats.get(i).platform();
                p[2 * i + 1] = chats.get(i).id();
            }
            if (chats.size() == 1) return new Where("(platform = ? AND chat_id = ?)", p);
            StringBuilder sb = new StringBuilder("((platform, chat_id) IN (VALUES ");
            for (int i = 0; i < chats.size(); i++) sb.append(i > 0 ? ", (?, ?)" : "(?, ?)");
            return new Where(sb.append("))").toString(), p);
        }

        Object[] with(Object... more) {
            Object[] out = new Object[params.length + more.length];
            System.arraycopy(params, 0, out, 0, params.length);
            System.arraycopy(more, 0, out, params.length, more.length);
            return out;
        }
    }

    private static String hourSums() {
        StringBuilder sb = new StringBuilder();
        for (int h = 0; h < 24; h++) sb.append(", COALESCE(SUM(").append(Rollups.hour(h)).append("), 0)");
        return sb.toString();
    }

    Report.Numbers numbers(Where w, List<ChatRef> chats, Period p) { return numbers(w, chats, present(chats), p); }

    private Report.Numbers numbers(Where w, List<ChatRef> chats, Map<ChatRef, Long> present, Period p) {
        NumberReads reads = numberReads(w, p);
        NetJoins net = NetJoins.read(store, w, List.of(p.to(), p.from().minusDays(1)));
        return reads.numbers(chats, present, net, p);
    }

    /** The sums of report_chat_day over a period: messages ... join requests, the 24 hours, active. */
    record Sums(long[] v) {
        long[] hours() {
            long[] hours = new long[24];
            System.arraycopy(v, 7, hours, 0, 24);
            return hours;
        }
    }

    /** The reads of one period's {@link Report.Numbers}, each running on its own. */
    private record NumberReads(Later<Sums> sums, Later<Long> active, Later<Joined> joined, Later<Long> newcomersActive, Later<Long> retained,
                               Later<Long> approved, Later<Long> declined) {
        Report.Numbers numbers(List<ChatRef> chats, Map<ChatRef, Long> present, NetJoins net, Period p) {
            long[] v = sums.get().v();
            long end = net.total(chats, present, p.to());
            long start = net.total(chats, present, p.from().minusDays(1));
            Joined j = joined.get();
            return new Report.Numbers(start, end, v[2], v[3], v[6], approved.get(), declined.get(), v[4], v[5], v[0], v[1],
                    p.single() ? v[31] : active.get(), j.period(), newcomersActive.get(), j.weekBefore(), retained.get(), sums.get().hours());
        }
    }

    private NumberReads numberReads(Where w, Period p) {
        String from = p.from().toString();
        String to = p.to().toString();
        String nw = w.sql().replace("platform", "n.platform").replace("chat_id", "n.chat_id");
        // Last week's newcomers: joined in the 7 days before the period; retained: posted in it and not gone since.
        String weekFrom = p.from().minusDays(7).toString();
        String weekTo = p.from().minusDays(1).toString();
        Later<Long> retained = later(() -> distinct("""
                SELECT n.platform, n.chat_id, n.member_id FROM report_member_day n
                WHERE\s""" + nw + """
                 AND n.day >= ? AND n.day <= ? AND n.joins > 0
                  AND EXISTS (SELECT 1 FROM report_member_day m WHERE m.platform = n.platform AND m.chat_id = n.chat_id
                      AND m.member_id = n.member_id AND m.day >= ? AND m.day <= ? AND m.messages > 0)
                  AND NOT EXISTS (SELECT 1 FROM report_member_day l WHERE l.platform = n.platform AND l.chat_id = n.chat_id
                      AND l.member_id = n.member_id AND l.day >= n.day AND l.leaves > l.joins)""", w.with(weekFrom, weekTo, from, to)));
        // Joined members of the period and of the week before it: one read of the joined member-days.
        Later<Joined> joined = later(() -> Joined.read(store, w, p));
        Later<Sums> sums = later(() -> new Sums(store.queryOne("SELECT COALESCE(SUM(messages), 0), COALESCE(SUM(replies), 0), COALESCE(SUM(joins), 0),"
                + " COALESCE(SUM(joins_invited), 0), COALESCE(SUM(leaves), 0), COALESCE(SUM(removals), 0), COALESCE(SUM(join_requests), 0)"
                + hourSums() + ", COALESCE(SUM(active), 0) FROM report_chat_day WHERE " + w.sql() + " AND day >= ? AND day <= ?", rs -> {
                    long[] v = new long[32];
                    for (int i = 0; i < 32; i++) v[i] = rs.getLong(i + 1);
                    return v;
                }, w.with(from, to))));
        // One day: the members who posted are the day's count; over several days, each member once.
        Later<Long> active = p.single() ? () -> 0L : later(() -> store.count("SELECT COUNT(*) FROM (SELECT platform, chat_id, member_id FROM report_member_day WHERE "
                + w.sql() + " AND day >= ? AND day <= ? AND messages > 0 GROUP BY platform, chat_id, member_id) a", w.with(from, to)));
        // Rows, not GROUP BY: the planner then reads the joined member-days' index, with or without statistics.
        Later<Long> newcomersActive = later(() -> distinct("SELECT n.platform, n.chat_id, n.member_id FROM report_member_day n WHERE " + nw
                + " AND n.day >= ? AND n.day <= ? AND n.joins > 0 AND EXISTS (SELECT 1 FROM report_member_day m WHERE m.platform = n.platform"
                + " AND m.chat_id = n.chat_id AND m.member_id = n.member_id AND m.day >= n.day AND m.day <= ? AND m.messages > 0)",
                w.with(from, to, to)));
        Later<Long> approved = later(() -> actions(w, "approvejoin", p));
        Later<Long> declined = later(() -> actions(w, "declinejoin", p));
        return new NumberReads(sums, active, joined, newcomersActive, retained, approved, declined);
    }

    /**
     * Net joins (joins less leaves) of each chat after each of a few days, in one read:
     * members at a day's end are the members now less the net joins after it.
     */
    record NetJoins(List<LocalDate> days, Map<ChatRef, long[]> after) {
        static NetJoins read(FeatureStore store, Where w, List<LocalDate> days) {
            List<LocalDate> sorted = days.stream().distinct().sorted().toList();
            StringBuilder sql = new StringBuilder("SELECT platform, chat_id");
            List<Object> params = new ArrayList<>();
            for (LocalDate d : sorted) {
                sql.append(", COALESCE(SUM(CASE WHEN day > ? THEN joins - leaves END), 0)");
                params.add(d.toString());
            }
            sql.append(" FROM report_chat_day WHERE ").append(w.sql()).append(" AND day > ? GROUP BY platform, chat_id");
            params.addAll(java.util.Arrays.asList(w.params()));
            params.add(sorted.get(0).toString());
            int n = sorted.size();
            Map<ChatRef, long[]> after = new HashMap<>();
            for (Object[] r : store.query(sql.toString(), rs -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) v[i] = rs.getLong(3 + i);
                return new Object[] {new ChatRef(rs.getString(1), rs.getString(2)), v};
            }, params.toArray())) after.put((ChatRef) r[0], (long[]) r[1]);
            return new NetJoins(sorted, after);
        }

        /** Members of each chat at the end of {@code day} (one of the days read): known now, less the net joins after it. */
        Map<ChatRef, Long> membersAt(List<ChatRef> chats, Map<ChatRef, Long> now, LocalDate day) {
            int i = days.indexOf(day);
            if (i < 0) throw new IllegalArgumentException("net joins were not read after " + day);
            Map<ChatRef, Long> out = new LinkedHashMap<>();
            for (ChatRef c : chats) {
                long[] v = after.get(c);
                out.put(c, Math.max(0, now.getOrDefault(c, 0L) - (v == null ? 0 : v[i])));
            }
            return out;
        }

        long total(List<ChatRef> chats, Map<ChatRef, Long> now, LocalDate day) {
            long total = 0;
            for (long n : membersAt(chats, now, day).values()) total += n;
            return total;
        }
    }

    /** The number of distinct (platform, chat_id, member_id) rows a query returns. */
    private long distinct(String sql, Object[] params) {
        return new java.util.HashSet<>(store.query(sql, rs -> rs.getString(1) + '\u0000' + rs.getString(2) + '\u0000' + rs.getString(3), params)).size();
    }

    /**
     * Members (per chat) who joined in the period, and in the 7 days before it: counted in
     * SQLite through the partial index of joined member-days (the rows of 8 days through JDBC
     * took 0.1 s at 10 M events). INDEXED BY keeps that index whatever the statistics say.
     */
    record Joined(long period, long weekBefore) {
        static Joined read(FeatureStore store, Where w, Period p) {
            String count = "(SELECT COUNT(*) FROM (SELECT DISTINCT platform, chat_id, member_id FROM report_member_day INDEXED BY report_member_day_joined"
                    + " WHERE " + w.sql() + " AND day >= ? AND day <= ? AND joins > 0))";
            List<Object> params = new ArrayList<>(java.util.Arrays.asList(w.with(p.from().toString(), p.to().toString())));
            params.addAll(java.util.Arrays.asList(w.with(p.from().minusDays(7).toString(), p.from().minusDays(1).toString())));
            return store.queryOne("SELECT " + count + ", " + count, rs -> new Joined(rs.getLong(1), rs.getLong(2)), params.toArray());
        }
    }

    /** Join requests the bot approved or declined (from the action log, which keeps every action and its outcome). */
    private long actions(Where w, String kind, Period p) {
        return store.count("SELECT COUNT(*) FROM action_log WHERE " + w.sql() + " AND day >= ? AND day <= ? AND kind = ? AND outcome = 'done'",
                w.with(p.from().toString(), p.to().toString(), kind));
    }

    /** Up to this many chats, members are counted chat by chat (an index lookup each). */
    private static final int FEW_CHATS = 32;

    /** Members present now in each of the chats: read once per report. */
    private Map<ChatRef, Long> present(List<ChatRef> chats) {
        // A few chats: one indexed count each; many: one pass over chat_members for all of them.
        if (chats.size() > FEW_CHATS) return history.memberCounts();
        Map<ChatRef, Long> now = new HashMap<>();
        for (ChatRef c : chats) now.put(c, history.memberCount(c));
        return now;
    }

    /** A query of (platform, chat_id, number) rows as a map by chat. */
    private Map<ChatRef, Long> perChat(String sql, Object[] params) {
        Map<ChatRef, Long> out = new HashMap<>();
        for (Object[] r : store.query(sql, rs -> new Object[] {new ChatRef(rs.getString(1), rs.getString(2)), rs.getLong(3)}, params)) {
            out.put((ChatRef) r[0], (Long) r[1]);
        }
        return out;
    }

    /**
     * The tallies of {@code p}: one pass over its report_counted rows (in the order they were
     * counted), from which every count, the feedback, the answer waits, the moderation actions
     * and the calendar posts are taken.
     */
    Report.Tallies tallies(Where w, Period p) {
        Map<String, long[]> byTally = new LinkedHashMap<>();
        Map<String, java.util.Set<String>> participants = new HashMap<>();
        List<String> feedback = new ArrayList<>();
        List<Long> waits = new ArrayList<>();
        Map<String, Long> byKind = new LinkedHashMap<>();
        Map<String, Long> byRule = new LinkedHashMap<>();
        List<Object[]> calendar = new ArrayList<>();
        for (Object[] r : store.query("SELECT tally, member_id, value, detail, platform, chat_id, at_ms FROM report_counted WHERE " + w.sql()
                        + " AND day >= ? AND day <= ? ORDER BY at_ms, id",
                rs -> new Object[] {rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7)},
                w.with(p.from().toString(), p.to().toString()))) {
            String tally = (String) r[0];
            String member = (String) r[1];
            long value = (Long) r[2];
            String detail = (String) r[3];
            long[] v = byTally.computeIfAbsent(tally, k -> new long[3]);
            v[0]++;
            v[1] += value;
            if (member != null && participants.computeIfAbsent(tally, k -> new java.util.HashSet<>()).add(member)) v[2]++;
            switch (tally) {
                case "FEEDBACK" -> { if (detail != null) feedback.add(detail); }
                case "QUESTION_ANSWERED" -> waits.add(value);
                case "MODERATION_ACTION" -> {
                    String d = detail == null ? "?" : detail;
                    int slash = d.indexOf('/');
                    byKind.merge(slash < 0 ? d : d.substring(0, slash), 1L, Long::sum);
                    byRule.merge(slash < 0 || slash == d.length() - 1 ? "-" : d.substring(slash + 1), 1L, Long::sum);
                }
                case "CALENDAR_POST" -> calendar.add(new Object[] {new ChatRef((String) r[4], (String) r[5]), r[6], detail});
                default -> { }
            }
        }
        java.util.Collections.sort(waits);
        Long median = waits.isEmpty() ? null : waits.size() % 2 == 1 ? waits.get(waits.size() / 2)
                : (waits.get(waits.size() / 2 - 1) + waits.get(waits.size() / 2)) / 2;
        List<Report.CalendarPost> posts = new ArrayList<>();
        for (Object[] r : calendar) {
            ChatRef chat = (ChatRef) r[0];
            long at = (Long) r[1];
            String detail = r[2] == null ? "" : (String) r[2];
            int slash = detail.indexOf('/');
            posts.add(new Report.CalendarPost(groupName(chat), slash < 0 ? detail : detail.substring(0, slash),
                    slash < 0 ? "" : detail.substring(slash + 1),
                    java.time.Instant.ofEpochMilli(at).atZone(config.zone()).toLocalDateTime().toString().replace('T', ' '),
                    messagesWithinHour(chat, at)));
        }
        return new Report.Tallies(n(byTally, Tally.CHECKIN, 0), n(byTally, Tally.QUIZ_ROUND, 0), n(byTally, Tally.QUIZ_ANSWER, 0),
                n(byTally, Tally.QUIZ_ANSWER, 2), n(byTally, Tally.LOTTERY_ENTRY, 0), n(byTally, Tally.LOTTERY_DRAWN, 0),
                n(byTally, Tally.POLL_VOTE, 0), feedback, n(byTally, Tally.QUESTION_ASKED, 0), n(byTally, Tally.QUESTION_ANSWERED, 0),
                n(byTally, Tally.QUESTION_FLAGGED, 0), median, n(byTally, Tally.HIGHLIGHT, 0), n(byTally, Tally.INVITE_ACCEPTED, 0),
                n(byTally, Tally.MEMBER_REPORT, 0), byKind, byRule, n(byTally, Tally.VERIFY_PASSED, 0), n(byTally, Tally.VERIFY_FAILED, 0),
                n(byTally, Tally.VERIFY_TIMED_OUT, 0), posts);
    }

    private static long n(Map<String, long[]> m, Tally t, int column) {
        long[] v = m.get(t.name());
        return v == null ? 0 : v[column];
    }

    /** Messages logged in the chat (under any id it had) in the hour after {@code atMs}. */
    private long messagesWithinHour(ChatRef chat, long atMs) {
        long n = 0;
        List<String> ids = new ArrayList<>();
        ids.add(chat.id());
        ids.addAll(history.formerIds(chat));
        ZoneId zone = config.zone();
        String d0 = java.time.Instant.ofEpochMilli(atMs).atZone(zone).toLocalDate().toString();
        String d1 = java.time.Instant.ofEpochMilli(atMs + 3_600_000L).atZone(zone).toLocalDate().toString();
        for (String id : ids) {
            n += history.messagesBetween(new ChatRef(chat.platform(), id), d0, d1, atMs, atMs + 3_600_000L);
        }
        return n;
    }

    /**
     * The members with the most messages in the period (ties by member id, then chat). One day
     * is one row per member and chat: no GROUP BY (0.08 s against 0.24 s over 1,000 groups at
     * 10 M events, in the sqlite3 shell).
     */
    private List<Report.Person> top(Where w, Period p) {
        String sql = p.single()
                ? "SELECT platform, chat_id, member_id, messages AS n FROM report_member_day WHERE " + w.sql() + " AND day = ? AND messages > 0"
                    + " ORDER BY n DESC, member_id, platform, chat_id LIMIT " + TOP
                : "SELECT platform, chat_id, member_id, SUM(messages) AS n FROM report_member_day WHERE " + w.sql()
                    + " AND day >= ? AND day <= ? GROUP BY platform, chat_id, member_id HAVING SUM(messages) > 0"
                    + " ORDER BY n DESC, member_id, platform, chat_id LIMIT " + TOP;
        return store.query(sql, rs -> person(new ChatRef(rs.getString(1), rs.getString(2)), rs.getString(3), rs.getLong(4)),
                p.single() ? w.with(p.from().toString()) : w.with(p.from().toString(), p.to().toString()));
    }

    /**
     * Members who posted at least {@link #SILENT_CORE_MESSAGES} times in the 21 days before the
     * last 7 days of the period, nothing in those 7 days, and have not left. Only members whose
     * last message day falls in the 21 days can be such members, and report_member says which
     * (by its index), so only their days are summed.
     */
    private List<Report.Person> silentCore(List<ChatRef> chats, Period p) {
        if (chats.isEmpty()) return List.of();
        LocalDate quietFrom = p.to().minusDays(6);
        String from = quietFrom.minusDays(21).toString();
        String until = quietFrom.toString();
        // The scope's chats as rows to start from, so each chat's candidates come from the index on
        // last_message_day; each candidate's sum is taken once (materialized), then the threshold.
        StringBuilder values = new StringBuilder();
        for (int i = 0; i < chats.size(); i++) values.append(i > 0 ? ", (?, ?)" : "(?, ?)");
        return store.query("WITH scope_chats (platform, chat_id) AS (VALUES " + values + "),"
                        + " candidates AS MATERIALIZED (SELECT s.platform, s.chat_id, s.member_id,"
                        + " (SELECT COALESCE(SUM(d.messages), 0) FROM report_member_day d WHERE d.platform = s.platform AND d.chat_id = s.chat_id"
                        + " AND d.member_id = s.member_id AND d.day >= ? AND d.day < ?) AS n"
                        + " FROM scope_chats c JOIN report_member s ON s.platform = c.platform AND s.chat_id = c.chat_id"
                        + " WHERE s.last_message_day >= ? AND s.last_message_day < ? AND (s.last_leave_day IS NULL OR s.last_leave_day < ?))"
                        + " SELECT platform, chat_id, member_id, n FROM candidates WHERE n >= ? ORDER BY n DESC, member_id LIMIT 10",
                rs -> person(new ChatRef(rs.getString(1), rs.getString(2)), rs.getString(3), rs.getLong(4)),
                Where.of(chats).with(from, until, from, until, until, SILENT_CORE_MESSAGES));
    }

    /** At-risk members by the tiers query, named; empty when no feature computes tiers. */
    private List<Report.Person> atRisk(Map<ChatRef, Map<MemberTiers.Tier, List<String>>> tiered) {
        List<Report.Person> out = new ArrayList<>();
        for (Map.Entry<ChatRef, Map<MemberTiers.Tier, List<String>>> e : tiered.entrySet()) {
            for (String id : e.getValue().getOrDefault(MemberTiers.Tier.AT_RISK, List.of())) {
                if (out.size() >= 10) return out;
                out.add(person(e.getKey(), id, 0));
            }
        }
        return out;
    }

    private Map<String, Long> tierCounts(Map<ChatRef, Map<MemberTiers.Tier, List<String>>> tiered) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (MemberTiers.Tier t : MemberTiers.Tier.values()) {
            long n = 0;
            for (Map<MemberTiers.Tier, List<String>> byTier : tiered.values()) n += byTier.getOrDefault(t, List.of()).size();
            if (n > 0) out.put(t.name().toLowerCase(java.util.Locale.ROOT), n);
        }
        return out;
    }

    private Report.Person person(ChatRef chat, String memberId, long messages) {
        String name = history.memberName(chat.platform(), memberId);
        return new Report.Person(groupName(chat), memberId, name == null ? memberId : name, messages);
    }

    String groupName(ChatRef chat) {
        GroupConfig g = config.group(chat);
        return g == null ? chat.id() : g.title();
    }

    /** The reads of the group lines: messages, joins and leaves (and before), active members; a few queries in all. */
    private record LineReads(Later<Map<ChatRef, long[]>> now, Later<Map<ChatRef, long[]>> before, Later<Map<ChatRef, Long>> active,
                             ReportBuilder b) {
        /** One line per group, with the members each had at the period's end. */
        List<Report.GroupLine> lines(List<ChatRef> chats, Map<ChatRef, Long> members) {
            List<Report.GroupLine> out = new ArrayList<>();
            for (ChatRef c : chats) {
                long[] n = now.get().getOrDefault(c, new long[3]);
                long[] p = before.get().getOrDefault(c, new long[3]);
                out.add(new Report.GroupLine(b.groupKey(c), b.groupName(c), members.get(c), n[1], n[2], n[0], p[0], active.get().getOrDefault(c, 0L)));
            }
            return out;
        }
    }

    private LineReads lineReads(Where w, Period p) {
        Later<Map<ChatRef, long[]>> now = later(() -> sumsEach(w, p));
        Later<Map<ChatRef, long[]>> before = later(() -> sumsEach(w, p.previous()));
        Later<Map<ChatRef, Long>> active = later(() -> p.single() ? perChat("SELECT platform, chat_id, active FROM report_chat_day WHERE " + w.sql()
                + " AND day = ?", w.with(p.from().toString())) : perChat("SELECT platform, chat_id, COUNT(DISTINCT member_id) FROM report_member_day WHERE " + w.sql()
                + " AND day >= ? AND day <= ? AND messages > 0 GROUP BY platform, chat_id", w.with(p.from().toString(), p.to().toString())));
        return new LineReads(now, before, active, this);
    }

    /** Messages, joins and leaves of each chat over {@code p}. */
    private Map<ChatRef, long[]> sumsEach(Where w, Period p) {
        Map<ChatRef, long[]> out = new HashMap<>();
        for (Object[] r : store.query("SELECT platform, chat_id, COALESCE(SUM(messages), 0), COALESCE(SUM(joins), 0), COALESCE(SUM(leaves), 0)"
                + " FROM report_chat_day WHERE " + w.sql() + " AND day >= ? AND day <= ? GROUP BY platform, chat_id",
                rs -> new Object[] {new ChatRef(rs.getString(1), rs.getString(2)), new long[] {rs.getLong(3), rs.getLong(4), rs.getLong(5)}},
                w.with(p.from().toString(), p.to().toString()))) {
            out.put((ChatRef) r[0], (long[]) r[1]);
        }
        return out;
    }

    /** Each group's days in the period, and the scope's members and active members per day for the chart. */
    public List<Report.DayLine> days(List<ChatRef> chats, Period p) {
        Where w = Where.of(chats);
        return walk(chats, dayRows(w, p), NetJoins.read(store, w, List.of(p.to())).membersAt(chats, present(chats), p.to()), p);
    }

    /**
     * The {@code n} days up to the end of {@code r}'s period, for its chats (the chart's series),
     * walking back from the members each group had at that end (the report's group lines), so
     * the chart and the report agree and members are not counted again.
     */
    public List<Report.DayLine> daysBefore(Report r, int n) {
        List<ChatRef> chats = chats(r.scope());
        Period p = Period.lastDays(r.period().to(), n);
        if (chats.size() != r.groups().size()) return days(chats, p);
        Map<ChatRef, Long> end = new HashMap<>();
        for (int i = 0; i < chats.size(); i++) end.put(chats.get(i), r.groups().get(i).members());
        return walk(chats, dayRows(Where.of(chats), p), end, p);
    }

    /**
     * The chart's series over {@code days}: each chat's net joins and active members per day,
     * read with only the columns the chart needs (the 30,000 rows of a digest over 1,000
     * groups cost a third of their time in the JDBC driver's column reads).
     */
    record ChartSeries(List<String> days, Map<ChatRef, long[][]> byChat) {
        static ChartSeries read(FeatureStore store, Where w, Period p) {
            List<String> days = new ArrayList<>();
            for (LocalDate d = p.from(); !d.isAfter(p.to()); d = d.plusDays(1)) days.add(d.toString());
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < days.size(); i++) index.put(days.get(i), i);
            Map<ChatRef, long[][]> byChat = new HashMap<>();
            long[][][] last = {null};
            String[] lastChat = {null, null};
            store.query("SELECT platform, chat_id, day, joins - leaves, active FROM report_chat_day WHERE " + w.sql() + " AND day >= ? AND day <= ?", rs -> {
                String platform = rs.getString(1), chat = rs.getString(2);
                if (last[0] == null || !chat.equals(lastChat[1]) || !platform.equals(lastChat[0])) {
                    lastChat[0] = platform;
                    lastChat[1] = chat;
                    last[0] = byChat.computeIfAbsent(new ChatRef(platform, chat), k -> new long[2][days.size()]);
                }
                int i = index.get(rs.getString(3));
                last[0][0][i] = rs.getLong(4);
                last[0][1][i] = rs.getLong(5);
                return null;
            }, w.with(p.from().toString(), p.to().toString()));
            return new ChartSeries(days, byChat);
        }

        /**
         * {@link Charts#perDay} of the day lines {@link #walk} makes from these rows: members
         * (walking back from {@code end}, never below 0 in a chat) and active members, summed per day.
         */
        Map<String, long[]> perDay(List<ChatRef> chats, Map<ChatRef, Long> end) {
            int n = days.size();
            long[][] sums = new long[n][2];
            for (ChatRef c : chats) {
                long[][] v = byChat.get(c);
                long members = end.get(c);
                for (int i = n - 1; i >= 0; i--) {
                    sums[i][0] += Math.max(0, members);
                    if (v != null) {
                        sums[i][1] += v[1][i];
                        members -= v[0][i];
                    }
                }
            }
            Map<String, long[]> out = new java.util.TreeMap<>();
            if (!chats.isEmpty()) for (int i = 0; i < n; i++) out.put(days.get(i), sums[i]);
            return out;
        }
    }

    /** The report_chat_day rows of the chats over {@code p}: joins, leaves, messages, replies, active, by chat and day. */
    private Map<ChatRef, Map<String, long[]>> dayRows(Where w, Period p) {
        Map<ChatRef, Map<String, long[]>> rows = new HashMap<>();
        for (Object[] r : store.query("SELECT platform, chat_id, day, joins, leaves, messages, replies, active FROM report_chat_day WHERE "
                + w.sql() + " AND day >= ? AND day <= ?", rs -> new Object[] {new ChatRef(rs.getString(1), rs.getString(2)), rs.getString(3),
                new long[] {rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)}}, w.with(p.from().toString(), p.to().toString()))) {
            rows.computeIfAbsent((ChatRef) r[0], k -> new HashMap<>()).put((String) r[1], (long[]) r[2]);
        }
        return rows;
    }

    /** The day lines of {@code rows}, walking back from each chat's members at the period's end ({@code membersEnd}). */
    private List<Report.DayLine> walk(List<ChatRef> chats, Map<ChatRef, Map<String, long[]>> rows, Map<ChatRef, Long> membersEnd, Period p) {
        List<Report.DayLine> out = new ArrayList<>();
        for (ChatRef c : chats) {
            Map<String, long[]> days = rows.getOrDefault(c, Map.of());
            long members = membersEnd.get(c);
            List<Report.DayLine> lines = new ArrayList<>();
            // Walk back from the period's end: each day's end is the next day's end less that next day's net joins.
            for (LocalDate d = p.to(); !d.isBefore(p.from()); d = d.minusDays(1)) {
                long[] v = days.getOrDefault(d.toString(), new long[5]);
                lines.add(new Report.DayLine(d.toString(), groupKey(c), Math.max(0, members), v[0], v[1], v[2], v[3], v[4]));
                members -= v[0] - v[1];
            }
            Collections.reverse(lines);
            out.addAll(lines);
        }
        return out;
    }

    private String groupKey(ChatRef c) {
        GroupConfig g = config.group(c);
        return g == null ? c.id() : g.key();
    }

    /** Progress against the configured targets of the scope's groups and profiles. */
    private List<Report.Target> targets(Scope scope, Period p) {
        List<Report.Target> out = new ArrayList<>();
        for (ReportsConfig.Goal goal : reports.targets()) {
            boolean relevant = scope.kind() == Scope.Kind.ALL || goal.scope().equals(scope)
                    || (scope.kind() == Scope.Kind.GROUP && goal.scope().kind() == Scope.Kind.PROFILE
                        && goal.scope().groups(config).stream().anyMatch(g -> g.key().equals(scope.name())));
            if (!relevant) continue;
            List<ChatRef> chats = goal.scope().chats(config);
            Where w = Where.of(chats);
            String label = goal.scope().kind() == Scope.Kind.GROUP ? title(goal.scope()) : goal.scope().name();
            Period week = Period.lastDays(p.to(), 7);
            Map<ChatRef, Long> present = present(chats);
            Report.Numbers n = numbers(w, chats, present, week);
            if (goal.members() != null) {
                Double projected = null;
                if (goal.by() != null && goal.by().isAfter(p.to())) {
                    long daysLeft = java.time.temporal.ChronoUnit.DAYS.between(p.to(), goal.by());
                    Report.Numbers month = numbers(w, chats, present, Period.lastDays(p.to(), 28));
                    projected = n.membersEnd() + month.net() / 28.0 * daysLeft;
                } else if (goal.by() != null) {
                    projected = (double) n.membersEnd();
                }
                out.add(new Report.Target(label, "members", goal.members(), n.membersEnd(), projected, goal.by() == null ? null : goal.by().toString()));
            }
            if (goal.activeRate() != null) out.add(new Report.Target(label, "active_rate", goal.activeRate(), round1(n.activeRate()), null, null));
            if (goal.weeklyMessages() != null) out.add(new Report.Target(label, "weekly_messages", goal.weeklyMessages(), n.messages(), null, null));
        }
        return out;
    }

    private static double round1(double v) { return Math.round(v * 10) / 10.0; }
}
