package qunzhu.config;

import java.util.Map;
import java.util.Set;
import qunzhu.core.ChatRef;

/**
 * One group the bot keeps: where it is, its names, how it is described (category, stage,
 * management strategy), its moderators, and each feature's section. {@code profile} names the
 * template it inherits from (null for none).
 */
public record GroupConfig(String key, ChatRef chat, String title, String locale, String profile,
                          String category, String stage, Strategy strategy,
                          Set<String> moderators, Set<String> accounts, Map<Class<?>, Object> sections) {
    /** Group categories (社群定位), as config names them. */
    public static final java.util.List<String> CATEGORIES = java.util.List.of(
            "interest", "mutual_aid", "team_service", "brand", "core_members", "event", "learning", "other");
    /** Group stages: new 初创, growing 发展中, mature 成熟. */
    public static final java.util.List<String> STAGES = java.util.List.of("new", "growing", "mature");

    public GroupConfig {
        moderators = Set.copyOf(moderators);
        accounts = Set.copyOf(accounts);
        sections = Map.copyOf(sections);
    }

    /** The same group under a new chat id (after a move). */
    public GroupConfig withChat(ChatRef to) {
        return new GroupConfig(key, to, title, locale, profile, category, stage, strategy, moderators, accounts, sections);
    }

    /** The parsed section of type {@code type}; every registered section is present. */
    public <T> T section(Class<T> type) {
        Object v = sections.get(type);
        if (v == null) throw new IllegalStateException("section " + type.getSimpleName() + " is not registered");
        return type.cast(v);
    }
}
