package qunzhu.config;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

/**
 * A feature's own top-level config section ({@code calendar:} ...), in any one file under
 * config/. The loader reads it after the groups, so the parser can check names against them;
 * a section absent from every file is parsed as an empty mapping. A bad value stops start-up
 * like any other config error.
 */
public interface BotSection<T> {
    /** The top-level key. */
    String key();

    Class<T> type();

    /** Parses the section; {@code node} may be an empty mapping when no file has it. */
    T parse(ConfigNode node, Known known);

    /**
     * What the rest of the config says, for checking names: the config directory (files the
     * section names are relative to it), the bot's zone and locale, the groups by key, the
     * profile names and the persona roles defined under {@code personas:}.
     */
    record Known(Path dir, ZoneId zone, String locale, Map<String, GroupConfig> groups, Set<String> profiles, Set<String> personas) {}
}
