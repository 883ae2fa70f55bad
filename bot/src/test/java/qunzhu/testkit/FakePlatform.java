package qunzhu.testkit;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * An in-memory platform: records every action it is asked to perform and answers with
 * scripted outcomes (default Done with a fresh message id). Tests push events with {@link #emit}.
 */
public final class FakePlatform implements Platform {
    private final String id;
    private final String kind;
    private final Capabilities caps;
    public final List<Action> performed = new CopyOnWriteArrayList<>();
    /** Calls of perform() that began (a closed platform holds them until {@link #open()}). */
    public final java.util.concurrent.atomic.AtomicInteger begun = new java.util.concurrent.atomic.AtomicInteger();
    private final Deque<Function<Action, Outcome>> script = new ArrayDeque<>();
    private final java.util.Set<String> failing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Map<String, List<Admin>> admins = new ConcurrentHashMap<>();
    private volatile EventSink sink;
    private volatile CountDownLatch gate;
    private volatile java.util.function.Predicate<Action> outage;
    private int nextId = 1000;

    public FakePlatform(String id, String kind, Capabilities caps) {
        this.id = id;
        this.kind = kind;
        this.caps = caps;
    }

    public static FakePlatform all(String id, String kind) { return new FakePlatform(id, kind, new Capabilities(Capabilities.ALL, true, true)); }

    /** A platform without inline buttons (like QQ) that cannot do {@code missing}. */
    @SafeVarargs
    public static FakePlatform lacking(String id, String kind, Class<? extends Action>... missing) {
        return new FakePlatform(id, kind, new Capabilities(Capabilities.allBut(missing), false, false));
    }

    /** A platform without inline buttons that claims every action but fails {@code failing} for lack of rights. */
    public static FakePlatform refusing(String id, String kind, String... failing) {
        FakePlatform p = new FakePlatform(id, kind, new Capabilities(Capabilities.ALL, false, false));
        p.failing.addAll(List.of(failing));
        return p;
    }

    /** The next performed actions answer with these outcomes, in order (null entries answer Done). */
    public synchronized FakePlatform then(Function<Action, Outcome> outcome) { script.add(outcome); return this; }

    /**
     * Until {@link #recover()}, the actions {@code which} matches answer a transient failure
     * ("502 bad gateway"), as a platform does during an outage; scripted outcomes come first.
     */
    public FakePlatform outage(java.util.function.Predicate<Action> which) { outage = which; return this; }

    /** Ends the {@link #outage}. */
    public void recover() { outage = null; }

    /** How many times {@code which} was asked of this platform. */
    public long tries(java.util.function.Predicate<Action> which) { return performed.stream().filter(which).count(); }

    /** perform() blocks until {@link #open()} is called. */
    public void close() { gate = new CountDownLatch(1); }
    public void open() { CountDownLatch g = gate; gate = null; if (g != null) g.countDown(); }

    public void admins(ChatRef chat, List<Admin> list) { admins.put(chat.toString(), list); }

    private final Map<String, CountDownLatch> heldAdmins = new ConcurrentHashMap<>();
    private final java.util.Set<String> failingAdmins = ConcurrentHashMap.newKeySet();
    /** Every admins() call, by chat, counted when it starts. */
    public final List<ChatRef> adminCalls = new CopyOnWriteArrayList<>();

    /** admins() of that chat hangs (up to 60 s) until {@link #releaseAdmins}, like a platform that does not answer. */
    public void holdAdmins(ChatRef chat) { heldAdmins.put(chat.toString(), new CountDownLatch(1)); }

    public void releaseAdmins(ChatRef chat) {
        CountDownLatch l = heldAdmins.remove(chat.toString());
        if (l != null) l.countDown();
    }

    /** admins() of that chat throws while {@code failing}, like a platform that answers with an error. */
    public void failAdmins(ChatRef chat, boolean failing) {
        if (failing) failingAdmins.add(chat.toString()); else failingAdmins.remove(chat.toString());
    }

    /** How many admins() calls of that chat have started. */
    public long adminCalls(ChatRef chat) { return adminCalls.stream().filter(chat::equals).count(); }

    /** Waits (bounded, 10 s) until at least {@code n} admins() calls of that chat have started. */
    public void awaitAdminCalls(ChatRef chat, long n) {
        long end = System.nanoTime() + 10_000_000_000L;
        while (adminCalls(chat) < n) {
            if (System.nanoTime() > end) throw new AssertionError("expected " + n + " admins() calls for " + chat + ", got " + adminCalls(chat));
            try { Thread.sleep(2); } catch (InterruptedException e) { Thread.currentThread().interrupt(); return; }
        }
    }

    public void emit(Event... events) { sink.accept(List.of(events)); }

    /** Delivers one event as the platform would. */
    public void deliver(Event e) { emit(e); }

    /** Texts of the messages sent so far. */
    public List<String> sent() {
        List<String> out = new ArrayList<>();
        for (Action a : performed) if (a instanceof Action.Send s) out.add(s.text());
        return out;
    }

    @Override public String id() { return id; }
    @Override public String kind() { return kind; }
    @Override public Capabilities capabilities() { return caps; }
    @Override public String selfId() { return "self-" + id; }
    @Override public void start(EventSink sink) { this.sink = sink; }
    @Override public void stop() { sink = null; }
    @Override public List<Admin> admins(ChatRef chat) {
        adminCalls.add(chat);
        CountDownLatch hold = heldAdmins.get(chat.toString());
        if (hold != null) {
            try {
                if (!hold.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("admins of " + chat + ": no answer (test hold)");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted");
            }
        }
        if (failingAdmins.contains(chat.toString())) throw new IllegalStateException("admins of " + chat + ": platform error (test)");
        return admins.getOrDefault(chat.toString(), List.of());
    }

    @Override
    public Outcome perform(Action action) {
        begun.incrementAndGet();
        CountDownLatch g = gate;
        if (g != null) {
            try { g.await(10, TimeUnit.SECONDS); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
        performed.add(action);
        Function<Action, Outcome> next;
        synchronized (this) { next = script.poll(); }
        Outcome o = next == null ? null : next.apply(action);
        if (o != null) return o;
        java.util.function.Predicate<Action> down = outage;
        if (down != null && down.test(action)) return new Outcome.Failed("502 bad gateway", false);
        if (!caps.can(action)) return new Outcome.Unsupported(action.kind());
        if (failing.contains(action.kind())) return new Outcome.Failed("not enough rights", true);
        synchronized (this) { return new Outcome.Done(Integer.toString(nextId++)); }
    }

    public List<String> kinds() {
        List<String> out = new ArrayList<>();
        for (Action a : performed) out.add(a.kind() + (a instanceof Action.Send s ? ":" + s.text() : "") + "@" + a.chat().id());
        return out;
    }

    /** A factory that hands out this very instance for an account of its kind. */
    public PlatformFactory factory() {
        FakePlatform self = this;
        return new PlatformFactory() {
            @Override public String kind() { return kind; }
            @Override public Object parse(ConfigNode account) { return null; }
            @Override public Platform create(AccountConfig account, Context ctx) { return self; }
        };
    }
}
