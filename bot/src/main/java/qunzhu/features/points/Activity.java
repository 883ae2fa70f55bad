package qunzhu.features.points;

import java.time.LocalDate;
import qunzhu.core.ChatRef;
import qunzhu.feature.FeatureStore;

/**
 * Capped daily activity points (points_activity): a message earns only when it is long enough,
 * differs from the member's last paying message of the day (after trimming and case), and
 * the member is still under the day's cap. So spam earns nothing, and a flood earns the cap.
 */
final class Activity {
    private final FeatureStore db;

    Activity(FeatureStore db) { this.db = db; }

    /** Whether this message earns; when it does, it is counted against the day's cap. */
    boolean earns(ChatRef chat, String memberId, LocalDate day, String text, PointsConfig cfg) {
        if (cfg.perMessage() <= 0 || cfg.dailyMessageCap() <= 0) return false;
        String norm = text.strip().toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
        if (norm.codePointCount(0, norm.length()) < cfg.minChars()) return false;
        String[] last = db.queryOne("""
                SELECT earned, last_text FROM points_activity WHERE platform = ? AND chat_id = ? AND member_id = ? AND day = ?""",
                rs -> new String[] {rs.getString(1), rs.getString(2)}, chat.platform(), chat.id(), memberId, day.toString());
        int earned = last == null ? 0 : Integer.parseInt(last[0]);
        if (earned + cfg.perMessage() > cfg.dailyMessageCap()) return false;
        if (last != null && norm.equals(last[1])) return false;
        db.update("""
                INSERT INTO points_activity (platform, chat_id, member_id, day, earned, last_text) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (platform, chat_id, member_id, day) DO UPDATE SET earned = excluded.earned, last_text = excluded.last_text""",
                chat.platform(), chat.id(), memberId, day.toString(), earned + cfg.perMessage(), norm);
        return true;
    }
}
