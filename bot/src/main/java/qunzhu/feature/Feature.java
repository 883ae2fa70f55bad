package qunzhu.feature;

import java.util.List;
import qunzhu.config.GroupSection;

/**
 * A self-contained unit of bot behaviour: one package under {@code features/}, one line in
 * the wiring, its migration ({@code db/migration/Vnnn__<name>.sql}) and its two template files
 * ({@code /qunzhu/features/<name>/zh-CN.yml} and {@code en.yml}).
 *
 * <p>Lifecycle, in this order, once per process:
 * <ol>
 * <li>{@link #sections()} is read before the config is loaded (a declaration: the loader
 *     validates the feature's group section with the rest of the config);</li>
 * <li>{@link #install} runs once, in wiring order, before the first event. The feature gets its
 *     services from the {@link Setup} and registers everything it does there: commands (with
 *     their arguments and the rights caller and bot need), typed event handlers, job handlers
 *     and the read-only queries it offers other features. Whatever it builds there can be
 *     final; nothing is called before install, so no object is ever half built.</li>
 * <li>Its handlers then run on the pipeline thread, one event or job at a time, inside the
 *     spine's transaction; each handler's writes are undone alone when it throws.</li>
 * </ol>
 *
 * <p>Features never import each other and never call a platform. One feature's result reaches
 * another as an event the spine carries ({@link FeatureContext#emit}, e.g. verification passed
 * → {@link qunzhu.core.Event.MemberAdmitted} → welcome), or through a read-only query one
 * feature {@linkplain Setup#provide provides} and another {@linkplain Setup#find finds}
 * (welcome asks {@link RulesText}). State goes through {@link Setup#store()}, which runs on the
 * pipeline's transaction: the writer decides when it commits.
 */
public interface Feature {
    /** Config section, template namespace ("features/" + name), job owner and dead-letter name. */
    String name();

    /** The group config sections this feature reads, if any. Read before the config is loaded. */
    default List<GroupSection<?>> sections() { return List.of(); }

    /** The top-level config sections this feature reads ({@code reports:}), if any. Read before the config is loaded. */
    default List<qunzhu.config.BotSection<?>> botSections() { return List.of(); }

    /** Registers the feature's commands, handlers, jobs and queries; called once, before the first event. */
    void install(Setup setup);
}
