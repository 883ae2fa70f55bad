package qunzhu.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;

/**
 * Read-only questions to the spine's tables (the activity log and the people it keeps:
 * members, chat_members), for features and reports. Features ask here instead of running
 * SQL on tables they do not own; only {@link ActivityLog} writes them.
 */
public final class History {
    private final Database db;

    public History(Database db) { this.db = db; }

    /** People in the chat now: seen there and not known to have left. */
    public long memberCount(ChatRef chat) {
        return db.count("SELECT COUNT(*) FROM chat_members WHERE platform = ? AND chat_id = ? AND left_ms IS NULL",
                chat.platform(), chat.id());
    }

    /** The text of a logged message, or null. */
    public String messageText(ChatRef chat, String messageId) {
        return db.queryOne("SELECT text FROM activity WHERE platform = ? AND chat_id = ? AND message_id = ? AND kind = 'message'",
                rs -> rs.getString(1), chat.platform(), chat.id(), messageId);
    }

    /** The last {@code n} messages logged in the chat, newest first, without the one with id {@code excludeId}. */
    public List<Event.MessagePosted> lastMessages(ChatRef chat, int n, String excludeId) {
        return messages(db.query("SELECT payload FROM activity WHERE platform = ? AND chat_id = ? AND kind = 'message'"
                + " AND message_id <> ? ORDER BY id DESC LIMIT ?", rs -> rs.getString(1), chat.platform(), chat.id(), excludeId, n));
    }

    /** Every message logged from {@code from} to {@code to} (both included), in the order they were posted. */
    public List<Event.MessagePosted> messagesBetween(Instant from, Instant to) {
        return messages(db.query("SELECT payload FROM activity WHERE kind = 'message' AND at_ms >= ? AND at_ms <= ? ORDER BY at_ms, id",
                rs -> rs.getString(1), from.toEpochMilli(), to.toEpochMilli()));
    }

    /** The id of the member last seen with this display name (or this id) on the platform, or null. */
    public String memberIdByName(String platform, String nameOrId) {
        return db.queryOne("SELECT member_id FROM members WHERE platform = ? AND (name = ? OR member_id = ?) ORDER BY last_seen_ms DESC LIMIT 1",
                rs -> rs.getString(1), platform, nameOrId, nameOrId);
    }

    /** The display name the member was last seen with, or null. */
    public String memberName(String platform, String memberId) {
        return db.queryOne("SELECT name FROM members WHERE platform = ? AND member_id = ?", rs -> rs.getString(1), platform, memberId);
    }

    private static List<Event.MessagePosted> messages(List<String> payloads) {
        List<Event.MessagePosted> out = new ArrayList<>(payloads.size());
        for (String p : payloads) if (Codec.decodeEvent(p) instanceof Event.MessagePosted m) out.add(m);
        return out;
    }

    /**
     * Messages logged in the chat with {@code fromMs <= at < toMs}; {@code fromDay} and
     * {@code toDay} are the local days those instants fall on (the log's index is by day).
     */
    public long messagesBetween(ChatRef chat, String fromDay, String toDay, long fromMs, long toMs) {
        return db.count("SELECT COUNT(*) FROM activity WHERE platform = ? AND chat_id = ? AND day >= ? AND day <= ? AND kind = 'message'"
                + " AND at_ms >= ? AND at_ms < ?", chat.platform(), chat.id(), fromDay, toDay, fromMs, toMs);
    }

    /** The ids the chat had before it moved (Telegram group to supergroup), whose log rows stay under them. */
    public List<String> formerIds(ChatRef chat) {
        return db.query("SELECT chat_id FROM chats WHERE platform = ? AND moved_to = ?", rs -> rs.getString(1), chat.platform(), chat.id());
    }
}
