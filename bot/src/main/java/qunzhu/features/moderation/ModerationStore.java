package qunzhu.features.moderation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.store.History;
import qunzhu.feature.FeatureStore;

/** All SQL on the moderation_* tables: cases, warnings, punishments, reports, votes. */
final class ModerationStore {
    /** An active or past mute or ban; {@code until} null is forever. */
    record Punishment(long id, ChatRef chat, String memberId, String memberName, String kind, Instant until, Integer caseNo) {}

    private final FeatureStore db;
    private final History history;

    ModerationStore(FeatureStore db, History history) {
        this.db = db;
        this.history = history;
    }

    FeatureStore db() { return db; }

    CaseFile addCase(CaseFile c) {
        return db.atomically(() -> {
            int number = db.query("SELECT COALESCE(MAX(number), 0) + 1 FROM moderation_cases WHERE platform = ? AND chat_id = ?",
                    rs -> rs.getInt(1), c.chat().platform(), c.chat().id()).get(0);
            db.update("""
                    INSERT INTO moderation_cases (platform, chat_id, number, at_ms, actor_id, actor_name, automatic, target_id,
                        target_name, action, length_ms, reason, rule, evidence, message_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                    c.chat().platform(), c.chat().id(), number, c.at().toEpochMilli(), c.actorId(), c.actorName(), c.automatic() ? 1 : 0,
                    c.targetId(), c.targetName(), c.action(), c.length() == null ? null : c.length().toMillis(), c.reason(), c.rule(),
                    c.evidence(), c.messageId());
            return c.numbered(number);
        });
    }

    private static final String CASE_COLUMNS = """
            number, at_ms, actor_id, actor_name, automatic, target_id, target_name, action, length_ms, reason, rule, evidence,
            message_id, undone_ms, undone_by""";

    private static CaseFile readCase(ChatRef chat, java.sql.ResultSet rs) throws java.sql.SQLException {
        return new CaseFile(chat, rs.getInt(1), Instant.ofEpochMilli(rs.getLong(2)), party(rs.getInt(5) == 1 ? null : rs.getString(3), rs.getString(4)),
                party(rs.getString(6), rs.getString(7)),
                new CaseFile.Deed(rs.getString(8), rs.getObject(9) == null ? null : Duration.ofMillis(rs.getLong(9)), rs.getString(10),
                        rs.getString(11), rs.getString(12), rs.getString(13)),
                rs.getObject(14) == null ? null : new CaseFile.Undo(Instant.ofEpochMilli(rs.getLong(14)), rs.getString(15)));
    }

    CaseFile findCase(ChatRef chat, int number) {
        return db.queryOne("SELECT " + CASE_COLUMNS + " FROM moderation_cases WHERE platform = ? AND chat_id = ? AND number = ?",
                rs -> readCase(chat, rs), chat.platform(), chat.id(), number);
    }

    /** Through moderation_cases_digest (V024), whose WHERE it repeats: the waiting cases, not all of the chat's. */
    static final String WAITING_FOR_DIGEST =
            "SELECT COUNT(*) FROM moderation_cases WHERE platform = ? AND chat_id = ? AND rule = ? AND action = ? AND digest_pending = 1";

    /**
     * Marks the case as waiting for its rule's summary card; true when it is the first waiting
     * one of its rule and action in the group (the caller schedules the card).
     */
    boolean gatherForDigest(CaseFile c) {
        return db.atomically(() -> {
            long waiting = db.count(WAITING_FOR_DIGEST, c.chat().platform(), c.chat().id(), c.rule(), c.action());
            db.update("UPDATE moderation_cases SET digest_pending = 1 WHERE platform = ? AND chat_id = ? AND number = ?",
                    c.chat().platform(), c.chat().id(), c.number());
            return waiting == 0;
        });
    }

    /** The cases waiting for the summary card of {@code rule} and {@code action}, oldest first; they wait no longer. */
    List<CaseFile> takeDigest(ChatRef chat, String rule, String action) {
        return db.atomically(() -> {
            List<CaseFile> out = db.query("SELECT " + CASE_COLUMNS + " FROM moderation_cases WHERE platform = ? AND chat_id = ? AND rule = ? AND action = ?"
                    + " AND digest_pending = 1 ORDER BY number", rs -> readCase(chat, rs), chat.platform(), chat.id(), rule, action);
            db.update("UPDATE moderation_cases SET digest_pending = 0 WHERE platform = ? AND chat_id = ? AND rule = ? AND action = ? AND digest_pending = 1",
                    chat.platform(), chat.id(), rule, action);
            return out;
        });
    }

    /** Whether the platform carried out the case's action; {@code failure} is its reason when not. */
    void markApplied(ChatRef chat, int number, boolean applied, String failure) {
        db.update("UPDATE moderation_cases SET applied = ?, failure = ? WHERE platform = ? AND chat_id = ? AND number = ?",
                applied ? 1 : 0, failure, chat.platform(), chat.id(), number);
    }

    /** The platform's reason when the case's action was refused; null when applied or not known. */
    String failure(ChatRef chat, int number) {
        return db.queryOne("SELECT failure FROM moderation_cases WHERE platform = ? AND chat_id = ? AND number = ? AND applied = 0",
                rs -> rs.getString(1), chat.platform(), chat.id(), number);
    }

    private static CaseFile.Party party(String id, String name) { return id == null ? null : new CaseFile.Party(id, name); }

    void markUndone(ChatRef chat, int number, String by, Instant at) {
        db.update("UPDATE moderation_cases SET undone_ms = ?, undone_by = ? WHERE platform = ? AND chat_id = ? AND number = ?",
                at.toEpochMilli(), by, chat.platform(), chat.id(), number);
    }

    // warnings

    void addWarn(ChatRef chat, String member, Instant at, Duration expire, String by, String reason, Integer caseNo) {
        db.update("INSERT INTO moderation_warns (platform, chat_id, member_id, at_ms, expires_ms, by_id, reason, case_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                chat.platform(), chat.id(), member, at.toEpochMilli(), at.plus(expire).toEpochMilli(), by, reason, caseNo);
    }

    List<String> activeWarns(ChatRef chat, String member, Instant now) {
        return db.query("SELECT reason FROM moderation_warns WHERE platform = ? AND chat_id = ? AND member_id = ? AND removed = 0 AND expires_ms > ? ORDER BY at_ms",
                rs -> rs.getString(1), chat.platform(), chat.id(), member, now.toEpochMilli());
    }

    /** Removes the newest active warning; false when there was none. */
    boolean removeLastWarn(ChatRef chat, String member, Instant now) {
        Long id = db.queryOne("SELECT id FROM moderation_warns WHERE platform = ? AND chat_id = ? AND member_id = ? AND removed = 0 AND expires_ms > ? ORDER BY at_ms DESC, id DESC LIMIT 1",
                rs -> rs.getLong(1), chat.platform(), chat.id(), member, now.toEpochMilli());
        if (id == null) return false;
        db.update("UPDATE moderation_warns SET removed = 1 WHERE id = ?", id);
        return true;
    }

    void removeWarnOfCase(ChatRef chat, int caseNo) {
        db.update("UPDATE moderation_warns SET removed = 1 WHERE platform = ? AND chat_id = ? AND case_no = ?", chat.platform(), chat.id(), caseNo);
    }

    void resetWarns(ChatRef chat, String member) {
        db.update("UPDATE moderation_warns SET removed = 1 WHERE platform = ? AND chat_id = ? AND member_id = ?", chat.platform(), chat.id(), member);
    }

    // punishments

    long addPunishment(ChatRef chat, String member, String name, String kind, Instant from, Instant until, Integer caseNo) {
        return db.insert("INSERT INTO moderation_punishments (platform, chat_id, member_id, member_name, kind, from_ms, until_ms, case_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                chat.platform(), chat.id(), member, name, kind, from.toEpochMilli(), until == null ? null : until.toEpochMilli(), caseNo);
    }

    /** Active punishments of that kind for the member that have not run out at {@code now}. */
    List<Punishment> active(ChatRef chat, String member, String kind, Instant now) {
        return db.query("""
                SELECT id, member_id, member_name, kind, until_ms, case_no FROM moderation_punishments
                WHERE platform = ? AND chat_id = ? AND member_id = ? AND kind = ? AND active = 1 AND (until_ms IS NULL OR until_ms > ?)
                ORDER BY id""", rs -> punishment(chat, rs), chat.platform(), chat.id(), member, kind, now.toEpochMilli());
    }

    Punishment punishment(long id) {
        return db.queryOne("SELECT id, member_id, member_name, kind, until_ms, case_no, platform, chat_id FROM moderation_punishments WHERE id = ?",
                rs -> punishment(new ChatRef(rs.getString(7), rs.getString(8)), rs), id);
    }

    private static Punishment punishment(ChatRef chat, java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Punishment(rs.getLong(1), chat, rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getObject(5) == null ? null : Instant.ofEpochMilli(rs.getLong(5)), (Integer) rs.getObject(6));
    }

    boolean isActive(long id) { return db.count("SELECT COUNT(*) FROM moderation_punishments WHERE id = ? AND active = 1", id) > 0; }

    /** The text of a logged message (evidence for /del and /report), or null. */
    String messageText(ChatRef chat, String messageId) {
        return history.messageText(chat, messageId);
    }

    /** A logged message: its id, its author, and whether the platform said it was sent on behalf of the chat. */
    record Posted(String messageId, MemberRef author, boolean sentAsChat) {}

    /** The last {@code n} messages logged in the chat, newest first, without {@code excludeId}. */
    List<Posted> lastMessages(ChatRef chat, int n, String excludeId) {
        return history.lastMessages(chat, n, excludeId).stream().map(m -> new Posted(m.messageId(), m.author(), m.sentAsChat())).toList();
    }

    /** A member id by display name in that platform (for "/warn @bob"), or null. */
    String memberByName(String platform, String name) {
        return history.memberIdByName(platform, name);
    }

    String memberName(String platform, String id) {
        return history.memberName(platform, id);
    }

    void deactivate(long id) { db.update("UPDATE moderation_punishments SET active = 0 WHERE id = ?", id); }

    void deactivateAll(ChatRef chat, String member, String kind) {
        db.update("UPDATE moderation_punishments SET active = 0 WHERE platform = ? AND chat_id = ? AND member_id = ? AND kind = ?",
                chat.platform(), chat.id(), member, kind);
    }

    void deactivateCase(ChatRef chat, int caseNo) {
        db.update("UPDATE moderation_punishments SET active = 0 WHERE platform = ? AND chat_id = ? AND case_no = ?", chat.platform(), chat.id(), caseNo);
    }

    /** Active timed punishments whose end is still ahead or passed while the bot was down. */
    List<Long> activeTimed() {
        return db.query("SELECT id FROM moderation_punishments WHERE active = 1 AND until_ms IS NOT NULL", rs -> rs.getLong(1));
    }

    // reports and votes

    void addReport(ChatRef chat, Instant at, String reporter, String target, String messageId, String text) {
        db.update("INSERT INTO moderation_reports (platform, chat_id, at_ms, reporter_id, target_id, message_id, text) VALUES (?, ?, ?, ?, ?, ?, ?)",
                chat.platform(), chat.id(), at.toEpochMilli(), reporter, target, messageId, text);
    }

    /** Records a vote (once per voter) and returns the distinct voters within the window. */
    long vote(ChatRef chat, String target, String voter, Instant now, Duration window) {
        db.update("DELETE FROM moderation_votes WHERE platform = ? AND chat_id = ? AND at_ms <= ?", chat.platform(), chat.id(),
                now.minus(window).toEpochMilli());
        db.update("INSERT INTO moderation_votes (platform, chat_id, target_id, voter_id, at_ms) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                chat.platform(), chat.id(), target, voter, now.toEpochMilli());
        return db.count("SELECT COUNT(*) FROM moderation_votes WHERE platform = ? AND chat_id = ? AND target_id = ?", chat.platform(), chat.id(), target);
    }

    void clearVotes(ChatRef chat, String target) {
        db.update("DELETE FROM moderation_votes WHERE platform = ? AND chat_id = ? AND target_id = ?", chat.platform(), chat.id(), target);
    }
}
