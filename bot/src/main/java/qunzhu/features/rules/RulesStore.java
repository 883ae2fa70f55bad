package qunzhu.features.rules;

import java.time.Instant;
import qunzhu.core.ChatRef;
import qunzhu.feature.FeatureStore;

/** Rules set with /setrules (table rules_text); they win over the configured text. */
final class RulesStore {
    private final FeatureStore db;

    RulesStore(FeatureStore db) { this.db = db; }

    String get(ChatRef chat) {
        return db.queryOne("SELECT text FROM rules_text WHERE platform = ? AND chat_id = ?", rs -> rs.getString(1),
                chat.platform(), chat.id());
    }

    void set(ChatRef chat, String text, String by, Instant at) {
        db.update("""
                INSERT INTO rules_text (platform, chat_id, text, set_by, set_at_ms) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (platform, chat_id) DO UPDATE SET text = excluded.text, set_by = excluded.set_by,
                    set_at_ms = excluded.set_at_ms""", chat.platform(), chat.id(), text, by, at.toEpochMilli());
    }
}
