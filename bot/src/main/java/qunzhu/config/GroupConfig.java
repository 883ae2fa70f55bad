package qunzhu.config;

import java.util.Map;
import java.util.Set;
import qunzhu.core.ChatRef;

/**
 * One group the bot keeps: where it is, its names, its moderators, and each feature's section.
 * {@code profile} names the template it inherits from (null for none).
 */
public record GroupConfig(String key, ChatRef chat, String title, String locale, String profile,
                          Set<String> moderators, Set<String> accounts, Map<Class<?>, Object> sections) {
    public GroupConfig {
        moderators = Set.copyOf(moderators);
        accounts = Set.copyOf(accounts);
        sections = Map.copyOf(sections);
    }

    /** The parsed section of type {@code type}; every registered section is present. */
    public <T> T section(Class<T> type) {
        Object v = sections.get(type);
        if (v == null) throw new IllegalStateException("section " + type.getSimpleName() + " is not registered");
        return type.cast(v);
    }
}
