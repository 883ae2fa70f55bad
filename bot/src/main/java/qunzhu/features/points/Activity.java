package qunzhu.features.points;

import java.time.LocalDate;
import qunzhu.core.ChatRef;
import qunzhu.feature.FeatureStore;
import qunzhu.feature.KnownAbsent;

/**
 * Capped daily activity points (points_activity): a message earns only when it is long enough,
 * differs from the member's last paying message of the day (after trimming and case), and
 * the member is still under the day's cap. So spam earns nothing, and a flood earns the cap.
 * A member known to be at the day's cap costs no statement for the rest of that day (an active
 * member's messages beyond the cap are most of a busy group's).
 */
final class Activity {
    private final FeatureStore db;
    /** (chat, member, day, per message, cap) whose day has no room for another paying message. */
    private final KnownAbsent<String> noRoom;

    Activity(FeatureStore db) {
        this.db = db;
        this.noRoom = new KnownAbsent<>(db, 100_000);
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
        String day0 = day.toString();
        String full = chat.platform() + "|" + chat.id() + "|" + memberId + "|" + day0 + "|" + cfg.perMessage() + "|" + cfg.dailyMessageCap();
        if (noRoom.known(full)) return false;
        // One statement: a first message of the day inserts; a later one updates only while the
        // day's cap has room and the text differs from the last paying one; no row, no pay.
        Long earned = db.queryOne("""
                INSERT INTO points_activity (platform, chat_id, member_id, day, earned, last_text) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (platform, chat_id, member_id, day) DO UPDATE SET earned = points_activity.earned + excluded.earned,
                    last_text = excluded.last_text
                WHERE points_activity.earned + excluded.earned <= ? AND points_activity.last_text IS NOT excluded.last_text
                RETURNING earned""",
                rs -> rs.getLong(1), chat.platform(), chat.id(), memberId, day0, cfg.perMessage(), norm, cfg.dailyMessageCap());
        // No row: a repeat, or no room (learned here only from the message that filled the day).
        if (earned == null) return false;
        if (earned + cfg.perMessage() > cfg.dailyMessageCap()) noRoom.remember(full);
        return true;
    }
}
