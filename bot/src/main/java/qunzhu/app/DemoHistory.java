package qunzhu.app;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.core.Tally;
import qunzhu.feature.FeatureStore;
import qunzhu.features.reports.Rollups;
import qunzhu.store.ActivityLog;
import qunzhu.store.Database;

/**
 * A month of plausible activity for the sandbox groups, so a digest can be seen within a
 * minute of cloning: members with very different habits (a few talk a lot, most rarely), busy
 * lunch and evening hours, a join wave, core members who fall silent, check-ins, quiz answers,
 * questions, feedback and moderation. Written through the activity log (which keeps the member
 * tables) and marked handled, so the bot does not run its features on it at the next start.
 * Seeded: the same days give the same history.
 */
public final class DemoHistory {
    private static final String[] NAMES = {"小王", "阿杰", "Lily", "老周", "晓雯", "Kevin", "子涵", "大刘", "Mia", "思远", "阿敏", "Tom",
            "小鱼", "陈老师", "Ada", "浩然", "静静", "Leo", "欣怡", "阿宝", "Nina", "一帆", "小北", "Sam", "可可", "明轩", "Joy", "老李"};
    private static final String[] LINES = {"早上好", "这个问题我也遇到过", "有人试过新版本吗？", "谢谢分享！", "哈哈哈", "晚上一起讨论",
            "文档在群公告里", "同意", "我来看看", "周末有活动吗", "+1", "学到了", "求推荐", "已解决，感谢"};
    private static final String[] FEEDBACK = {"希望多办线上分享", "群里广告有点多", "答题活动很有意思", "能不能每周发个总结"};
    /** Relative messages per hour of the day: quiet nights, lunch and evening peaks. */
    private static final double[] HOURS = {0.3, 0.1, 0.05, 0.05, 0.05, 0.1, 0.4, 1.0, 1.6, 2.0, 2.0, 2.3, 3.0, 2.2, 1.8, 1.8, 1.9, 1.9,
            2.0, 2.6, 3.2, 3.6, 2.6, 1.2};

    private final Database db;
    private final ZoneId zone;
    private final Random rnd;

    public DemoHistory(Database db, ZoneId zone, long seed) {
        this.db = db;
        this.zone = zone;
        this.rnd = new Random(seed);
    }

    /** Fills {@code days} days ending yesterday ({@code today} minus one) for each chat; returns the events logged. */
    public int fill(List<ChatRef> chats, LocalDate today, int days) {
        ActivityLog log = new ActivityLog(db, zone);
        FeatureStore store = FeatureStore.over(db);
        Rollups counted = new Rollups(zone);
        int total = 0;
        int g = 0;
        for (ChatRef chat : chats) {
            int size = 30 + 25 * g;
            List<MemberRef> members = new ArrayList<>();
            List<MemberRef> all = new ArrayList<>();
            List<Event> batch = new ArrayList<>();
            LocalDate first = today.minusDays(days);
            for (int i = 0; i < size; i++) {
                MemberRef m = member(chat, all.size());
                all.add(m);
                members.add(m);
                batch.add(new Event.MemberJoined(key(chat, "dj"), chat, first.minusDays(30).atTime(9, 0).atZone(zone).toInstant().plusSeconds(i * 60L),
                        "host", m, null));
            }
            // two early talkers who go quiet for the last week: "core members gone silent"
            List<MemberRef> fading = List.of(members.get(1), members.get(2));
            for (int d = 0; d < days; d++) {
                LocalDate day = first.plusDays(d);
                boolean weekend = day.getDayOfWeek().getValue() >= 6;
                boolean lastWeek = d >= days - 7;
                int joins = poisson(g == 0 && d == days - 1 ? 14 : 1.2);
                for (int j = 0; j < joins; j++) {
                    MemberRef m = member(chat, all.size());
                    all.add(m);
                    members.add(m);
                    MemberRef inviter = rnd.nextDouble() < 0.4 ? members.get(rnd.nextInt(Math.min(8, members.size()))) : null;
                    batch.add(new Event.MemberJoined(key(chat, "dj"), chat, at(day, 8 + rnd.nextInt(14)), "host", m, inviter));
                }
                int leaves = poisson(0.5);
                for (int l = 0; l < leaves && members.size() > 10; l++) {
                    MemberRef m = members.remove(10 + rnd.nextInt(members.size() - 10));
                    batch.add(new Event.MemberLeft(key(chat, "dl"), chat, at(day, 10 + rnd.nextInt(12)), "host", m, null));
                }
                int messages = (int) ((60 + 30 * g) * (weekend ? 0.7 : 1.0) * (lastWeek && g == 1 ? 0.4 : 1.0) * (0.8 + 0.4 * rnd.nextDouble()));
                List<String> ids = new ArrayList<>();
                for (int k = 0; k < messages; k++) {
                    MemberRef who = talker(members);
                    if (lastWeek && fading.contains(who)) who = members.get(members.size() - 1);
                    if (!lastWeek && k % 9 == 0) who = fading.get(k % 2);
                    String id = "d" + rnd.nextInt(Integer.MAX_VALUE);
                    String replyTo = !ids.isEmpty() && rnd.nextDouble() < 0.3 ? ids.get(rnd.nextInt(ids.size())) : null;
                    ids.add(id);
                    batch.add(new Event.MessagePosted(EventKey.of(chat, id), chat, at(day, hour()), "host", who, id,
                            LINES[rnd.nextInt(LINES.length)], replyTo, null, false, false, false));
                }
                batch.sort(java.util.Comparator.comparing(Event::at));
                total += log.append(batch).size();
                batch.clear();
                tallies(chat, day, members, store, counted, lastWeek && g == 0);
            }
            g++;
        }
        Long last = db.queryOne("SELECT MAX(id) FROM activity", rs -> rs.getLong(1));
        if (last != null) log.markHandled(last);
        return total;
    }

