package qunzhu.config;

/**
 * A feature's top-level config section ({@code reports:} in config/reports.yml): read once for
 * the whole bot, validated with the rest of the config, found with {@link BotConfig#section}.
 * An absent section parses as an empty mapping (the feature's defaults).
 */
public interface BotSection<T> {
    /** The top-level key; must not be one of {@link ConfigLoader#SECTIONS}. */
    String key();

    Class<T> type();

    T parse(ConfigNode node);
}
