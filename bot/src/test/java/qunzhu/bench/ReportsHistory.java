package qunzhu.bench;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.core.Tally;
import qunzhu.store.ActivityLog;
import qunzhu.store.Codec;
import qunzhu.store.Database;

/**
 * A month of realistic activity in many groups, written straight into the tables with batched
 * inserts (10,000 activity rows per commit): the activity rows with the columns and payload
 * {@link ActivityLog} writes, the people it keeps (members, chats, chat_members), and the
 * reports' rollups (report_chat_day, report_member_day, report_member, report_counted) with the figures the
 * reports feature keeps as it handles those events. The secondary indexes of the log are built
 * after the load. {@link ReportsBench} checks at a small size that the rollups equal a rebuild
 * from the log and the people equal a replay through {@link ActivityLog}.
 *
 * <p>The history: group sizes and traffic vary (log-normal weights); each member has an
 * activity level (a few core members write most messages) and posts only on some days; traffic
 * follows the hour of the day; 97.8 % messages (12 % replies, 0.3 % from a bot, which the
 * rollups skip), 1.2 % joins (30 % invited, 15 % rejoins), 0.8 % leaves (10 % removals), 0.2 %
 * join requests; check-ins, moderation actions, questions and answers, feedback as Counted rows.
 */
final class ReportsHistory {
    static final String PLATFORM = "bench";
    private static final double[] HOURS = {2, 1, 0.5, 0.3, 0.3, 0.5, 1, 2, 4, 6, 7, 8, 9, 7, 6, 6, 6, 7, 8, 10, 12, 12, 10, 5};
    private static final String[] MODERATION = {"delete/blocklist", "warn/links", "mute/flood", "delete/regex-ads"};
    static final int BATCH = 10_000;

    private static final class Member {
        final String id;
        final String name;
        final double weight;
        final double pActive;
        boolean present;
        long first = -1, last, joined = -1, left = -1;
        // today's rollup
        int dMessages, dReplies, dJoins, dLeaves;
        int streak;
        boolean touchedToday;
        String lastMessageDay, lastLeaveDay;

        Member(String id, String name, double weight, double pActive) {
            this.id = id;
            this.name = name;
            this.weight = weight;
            this.pActive = pActive;
        }

        void seen(long at) {
            if (first < 0) first = at;
            last = Math.max(last, at);
        }
    }

    private static final class Group {
        final ChatRef chat;
        final double weight;
        final List<Member> all = new ArrayList<>();
        final List<Member> present = new ArrayList<>();
        final List<Member> gone = new ArrayList<>();
        final MemberRef bot;
        long nextNative;
        int nextMember;
        long firstAt = -1, lastAt;

        Group(int g, double weight) {
            this.chat = new ChatRef(PLATFORM, "g" + g);
            this.weight = weight;
            this.bot = new MemberRef("bot" + g, "助手" + g, true);
        }
    }

    private final Random rnd;
    private final ZoneId zone;
    private final List<Group> groups = new ArrayList<>();
    private final Map<String, Member> bots = new HashMap<>();

    // buffered rows, flushed every BATCH activity rows
    private final List<Object[]> activity = new ArrayList<>();
    private final List<Object[]> chatDays = new ArrayList<>();
    private final List<Object[]> memberDays = new ArrayList<>();
    private final List<Object[]> counted = new ArrayList<>();
    long rows;

    private ReportsHistory(long seed, ZoneId zone) {
        this.rnd = new Random(seed);
        this.zone = zone;
    }

    /** Writes {@code events} activity rows in {@code groupCount} groups over {@code days} days from {@code first}. */
    static void generate(Database db, long events, int groupCount, int days, LocalDate first, ZoneId zone) {
        ReportsHistory h = new ReportsHistory(20261201L, zone);
        h.run(db, events, groupCount, days, first);
    }

    /** The activity log's secondary indexes (name, CREATE statement), dropped while loading. */
    private final java.util.Map<String, String> activityIndexes = new java.util.LinkedHashMap<>();

