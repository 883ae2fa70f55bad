package qunzhu.features.questions;

import java.time.Instant;
import java.util.List;
import qunzhu.core.ChatRef;
import qunzhu.feature.FeatureStore;

/** Questions waiting for their first answer (table questions) and the joins that make newcomers (question_joins). */
final class QuestionsStore {
    /** One question; {@code state} is pending, held (the holding answer went out) or answered. */
    record Question(ChatRef chat, String messageId, String authorId, String authorName, String text, Instant asked, String state) {
        boolean open() { return !state.equals("answered"); }
    }

    private final FeatureStore db;

    QuestionsStore(FeatureStore db) { this.db = db; }

    void joined(ChatRef chat, String member, Instant at) {
        db.update("""
                INSERT INTO question_joins (platform, chat_id, member_id, joined_ms) VALUES (?, ?, ?, ?)
                ON CONFLICT (platform, chat_id, member_id) DO UPDATE SET joined_ms = excluded.joined_ms""",
                chat.platform(), chat.id(), member, at.toEpochMilli());
    }

    /** When the member last joined the chat, or null when the bot never saw them join. */
    Instant joinedAt(ChatRef chat, String member) {
        Long ms = db.queryOne("SELECT joined_ms FROM question_joins WHERE platform = ? AND chat_id = ? AND member_id = ?",
                rs -> rs.getLong(1), chat.platform(), chat.id(), member);
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }

    void ask(ChatRef chat, String messageId, String authorId, String authorName, String text, Instant at) {
        db.update("""
                INSERT INTO questions (platform, chat_id, message_id, author_id, author_name, text, asked_ms, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'pending') ON CONFLICT DO NOTHING""",
                chat.platform(), chat.id(), messageId, authorId, authorName, text, at.toEpochMilli());
    }

    Question find(ChatRef chat, String messageId) {
        return db.queryOne("""
                SELECT message_id, author_id, author_name, text, asked_ms, state FROM questions
                WHERE platform = ? AND chat_id = ? AND message_id = ?""", rs -> row(chat, rs), chat.platform(), chat.id(), messageId);
    }

    /** Through questions_unanswered (V024), whose WHERE it repeats, in its order: no sort, no answered question read. */
    static final String OPEN = """
            SELECT message_id, author_id, author_name, text, asked_ms, state FROM questions
            WHERE platform = ? AND chat_id = ? AND state <> 'answered' ORDER BY asked_ms""";

    /** The chat's questions without an answer, oldest first. */
    List<Question> open(ChatRef chat) {
        return db.query(OPEN, rs -> row(chat, rs), chat.platform(), chat.id());
    }

    void answered(Question q, String by, Instant at) {
        db.update("UPDATE questions SET state = 'answered', answered_ms = ?, answered_by = ? WHERE platform = ? AND chat_id = ? AND message_id = ?",
                at.toEpochMilli(), by, q.chat().platform(), q.chat().id(), q.messageId());
    }

    void flagged(Question q) {
        db.update("UPDATE questions SET flagged = 1 WHERE platform = ? AND chat_id = ? AND message_id = ?",
                q.chat().platform(), q.chat().id(), q.messageId());
    }

    void held(Question q) {
        db.update("UPDATE questions SET state = 'held' WHERE platform = ? AND chat_id = ? AND message_id = ? AND state = 'pending'",
                q.chat().platform(), q.chat().id(), q.messageId());
    }

    private static Question row(ChatRef chat, java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Question(chat, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Instant.ofEpochMilli(rs.getLong(5)), rs.getString(6));
    }
}
