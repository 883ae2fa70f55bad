package qunzhu.feature;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import qunzhu.core.Action;
import qunzhu.core.Event;
import qunzhu.schedule.Job;

/**
 * The features after {@link Feature#install}: their handlers in wiring order, their job
 * handlers, their commands and the queries they provide. Built once by the spine; read by the
 * pipeline (which handlers see an event, which runs a job) and the command router.
 */
public final class Installed {
    /** One event handler and the feature it belongs to (named in dead letters). */
    public record On<E extends Event>(String feature, Class<E> type, Setup.Handler<E> handler) {
        public boolean accepts(Event e) { return type.isInstance(e); }
        public List<Action> handle(Event e, FeatureContext ctx) { return handler.handle(type.cast(e), ctx); }
    }

    /** One arrival hook (see {@link Setup#onArrival}) and its feature. */
    public record OnArrival<E extends Event>(String feature, Class<E> type, Setup.Arrival<E> hook) {
        public void arrived(Event e, FeatureContext ctx) { hook.arrived(type.cast(e), ctx); }
    }

    /** One job handler: the owner's jobs of one kind. */
    public record OnJob(String feature, String kind, Setup.JobHandler handler) {
        public List<Action> run(Job job, FeatureContext ctx) { return handler.run(job, ctx); }
    }

    /** One feature's part of a chat move. */
    public record OnChatMove(String feature, ChatMoveHook hook) {}

    private final List<Feature> features;
    private final List<OnChatMove> moveHooks = new ArrayList<>();
    private final List<On<?>> handlers = new ArrayList<>();
    private final List<OnJob> jobs = new ArrayList<>();
    private final Map<String, CommandSpec> commands = new LinkedHashMap<>();
    private final Map<Class<?>, Object> provided = new ConcurrentHashMap<>();
    private final Map<Class<? extends Event>, List<On<?>>> byType = new ConcurrentHashMap<>();
    private final List<OnArrival<?>> arrivalHooks = new ArrayList<>();
    private final Map<Class<? extends Event>, List<OnArrival<?>>> arrivalsByType = new ConcurrentHashMap<>();

    private Installed(List<Feature> features) { this.features = List.copyOf(features); }

    /** Installs {@code features} in order with the shared services. */
    public static Installed install(List<Feature> features, Services services) {
        Installed out = new Installed(features);
        for (Feature f : features) f.install(new Setup(services, out, f.name()));
        return out;
    }

    public List<Feature> features() { return features; }

    /** The handlers that see {@code event}, in wiring order. */
    public List<On<?>> handlers(Event event) {
        return byType.computeIfAbsent(event.getClass(), t -> handlers.stream().filter(h -> h.type().isAssignableFrom(t)).toList());
    }

    /** The arrival hooks that see {@code event}, in wiring order (any thread, once installed). */
    public List<OnArrival<?>> arrivals(Event event) {
        return arrivalsByType.computeIfAbsent(event.getClass(), t -> arrivalHooks.stream().filter(h -> h.type().isAssignableFrom(t)).toList());
    }

    /** The handlers of {@code owner}'s jobs of {@code kind}. */
    public List<OnJob> jobs(String owner, String kind) {
        return jobs.stream().filter(j -> j.feature().equals(owner) && j.kind().equals(kind)).toList();
    }

    /** Every feature's chat move hooks, in wiring order. */
    public List<OnChatMove> moveHooks() { return List.copyOf(moveHooks); }

    /** Every registered command, in registration order. */
    public List<CommandSpec> commands() { return List.copyOf(commands.values()); }

    void add(On<?> on) { handlers.add(on); byType.clear(); }
    void add(OnJob job) { jobs.add(job); }
    void add(OnArrival<?> hook) { arrivalHooks.add(hook); arrivalsByType.clear(); }
    void add(OnChatMove hook) { moveHooks.add(hook); }

    void add(CommandSpec spec) {
        if (commands.putIfAbsent(spec.name(), spec) != null) throw new IllegalStateException("command /" + spec.name() + " is defined twice");
    }

    <T> void provide(Class<T> type, T provider) {
        if (provided.putIfAbsent(type, provider) != null) throw new IllegalStateException(type.getSimpleName() + " is provided twice");
    }

    <T> Provided<T> find(Class<T> type) { return new Provided<>(type, Collections.unmodifiableMap(provided)); }
}