    private void run(Database db, long events, int groupCount, int days, LocalDate first) {
        db.tx(c -> {
            try (Statement s = c.createStatement()) {
                // A large page cache and in-memory sorting while loading and indexing; set back in finish().
                s.execute("PRAGMA cache_size=-1000000");
                outsideTransaction(c, "PRAGMA temp_store=MEMORY");
                // The activity log's secondary indexes, as the migrations left them, are built again at the end.
                try (var rs = s.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'activity' AND sql IS NOT NULL")) {
                    while (rs.next()) activityIndexes.put(rs.getString(1), rs.getString(2));
                }
                for (String name : activityIndexes.keySet()) s.execute("DROP INDEX " + name);
            }
            return null;
        });
        double totalWeight = 0;
        for (int g = 0; g < groupCount; g++) {
            Group gr = new Group(g, Math.exp(rnd.nextGaussian() * 0.8));
            groups.add(gr);
            totalWeight += gr.weight;
        }
        double perGroup = (double) events / groupCount / days;   // events per group per day on average
        for (Group gr : groups) {
            // about one message per member per day on average; at least 20 members
            int size = (int) Math.max(20, perGroup * gr.weight / (totalWeight / groupCount));
            for (int i = 0; i < size; i++) gr.present.add(newMember(gr, i < size / 10 ? 1.0 : 0.0));
            for (Member m : gr.present) m.present = true;
        }
        double[] dayFactor = new double[days];
        double dfSum = 0;
        for (int d = 0; d < days; d++) {
            int dow = first.plusDays(d).getDayOfWeek().getValue();
            dayFactor[d] = (dow >= 6 ? 0.8 : 1.0) * (0.9 + 0.2 * d / days);
            dfSum += dayFactor[d];
        }
        long written = 0;
        for (int d = 0; d < days; d++) {
            LocalDate day = first.plusDays(d);
            long dayStart = day.atStartOfDay(zone).toInstant().toEpochMilli();
            long dayTotal = d == days - 1 ? events - written : Math.round(events * dayFactor[d] / dfSum);
            long assigned = 0;
            long[] quota = new long[groups.size()];
            for (int g = 0; g < groups.size(); g++) {
                quota[g] = (long) Math.floor(dayTotal * groups.get(g).weight / totalWeight);
                assigned += quota[g];
            }
            while (assigned < dayTotal) { quota[rnd.nextInt(quota.length)]++; assigned++; }
            for (int g = 0; g < groups.size(); g++) {
                groupDay(groups.get(g), day, dayStart, (int) quota[g]);
                written += quota[g];
                if (activity.size() >= BATCH) flush(db);
            }
        }
        flush(db);
        finish(db);
    }

    private Member newMember(Group gr, double coreBoost) {
        int n = gr.nextMember++;
        // activity level: heavy tail (a few write most)
        double w = Math.pow(rnd.nextDouble(), 3) + coreBoost * (1 + rnd.nextDouble() * 3);
        double p = Math.min(0.95, 0.08 + 0.5 * w);
        Member m = new Member("m" + gr.chat.id().substring(1) + "-" + n, "成员" + n, w, p);
        gr.all.add(m);
        return m;
    }

