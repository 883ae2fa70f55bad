package qunzhu.app;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.function.UnaryOperator;
import qunzhu.config.BotConfig;
import qunzhu.config.GroupConfig;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.feature.FeatureStore;
import qunzhu.features.reports.Rollups;
import qunzhu.store.Codec;
import qunzhu.store.Database;
import qunzhu.store.MovedChats;

/**
 * Rebuilds the reports' rollups from the activity log, in one transaction, counting each event
 * the way the reports feature does as it handles them: a configured group under its id now
 * (moves followed), any other chat under the id its rows moved to. Counted events are not in
 * the log: report_counted keeps them; they are re-dated to the bot's zone and follow moves.
 */
public final class RollupRebuild {
    private RollupRebuild() {}

    /** Returns the number of activity rows read. */
    public static long rebuild(Database db, BotConfig config) {
        var moves = new MovedChats(db).now();
        return rebuild(db, config.zone(), chat -> {
            GroupConfig g = config.group(chat, moves);
            return g != null ? g.chat() : moves.current(chat);
        });
    }

    static long rebuild(Database db, ZoneId zone, UnaryOperator<ChatRef> current) {
        Rollups rollups = new Rollups(zone);
        return db.tx(c -> {
            db.writeTallies(c);   // counts the store still held are rebuilt with the rest, not added on top later
            try (Statement s = c.createStatement()) {
                s.executeUpdate("DELETE FROM report_chat_day");
                s.executeUpdate("DELETE FROM report_member_day");
                s.executeUpdate("DELETE FROM report_member");
            }
            FeatureStore store = FeatureStore.over(db);
            long n = 0;
            String kinds = "'" + String.join("', '", Rollups.COUNTED_KINDS) + "'";
            try (PreparedStatement ps = c.prepareStatement("SELECT payload FROM activity WHERE kind IN (" + kinds + ") ORDER BY id")) {
                ps.setFetchSize(1000);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Event e = Codec.decodeEvent(rs.getString(1));
                        rollups.apply(e, current.apply(e.chat()), store);
                        n++;
                    }
                }
            }
            db.writeTallies(c);
            redate(c, zone, current);
            return n;
        });
    }

    private static void redate(Connection c, ZoneId zone, UnaryOperator<ChatRef> current) throws SQLException {
        List<Object[]> rows = Database.queryIn(c, "SELECT id, platform, chat_id, at_ms FROM report_counted",
                rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)});
        try (PreparedStatement up = c.prepareStatement("UPDATE report_counted SET chat_id = ?, day = ? WHERE id = ?")) {
            for (Object[] r : rows) {
                ChatRef now = current.apply(new ChatRef((String) r[1], (String) r[2]));
                up.setString(1, now.id());
                up.setString(2, Instant.ofEpochMilli((Long) r[3]).atZone(zone).toLocalDate().toString());
                up.setLong(3, (Long) r[0]);
                up.addBatch();
            }
            up.executeBatch();
        }
    }
}
