package qunzhu.feature;

import java.time.Clock;
import java.util.List;
import qunzhu.config.BotConfig;
import qunzhu.core.Action;
import qunzhu.core.Event;
import qunzhu.schedule.Job;
import qunzhu.schedule.Scheduler;
import qunzhu.store.KeyValues;
import qunzhu.text.Texts;

/**
 * What one feature gets at {@link Feature#install}: the shared services, a store on the
 * spine's transaction, and the ways to register what it does. Handlers run in wiring order
 * (a feature's handlers in the order it registered them); commands are dispatched by the
 * command router at its place in that order.
 */
public final class Setup {
    /** Reacts to one kind of event. May call {@link FeatureContext#stop()} to hide it from later features. */
    @FunctionalInterface
    public interface Handler<E extends Event> {
        List<Action> handle(E event, FeatureContext ctx);
    }

    /** Runs a timed job this feature scheduled (owner = the feature's name). */
    @FunctionalInterface
    public interface JobHandler {
        List<Action> run(Job job, FeatureContext ctx);
    }

    /**
     * A first look at an event as it arrives (see {@link #onArrival}): on the adapter's thread,
     * before the event is logged, beside the pipeline and outside any transaction.
     */
    @FunctionalInterface
    public interface Arrival<E extends Event> {
        void arrived(E event, FeatureContext ctx);
    }

    private final Services services;
    private final Installed installed;
    private final String feature;
    private final FeatureStore store;

    Setup(Services services, Installed installed, String feature) {
        this.services = services;
        this.installed = installed;
        this.feature = feature;
        this.store = new TransactionStore(services.db());
    }

    /** The feature being installed: its config section, template namespace and job owner. */
    public String feature() { return feature; }

    public BotConfig config() { return services.config(); }
    public Clock clock() { return services.clock(); }
    public Texts texts() { return services.texts(); }
    /** Timed jobs; schedule them with {@link #feature()} as the owner. */
    public Scheduler scheduler() { return services.scheduler(); }
    public Roles roles() { return services.roles(); }
    public Accounts accounts() { return services.accounts(); }
    public AdminDirectory admins() { return services.roles().directory(); }
    /** The feature's tables, on the spine's transaction. */
    public FeatureStore store() { return store; }

    /** Read-only queries on the spine's own tables (activity, members, chat_members). */
    public qunzhu.store.History history() { return new qunzhu.store.History(services.db()); }
    /**
     * The store's read-only connections and the pool that uses them, for long reads beside the
     * writer (the last committed state; on the writer, in place, when the store has none).
     */
    public qunzhu.store.Readers readers() { return services.db().readers(); }
    /** Small spine values (e.g. "sent.&lt;ref&gt;": the message id a referenced Send got). */
    public KeyValues kv() { return new KeyValues(services.db()); }

    /** The configured group of a chat, following chat moves (null when the chat is not configured). */
    public qunzhu.config.GroupConfig group(qunzhu.core.ChatRef chat) { return services.group(chat); }

    /** Registers a command; the router parses its arguments and checks its rights before the handler runs. */
    public void command(CommandSpec spec) { installed.add(spec.in(feature)); }

    /** Every command registered so far, by every feature (the router's table; read-only). */
    public List<CommandSpec> commands() { return installed.commands(); }

    /** Handles events of {@code type} (and its subtypes). */
    public <E extends Event> void on(Class<E> type, Handler<E> handler) { installed.add(new Installed.On<>(feature, type, handler)); }

    /**
     * Looks at events of {@code type} as they arrive, before they are logged and long before the
     * pipeline's thread reaches them: for decisions that must not wait behind the store (the
     * moderation verdict). The hook runs on whichever adapter thread delivered the event,
     * possibly on several at once, so it must be thread-safe, must not touch the store and must
     * be quick; it produces no actions. What it learns it keeps for its own handler, which must
     * still cope without it: an event handed in again after a restart, or one the hook threw on
     * (logged and skipped), reaches the handler unseen. Keyword presses and copies already
     * logged are not shown to it.
     */
    public <E extends Event> void onArrival(Class<E> type, Arrival<E> hook) { installed.add(new Installed.OnArrival<>(feature, type, hook)); }

    /** Moves this feature's per-chat rows when a chat moves to a new id (see {@link ChatMoveHook}). */
    public void onChatMove(ChatMoveHook hook) { installed.add(new Installed.OnChatMove(feature, hook)); }

    /** Moves the rows of each of {@code tables} (platform and chat_id columns) with the chat; one hook per table. */
    public void moveWithChat(String... tables) { for (String t : tables) onChatMove(ChatMoveHook.table(t)); }

    /** Handles this feature's jobs of {@code kind}. */
    public void onJob(String kind, JobHandler handler) { installed.add(new Installed.OnJob(feature, kind, handler)); }

    /** Offers a read-only query to other features (one provider per type). */
    public <T> void provide(Class<T> type, T provider) { installed.provide(type, provider); }

    /** A query another feature may provide, resolved when used. */
    public <T> Provided<T> find(Class<T> type) { return installed.find(type); }
}
