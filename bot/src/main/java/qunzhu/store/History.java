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
    private final Queries db;

    public History(Database db) { this.db = db; }

    /**
     * The same questions through {@code readers}: on a read-only connection, the last committed
     * state (see {@link Readers}); on the writer when the store has no readers.
     */
    public History(Readers readers) { this.db = readers; }

    /** Members present now in each chat that has any (one pass over chat_members, for reports over many chats). */
    public java.util.Map<ChatRef, Long> memberCounts() {
        java.util.Map<ChatRef, Long> out = new java.util.HashMap<>();
        for (Object[] r : db.query("SELECT platform, chat_id, COUNT(*) FROM chat_members WHERE left_ms IS NULL GROUP BY platform, chat_id",
                rs -> new Object[] {new ChatRef(rs.getString(1), rs.getString(2)), rs.getLong(3)})) {
            out.put((ChatRef) r[0], (Long) r[1]);
        }
        return out;
    }

    /** Through chat_members_present (V024): the people present, not everyone ever seen in the chat. */
    static final String MEMBER_COUNT = "SELECT COUNT(*) FROM chat_members WHERE platform = ? AND chat_id = ? AND left_ms IS NULL";

    /** People in the chat now: seen there and not known to have left. */
    public long memberCount(ChatRef chat) {
        return db.count(MEMBER_COUNT, chat.platform(), chat.id());
    }

    /** The text of a logged message, or null. */
    public String messageText(ChatRef chat, String messageId) {
        return db.queryOne(ActivityLog.byMessageId("text"),
                rs -> rs.getString(1), chat.platform(), chat.id(), messageId);
    }

    /** The events of {@code kinds} logged after id {@code afterId} through {@code throughId}, in log order. */
    public List<Event> eventsAfter(long afterId, long throughId, List<String> kinds) {
        String marks = String.join(", ", java.util.Collections.nCopies(kinds.size(), "?"));
        Object[] params = new Object[kinds.size() + 2];
        params[0] = afterId;
        params[1] = throughId;
        for (int i = 0; i < kinds.size(); i++) params[i + 2] = kinds.get(i);
        return db.query("SELECT payload FROM activity WHERE id > ? AND id <= ? AND kind IN (" + marks + ") ORDER BY id",
                rs -> Codec.decodeEvent(rs.getString(1)), params);
    }

    /**
     * The last {@code n} messages logged in the chat, newest first (by the day they were posted,
     * then as logged), without the one with id {@code excludeId}: read from the chat's last days
     * in its index, where ordering by id alone sorted every row the chat ever had.
     */
    public List<Event.MessagePosted> lastMessages(ChatRef chat, int n, String excludeId) {
        return messages(db.query(LAST_MESSAGES, rs -> rs.getString(1), chat.platform(), chat.id(), excludeId, n));
    }

    static final String LAST_MESSAGES = """
            SELECT payload FROM activity INDEXED BY activity_chat_day_member
            WHERE platform = ? AND chat_id = ? AND kind = 'message' AND message_id <> ? ORDER BY day DESC, id DESC LIMIT ?""";

    /**
     * The chat's messages logged from {@code from} to {@code to} (both included), in the order
     * they were posted: the window's days in the chat's index, not a pass over every chat's log.
     */
    public List<Event.MessagePosted> messagesIn(ChatRef chat, Instant from, Instant to) {
        return messages(db.query(CHAT_MESSAGES, rs -> rs.getString(1), chat.platform(), chat.id(), from.toEpochMilli(), to.toEpochMilli()));
    }

    /**
     * The days of the log that can hold an event from ?3 to ?4 (ms): a row's day is local to the
     * bot's zone, whatever zone it was logged in, so within a day of the UTC date.
     */
    private static final String DAYS_OF_WINDOW = " AND day >= date(?3 / 1000 - 86400, 'unixepoch') AND day <= date(?4 / 1000 + 86400, 'unixepoch') ";

    static final String CHAT_MESSAGES = """
            SELECT payload FROM activity INDEXED BY activity_chat_day_member
            WHERE platform = ?1 AND chat_id = ?2 AND kind = 'message' AND at_ms >= ?3 AND at_ms <= ?4""" + DAYS_OF_WINDOW + "ORDER BY at_ms, id";

    /** Every message logged from {@code from} to {@code to} (both included), in the order they were posted (all chats: a pass over the log). */
    public List<Event.MessagePosted> messagesBetween(Instant from, Instant to) {
        return messages(db.query("SELECT payload FROM activity WHERE kind = 'message' AND at_ms >= ? AND at_ms <= ? ORDER BY at_ms, id",
                rs -> rs.getString(1), from.toEpochMilli(), to.toEpochMilli()));
    }

    /**
     * The id of the member last seen with this display name (or this id) on the platform, or
     * null. Two indexed lookups (by name, V021, and by id), never a pass over every member.
     */
    public String memberIdByName(String platform, String nameOrId) {
        return db.queryOne(MEMBER_BY_NAME, rs -> rs.getString(1), platform, nameOrId);
    }

    static final String MEMBER_BY_NAME = "SELECT member_id FROM (SELECT member_id, last_seen_ms FROM members WHERE platform = ?1 AND name = ?2"
            + " UNION ALL SELECT member_id, last_seen_ms FROM members WHERE platform = ?1 AND member_id = ?2) ORDER BY last_seen_ms DESC LIMIT 1";

    /** The display name the member was last seen with, or null. */
    public String memberName(String platform, String memberId) {
        return db.queryOne("SELECT name FROM members WHERE platform = ? AND member_id = ?", rs -> rs.getString(1), platform, memberId);
    }

    /** When the member joined the chat (or was first seen there, when the join was not seen), or null if never seen. */
    public Instant memberSince(ChatRef chat, String memberId) {
        Long ms = db.queryOne("SELECT COALESCE(joined_ms, first_seen_ms) FROM chat_members WHERE platform = ? AND chat_id = ? AND member_id = ?",
                rs -> rs.getObject(1) == null ? null : rs.getLong(1), chat.platform(), chat.id(), memberId);
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }

    /** Messages the member posted in the chat at {@code from} or later, without the one with id {@code excludeId} (may be null). */
    public long messagesSince(ChatRef chat, String memberId, Instant from, String excludeId) {
        return memberMessagesFrom(chat, memberId, from.toEpochMilli(), excludeId);
    }

    /**
     * The days to walk for a member's messages from {@code ?1} (ms) on: the day before {@code ?1}'s
     * UTC day (a row's day is local to the bot's zone, within a day of UTC, whatever zone it was
     * logged in) through the chat's last logged day, ten years at most (an event's time is the
     * platform's word). Each is one seek into activity_chat_day_member: the log has no index that
     * leads with the member, whose entries would land all over a tree as large as the history.
     */
    private static final String DAYS_FROM = """
            WITH RECURSIVE days(day) AS (
                SELECT date(?1 / 1000 - 86400, 'unixepoch')
                UNION ALL SELECT date(day, '+1 day') FROM days
                WHERE day < (SELECT MAX(day) FROM activity WHERE platform = ?2 AND chat_id = ?3)
                  AND day < date(?1 / 1000, 'unixepoch', '+3660 days'))
            """;

    /** ?1 from (ms, included), ?2 platform, ?3 chat, ?4 member, ?5 a message id not to count ('' for none). */
    static final String MEMBER_MESSAGES_FROM = DAYS_FROM + """
            SELECT COUNT(*) FROM days CROSS JOIN activity a INDEXED BY activity_chat_day_member
            WHERE a.platform = ?2 AND a.chat_id = ?3 AND a.day = days.day AND a.member_id = ?4
              AND a.kind = 'message' AND a.at_ms >= ?1 AND (a.message_id IS NULL OR a.message_id <> ?5)""";

    private long memberMessagesFrom(ChatRef chat, String memberId, long fromMs, String excludeId) {
        return db.count(MEMBER_MESSAGES_FROM, fromMs, chat.platform(), chat.id(), memberId, excludeId == null ? "" : excludeId);
    }

    /** Through action_log_restriction (V023), whose WHERE this repeats: only those actions, not all of the chat's. */
    static final String LAST_RESTRICTION = """
            SELECT kind, at_ms FROM action_log WHERE platform = ? AND chat_id = ? AND member_id = ?
              AND kind IN ('mute', 'unmute', 'ban', 'unban') AND outcome = 'done' ORDER BY id DESC LIMIT 1""";

    /**
     * "mute" or "ban" when the bot's last mute or ban of the member in the chat was performed and
     * still holds as far as the log can tell, else null. The action log does not keep lengths, so
     * a mute counts as over once the member posted again (a muted member cannot), and a ban once
     * they joined again; an unmute or unban the bot performed ends it at once.
     */
    public String restriction(ChatRef chat, String memberId) {
        record Last(String kind, long at) {}
        Last last = db.queryOne(LAST_RESTRICTION, rs -> new Last(rs.getString(1), rs.getLong(2)), chat.platform(), chat.id(), memberId);
        if (last == null) return null;
        if (last.kind().equals("mute")) {
            long after = memberMessagesFrom(chat, memberId, last.at() + 1, null);
            return after == 0 ? "mute" : null;
        }
        if (last.kind().equals("ban")) {
            long rejoined = db.count("SELECT COUNT(*) FROM chat_members WHERE platform = ? AND chat_id = ? AND member_id = ? AND joined_ms > ?",
                    chat.platform(), chat.id(), memberId, last.at());
            return rejoined == 0 ? "ban" : null;
        }
        return null;
    }

    /** A member's seat in a chat: first seen, last join (null when no join was seen), when they left (null: still in). */
    public record Seat(String memberId, String name, Instant firstSeen, Instant joined, Instant left) {}

    /** Everyone the log has seen in the chat, present or gone. */
    public List<Seat> seats(ChatRef chat) {
        return db.query("""
                SELECT cm.member_id, m.name, cm.first_seen_ms, cm.joined_ms, cm.left_ms FROM chat_members cm
                LEFT JOIN members m ON m.platform = cm.platform AND m.member_id = cm.member_id
                WHERE cm.platform = ? AND cm.chat_id = ?""", History::seat, chat.platform(), chat.id());
    }

    /** The member's seat in the chat, or null when the log never saw them there. */
    public Seat seat(ChatRef chat, String memberId) {
        return db.queryOne("""
                SELECT cm.member_id, m.name, cm.first_seen_ms, cm.joined_ms, cm.left_ms FROM chat_members cm
                LEFT JOIN members m ON m.platform = cm.platform AND m.member_id = cm.member_id
                WHERE cm.platform = ? AND cm.chat_id = ? AND cm.member_id = ?""", History::seat, chat.platform(), chat.id(), memberId);
    }

    private static Seat seat(java.sql.ResultSet rs) throws java.sql.SQLException {
        long j = rs.getLong(4);
        Long joined = rs.wasNull() ? null : j;
        long l = rs.getLong(5);
        Long left = rs.wasNull() ? null : l;
        return new Seat(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)),
                joined == null ? null : Instant.ofEpochMilli(joined), left == null ? null : Instant.ofEpochMilli(left));
    }

    static final String MESSAGE_COUNTS = """
            SELECT member_id, COUNT(*) FROM activity INDEXED BY activity_chat_day_member
            WHERE platform = ?1 AND chat_id = ?2 AND kind = 'message' AND at_ms >= ?3 AND at_ms < ?4 AND member_id IS NOT NULL""" + DAYS_OF_WINDOW
            + "GROUP BY member_id";

    /**
     * Messages each member posted in the chat from {@code from} (included) to {@code to}
     * (excluded), by member id. Read through the window's days in the chat's index: left to
     * itself, SQLite walked a member index for the GROUP BY order (every row of the platform, all
     * chats) while there was one.
     */
    public java.util.Map<String, Long> messageCounts(ChatRef chat, Instant from, Instant to) {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        db.query(MESSAGE_COUNTS, rs -> out.put(rs.getString(1), rs.getLong(2)), chat.platform(), chat.id(), from.toEpochMilli(), to.toEpochMilli());
        return out;
    }

    /**
     * ?1 platform, ?2 chat, ?3 member, ?4 now (ms): the chat's days from its last (not after
     * tomorrow: an event's time is the platform's word) back to its first, ten years at most, one
     * seek each (see DAYS_FROM).
     */
    static final String LAST_MESSAGE = """
            WITH RECURSIVE days(day) AS (
                SELECT min(MAX(day), date(?4 / 1000 + 86400, 'unixepoch')) FROM activity WHERE platform = ?1 AND chat_id = ?2
                UNION ALL SELECT date(day, '-1 day') FROM days
                WHERE day > (SELECT MIN(day) FROM activity WHERE platform = ?1 AND chat_id = ?2)
                  AND day > date(?4 / 1000, 'unixepoch', '-3660 days'))
            SELECT MAX(a.at_ms) FROM days CROSS JOIN activity a INDEXED BY activity_chat_day_member
            WHERE a.platform = ?1 AND a.chat_id = ?2 AND a.day = days.day AND a.member_id = ?3 AND a.kind = 'message'""";

    /** When the member last posted in the chat (as of {@code now}), or null. */
    public Instant lastMessageAt(ChatRef chat, String memberId, Instant now) {
        Long ms = db.queryOne(LAST_MESSAGE, rs -> { long v = rs.getLong(1); return rs.wasNull() ? null : v; },
                chat.platform(), chat.id(), memberId, now.toEpochMilli());
        return ms == null ? null : Instant.ofEpochMilli(ms);
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
