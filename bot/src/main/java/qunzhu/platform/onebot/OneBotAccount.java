package qunzhu.platform.onebot;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.config.BotConfig;
import qunzhu.config.GroupConfig;
import qunzhu.core.Action;
import qunzhu.core.Admin;
import qunzhu.core.Capabilities;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.MemberRef;
import qunzhu.core.Outcome;
import qunzhu.platform.EventSink;
import qunzhu.platform.Platform;

/**
 * One QQ account through OneBot v11 over one WebSocket, forward (we dial) or reverse (it dials
 * us). Design notes:
 * <ul>
 * <li>Frames arrive on the socket thread. Responses complete their call right there; events
 * go to a single event thread (order kept) because handling them may itself call the API
 * (member names) and the answer must be read by the socket thread meanwhile.</li>
 * <li>Only one session is live: a newer connection replaces the older one (implementations
 * reconnect without closing the old socket),
 * and frames of a replaced session are dropped.</li>
 * <li>Liveness: once the implementation has announced a heartbeat interval, a connection with
 * no frame for twice that interval is treated as dead. Before any heartbeat the
 * WebSocket ping/pong of the library guards the socket. This is wall time, not the bot clock.</li>
 * <li>OneBot has no acknowledgement for pushed events: each is held in a bounded queue until
 * the store has it (handed in without waiting for the write, in order; see {@link #flushHeld}),
 * and one the store could not take is delivered again, in order, once it can ({@link #MAX_HELD};
 * beyond it the oldest is dropped, and each drop is logged).</li>
 * </ul>
 */
public final class OneBotAccount implements Platform {
    private static final Logger log = LoggerFactory.getLogger(OneBotAccount.class);
    private static final Set<String> ADMIN_RIGHTS = Set.of("delete", "restrict", "ban", "pin", "invite");
    private static final Duration NAME_LOOKUP = Duration.ofSeconds(5);
    /** Events held in memory while the store cannot write; beyond it the oldest is dropped (and logged). */
    static final int MAX_HELD = 10_000;
    private static final int FLUSH_BATCH = 256;
    /** Heartbeat intervals believed; others are logged and ignored (the spec's default is 15 s, NapCat's often 30 s). */
    static final long MIN_HEARTBEAT_MS = 100, MAX_HEARTBEAT_MS = 86_400_000L;

