package qunzhu.features.chats;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Setup;
import qunzhu.store.Database;

/**
 * Chat bookkeeping. (Admin changes reported by the platform reach the admin directory when
 * the event is accepted, before it gets here: see {@link qunzhu.feature.AdminDirectory}.)
 *
 * <p>Moves: follows a chat to its new id (Telegram: a group upgraded to a supergroup). The move is kept
 * in chats.moved_to and in {@link qunzhu.config.ChatMoves}, so config lookups, roles and the
 * outbox use the new id, and every feature's state rows (warnings, rules, pending
 * verifications, memberships ...) are moved with it. The history tables stay under the old
 * id: message ids start again in the new chat, and moving them could collide.
 */
public final class ChatsFeature implements Feature {
    private static final Logger log = LoggerFactory.getLogger(ChatsFeature.class);
    /** Append-only history, kept under the id it happened in. */
    private static final Set<String> HISTORY = Set.of("activity", "action_log", "chats", "schema_version");

    private Setup services;
    private Database db;

    @Override public String name() { return "chats"; }

    @Override
    public void install(Setup s) {
        this.services = s;
        this.db = s.rawDatabase();
        s.on(Event.ChatMigrated.class, this::on);
        for (String[] row : db.query("SELECT platform, chat_id, moved_to FROM chats WHERE moved_to IS NOT NULL",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})) {
            s.config().moves().moved(new ChatRef(row[0], row[1]), new ChatRef(row[0], row[2]));
        }
    }

    private List<Action> on(Event.ChatMigrated m, FeatureContext ctx) {
        ChatRef from = m.chat();
        ChatRef to = m.to();
        if (from.equals(to) || !from.platform().equals(to.platform())
                || services.config().moves().current(from).equals(services.config().moves().current(to))) {
            return List.of();
        }
        List<String> moved = db.tx(c -> move(c, from, to));
        services.config().moves().moved(from, to);
        services.roles().invalidate(from);
        log.info("chat {} moved to {}; moved state in {}", from, to, moved);
        return List.of();
    }

    private static List<String> move(Connection c, ChatRef from, ChatRef to) throws SQLException {
        Database.updateIn(c, """
                INSERT INTO chats (platform, chat_id, first_seen_ms, last_seen_ms, moved_to) VALUES (?, ?, 0, 0, ?)
                ON CONFLICT (platform, chat_id) DO UPDATE SET moved_to = excluded.moved_to""", from.platform(), from.id(), to.id());
        List<String> moved = new ArrayList<>();
        for (String table : tablesWithChats(c)) {
            Savepoint sp = c.setSavepoint();
            try {
                int n = Database.updateIn(c, "UPDATE " + table + " SET chat_id = ? WHERE platform = ? AND chat_id = ?",
                        to.id(), from.platform(), from.id());
                c.releaseSavepoint(sp);
                if (n > 0) moved.add(table + " (" + n + ")");
            } catch (SQLException e) {
                // The new chat already has a row under the same key: keep the newer one.
                c.rollback(sp);
                log.warn("could not move {} rows of {} to {}: {}", table, from, to, e.getMessage());
            }
        }
        return moved;
    }

    /** Tables with both platform and chat_id columns, found through JDBC metadata (portable). */
    private static List<String> tablesWithChats(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        List<String> withChat = new ArrayList<>();
        try (ResultSet rs = md.getColumns(null, null, "%", "chat_id")) {
            while (rs.next()) withChat.add(rs.getString("TABLE_NAME"));
        }
        List<String> out = new ArrayList<>();
        for (String t : withChat) {
            if (HISTORY.contains(t.toLowerCase(Locale.ROOT)) || !t.matches("[A-Za-z0-9_]+")) continue;
            try (ResultSet rs = md.getColumns(null, null, t, "platform")) {
                if (rs.next()) out.add(t);
            }
        }
        return out;
    }
}