    private void tallies(ChatRef chat, LocalDate day, List<MemberRef> members, FeatureStore store, Rollups r, boolean spam) {
        List<Event.Counted> out = new ArrayList<>();
        int checkins = 5 + rnd.nextInt(Math.max(1, members.size() / 4));
        for (int i = 0; i < checkins; i++) out.add(counted(chat, day, 8, members.get(rnd.nextInt(members.size())), Tally.CHECKIN, 1 + rnd.nextInt(9), null));
        if (day.getDayOfWeek().getValue() % 2 == 1) {
            out.add(counted(chat, day, 20, null, Tally.QUIZ_ROUND, 5, null));
            out.add(counted(chat, day, 20, null, Tally.CALENDAR_POST, 0, "quiz/quizmaster"));
            for (int i = 0; i < 6 + rnd.nextInt(8); i++) out.add(counted(chat, day, 20, members.get(rnd.nextInt(members.size())), Tally.QUIZ_ANSWER, rnd.nextInt(2), null));
        }
        for (int q = 0; q < rnd.nextInt(4); q++) {
            out.add(counted(chat, day, 14, members.get(rnd.nextInt(members.size())), Tally.QUESTION_ASKED, 1, null));
            if (rnd.nextDouble() < 0.8) out.add(counted(chat, day, 15, members.get(rnd.nextInt(members.size())), Tally.QUESTION_ANSWERED, 60 + rnd.nextInt(1800), null));
        }
        if (rnd.nextDouble() < 0.15) out.add(counted(chat, day, 21, members.get(rnd.nextInt(members.size())), Tally.FEEDBACK, 1, FEEDBACK[rnd.nextInt(FEEDBACK.length)]));
        int mod = spam ? 6 + rnd.nextInt(4) : rnd.nextInt(2);
        for (int i = 0; i < mod; i++) {
            out.add(counted(chat, day, 3 + rnd.nextInt(20), members.get(rnd.nextInt(members.size())), Tally.MODERATION_ACTION, 1,
                    rnd.nextBoolean() ? "delete/ads" : "mute/flood"));
        }
        for (Event.Counted c : out) r.apply(c, chat, store);
    }

    private Event.Counted counted(ChatRef chat, LocalDate day, int hour, MemberRef who, Tally t, long value, String detail) {
        return new Event.Counted(key(chat, "dc"), chat, at(day, hour), "host", who, t, value, detail);
    }

    private MemberRef member(ChatRef chat, int i) {
        String name = i < NAMES.length ? NAMES[i] : NAMES[i % NAMES.length] + (i / NAMES.length);
        return MemberRef.of(chat.id() + "-" + i, name);
    }

    /** A few members talk a lot, most rarely (Zipf-like). */
    private MemberRef talker(List<MemberRef> members) {
        double u = rnd.nextDouble();
        int i = (int) Math.floor(Math.pow(u, 2.5) * members.size());
        return members.get(Math.min(i, members.size() - 1));
    }

    private int hour() {
        double sum = 0;
        for (double h : HOURS) sum += h;
        double u = rnd.nextDouble() * sum;
        for (int h = 0; h < 24; h++) {
            u -= HOURS[h];
            if (u <= 0) return h;
        }
        return 23;
    }

    private Instant at(LocalDate day, int hour) {
        return day.atTime(hour, rnd.nextInt(60), rnd.nextInt(60)).atZone(zone).toInstant();
    }

    private EventKey key(ChatRef chat, String prefix) { return EventKey.of(chat, prefix + rnd.nextLong()); }

    private int poisson(double mean) {
        double l = Math.exp(-mean);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l);
        return k - 1;
    }
}
