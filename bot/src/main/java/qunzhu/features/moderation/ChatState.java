package qunzhu.features.moderation;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import qunzhu.core.ChatRef;
import qunzhu.feature.FeatureStore;

/**
 * What moderators set in chat and the filters read: filters added with /filter, locks, the
 * allowlist of undone false positives, and raid mode. Implements the engine's extras per chat.
 */
final class ChatState {
    /**
     * Per chat: filters and locks set in chat and the allowlist ("kind|value"), read on every
     * message; written only through here (each write drops the chat's entry, read again on the
     * pipeline's thread). An entry is the chat's extras as of one reading: the judge at arrival
     * keeps the one it judged with, and its decision stands only while that entry is current.
     */
    private record Settings(List<Rule> rules, Set<String> locks, Set<String> allowed) implements Filters.Extras {
        @Override public boolean allowedText(String n) { return allowed.contains("text|" + n); }
        @Override public boolean allowedRuleMember(String r, String m) { return allowed.contains("rule_member|" + r + "|" + m); }
    }

    private final FeatureStore db;
    private final com.github.benmanes.caffeine.cache.Cache<ChatRef, Settings> settings = com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
            .executor(Runnable::run).maximumSize(50_000).expireAfterWrite(java.time.Duration.ofSeconds(30)).build();

    ChatState(FeatureStore db) { this.db = db; }

    private Settings settings(ChatRef chat) {
        return settings.get(chat, c -> new Settings(RuleSet.of(rules(c)), locks(c), allowlist(c)));
    }

    /** The chat's extras, read from the store when not known (pipeline thread). */
    Filters.Extras extras(ChatRef chat) { return settings(chat); }

    /** The chat's extras as known now, or null when they would have to be read: touches no store (any thread). */
    Filters.Extras known(ChatRef chat) { return settings.getIfPresent(chat); }

    List<Rule> rules(ChatRef chat) {
        return db.query("SELECT name, pattern, action FROM moderation_filters WHERE platform = ? AND chat_id = ? ORDER BY at_ms",
                rs -> new Rule(rs.getString(1), List.of(rs.getString(2)), null, Verdict.Kind.of(rs.getString(3)), null),
                chat.platform(), chat.id());
    }

    void addRule(ChatRef chat, String name, String keyword, Verdict.Kind action, String by, Instant at) {
        db.update("""
                INSERT INTO moderation_filters (platform, chat_id, name, pattern, action, by_id, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (platform, chat_id, name) DO UPDATE SET pattern = excluded.pattern, action = excluded.action""",
                chat.platform(), chat.id(), name, keyword, action.key(), by, at.toEpochMilli());
        settings.invalidate(chat);
    }

    boolean removeRule(ChatRef chat, String name) {
        long n = db.count("SELECT COUNT(*) FROM moderation_filters WHERE platform = ? AND chat_id = ? AND name = ?", chat.platform(), chat.id(), name);
        db.update("DELETE FROM moderation_filters WHERE platform = ? AND chat_id = ? AND name = ?", chat.platform(), chat.id(), name);
        settings.invalidate(chat);
        return n > 0;
    }

    Set<String> locks(ChatRef chat) {
        return Set.copyOf(db.query("SELECT what FROM moderation_locks WHERE platform = ? AND chat_id = ?", rs -> rs.getString(1),
                chat.platform(), chat.id()));
    }

    void lock(ChatRef chat, String what, boolean on) {
        if (on) db.update("INSERT INTO moderation_locks (platform, chat_id, what) VALUES (?, ?, ?) ON CONFLICT DO NOTHING", chat.platform(), chat.id(), what);
        else db.update("DELETE FROM moderation_locks WHERE platform = ? AND chat_id = ? AND what = ?", chat.platform(), chat.id(), what);
        settings.invalidate(chat);
    }

    private Set<String> allowlist(ChatRef chat) {
        return Set.copyOf(db.query("SELECT kind, value FROM moderation_allow WHERE platform = ? AND chat_id = ?",
                rs -> rs.getString(1) + "|" + rs.getString(2), chat.platform(), chat.id()));
    }

    void allow(ChatRef chat, String kind, String value, String by, Instant at) {
        db.update("INSERT INTO moderation_allow (platform, chat_id, kind, value, by_id, at_ms) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                chat.platform(), chat.id(), kind, value, by, at.toEpochMilli());
        settings.invalidate(chat);
    }

    Instant raidUntil(ChatRef chat) {
        Long ms = db.queryOne("SELECT until_ms FROM moderation_raid WHERE platform = ? AND chat_id = ?", rs -> rs.getLong(1), chat.platform(), chat.id());
        return ms == null ? null : Instant.ofEpochMilli(ms);
    }

    void raid(ChatRef chat, Instant until) {
        if (until == null) db.update("DELETE FROM moderation_raid WHERE platform = ? AND chat_id = ?", chat.platform(), chat.id());
        else db.update("INSERT INTO moderation_raid (platform, chat_id, until_ms) VALUES (?, ?, ?) ON CONFLICT (platform, chat_id) DO UPDATE SET until_ms = excluded.until_ms",
                chat.platform(), chat.id(), until.toEpochMilli());
    }
}
