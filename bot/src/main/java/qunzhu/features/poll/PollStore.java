package qunzhu.features.poll;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.feature.FeatureStore;

/** All SQL on poll_polls and poll_votes. */
final class PollStore {
    record Poll(long id, ChatRef chat, String question, List<String> options, boolean anonymous, Instant created, String createdBy,
                Instant closes, String status, boolean editPending, Instant lastEdit) {
        boolean open() { return status.equals("open"); }
    }

    record Vote(String memberId, String name, int choice) {}

    private static final String COLUMNS = "id, platform, chat_id, question, options, anonymous, created_ms, created_by, close_ms, status,"
            + " edit_pending, last_edit_ms";

    private final FeatureStore db;

    PollStore(FeatureStore db) { this.db = db; }

    long create(ChatRef chat, PollLine line, String by, Instant now) {
        return db.insert("""
                INSERT INTO poll_polls (platform, chat_id, question, options, anonymous, created_ms, created_by, close_ms, status)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open')""", chat.platform(), chat.id(), line.question(), String.join("\n", line.options()),
                line.anonymous() ? 1 : 0, now.toEpochMilli(), by, line.length() == null ? null : now.plus(line.length()).toEpochMilli());
    }

    Poll get(long id) { return db.queryOne("SELECT " + COLUMNS + " FROM poll_polls WHERE id = ?", PollStore::poll, id); }

    /** Open polls of the chat, newest first. */
    List<Poll> open(ChatRef chat) {
        return db.query("SELECT " + COLUMNS + " FROM poll_polls WHERE platform = ? AND chat_id = ? AND status = 'open' ORDER BY id DESC",
                PollStore::poll, chat.platform(), chat.id());
    }

    /** The member's choice so far (from 1), or 0 when they have not voted. */
    int choiceOf(long pollId, String memberId) {
        return (int) db.count("SELECT choice FROM poll_votes WHERE poll_id = ? AND member_id = ?", pollId, memberId);
    }

    void vote(long pollId, MemberRef member, int choice, Instant now) {
        if (db.update("UPDATE poll_votes SET choice = ?, member_name = ?, at_ms = ? WHERE poll_id = ? AND member_id = ?",
                choice, member.name(), now.toEpochMilli(), pollId, member.id()) == 0) {
            db.update("INSERT INTO poll_votes (poll_id, member_id, member_name, choice, at_ms) VALUES (?, ?, ?, ?, ?)",
                    pollId, member.id(), member.name(), choice, now.toEpochMilli());
        }
    }

    List<Vote> votes(long pollId) {
        return db.query("SELECT member_id, member_name, choice FROM poll_votes WHERE poll_id = ? ORDER BY at_ms, member_id",
                rs -> new Vote(rs.getString(1), rs.getString(2), rs.getInt(3)), pollId);
    }

    /** Marks a live-count edit as scheduled; false when one was already. */
    boolean markEditPending(long id) {
        return db.update("UPDATE poll_polls SET edit_pending = 1 WHERE id = ? AND edit_pending = 0", id) == 1;
    }

    void edited(long id, Instant at) { db.update("UPDATE poll_polls SET edit_pending = 0, last_edit_ms = ? WHERE id = ?", at.toEpochMilli(), id); }

    boolean close(long id) { return db.update("UPDATE poll_polls SET status = 'closed' WHERE id = ? AND status = 'open'", id) == 1; }

    private static Poll poll(ResultSet rs) throws SQLException {
        long close = rs.getLong(9);
        boolean noClose = rs.wasNull();
        return new Poll(rs.getLong(1), new ChatRef(rs.getString(2), rs.getString(3)), rs.getString(4), List.of(rs.getString(5).split("\n")),
                rs.getInt(6) == 1, Instant.ofEpochMilli(rs.getLong(7)), rs.getString(8), noClose ? null : Instant.ofEpochMilli(close),
                rs.getString(10), rs.getInt(11) == 1, Instant.ofEpochMilli(rs.getLong(12)));
    }
}
