package qunzhu.config;

import java.nio.file.Path;

/**
 * A feature's own top-level section of the bot config ({@code quiz:} in {@code config/quiz.yml}),
 * beside the spine's sections. The loader accepts its key in any one file, calls {@link #parse}
 * once per load (with an empty mapping when no file defines it), and keeps the result in
 * {@link BotConfig#section}. A bad value stops start-up like any other config error.
 */
public interface BotSection<T> {
    /** The top-level key. */
    String key();

    Class<T> type();

    /**
     * Parses the section. {@code dir} is the config directory, for files the section names
     * (read them with {@link ConfigNode#read}, so their errors name file, line and key too).
     */
    T parse(ConfigNode node, Path dir);
}
