package qunzhu.features.points;

import java.util.Map;
import java.util.TreeMap;
import qunzhu.config.ConfigNode;
import qunzhu.config.GroupSection;

/**
 * {@code points:} of a group or profile: what a check-in pays ({@code checkin}, plus
 * {@code streak_bonus} per consecutive day after the first, at most {@code streak_bonus_max},
 * plus a one-off {@code milestones} bonus on reaching a streak length), and the capped daily
 * activity points ({@code per_message} for each message of at least {@code min_chars}
 * characters that is not a repeat of the member's last paying one, up to
 * {@code daily_message_cap} a day; 0 turns activity points off).
 */
public record PointsConfig(int checkin, int streakBonus, int streakBonusMax, Map<Integer, Integer> milestones,
                           int perMessage, int dailyMessageCap, int minChars) {
    public PointsConfig {
        milestones = Map.copyOf(milestones);
    }

    /** Points for a check-in that makes a streak of {@code streak} days. */
    public long checkinPoints(int streak) {
        long bonus = Math.min((long) Math.max(0, streak - 1) * streakBonus, streakBonusMax);
        return checkin + bonus + milestones.getOrDefault(streak, 0);
    }

    public static final GroupSection<PointsConfig> SECTION = new GroupSection<>() {
        @Override public String key() { return "points"; }
        @Override public Class<PointsConfig> type() { return PointsConfig.class; }
        @Override public PointsConfig parse(ConfigNode n) {
            Map<Integer, Integer> milestones = new TreeMap<>(Map.of(7, 10, 30, 50));
            if (n.has("milestones")) {
                milestones.clear();
                ConfigNode m = n.section("milestones");
                for (String day : m.entries().keySet()) {
                    int days;
                    try {
                        days = Integer.parseInt(day.trim());
                    } catch (NumberFormatException e) {
                        m.child(day).error("expected a streak length in days (a whole number) as the key, got \"" + day + "\"");
                        continue;
                    }
                    if (days < 1) { m.child(day).error("a streak length is at least 1 day, got " + days); continue; }
                    milestones.put(days, m.integer(day, 0, 0, 1_000_000));
                }
                m.done();
            }
            PointsConfig c = new PointsConfig(
                    n.integer("checkin", 5, 0, 1_000_000),
                    n.integer("streak_bonus", 1, 0, 1_000_000),
                    n.integer("streak_bonus_max", 5, 0, 1_000_000),
                    milestones,
                    n.integer("per_message", 1, 0, 1_000_000),
                    n.integer("daily_message_cap", 20, 0, 1_000_000),
                    n.integer("min_chars", 5, 0, 10_000));
            n.done();
            return c;
        }
    };
}
