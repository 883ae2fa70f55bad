package qunzhu.bench;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import qunzhu.app.RollupRebuild;
import qunzhu.config.BotConfig;
import qunzhu.core.Event;
import qunzhu.store.ActivityLog;
import qunzhu.store.Codec;
import qunzhu.store.Database;

/**
 * Checks a generated history against the shipped code ({@code -Dbench.check=true}, meant for a
 * small history): the activity rows and the people (members, chats, chat_members) equal a replay
 * of the same events through {@link ActivityLog}, and the rollups equal {@link RollupRebuild}'s
 * exact rebuild from the log. Throws on the first difference; leaves the database as it was
 * (the rebuild writes the same rows back).
 */
final class ReportsCheck {
    private ReportsCheck() {}

    static void check(Database db, BotConfig config, ZoneId zone) {
        long t0 = System.nanoTime();
        String[] people = {
            "SELECT platform, chat_id, native_id, kind, account, member_id, member_name, at_ms, day, message_id, reply_to, text, text_len,"
                + " payload FROM activity ORDER BY platform, chat_id, native_id",
            "SELECT platform, member_id, name, first_seen_ms, last_seen_ms FROM members ORDER BY 1, 2",
            "SELECT platform, chat_id, first_seen_ms, last_seen_ms, moved_to FROM chats ORDER BY 1, 2",
            "SELECT platform, chat_id, member_id, first_seen_ms, last_seen_ms, joined_ms, left_ms FROM chat_members ORDER BY 1, 2, 3"};
        try (Database replay = Database.inMemory()) {
            ActivityLog log = new ActivityLog(replay, zone, ActivityLog.LastSeen.EXACT);
            List<Event> batch = new ArrayList<>();
            for (String payload : db.query("SELECT payload FROM activity ORDER BY id", rs -> rs.getString(1))) {
                batch.add(Codec.decodeEvent(payload));
                if (batch.size() == 1000) {
                    log.append(batch);
                    batch.clear();
                }
            }
            log.append(batch);
            for (String q : people) same(q, dump(db, q), dump(replay, q));
        }
        String[] rollups = {
            "SELECT * FROM report_chat_day ORDER BY platform, chat_id, day",
            "SELECT * FROM report_member_day ORDER BY platform, chat_id, day, member_id",
            "SELECT * FROM report_member ORDER BY platform, chat_id, member_id",
            "SELECT * FROM report_counted ORDER BY id"};
        List<List<String>> generated = new ArrayList<>();
        for (String q : rollups) generated.add(dump(db, q));
        RollupRebuild.rebuild(db, config);
        for (int i = 0; i < rollups.length; i++) same(rollups[i], generated.get(i), dump(db, rollups[i]));
        System.out.printf("check: the generated log and people equal a replay through ActivityLog, the rollups equal"
                + " RollupRebuild (%,d rows compared, %.0f s)%n", generated.stream().mapToLong(List::size).sum(), (System.nanoTime() - t0) / 1e9);
    }

    private static void same(String query, List<String> generated, List<String> shipped) {
        if (generated.equals(shipped)) return;
        for (int i = 0; i < Math.min(generated.size(), shipped.size()); i++) {
            if (!generated.get(i).equals(shipped.get(i))) {
                throw new IllegalStateException(query + ": row " + i + " generated " + generated.get(i) + " but the shipped code makes " + shipped.get(i));
            }
        }
        throw new IllegalStateException(query + ": " + generated.size() + " rows generated, " + shipped.size() + " from the shipped code");
    }

    private static List<String> dump(Database db, String query) {
        return db.query(query, rs -> {
            StringBuilder sb = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) sb.append(i > 1 ? "|" : "").append(rs.getString(i));
            return sb.toString();
        });
    }
}
