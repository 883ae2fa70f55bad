package qunzhu.features.points;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import qunzhu.core.ChatRef;
import qunzhu.core.Keys;
import qunzhu.feature.FeatureStore;

/**
 * Capped daily activity points (points_activity): a message earns only when it is long enough,
 * differs from the member's last paying message of the day (after trimming and case), and
 * the member is still under the day's cap. So spam earns nothing, and a flood earns the cap.
 *
 * <p>The member's day (points so far, last paying text) is kept in memory once read, so a
 * message decides without a statement (one beyond the cap costs nothing), and its row is
 * written when the group of events commits, once, with the sum of that group's paying messages
 * ({@link FeatureStore#tallyAtCommit}), batched with the other members' rows. Never held beyond
 * the commit: a message that paid could not be told from one a feature stopped before it, if
 * its points had to be paid again from the log after a crash. A day is read again (the table's
 * row plus what waits to be written for it) after any rollback, a chat move, or when the
 * memory's bound pushed it out.
 */
final class Activity {
    /** A day's row: the points added, then the last paying text set (the latest add's). */
    static final String EARN = """
            INSERT INTO points_activity (platform, chat_id, member_id, day, earned, last_text) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (platform, chat_id, member_id, day) DO UPDATE SET earned = points_activity.earned + excluded.earned,
                last_text = excluded.last_text""";
    /** Member days kept in memory, at most (the least recently used forgotten first). */
    static final int MAX_DAYS = 200_000;

    private final FeatureStore db;
    private final Map<DayKey, Day> days;
    /** The store's rollback count when the days in memory were last known to hold. */
    private long epoch = Long.MIN_VALUE;

    Activity(FeatureStore db) {
        this.db = db;
        this.days = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<DayKey, Day> eldest) { return size() > MAX_DAYS; }
        };
    }

    /** A member's day in a chat. Hashed and compared by hand (see {@link Keys}). */
    private record DayKey(String platform, String chat, String member, String day) {
        @Override public int hashCode() { return Keys.finish(Keys.mix(Keys.mix(Keys.mix(Objects.hashCode(platform), chat), member), day)); }

        @Override public boolean equals(Object o) {
            return o instanceof DayKey k && Objects.equals(member, k.member) && Objects.equals(day, k.day) && Objects.equals(chat, k.chat)
                    && Objects.equals(platform, k.platform);
        }

        Object[] row() { return new Object[] {platform, chat, member, day}; }
    }

    /** What the member's day holds: points earned, the last paying text (null: none yet). */
    private static final class Day {
        long earned;
        String lastText;

        Day(long earned, String lastText) {
            this.earned = earned;
            this.lastText = lastText;
        }
    }

    /** Each run of ASCII whitespace (regex {@code \\s}) as one space: a loop, not a regex per message. */
    static String collapseSpaces(String text) {
        StringBuilder out = null;
        for (int i = 0, n = text.length(); i < n; ) {
            if (!isSpace(text.charAt(i))) {
                if (out != null) out.append(text.charAt(i));
                i++;
                continue;
            }
            int end = i + 1;
            while (end < n && isSpace(text.charAt(end))) end++;
            // a lone " " stays as it is; any other run is copied as one space
            if (out == null && (end - i > 1 || text.charAt(i) != ' ')) out = new StringBuilder(n).append(text, 0, i);
            if (out != null) out.append(' ');
            i = end;
        }
        return out == null ? text : out.toString();
    }

    private static boolean isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r'; }

    /** Whether this message earns; when it does, it is counted against the day's cap. */
    boolean earns(ChatRef chat, String memberId, LocalDate day, String text, PointsConfig cfg) {
        if (cfg.perMessage() <= 0 || cfg.dailyMessageCap() <= 0) return false;
        String norm = collapseSpaces(text.strip().toLowerCase(java.util.Locale.ROOT));
        if (norm.codePointCount(0, norm.length()) < cfg.minChars()) return false;
        if (cfg.perMessage() > cfg.dailyMessageCap()) return false;
        long rollbacks = db.rollbacks();
        if (rollbacks != epoch) {
            // A rollback may have taken back what a day in memory counted.
            days.clear();
            epoch = rollbacks;
        }
        DayKey key = new DayKey(chat.platform(), chat.id(), memberId, day.toString());
        Day d = days.get(key);
        if (d == null) {
            d = read(key);
            days.put(key, d);
        }
        if (norm.equals(d.lastText) || d.earned + cfg.perMessage() > cfg.dailyMessageCap()) return false;
        d.earned += cfg.perMessage();
        d.lastText = norm;
        db.tallyAtCommit(EARN, key.row(), new long[] {cfg.perMessage()}, new Object[] {norm});
        return true;
    }

    /** The day as stored plus what waits to be written for it (reading it does not write the waiting rows). */
    private Day read(DayKey key) {
        Day d = db.besidePending().queryOne(
                "SELECT earned, last_text FROM points_activity WHERE platform = ? AND chat_id = ? AND member_id = ? AND day = ?",
                rs -> new Day(rs.getLong(1), rs.getString(2)), key.platform(), key.chat(), key.member(), key.day());
        if (d == null) d = new Day(0, null);
        FeatureStore.Pending waiting = db.pendingTally(EARN, key.row());
        if (waiting != null) {
            d.earned += waiting.deltas()[0];
            d.lastText = (String) waiting.latest()[0];
        }
        return d;
    }

    /** Rows moved to another chat id: what memory holds of them is read again. */
    void forgetAll() { days.clear(); }
}
