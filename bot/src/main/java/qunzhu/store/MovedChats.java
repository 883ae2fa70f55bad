package qunzhu.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.store.Database;
import qunzhu.config.ChatMoves;
import qunzhu.core.ChatRef;

/**
 * The chats that moved to a new id, kept in chats.moved_to (so a move is remembered across
 * restarts), and the spine's part of a move: the spine's per-chat state rows follow the chat.
 * {@link #now()} hands out an immutable snapshot for config lookups ({@code BotConfig.group(chat, moves)}).
 *
 * <p>The history stays under the id it happened in (activity, action_log): message ids start
 * again in the new chat, and moving them could collide. Jobs and outbox rows keep their
 * payload's chat: the outbox answer "moved" sends them on to the new id.
 */
public final class MovedChats {
    private static final Logger log = LoggerFactory.getLogger(MovedChats.class);
    /** Spine tables with per-chat state (platform, chat_id) that move with the chat. */
    private static final List<String> SPINE_TABLES = List.of("chat_members", "dead_letter");

    private volatile ChatMoves moves;

    /** Reads the moves the store remembers. */
    public MovedChats(Database db) { this.moves = db.tx(MovedChats::loadIn); }

    /** The moves known now (immutable). */
    public ChatMoves now() { return moves; }

    /**
     * Records the move from {@code from} to {@code to} and moves the spine's rows, on the
     * caller's open transaction {@code c}. Decided on what the store holds (not the snapshot),
     * so a move whose transaction was undone is made again when its event runs again. Returns
     * null when the move is nothing new (same chat now, another platform), else the tables
     * moved with their row counts, for the log.
     */
    public List<String> recordIn(Connection c, ChatRef from, ChatRef to) throws SQLException {
        ChatMoves stored = loadIn(c);
        if (from.equals(to) || !from.platform().equals(to.platform()) || stored.current(from).equals(stored.current(to))) {
            moves = stored;
            return null;
        }
        Database.updateIn(c, """
                INSERT INTO chats (platform, chat_id, first_seen_ms, last_seen_ms, moved_to) VALUES (?, ?, 0, 0, ?)
                ON CONFLICT (platform, chat_id) DO UPDATE SET moved_to = excluded.moved_to""", from.platform(), from.id(), to.id());
        List<String> moved = new ArrayList<>();
        for (String table : SPINE_TABLES) {
            int n = moveRows(c, table, from, to);
            if (n > 0) moved.add(table + " (" + n + ")");
        }
        moves = stored.with(from, to);
        SeenPeople.chatMoved();
        return moved;
    }

    private static ChatMoves loadIn(Connection c) throws SQLException {
        ChatMoves m = ChatMoves.NONE;
        for (String[] row : Database.queryIn(c, "SELECT platform, chat_id, moved_to FROM chats WHERE moved_to IS NOT NULL",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})) {
            m = m.with(new ChatRef(row[0], row[1]), new ChatRef(row[0], row[2]));
        }
        return m;
    }

    /**
     * {@code UPDATE table SET chat_id = to} for the rows of {@code from}, under a savepoint: when
     * the new chat already has a row under the same key, the table keeps the newer ones (0 moved).
     */
    public static int moveRows(Connection c, String table, ChatRef from, ChatRef to) throws SQLException {
        if (!table.matches("[A-Za-z0-9_]+")) throw new IllegalArgumentException("not a table name: " + table);
        Database.savepoint(c);
        try {
            int n = Database.updateIn(c, "UPDATE " + table + " SET chat_id = ? WHERE platform = ? AND chat_id = ?",
                    to.id(), from.platform(), from.id());
            Database.release(c);
            return n;
        } catch (SQLException e) {
            Database.rollBackTo(c);
            log.warn("could not move {} rows of {} to {}: {}", table, from, to, e.getMessage());
            return 0;
        }
    }

}
