package qunzhu.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import qunzhu.config.AccountConfig;
import qunzhu.config.ConfigNode;
import qunzhu.core.Action;
import qunzhu.core.Admin;
import qunzhu.core.Capabilities;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.Outcome;
import qunzhu.platform.EventSink;
import qunzhu.platform.Platform;
import qunzhu.platform.PlatformFactory;

/**
 * A platform kind for tests that lacks some action kinds (a platform without pin, say): it
 * records every action it is asked to perform, answers Unsupported for the missing kinds,
 * and lets the test deliver events as if members acted.
 */
public final class RecordingPlatform implements Platform {
    private final String id;
    private final String kind;
    private final Capabilities caps;
    private final AtomicLong nextId = new AtomicLong(1000);
    public final List<Action> performed = new CopyOnWriteArrayList<>();
    private final Set<String> failing = new java.util.HashSet<>();
    private volatile EventSink sink;

    RecordingPlatform(String id, String kind, Capabilities caps) {
        this.id = id;
        this.kind = kind;
        this.caps = caps;
    }

    /** A factory for accounts of {@code kind} that cannot do {@code missing} (Action kind names). */
    public static Factory lacking(String kind, String... missing) {
        Set<String> actions = new java.util.HashSet<>(Capabilities.ALL);
        for (String m : missing) actions.remove(m);
        return new Factory(kind, new Capabilities(actions, false, false));
    }

    /** A factory for accounts of {@code kind} that claim every action but fail {@code failing} for lack of rights. */
    public static Factory refusing(String kind, String... failing) {
        Factory f = new Factory(kind, new Capabilities(Capabilities.ALL, false, false));
        f.failing.addAll(List.of(failing));
        return f;
    }

    public static final class Factory implements PlatformFactory {
        final Set<String> failing = new java.util.HashSet<>();
        private final String kind;
        private final Capabilities caps;
        public final List<RecordingPlatform> made = new ArrayList<>();

        Factory(String kind, Capabilities caps) { this.kind = kind; this.caps = caps; }

        @Override public String kind() { return kind; }
        @Override public Object parse(ConfigNode account) { return null; }
        @Override public Platform create(AccountConfig account, Context ctx) {
            RecordingPlatform p = new RecordingPlatform(account.id(), kind, caps);
            p.failing.addAll(failing);
            made.add(p);
            return p;
        }
    }

    /** Delivers an event as the platform would. */
    public void deliver(Event e) { sink.accept(List.of(e)); }

    /** Texts of the messages sent so far. */
    public List<String> sent() {
        List<String> out = new ArrayList<>();
        for (Action a : performed) if (a instanceof Action.Send s) out.add(s.text());
        return out;
    }

    @Override public String id() { return id; }
    @Override public String kind() { return kind; }
    @Override public Capabilities capabilities() { return caps; }
    @Override public String selfId() { return "bot-" + id; }
    @Override public void start(EventSink sink) { this.sink = sink; }

    @Override public Outcome perform(Action action) {
        performed.add(action);
        if (!caps.can(action)) return new Outcome.Unsupported(action.kind());
        if (failing.contains(action.kind())) return new Outcome.Failed("not enough rights", true);
        return action instanceof Action.Send ? new Outcome.Done(Long.toString(nextId.incrementAndGet())) : Outcome.done();
    }

    @Override public List<Admin> admins(ChatRef chat) { return List.of(); }
    @Override public void stop() { sink = null; }
}