    private final String id;
    private final OneBotSettings settings;
    private final Calls calls;
    private final EventParser parser;
    private final ActionCalls frames;
    private final ScheduledExecutorService timers;
    private final ExecutorService events;
    private volatile WebSocket current;
    private final java.util.concurrent.atomic.AtomicLong sessions = new java.util.concurrent.atomic.AtomicLong();
    private volatile long lastFrameNanos;
    private volatile long heartbeatMillis;
    private volatile String selfId;
    /** Where events go, in order: batches are handed in without waiting for their write. */
    private volatile EventSink.Ordered sink;
    private volatile boolean running;
    /** Events the sink could not store yet, oldest first (see {@link #flushHeld}). */
    private final java.util.ArrayDeque<Event> held = new java.util.ArrayDeque<>();
    private volatile int holdAtMost = MAX_HELD;
    private int dropped;
    /** Events at the head of {@link #held} handed to the sink and not answered yet, and the hand-in round they belong to. */
    private int submitted;
    private long round;
    private boolean retryScheduled;
    private final qunzhu.platform.Backoff retryBackoff = new qunzhu.platform.Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));
    private ForwardConnector forward;
    /** Frames by what became of them: events handed on, frames refused as malformed (each logged), frames not used (meta, answers, kinds Qunzhu ignores). */
    private final java.util.concurrent.atomic.AtomicLong delivered = new java.util.concurrent.atomic.AtomicLong(),
            rejected = new java.util.concurrent.atomic.AtomicLong(), ignored = new java.util.concurrent.atomic.AtomicLong();
    private ReverseListener reverse;

    public OneBotAccount(String id, OneBotSettings settings, BotConfig config, Clock clock, qunzhu.runtime.Threads threads,
                        qunzhu.text.Texts texts) {
        this.id = id;
        this.settings = settings;
        this.selfId = settings.selfId();
        this.calls = new Calls(id);
        this.parser = new EventParser(id, clock);
        this.frames = new ActionCalls(chat -> {
            GroupConfig g = config == null ? null : config.group(chat);
            return g != null ? g.locale() : config == null ? "zh-CN" : config.locale();
        }, texts);
        this.timers = threads.scheduled("onebot-" + id + "-timer");
        this.events = threads.single("onebot-" + id + "-events");
    }

    @Override public String id() { return id; }
    @Override public String kind() { return OneBotFactory.KIND; }
    @Override public Capabilities capabilities() { return new Capabilities(ActionCalls.SUPPORTED, false, true); }
    @Override public String selfId() { return selfId; }
    /** NapCat and friends number messages per account: a reply or delete must go through the account that saw it. */
    @Override public boolean accountScopedMessageIds() { return true; }

    /** True while a session with the implementation is open. */
    @Override public boolean connected() { WebSocket c = current; return c != null && c.isOpen(); }

    @Override public long reconnects() { return Math.max(0, sessions.get() - 1); }

    /** Reverse mode: the port actually listened on (useful with port 0); -1 in forward mode. */
    public int listenPort() { return reverse == null ? -1 : reverse.port(); }

    /** Forward mode: how many times we dialled so far. */
    public int connectAttempts() { return forward == null ? 0 : forward.attempts(); }

    @Override
    public void start(EventSink sink) throws Exception {
        this.sink = sink.ordered();
        running = true;
        long every = settings.livenessCheck().toMillis();
        timers.scheduleWithFixedDelay(this::checkLiveness, every, every, TimeUnit.MILLISECONDS);
        if (settings.forward()) {
            forward = new ForwardConnector(this, settings, timers);
            forward.connect();
        } else {
            reverse = new ReverseListener(this, settings, timers);
            reverse.listen();
        }
    }

    boolean running() { return running; }

    // ---- session callbacks (socket threads) ----

    void opened(WebSocket conn) {
        sessions.incrementAndGet();
        WebSocket old = current;
        current = conn;
        lastFrameNanos = System.nanoTime();
        heartbeatMillis = 0;
        if (old != null && old != conn) {
            log.info("{}: a new OneBot session replaces the previous one", id);
            old.close(CloseFrame.NORMAL, "replaced by a newer session");
        }
        log.info("{}: connected to OneBot ({})", id, settings.mode());
        onEventThread(this::fetchLogin);
    }

    void received(WebSocket conn, String text) {
        if (conn != current) return;
        lastFrameNanos = System.nanoTime();
        JsonObject frame;
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) throw new IllegalArgumentException("not a JSON object");
            frame = e.getAsJsonObject();
        } catch (RuntimeException ex) {
            rejected.incrementAndGet();
            log.warn("{}: skipping malformed frame ({}): {}", id, ex.getMessage(), abbreviate(text));
            return;
        }
        if (frame.has("echo") && (frame.has("status") || frame.has("retcode"))) {
            ignored.incrementAndGet();
            if (!calls.complete(frame)) log.debug("{}: answer for no waiting call: {}", id, abbreviate(text));
            return;
        }
        if ("meta_event".equals(Json.text(frame, "post_type"))) {
            if ("heartbeat".equals(Json.text(frame, "meta_event_type"))) {
                long interval = Json.number(frame, "interval", 15_000);
                if (interval < MIN_HEARTBEAT_MS || interval > MAX_HEARTBEAT_MS) {
                    // A wild interval would have the liveness check drop a healthy connection (or overflow).
                    rejected.incrementAndGet();
                    log.warn("{}: skipping heartbeat with interval {} ms (outside {} ms .. {} ms): {}", id, interval, MIN_HEARTBEAT_MS, MAX_HEARTBEAT_MS,
                            abbreviate(text));
                    return;
                }
                heartbeatMillis = interval;
            } else {
                log.debug("{}: meta event {}", id, Json.text(frame, "sub_type"));
            }
            ignored.incrementAndGet();
            return;
        }
        onEventThread(() -> deliver(frame));
    }

    private void onEventThread(Runnable r) {
        try {
            events.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.debug("{}: stopping, frame dropped", id);
        }
    }

    void closed(WebSocket conn, String reason) {
        if (conn != current) return;
        current = null;
        calls.failAll("disconnected: " + reason);
        if (running) log.warn("{}: OneBot session closed: {}", id, reason);
    }

    private void checkLiveness() {
        WebSocket c = current;
        long hb = heartbeatMillis;
        if (c == null || hb <= 0) return;
        long silentMs = (System.nanoTime() - lastFrameNanos) / 1_000_000L;
        if (silentMs > 2 * hb) {
            log.warn("{}: no frame for {} ms (heartbeat every {} ms): treating the connection as dead", id, silentMs, hb);
            closed(c, "no heartbeat");
            c.closeConnection(CloseFrame.GOING_AWAY, "no heartbeat");
        }
    }

    // ---- events (event thread) ----

    private void deliver(JsonObject frame) {
        Event e;
        try {
            e = parser.parse(frame);
            if (e == null || e instanceof Event.MessagePosted m && m.author().id().equals(selfId)) { // unused, or our own message echoed back
                ignored.incrementAndGet();
                return;
            }
            if (e instanceof Event.MemberJoined j && j.member().name().equals(j.member().id())) e = named(j);
        } catch (RuntimeException ex) {
            rejected.incrementAndGet();
            log.warn("{}: skipping event that failed to parse: {}: {}", id, ex.toString(), abbreviate(frame.toString()));
            return;
        }
        delivered.incrementAndGet();
        synchronized (held) {
            if (held.size() >= holdAtMost) {
                Event lost = held.pollFirst();
                dropped++;
                // The head was handed in: what waits to be written is withdrawn (so the dropped one is not
                // stored after all, unless its write had begun) and the rest handed in again (copies of
                // what was written are dropped as seen).
                boolean inFlight = submitted > 0;
                if (inFlight) {
                    EventSink.Ordered s = sink;
                    if (s != null) s.withdraw();
                    restart();
                }
                log.error("{}: {} events wait for the store already; dropped the oldest, {}{} ({} dropped so far)", id, holdAtMost,
                        lost.key(), inFlight ? " (stored only if its write had begun)" : "", dropped);
            }
            held.addLast(e);
        }
        flushHeld();
    }

    /**
     * OneBot v11 pushes events without waiting for an acknowledgement, so every event is kept
     * here, in order, until the sink says it is durable. Batches are handed in without waiting
     * for their write (an ordered sink: {@link EventSink#ordered}), so the next frames are read,
     * and moderation's verdict on them reached, while the last batch is written. When a batch
     * fails (the store cannot write) the sink fails every later one too; everything still held is
     * handed in again later with backoff, in order, and new events queue behind it. Event thread only.
     */
    private void flushHeld() {
        EventSink.Ordered s = sink;
        if (s == null || retryScheduled) return;
        while (true) {
            List<Event> batch;
            long round;
            synchronized (held) {
                if (submitted >= held.size()) return;
                batch = new ArrayList<>(Math.min(held.size() - submitted, FLUSH_BATCH));
                int i = 0;
                for (Event x : held) {
                    if (i++ < submitted) continue;
                    if (batch.size() == FLUSH_BATCH) break;
                    batch.add(x);
                }
                submitted += batch.size();
                round = this.round;
            }
            int n = batch.size();
            s.submit(batch).whenComplete((ok, ex) -> onEventThread(() -> written(round, n, ex)));
        }
    }

    /** A batch of {@code n} events handed in during {@code round} was written (or failed with {@code ex}). Event thread. */
    private void written(long round, int n, Throwable ex) {
        synchronized (held) {
            if (round != this.round) return;   // handed in again since: that hand-in answers
            if (ex == null) {
                for (int i = 0; i < n; i++) held.pollFirst();
                submitted -= n;
                retryBackoff.reset();
                return;
            }
            restart();
        }
        if (retryScheduled) return;
        retryScheduled = true;
        Duration wait = retryBackoff.next();
        Throwable why = ex instanceof java.util.concurrent.CompletionException && ex.getCause() != null ? ex.getCause() : ex;
        log.warn("{}: could not store {} event(s) ({}); holding them and trying again in {} ms", id, heldCount(), why.toString(), wait.toMillis());
        try {
            timers.schedule(() -> onEventThread(this::retry), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            retryScheduled = false;
        }
    }

    /** After the backoff: hands everything held in again, oldest first. Event thread. */
    private void retry() {
        retryScheduled = false;
        EventSink.Ordered s = sink;
        if (s != null) s.resume();
        flushHeld();
    }

    /** Everything held is handed in afresh: answers for earlier hand-ins are ignored. Holds {@code held}'s lock. */
    private void restart() {
        round++;
        submitted = 0;
    }

    /** Frames whose event was handed on to the sink (held or stored). */
    long framesDelivered() { return delivered.get(); }

    /** Frames refused as malformed; each was logged at WARN. */
    long framesRejected() { return rejected.get(); }

    /** Frames not used: meta events, answers to calls, event kinds Qunzhu does not handle. */
    long framesIgnored() { return ignored.get(); }

    /** Events received but not stored yet. */
    int heldCount() { synchronized (held) { return held.size(); } }

    /** Events dropped because too many were held. */
    int droppedCount() { synchronized (held) { return dropped; } }

    /** Changes how many events wait for the store at most (tests). */
    void holdAtMost(int n) { holdAtMost = n; }

    /** Join notices carry no name: ask for the member's card or nickname, else keep the QQ number. */
    private Event.MemberJoined named(Event.MemberJoined j) {
        JsonObject p = new JsonObject();
        p.add("group_id", Json.idParam(j.chat().id()));
        p.add("user_id", Json.idParam(j.member().id()));
        p.addProperty("no_cache", true);
        Calls.Answer a = calls.call("get_group_member_info", p, min(settings.actionTimeout(), NAME_LOOKUP), this::send);
        String name = a.ok() && a.data() != null && a.data().isJsonObject() ? EventParser.name(a.data().getAsJsonObject()) : null;
        if (name == null) return j;
        return new Event.MemberJoined(j.key(), j.chat(), j.at(), j.account(), new MemberRef(j.member().id(), name, false), j.invitedBy());
    }

    private void fetchLogin() {
        Calls.Answer a = calls.call("get_login_info", null, settings.actionTimeout(), this::send);
        String qq = a.ok() && a.data() != null && a.data().isJsonObject() ? Json.id(a.data().getAsJsonObject(), "user_id") : null;
        if (qq == null) { log.warn("{}: get_login_info gave no QQ number", id); return; }
        if (settings.selfId() != null && !settings.selfId().equals(qq)) {
            log.warn("{}: connected as QQ {} but self_id is {}: check the account's config", id, qq, settings.selfId());
        }
        if (settings.selfId() == null) selfId = qq;
        log.info("{}: logged in as QQ {}", id, qq);
    }

    // ---- actions (outbox and pipeline threads) ----

    boolean send(String frame) {
        WebSocket c = current;
        if (c == null || !c.isOpen()) return false;
        try {
            c.send(frame);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public Outcome perform(Action action) {
        if (action instanceof Action.DeleteMany d) return deleteEach(d);
        try {
            ActionCalls.Call c = frames.of(action);
            if (c.answer() != null) return c.answer();
            Calls.Answer a = calls.call(c.action(), c.params(), settings.actionTimeout(), this::send);
            if (!a.ok()) return a.failure();
            JsonElement data = a.data();
            String messageId = data != null && data.isJsonObject() ? Json.id(data.getAsJsonObject(), "message_id") : null;
            return new Outcome.Done(messageId);
        } catch (RuntimeException e) {
            return new Outcome.Failed(action.kind() + " failed in the OneBot adapter: " + e, false);
        }
    }

    /** get_msg answers whether a message this account sent is still known. */
    @Override public boolean findsMessages() { return true; }

    /**
     * get_msg with the id send_group_msg gave: found (TRUE), refused by the implementation
     * (FALSE: it does not know the message, as after a send that risk control swallowed), or
     * null when it could not be asked (not connected, no answer, get_msg not supported).
     */
    @Override public Boolean messageExists(ChatRef chat, String messageId) {
        JsonObject p = new JsonObject();
        p.add("message_id", Json.idParam(messageId));
        Calls.Answer a = calls.call("get_msg", p, settings.actionTimeout(), this::send);
        if (a.ok()) return Boolean.TRUE;
        return a.failure() instanceof Outcome.Failed f && f.permanent() ? Boolean.FALSE : null;
    }

    /**
     * OneBot v11 deletes one message a call: each in turn. A message that cannot be deleted for
     * good (gone already) is skipped; a transient failure answers, so the outbox tries again.
     */
    private Outcome deleteEach(Action.DeleteMany d) {
        for (String id : d.messageIds()) {
            Outcome o = perform(new Action.Delete(d.chat(), id, d.reason()));
            if (o instanceof Outcome.Failed f && !f.permanent() || o instanceof Outcome.RetryAfter) return o;
        }
        return Outcome.done();
    }

    /**
     * Owners and admins from get_group_member_list, asked every time (the bot's admin directory
     * caches and refreshes; group_admin notices refresh it); QQ admins may do everything but
     * promote. Throws when the implementation cannot be asked or refuses.
     */
    @Override
    public List<Admin> admins(ChatRef chat) {
        JsonObject p = new JsonObject();
        p.add("group_id", Json.idParam(chat.id()));
        Calls.Answer a = calls.call("get_group_member_list", p, settings.actionTimeout(), this::send);
        if (!a.ok()) throw new IllegalStateException("get_group_member_list: " + a.failure());
        List<Admin> out = new ArrayList<>();
        if (a.data() != null && a.data().isJsonArray()) {
            for (JsonElement m : a.data().getAsJsonArray()) {
                if (!m.isJsonObject()) continue;
                String role = Json.text(m.getAsJsonObject(), "role");
                String uid = Json.id(m.getAsJsonObject(), "user_id");
                if (uid == null) continue;
                if ("owner".equals(role)) out.add(new Admin(uid, true, Admin.ALL_RIGHTS));
                else if ("admin".equals(role)) out.add(new Admin(uid, false, ADMIN_RIGHTS));
            }
        }
        return List.copyOf(out);
    }

    @Override
    public void stop() {
        running = false;
        int left = heldCount();
        if (left > 0) log.error("{}: stopping with {} event(s) that could not be stored; OneBot does not send them again", id, left);
        if (forward != null) forward.close();
        if (reverse != null) reverse.close();
        WebSocket c = current;
        if (c != null) closed(c, "stopping");
        calls.failAll("stopping");
        timers.shutdownNow();
        events.shutdownNow();
    }

    private static Duration min(Duration a, Duration b) { return a.compareTo(b) <= 0 ? a : b; }

    static String abbreviate(String s) { return s.length() <= 200 ? s : s.substring(0, 200) + "…"; }
}