    private void groupDay(Group gr, LocalDate day, long dayStart, int n) {
        String dayText = day.toString();
        // today's active members and their cumulative weights
        List<Member> active = new ArrayList<>();
        for (Member m : gr.present) if (rnd.nextDouble() < m.pActive) active.add(m);
        double[] cum = new double[active.size()];
        double sum = 0;
        for (int i = 0; i < cum.length; i++) cum[i] = sum += active.get(i).weight;
        long[] times = new long[n];
        for (int i = 0; i < n; i++) times[i] = dayStart + pickHour() * 3_600_000L + rnd.nextInt(3_600_000);
        Arrays.sort(times);
        long[] chatDay = new long[7 + 24 + 1];   // messages, replies, joins, joins_invited, leaves, removals, join_requests, h00..h23, active
        boolean chatDayRow = false;
        List<Member> touched = new ArrayList<>();
        for (long at : times) {
            int k = rnd.nextInt(1000);
            String nativeId = Long.toString(gr.nextNative++);
            EventKey key = new EventKey(PLATFORM, gr.chat.id(), nativeId);
            Instant when = Instant.ofEpochMilli(at);
            int hour = (int) ((at - dayStart) / 3_600_000L);
            gr.firstAt = gr.firstAt < 0 ? at : gr.firstAt;
            gr.lastAt = at;
            // 96.4 % + 1.4 % messages, 1.2 % joins, 0.8 % leaves, 0.2 % join requests; a group never empties
            int kind = k < 964 || k >= 986 ? 0 : k < 976 ? 1 : k < 984 ? 2 : 3;
            if (kind == 2 && gr.present.size() < 5) kind = 1;
            if (kind == 0 && gr.present.isEmpty()) kind = 1;
            if (kind == 0) {
                if (k < 3) {   // a bot's message: logged, seated, not counted by the rollups
                    Member b = bots.computeIfAbsent(gr.chat.id(), x -> new Member(gr.bot.id(), gr.bot.name(), 0, 0));
                    b.seen(at);
                    b.present = true;
                    String text = "自动提醒 " + nativeId;
                    log(new Event.MessagePosted(key, gr.chat, when, "host", gr.bot, nativeId, text, null, null, false, false, false),
                            gr.bot, dayText, nativeId, null, text);
                    continue;
                }
                Member m = active.isEmpty() ? gr.present.get(rnd.nextInt(gr.present.size())) : active.get(pick(cum, sum));
                boolean reply = rnd.nextInt(100) < 12 && gr.nextNative > 2;
                String replyTo = reply ? Long.toString(gr.nextNative - 2 - rnd.nextInt((int) Math.min(50, gr.nextNative - 1))) : null;
                String text = "今天聊聊第" + nativeId + "个话题";
                MemberRef who = MemberRef.of(m.id, m.name);
                log(new Event.MessagePosted(key, gr.chat, when, "host", who, nativeId, text, replyTo, null, false, false, false),
                        who, dayText, nativeId, replyTo, text);
                m.seen(at);
                m.dMessages++;
                m.lastMessageDay = dayText;
                if (reply) m.dReplies++;
                touch(touched, m);
                chatDay[0]++;
                if (reply) chatDay[1]++;
                chatDay[7 + hour]++;
                chatDayRow = true;
                if (rnd.nextInt(1000) < 2) counted(gr, dayText, at, Tally.MODERATION_ACTION, m, 0, MODERATION[rnd.nextInt(MODERATION.length)]);
                if (rnd.nextInt(1000) < 5) {
                    counted(gr, dayText, at, Tally.QUESTION_ASKED, m, 0, null);
                    if (rnd.nextInt(10) < 8) counted(gr, dayText, at + 1, Tally.QUESTION_ANSWERED, null, 30 + rnd.nextInt(3600), null);
                }
            } else if (kind == 1) {   // a join: a new member, or one who left coming back
                boolean rejoin = !gr.gone.isEmpty() && rnd.nextInt(100) < 15;
                Member m = rejoin ? gr.gone.remove(rnd.nextInt(gr.gone.size())) : newMember(gr, 0);
                MemberRef inviter = rnd.nextInt(100) < 30 && !gr.present.isEmpty()
                        ? ref(gr.present.get(rnd.nextInt(gr.present.size()))) : null;
                MemberRef who = ref(m);
                log(new Event.MemberJoined(key, gr.chat, when, "host", who, inviter), who, dayText, null, null, null);
                m.present = true;
                gr.present.add(m);
                m.seen(at);
                m.joined = at;
                m.left = -1;
                m.dJoins++;
                touch(touched, m);
                chatDay[2]++;
                if (inviter != null) chatDay[3]++;
                chatDayRow = true;
            } else if (kind == 2) {   // a leave: quiet members leave more often than core ones
                Member a = gr.present.get(rnd.nextInt(gr.present.size()));
                Member b = gr.present.get(rnd.nextInt(gr.present.size()));
                Member m = a.weight <= b.weight ? a : b;
                MemberRef by = rnd.nextInt(10) == 0 ? MemberRef.of("mod" + gr.chat.id(), "管理员") : null;
                MemberRef who = ref(m);
                log(new Event.MemberLeft(key, gr.chat, when, "host", who, by), who, dayText, null, null, null);
                m.present = false;
                gr.present.remove(m);
                active.remove(m);   // cum keeps its length: a pick past the end falls back below
                gr.gone.add(m);
                m.seen(at);
                m.left = at;
                m.dLeaves++;
                m.lastLeaveDay = dayText;
                touch(touched, m);
                chatDay[4]++;
                if (by != null) chatDay[5]++;
                chatDayRow = true;
                if (active.size() < cum.length) {
                    cum = Arrays.copyOf(cum, active.size());
                    sum = 0;
                    for (int i = 0; i < cum.length; i++) cum[i] = sum += active.get(i).weight;
                }
            } else {   // a join request (the requester has no seat until they join)
                MemberRef who = MemberRef.of("req" + gr.chat.id() + "-" + nativeId, "申请人");
                log(new Event.JoinRequested(key, gr.chat, when, "host", who, "r" + nativeId, "想加入"), who, dayText, null, null, null);
                chatDay[6]++;
                chatDayRow = true;
            }
        }
        // check-ins and feedback of the day
        for (Member m : active) {
            if (m.present && rnd.nextInt(100) < 3) {
                m.streak++;
                counted(gr, dayText, dayStart + 8 * 3_600_000L + rnd.nextInt(3_600_000), Tally.CHECKIN, m, m.streak, null);
            }
        }
        if (rnd.nextInt(100) < 3 && !gr.present.isEmpty()) {
            counted(gr, dayText, dayStart + 15 * 3_600_000L, Tally.FEEDBACK, gr.present.get(rnd.nextInt(gr.present.size())), 0,
                    "希望多办线下活动");
        }
        for (Member m : touched) if (m.dMessages > 0) chatDay[31]++;
        if (chatDayRow) {
            Object[] row = new Object[2 + chatDay.length];
            row[0] = gr.chat.id();
            row[1] = dayText;
            for (int i = 0; i < chatDay.length; i++) row[2 + i] = chatDay[i];
            chatDays.add(row);
        }
        for (Member m : touched) {
            memberDays.add(new Object[] {gr.chat.id(), dayText, m.id, m.dMessages, m.dReplies, m.dJoins, m.dLeaves});
            m.dMessages = m.dReplies = m.dJoins = m.dLeaves = 0;
            m.touchedToday = false;
        }
    }

