package qunzhu.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import qunzhu.core.ChatRef;

/** The whole validated configuration. Built only by {@link ConfigLoader}; never half-valid. */
public record BotConfig(
        ZoneId zone,
        String locale,
        Path database,
        boolean fullSync,
        Set<String> operators,
        ChatRef logChat,
        SandboxConfig sandbox,
        List<AccountConfig> accounts,
        Map<String, Persona> personas,
        Map<String, GroupConfig> groups,
        Map<String, OutboxLimits> limits,
        Map<String, String> aliases,
        Map<String, Map<String, String>> texts,
        Set<String> secrets,
        Monitoring monitoring,
        Map<ChatRef, GroupConfig> byChat,
        List<ConfigError> warnings,
        Map<Class<?>, Object> sections) {

    /** {@code byChat} is always rebuilt from {@code groups}: every event looks its group up there. */
    public BotConfig {
        Map<ChatRef, GroupConfig> index = new java.util.HashMap<>();
        for (GroupConfig g : groups.values()) index.put(g.chat(), g);
        byChat = Map.copyOf(index);
        warnings = List.copyOf(warnings);
        sections = sections == null ? Map.of() : Map.copyOf(sections);
    }

    public BotConfig(ZoneId zone, String locale, Path database, boolean fullSync, Set<String> operators, ChatRef logChat,
                     SandboxConfig sandbox, List<AccountConfig> accounts, Map<String, Persona> personas,
                     Map<String, GroupConfig> groups, Map<String, OutboxLimits> limits, Map<String, String> aliases,
                     Map<String, Map<String, String>> texts, Set<String> secrets, Monitoring monitoring,
                     List<ConfigError> warnings) {
        this(zone, locale, database, fullSync, operators, logChat, sandbox, accounts, personas, groups, limits, aliases, texts,
                secrets, monitoring, Map.of(), warnings, Map.of());
    }

    /** The same config with the features' top-level sections ({@link BotSection}) parsed. */
    public BotConfig withSections(Map<Class<?>, Object> parsed) {
        return new BotConfig(zone, locale, database, fullSync, operators, logChat, sandbox, accounts, personas, groups, limits, aliases,
                texts, secrets, monitoring, byChat, warnings, parsed);
    }

    /** A feature's top-level section, or {@code fallback} when its feature is not installed. */
    public <T> T section(Class<T> type, T fallback) {
        Object v = sections.get(type);
        return v == null ? fallback : type.cast(v);
    }

    /** The operators' /healthz and /metrics endpoint: off unless enabled, on loopback by default. */
    public record Monitoring(boolean enabled, String host, int port) {
        public static final Monitoring OFF = new Monitoring(false, "127.0.0.1", 9464);
    }

    /** The embedded web chat: where it listens, which groups and members it starts with. */
    public record SandboxConfig(boolean enabled, String host, int port, Map<String, String> groups,
                                Map<String, List<String>> admins, List<String> members) {}

    /** The group configured under exactly this chat id (moves not followed), or null. */
    public GroupConfig group(ChatRef chat) { return byChat.get(chat); }

    /**
     * The configured group for a chat, following {@code moves}: after a group became a
     * supergroup, both its old and its new id find it, with {@link GroupConfig#chat()} the new id.
     */
    public GroupConfig group(ChatRef chat, ChatMoves moves) {
        if (moves.isEmpty()) return byChat.get(chat);
        ChatRef now = moves.current(chat);
        GroupConfig g = byChat.get(now);
        if (g != null) return g;
        for (ChatRef old : moves.origins(now)) {
            g = byChat.get(old);
            if (g != null) return g.withChat(now);
        }
        return null;
    }

    public OutboxLimits limits(String platform) {
        return limits.getOrDefault(platform, OutboxLimits.defaults(platform));
    }

    @Override public String toString() { return "BotConfig[groups=" + groups.keySet() + ", accounts=" + accounts + "]"; }
}
