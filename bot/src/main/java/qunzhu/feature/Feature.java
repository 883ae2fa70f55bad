package qunzhu.feature;

import java.util.List;
import qunzhu.command.Command;
import qunzhu.config.GroupSection;
import qunzhu.core.Action;
import qunzhu.core.Event;
import qunzhu.schedule.Job;

/**
 * A self-contained unit of bot behaviour: its commands, its config section, its tables
 * (a migration file), its templates ({@code /qunzhu/features/<name>/<locale>.yml}) and its
 * tests. Features never call a platform: they return actions. All feature code runs on the
 * pipeline thread, one event or job at a time, so features need no locking.
 */
public interface Feature {
    /** Config section, template namespace ("features/" + name) and job owner name. */
    String name();

    /** Called once before the first event, with the shared services. */
    default void init(Services services) {}

    default List<Command> commands() { return List.of(); }

    /** The group config section this feature reads, if any. */
    default List<GroupSection<?>> sections() { return List.of(); }

    /** Reacts to an event. May call {@link FeatureContext#stop()} to hide it from later features. */
    default List<Action> on(Event event, FeatureContext ctx) { return List.of(); }

    /** Runs a timed job this feature scheduled. */
    default List<Action> onJob(Job job, FeatureContext ctx) { return List.of(); }
}