    private static MemberRef ref(Member m) { return MemberRef.of(m.id, m.name); }

    private static void touch(List<Member> touched, Member m) {
        if (!m.touchedToday) touched.add(m);
        m.touchedToday = true;
    }

    private int pick(double[] cum, double sum) {
        double x = rnd.nextDouble() * sum;
        int i = Arrays.binarySearch(cum, x);
        i = i < 0 ? -i - 1 : i;
        return Math.min(i, cum.length - 1);
    }

    private int pickHour() {
        double total = 0;
        for (double w : HOURS) total += w;
        double x = rnd.nextDouble() * total;
        for (int h = 0; h < 24; h++) {
            x -= HOURS[h];
            if (x < 0) return h;
        }
        return 23;
    }

    private void counted(Group gr, String day, long at, Tally tally, Member m, long value, String detail) {
        counted.add(new Object[] {gr.chat.id(), day, at, tally.name(), m == null ? null : m.id, value, detail});
    }

    /** One activity row, the columns {@link ActivityLog} writes. */
    private void log(Event e, MemberRef who, String day, String messageId, String replyTo, String text) {
        activity.add(new Object[] {e.chat().id(), e.key().nativeId(), ActivityLog.kind(e), who == null ? null : who.id(),
                who == null ? null : who.name(), e.at().toEpochMilli(), day, messageId, replyTo, text,
                text == null ? 0 : text.codePointCount(0, text.length()), Codec.encode(e)});
    }

