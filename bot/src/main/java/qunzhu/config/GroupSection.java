package qunzhu.config;

/**
 * A feature's part of a group's configuration ({@code welcome:}, {@code rules:} ...). The
 * loader calls every registered section parser for every group, so a bad value in any
 * feature's section stops start-up like any other config error.
 */
public interface GroupSection<T> {
    /** The key under the group (and profile) mapping. */
    String key();

    Class<T> type();

    /** Parses the section; {@code node} may be an empty mapping when the group omits it. */
    T parse(ConfigNode node);
}
