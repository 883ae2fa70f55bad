package qunzhu.features.duty;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import qunzhu.core.ChatRef;
import qunzhu.feature.FeatureStore;

/** The swaps of /duty swap (table duty_swaps), in the order they were made. */
final class DutyStore {
    private final FeatureStore db;

    DutyStore(FeatureStore db) { this.db = db; }

    List<Roster.Swap> swaps(ChatRef chat) {
        return db.query("SELECT day, a_id, b_id FROM duty_swaps WHERE platform = ? AND chat_id = ? ORDER BY id",
                rs -> new Roster.Swap(LocalDate.parse(rs.getString(1)), rs.getString(2), rs.getString(3)), chat.platform(), chat.id());
    }

    void swap(ChatRef chat, LocalDate day, String a, String b, String by, Instant at) {
        db.update("INSERT INTO duty_swaps (platform, chat_id, day, a_id, b_id, set_by, set_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
                chat.platform(), chat.id(), day.toString(), a, b, by, at.toEpochMilli());
    }
}