    private void flush(Database db) {
        if (activity.isEmpty() && chatDays.isEmpty() && memberDays.isEmpty() && counted.isEmpty()) return;
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO activity (platform, chat_id, native_id, kind, account, member_id, member_name, at_ms, day,
                                          message_id, reply_to, text, text_len, payload)
                    VALUES ('bench', ?, ?, ?, 'host', ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
                batch(ps, activity);
            }
            StringBuilder cols = new StringBuilder("messages, replies, joins, joins_invited, leaves, removals, join_requests");
            StringBuilder marks = new StringBuilder("?, ?, ?, ?, ?, ?, ?");
            for (int h = 0; h < 24; h++) {
                cols.append(", ").append(h < 10 ? "h0" + h : "h" + h);
                marks.append(", ?");
            }
            cols.append(", active");
            marks.append(", ?");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO report_chat_day (platform, chat_id, day, " + cols
                    + ") VALUES ('bench', ?, ?, " + marks + ")")) {
                batch(ps, chatDays);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO report_member_day (platform, chat_id, day, member_id, messages,"
                    + " replies, joins, leaves) VALUES ('bench', ?, ?, ?, ?, ?, ?, ?)")) {
                batch(ps, memberDays);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO report_counted (platform, chat_id, day, at_ms, tally, member_id,"
                    + " value, detail) VALUES ('bench', ?, ?, ?, ?, ?, ?, ?)")) {
                batch(ps, counted);
            }
            return null;
        });
        rows += activity.size();
        activity.clear();
        chatDays.clear();
        memberDays.clear();
        counted.clear();
    }

    private static void batch(PreparedStatement ps, List<Object[]> rows) throws SQLException {
        if (rows.isEmpty()) return;
        for (Object[] r : rows) {
            for (int i = 0; i < r.length; i++) ps.setObject(i + 1, r[i]);
            ps.addBatch();
        }
        ps.executeBatch();
    }

    /** The people ActivityLog keeps, the log's indexes, statistics. */
    private void finish(Database db) {
        db.tx(c -> {
            try (PreparedStatement chats = c.prepareStatement(
                    "INSERT INTO chats (platform, chat_id, first_seen_ms, last_seen_ms) VALUES ('bench', ?, ?, ?)");
                 PreparedStatement members = c.prepareStatement(
                    "INSERT INTO members (platform, member_id, name, first_seen_ms, last_seen_ms) VALUES ('bench', ?, ?, ?, ?)");
                 PreparedStatement seats = c.prepareStatement("INSERT INTO chat_members (platform, chat_id, member_id, first_seen_ms,"
                    + " last_seen_ms, joined_ms, left_ms) VALUES ('bench', ?, ?, ?, ?, ?, ?)");
                 PreparedStatement last = c.prepareStatement("INSERT INTO report_member (platform, chat_id, member_id, last_message_day,"
                    + " last_leave_day) VALUES ('bench', ?, ?, ?, ?)")) {
                for (Group gr : groups) {
                    if (gr.firstAt < 0) continue;
                    chats.setString(1, gr.chat.id());
                    chats.setLong(2, gr.firstAt);
                    chats.setLong(3, gr.lastAt);
                    chats.addBatch();
                    List<Member> seen = new ArrayList<>(gr.all);
                    Member b = bots.get(gr.chat.id());
                    if (b != null) seen.add(b);
                    for (Member m : seen) {
                        if (m.first < 0) continue;
                        members.setString(1, m.id);
                        members.setString(2, m.name);
                        members.setLong(3, m.first);
                        members.setLong(4, m.last);
                        members.addBatch();
                        seats.setString(1, gr.chat.id());
                        seats.setString(2, m.id);
                        seats.setLong(3, m.first);
                        seats.setLong(4, m.last);
                        seats.setObject(5, m.joined < 0 ? null : m.joined);
                        seats.setObject(6, m.left < 0 ? null : m.left);
                        seats.addBatch();
                        if (m.lastMessageDay != null || m.lastLeaveDay != null) {
                            last.setString(1, gr.chat.id());
                            last.setString(2, m.id);
                            last.setString(3, m.lastMessageDay);
                            last.setString(4, m.lastLeaveDay);
                            last.addBatch();
                        }
                    }
                    last.executeBatch();
                    seats.executeBatch();
                    members.executeBatch();
                }
                chats.executeBatch();
            }
            return null;
        });
        db.tx(c -> {
            try (Statement s = c.createStatement()) {
                for (String sql : activityIndexes.values()) s.execute(sql);
            }
            return null;
        });
        db.tx(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE");
                s.execute("PRAGMA cache_size=-2000");   // SQLite's default: the digests run as in production
                outsideTransaction(c, "PRAGMA temp_store=DEFAULT");
            }
            return null;
        });
    }

    /**
     * Runs a PRAGMA that SQLite refuses inside a transaction ("temporary storage cannot be changed
     * from within a transaction"): the driver keeps one open between commits, so this commits,
     * runs it in autocommit mode, and opens the next.
     */
    private static void outsideTransaction(java.sql.Connection c, String sql) throws java.sql.SQLException {
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        } finally {
            c.setAutoCommit(false);
        }
    }
}
