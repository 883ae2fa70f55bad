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

    /**
     * Parses the section of a group (or profile) run under {@code strategy}, so a section whose
     * defaults depend on the strategy is resolved once, here; by default the strategy is not used.
     */
    default T parse(ConfigNode node, Strategy strategy) { return parse(node); }
}
