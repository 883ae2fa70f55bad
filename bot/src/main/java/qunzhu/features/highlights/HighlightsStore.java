package qunzhu.features.highlights;

import java.time.Instant;
import java.util.List;
import qunzhu.core.ChatRef;
import qunzhu.feature.FeatureStore;

/** Highlights marked with /highlight (table highlights). */
final class HighlightsStore {
    record Highlight(ChatRef chat, String messageId, String authorId, String authorName, String excerpt, String markedBy, Instant marked) {}

    private final FeatureStore db;

    HighlightsStore(FeatureStore db) { this.db = db; }

    /** Records it; false when that message is a highlight already. */
    boolean mark(Highlight h) {
        return db.update("""
                INSERT INTO highlights (platform, chat_id, message_id, author_id, author_name, excerpt, marked_by, marked_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""",
                h.chat().platform(), h.chat().id(), h.messageId(), h.authorId(), h.authorName(), h.excerpt(), h.markedBy(),
                h.marked().toEpochMilli()) > 0;
    }

    /** The chat's highlights marked after {@code from} up to {@code to}, oldest first. */
    List<Highlight> between(ChatRef chat, Instant from, Instant to) {
        return db.query("""
                SELECT message_id, author_id, author_name, excerpt, marked_by, marked_ms FROM highlights
                WHERE platform = ? AND chat_id = ? AND marked_ms > ? AND marked_ms <= ? ORDER BY marked_ms, message_id""",
                rs -> new Highlight(chat, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Instant.ofEpochMilli(rs.getLong(6))), chat.platform(), chat.id(), from.toEpochMilli(), to.toEpochMilli());
    }
}
