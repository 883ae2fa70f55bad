package qunzhu.platform.sandbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import qunzhu.store.Database;

/**
 * What the bot's store remembers of the sandbox, read once at start so the sandbox world
 * (members, mutes, bans, pending requests, pin and transcript) is the one the bot left, as a
 * real chat is after a bot restarts. Two read-only queries: the activity log (messages, joins,
 * leaves, join requests members made) and the action log's done rows (what the bot did), merged
 * in time order; at the same millisecond what a member did comes first (the bot answers it).
 *
 * <p>The action log keeps no buttons, no lengths and no presser: restored bot messages have no
 * buttons, restored mutes and bans last until lifted (timed ones are lifted by the bot's own
 * expiry jobs, which the store keeps too), and answers to button presses are not restored.
 */
public final class SandboxHistory {
    /** One remembered happening. {@code member}: who it is about; {@code ref}: a message or request id. */
    public record Row(Instant at, boolean byMember, String chat, String kind, String member, String ref, String replyTo,
                      String text, String account, String reason) {}

    private final Database db;

    public SandboxHistory(Database db) { this.db = db; }

    /** Every sandbox row of both logs, in the order it happened. */
    public List<Row> rows() {
        List<Row> member = db.query("""
                SELECT at_ms, chat_id, kind, member_id, COALESCE(message_id, native_id), reply_to, text, account
                FROM activity WHERE platform = ? AND kind IN ('message', 'join', 'leave', 'join_request') ORDER BY id""",
                rs -> new Row(Instant.ofEpochMilli(rs.getLong(1)), true, rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), null), SandboxHub.PLATFORM);
        List<Row> bot = db.query("""
                SELECT at_ms, chat_id, kind, member_id, message_id, NULL, text, account, reason
                FROM action_log WHERE platform = ? AND outcome = 'done' ORDER BY id""",
                rs -> new Row(Instant.ofEpochMilli(rs.getLong(1)), false, rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)), SandboxHub.PLATFORM);
        List<Row> out = new ArrayList<>(member.size() + bot.size());
        int i = 0, j = 0;
        while (i < member.size() || j < bot.size()) {
            if (j >= bot.size() || (i < member.size() && !member.get(i).at().isAfter(bot.get(j).at()))) out.add(member.get(i++));
            else out.add(bot.get(j++));
        }
        return out;
    }
}
