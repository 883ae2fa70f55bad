package qunzhu.features.points;

import java.time.LocalDate;
import qunzhu.core.ChatRef;
import qunzhu.feature.FeatureStore;

/**
 * Check-in streaks (points_checkin). A day is the bot's local date: a check-in on the day after
 * the last one extends the streak, a later one starts it again at 1, one on the same day is
 * refused (the member hears their streak instead).
 */
final class Checkins {
    /** A member's streak after a check-in; {@code fresh} false when they had checked in today already. */
    record Streak(boolean fresh, int days, int best, int total) {}

    private final FeatureStore db;

    Checkins(FeatureStore db) { this.db = db; }

    Streak checkIn(ChatRef chat, String memberId, LocalDate today) {
        Streak last = db.queryOne("""
                SELECT last_day, streak, best, total FROM points_checkin WHERE platform = ? AND chat_id = ? AND member_id = ?""",
                rs -> {
                    LocalDate day = LocalDate.parse(rs.getString(1));
                    return new Streak(!day.equals(today), day.plusDays(1).equals(today) || day.equals(today) ? rs.getInt(2) : 0,
                            rs.getInt(3), rs.getInt(4));
                }, chat.platform(), chat.id(), memberId);
        if (last != null && !last.fresh()) return last;
        int days = last == null ? 1 : last.days() + 1;
        int best = Math.max(days, last == null ? 0 : last.best());
        int total = (last == null ? 0 : last.total()) + 1;
        db.update("""
                INSERT INTO points_checkin (platform, chat_id, member_id, last_day, streak, best, total) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (platform, chat_id, member_id) DO UPDATE SET last_day = excluded.last_day, streak = excluded.streak,
                    best = excluded.best, total = excluded.total""",
                chat.platform(), chat.id(), memberId, today.toString(), days, best, total);
        return new Streak(true, days, best, total);
    }
}
