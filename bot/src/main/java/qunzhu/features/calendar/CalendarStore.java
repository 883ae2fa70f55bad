package qunzhu.features.calendar;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import qunzhu.core.ChatRef;
import qunzhu.feature.FeatureStore;

/** All SQL on the calendar_* and broadcast* tables. */
final class CalendarStore {
    private final FeatureStore db;

    CalendarStore(FeatureStore db) { this.db = db; }

    /** An entry's state: the schedule it was planned with, the run its job waits for, whether paused. */
    record State(String entry, String schedule, Instant next, boolean paused) {}

    State state(String entry) {
        return db.queryOne("SELECT entry, schedule, next_ms, paused FROM calendar_entry WHERE entry = ?",
                rs -> new State(rs.getString(1), rs.getString(2), rs.getObject(3) == null ? null : Instant.ofEpochMilli(rs.getLong(3)),
                        rs.getInt(4) != 0), entry);
    }

    List<String> knownEntries() { return db.query("SELECT entry FROM calendar_entry", rs -> rs.getString(1)); }

    void save(State s) {
        db.update("""
                INSERT INTO calendar_entry (entry, schedule, next_ms, paused) VALUES (?, ?, ?, ?)
                ON CONFLICT (entry) DO UPDATE SET schedule = excluded.schedule, next_ms = excluded.next_ms, paused = excluded.paused""",
                s.entry(), s.schedule(), s.next() == null ? null : s.next().toEpochMilli(), s.paused() ? 1 : 0);
    }

    /** A run, or null when this occurrence already has one (it runs once). */
    Long startRun(String entry, Instant occurrence, boolean manual, boolean late, Instant now) {
        int n = db.update("""
                INSERT INTO calendar_run (entry, occurrence_ms, manual, late, started_ms) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (entry, occurrence_ms, manual) DO NOTHING""",
                entry, occurrence.toEpochMilli(), manual ? 1 : 0, late ? 1 : 0, now.toEpochMilli());
        if (n == 0) return null;
        return db.queryOne("SELECT id FROM calendar_run WHERE entry = ? AND occurrence_ms = ? AND manual = ?", rs -> rs.getLong(1),
                entry, occurrence.toEpochMilli(), manual ? 1 : 0);
    }

    record Run(long id, String entry, Instant occurrence, boolean manual, boolean late) {}

    Run run(long id) {
        return db.queryOne("SELECT id, entry, occurrence_ms, manual, late FROM calendar_run WHERE id = ?",
                rs -> new Run(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)), rs.getInt(4) != 0, rs.getInt(5) != 0), id);
    }

    void pick(long run, String pool, String postKey) {
        db.update("INSERT INTO calendar_run_pick (run_id, pool, post_key) VALUES (?, ?, ?) ON CONFLICT (run_id, pool) DO NOTHING", run, pool, postKey);
    }

    String picked(long run, String pool) {
        return db.queryOne("SELECT post_key FROM calendar_run_pick WHERE run_id = ? AND pool = ?", rs -> rs.getString(1), run, pool);
    }

    /** Records that {@code chat} got its post of this run; false when it already had (nothing is posted twice). */
    boolean posted(long run, ChatRef chat, String what, Instant at) {
        return db.update("""
                INSERT INTO calendar_post (run_id, platform, chat_id, what, posted_ms) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (run_id, platform, chat_id) DO NOTHING""", run, chat.platform(), chat.id(), what, at.toEpochMilli()) == 1;
    }

    /** The rotation's current cycle of a pool and the posts it used. */
    record Rotation(long cycle, Set<String> used) {}

    Rotation rotation(String entry, String pool) {
        Long cycle = db.queryOne("SELECT MAX(cycle) FROM calendar_pool_used WHERE entry = ? AND pool = ?",
                rs -> rs.getObject(1) == null ? null : rs.getLong(1), entry, pool);
        long c = cycle == null ? 0 : cycle;
        Set<String> used = new HashSet<>(db.query("SELECT post_key FROM calendar_pool_used WHERE entry = ? AND pool = ? AND cycle = ?",
                rs -> rs.getString(1), entry, pool, c));
        return new Rotation(c, used);
    }

    void use(String entry, String pool, long cycle, String postKey) {
        db.update("INSERT INTO calendar_pool_used (entry, pool, cycle, post_key) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                entry, pool, cycle, postKey);
    }

    // ---- broadcasts

    record Broadcast(long id, ChatRef chat, String replyTo, String by, String text, int reported) {}

    long newBroadcast(ChatRef chat, String replyTo, String by, String text, Instant at) {
        return db.insert("INSERT INTO broadcast (platform, chat_id, reply_to, by_member, text, created_ms) VALUES (?, ?, ?, ?, ?, ?)",
                chat.platform(), chat.id(), replyTo, by, text, at.toEpochMilli());
    }

    Broadcast broadcast(long id) {
        return db.queryOne("SELECT id, platform, chat_id, reply_to, by_member, text, reported FROM broadcast WHERE id = ?",
                rs -> new Broadcast(rs.getLong(1), new ChatRef(rs.getString(2), rs.getString(3)), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getInt(7)), id);
    }

    void reported(long id, int step) { db.update("UPDATE broadcast SET reported = ? WHERE id = ?", step, id); }

    void target(long id, ChatRef chat) {
        db.update("INSERT INTO broadcast_target (broadcast_id, platform, chat_id, state) VALUES (?, ?, ?, 'queued') ON CONFLICT DO NOTHING",
                id, chat.platform(), chat.id());
    }

    /** Records a target's final outcome once; false when it had one already. */
    boolean outcome(long id, ChatRef chat, boolean sent, String reason) {
        return db.update("UPDATE broadcast_target SET state = ?, reason = ? WHERE broadcast_id = ? AND platform = ? AND chat_id = ? AND state = 'queued'",
                sent ? "sent" : "failed", reason, id, chat.platform(), chat.id()) == 1;
    }

    /** Targets by state: queued, sent, failed. */
    long count(long id, String state) {
        return db.count("SELECT COUNT(*) FROM broadcast_target WHERE broadcast_id = ? AND state = ?", id, state);
    }

    /** The failed targets' chats and reasons. */
    List<String[]> failures(long id) {
        return db.query("SELECT platform, chat_id, reason FROM broadcast_target WHERE broadcast_id = ? AND state = 'failed' ORDER BY platform, chat_id",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, id);
    }
}
