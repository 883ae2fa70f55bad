package qunzhu.features.verify;

import java.time.Instant;
import java.util.List;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.feature.FeatureStore;
import qunzhu.feature.KnownAbsent;

/** All SQL on verify_pending, verify_messages, verify_log and newcomers. */
final class VerifyStore {
    /** A member who joined and has not verified yet. */
    record Pending(ChatRef chat, MemberRef member, NewcomerConfig.Mode mode, String token, int question, int attempts,
                   boolean muted, Instant deadline) {}

    /** A newcomer under restrictions. */
    record Newcomer(Instant joined, int messages) {}

    private final FeatureStore db;
    /**
     * Members ("platform|chat|member") known to have no pending verification, and no newcomer
     * row: every message asks both, and almost every answer is "none". A chat move forgets them.
     */
    private final KnownAbsent<String> noPending, noNewcomer;

    VerifyStore(FeatureStore db) {
        this.db = db;
        this.noPending = new KnownAbsent<>(db, 200_000);
        this.noNewcomer = new KnownAbsent<>(db, 200_000);
    }

    private static String key(ChatRef chat, String memberId) { return chat.platform() + "|" + chat.id() + "|" + memberId; }

    /** Chat rows moved to another id: what was known absent may not be any more. */
    void forgetAbsent() {
        noPending.forgetAll();
        noNewcomer.forgetAll();
    }

    void start(Pending p, Instant now) {
        noPending.forget(key(p.chat(), p.member().id()));
        db.atomically(() -> {
            db.update("DELETE FROM verify_pending WHERE platform = ? AND chat_id = ? AND member_id = ?",
                    p.chat().platform(), p.chat().id(), p.member().id());
            db.update("""
                    INSERT INTO verify_pending (platform, chat_id, member_id, member_name, mode, token, question, attempts,
                                                muted, started_ms, deadline_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?)""",
                    p.chat().platform(), p.chat().id(), p.member().id(), p.member().name(), p.mode().key(), p.token(),
                    p.question(), p.muted() ? 1 : 0, now.toEpochMilli(), p.deadline().toEpochMilli());
            return null;
        });
    }

    Pending pending(ChatRef chat, String memberId) {
        return noPending.read(key(chat, memberId), () -> db.queryOne("""
                SELECT member_id, member_name, mode, token, question, attempts, muted, deadline_ms FROM verify_pending
                WHERE platform = ? AND chat_id = ? AND member_id = ?""", rs -> new Pending(chat,
                        new MemberRef(rs.getString(1), rs.getString(2), false),
                        NewcomerConfig.Mode.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)), rs.getString(4),
                        rs.getInt(5), rs.getInt(6), rs.getInt(7) == 1, Instant.ofEpochMilli(rs.getLong(8))),
                chat.platform(), chat.id(), memberId));
    }

    String memberOfToken(ChatRef chat, String token) {
        return db.queryOne("SELECT member_id FROM verify_pending WHERE platform = ? AND chat_id = ? AND token = ?",
                rs -> rs.getString(1), chat.platform(), chat.id(), token);
    }

    int failedAttempt(ChatRef chat, String memberId) {
        db.update("UPDATE verify_pending SET attempts = attempts + 1 WHERE platform = ? AND chat_id = ? AND member_id = ?",
                chat.platform(), chat.id(), memberId);
        Pending p = pending(chat, memberId);
        return p == null ? 0 : p.attempts();
    }

    void track(ChatRef chat, String memberId, String messageId) {
        db.update("INSERT INTO verify_messages (platform, chat_id, member_id, message_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                chat.platform(), chat.id(), memberId, messageId);
    }

    /** Ends verification: removes the pending row, logs the outcome, returns the messages to delete. */
    List<String> finish(ChatRef chat, String memberId, String outcome, Instant now) {
        noPending.forget(key(chat, memberId));
        return db.atomically(() -> {
            List<String> messages = db.query(
                    "SELECT message_id FROM verify_messages WHERE platform = ? AND chat_id = ? AND member_id = ? ORDER BY message_id",
                    rs -> rs.getString(1), chat.platform(), chat.id(), memberId);
            db.update("DELETE FROM verify_messages WHERE platform = ? AND chat_id = ? AND member_id = ?",
                    chat.platform(), chat.id(), memberId);
            db.update("DELETE FROM verify_pending WHERE platform = ? AND chat_id = ? AND member_id = ?",
                    chat.platform(), chat.id(), memberId);
            db.update("INSERT INTO verify_log (platform, chat_id, member_id, outcome, at_ms) VALUES (?, ?, ?, ?, ?)",
                    chat.platform(), chat.id(), memberId, outcome, now.toEpochMilli());
            return messages;
        });
    }

    void joined(ChatRef chat, String memberId, Instant at) {
        noNewcomer.forget(key(chat, memberId));
        db.update("""
                INSERT INTO newcomers (platform, chat_id, member_id, joined_ms, messages) VALUES (?, ?, ?, ?, 0)
                ON CONFLICT (platform, chat_id, member_id) DO UPDATE SET joined_ms = excluded.joined_ms, messages = 0""",
                chat.platform(), chat.id(), memberId, at.toEpochMilli());
    }

    Newcomer newcomer(ChatRef chat, String memberId) {
        return noNewcomer.read(key(chat, memberId), () -> db.queryOne(
                "SELECT joined_ms, messages FROM newcomers WHERE platform = ? AND chat_id = ? AND member_id = ?",
                rs -> new Newcomer(Instant.ofEpochMilli(rs.getLong(1)), rs.getInt(2)), chat.platform(), chat.id(), memberId));
    }

    void counted(ChatRef chat, String memberId) {
        db.update("UPDATE newcomers SET messages = messages + 1 WHERE platform = ? AND chat_id = ? AND member_id = ?",
                chat.platform(), chat.id(), memberId);
    }

    /** The restriction is over: the member is no longer a newcomer here. */
    void graduated(ChatRef chat, String memberId) {
        noNewcomer.forget(key(chat, memberId));
        db.update("DELETE FROM newcomers WHERE platform = ? AND chat_id = ? AND member_id = ?", chat.platform(), chat.id(), memberId);
    }
}
