package qunzhu.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import qunzhu.core.Event;

/**
 * Events a feature could not handle, one row per (event, feature) in dead_letter: written in
 * the same transaction that rolled the feature's savepoint back, retried at start, removed
 * once the feature succeeds. {@link #PIPELINE} stands for an event that failed below the
 * features while the store could write.
 */
public final class DeadLetters {
    public static final String PIPELINE = "pipeline";
    private static final int MAX_ERROR = 2000;

    /** One dead letter: the logged event and the feature that failed on it. */
    public record Letter(long id, long activityId, String feature, int attempts, String error) {}

    private final Database db;

    public DeadLetters(Database db) { this.db = db; }

    /** Records (or counts again) a failure of {@code feature} on the logged event {@code activityId}. */
    public static void recordIn(Connection c, long activityId, Event event, String feature, Throwable error, Instant now) throws SQLException {
        String text = String.valueOf(error);
        if (text.length() > MAX_ERROR) text = text.substring(0, MAX_ERROR) + "…";
        Database.updateIn(c, """
                INSERT INTO dead_letter (activity_id, platform, chat_id, native_id, feature, error, attempts, first_ms, last_ms)
                VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)
                ON CONFLICT (activity_id, feature) DO UPDATE SET error = excluded.error,
                    attempts = dead_letter.attempts + 1, last_ms = excluded.last_ms""",
                activityId, event.key().platform(), event.key().chat(), event.key().nativeId(), feature, text,
                now.toEpochMilli(), now.toEpochMilli());
    }

    /** A retry failed again. */
    public static void failedAgainIn(Connection c, long id, Throwable error, Instant now) throws SQLException {
        String text = String.valueOf(error);
        if (text.length() > MAX_ERROR) text = text.substring(0, MAX_ERROR) + "…";
        Database.updateIn(c, "UPDATE dead_letter SET attempts = attempts + 1, error = ?, last_ms = ? WHERE id = ?", text, now.toEpochMilli(), id);
    }

    public static void removeIn(Connection c, long id) throws SQLException {
        Database.updateIn(c, "DELETE FROM dead_letter WHERE id = ?", id);
    }

    /** Letters tried fewer than {@code maxAttempts} times, oldest event first. */
    public List<Letter> retryable(int maxAttempts) {
        return db.query("SELECT id, activity_id, feature, attempts, error FROM dead_letter WHERE attempts < ? ORDER BY activity_id, id",
                rs -> new Letter(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5)), maxAttempts);
    }

    /** How many letters each feature has, by feature name. */
    public Map<String, Long> countsByFeature() {
        Map<String, Long> out = new LinkedHashMap<>();
        db.query("SELECT feature, COUNT(*) FROM dead_letter GROUP BY feature ORDER BY feature",
                rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    /** The logged event of a letter, or null if the log no longer has it. */
    public Event event(Letter l) {
        String payload = db.queryOne("SELECT payload FROM activity WHERE id = ?", rs -> rs.getString(1), l.activityId());
        return payload == null ? null : Codec.decodeEvent(payload);
    }
}
