package qunzhu.platform.onebot;

import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.java_websocket.WebSocket;
import org.java_websocket.client.WebSocketClient;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

/**
 * A OneBot v11 implementation on loopback, shaped like NapCat: as a forward-WS server it
 * checks {@code Authorization: Bearer}, as a reverse-WS client it sends X-Self-ID,
 * X-Client-Role and Authorization; on open it sends lifecycle/connect; it answers every
 * action with {@code {status, retcode, data, echo}} through a replaceable responder and
 * records the frames it received.
 */
final class FakeOneBot implements AutoCloseable {
    final String selfId;
    final List<JsonObject> actions = new ArrayList<>();
    final AtomicInteger handshakes = new AtomicInteger();
    final AtomicInteger refused = new AtomicInteger();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closedByBot = new AtomicInteger();
    private final AtomicLong nextMessageId = new AtomicLong(3_425_462_029L);
    /** Answer data for an action frame, or {@link #SILENT} to never answer. */
    volatile Function<JsonObject, JsonObject> responder = this::answer;
    /** When set, the whole response frame for an action (failed retcodes, odd shapes). */
    volatile Function<JsonObject, JsonObject> rawResponder;
    /** Action frames answered "ok" by the default path: what the implementation actually did. */
    final List<JsonObject> answered = new ArrayList<>();
    /** {@link System#nanoTime} of every handshake that arrived, accepted or not. */
    final List<Long> handshakeNanos = new ArrayList<>();
    /** When it says true for an action frame, the implementation dies on it: the connection drops, nothing is answered or done. */
    volatile java.util.function.Predicate<JsonObject> crashOn = f -> false;
    /** Until this {@link System#nanoTime}, every handshake is refused with 503 (an outage). */
    private volatile long downUntilNanos;
    /** Handshakes refused because of an outage. */
    final AtomicInteger refusedDown = new AtomicInteger();
    private volatile WebSocket conn;
    private Server server;
    private final String token;

    static final JsonObject SILENT = new JsonObject();

    private FakeOneBot(String selfId, String token) {
        this.selfId = selfId;
        this.token = token;
    }

    /** A forward-WS implementation listening on 127.0.0.1:0. */
    static FakeOneBot server(String selfId, String token) throws InterruptedException {
        FakeOneBot f = new FakeOneBot(selfId, token);
        f.server = f.new Server();
        f.server.setReuseAddr(true);
        f.server.start();
        if (!f.server.started.await(5, TimeUnit.SECONDS)) fail("fake OneBot did not start");
        return f;
    }

    /** A reverse-WS implementation that dials the bot; call {@link #dial} to connect. */
    static FakeOneBot client(String selfId, String token) { return new FakeOneBot(selfId, token); }

    String url() { return "ws://127.0.0.1:" + server.getPort() + "/"; }

    /** Dials the bot like NapCat's reverse WS client; returns true when the handshake was accepted. */
    boolean dial(int port, String path, Map<String, String> headers) throws InterruptedException {
        Client c = new Client(URI.create("ws://127.0.0.1:" + port + path), headers);
        return c.connectBlocking(5, TimeUnit.SECONDS);
    }

    boolean dial(int port) throws InterruptedException {
        return dial(port, "/onebot/v11/ws", Map.of("X-Self-ID", selfId, "x-client-role", "Universal",
                "Authorization", "Bearer " + token, "User-Agent", "OneBot/11"));
    }

    boolean connected() { WebSocket c = conn; return c != null && c.isOpen(); }

    /** Sends an event (or any text) to the bot. */
    void push(String frame) {
        WebSocket c = conn;
        if (c == null) fail("fake OneBot has no connection to push on");
        c.send(frame);
    }

    void push(JsonObject frame) { push(frame.toString()); }

    /** Drops the connection from the implementation's side. */
    void drop() { WebSocket c = conn; if (c != null) c.closeConnection(1006, "dropped by the fake"); }

    /**
     * An outage of {@code length}: the open connection drops now and every handshake until
     * then is refused with 503, as a restarting implementation behind a proxy does.
     */
    void outage(Duration length) {
        downUntilNanos = System.nanoTime() + length.toNanos();
        drop();
    }

    boolean down() { return System.nanoTime() - downUntilNanos < 0; }

    synchronized List<Long> handshakeNanos() { return List.copyOf(handshakeNanos); }

    synchronized List<JsonObject> answered(String name) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonObject a : answered) if (name.equals(a.get("action").getAsString())) out.add(a);
        return out;
    }

    /** Answers an action frame later (out of order). */
    void reply(JsonObject action, JsonObject data) { push(response(action, "ok", 0, data)); }

    synchronized List<JsonObject> actions(String name) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonObject a : actions) if (name.equals(a.get("action").getAsString())) out.add(a);
        return out;
    }

    /** Waits (bounded) until {@code n} frames of {@code name} arrived, and returns them. */
    List<JsonObject> await(String name, int n) {
        waitFor(() -> actions(name).size() >= n, Duration.ofSeconds(5), n + " x " + name + ", got " + actions(name));
        return actions(name);
    }

    static void waitFor(BooleanSupplier ok, Duration within, String what) { qunzhu.testkit.Wait.until(ok, within, what); }

    private void onOpen(WebSocket c) {
        conn = c;
        opened.incrementAndGet();
        push(OneBotFrames.meta(selfId, "lifecycle", "connect"));
    }

    private void onMessage(WebSocket c, String text) {
        JsonObject frame = JsonParser.parseString(text).getAsJsonObject();
        synchronized (this) { actions.add(frame); }
        if (crashOn.test(frame)) { c.closeConnection(1006, "the fake crashed"); return; }
        Function<JsonObject, JsonObject> raw = rawResponder;
        if (raw != null) { c.send(raw.apply(frame).toString()); return; }
        JsonObject data = responder.apply(frame);
        if (data == SILENT) return;
        synchronized (this) { answered.add(frame); }
        c.send(response(frame, "ok", 0, data).toString());
    }

    /** Protocol default answers, with message ids beyond int32. */
    JsonObject answer(JsonObject frame) {
        JsonObject params = frame.getAsJsonObject("params");
        JsonObject d = new JsonObject();
        switch (frame.get("action").getAsString()) {
            case "send_group_msg", "send_private_msg", "send_msg" -> d.addProperty("message_id", nextMessageId.getAndIncrement());
            case "get_login_info" -> { d.addProperty("user_id", Long.parseLong(selfId)); d.addProperty("nickname", "bot" + selfId); }
            case "get_group_member_info" -> {
                d.add("user_id", params.get("user_id"));
                d.addProperty("nickname", "nick" + params.get("user_id").getAsString());
                d.addProperty("card", "");
            }
            default -> { return null; }
        }
        return d;
    }

    static JsonObject response(JsonObject action, String status, int retcode, JsonElement data) {
        JsonObject r = new JsonObject();
        r.addProperty("status", status);
        r.addProperty("retcode", retcode);
        r.add("data", data == null ? com.google.gson.JsonNull.INSTANCE : data);
        r.addProperty("message", "");
        r.addProperty("wording", "");
        r.add("echo", action.get("echo"));
        return r;
    }

    @Override public void close() throws Exception {
        WebSocket c = conn;
        if (c != null) c.closeConnection(1000, "fake closing");
        if (server != null) server.stop(500);
    }

    private final class Server extends WebSocketServer {
        final CountDownLatch started = new CountDownLatch(1);

        Server() { super(new InetSocketAddress("127.0.0.1", 0)); }

        @Override
        public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket c, Draft d, ClientHandshake request)
                throws InvalidDataException {
            ServerHandshakeBuilder b = super.onWebsocketHandshakeReceivedAsServer(c, d, request);
            handshakes.incrementAndGet();
            synchronized (FakeOneBot.this) { handshakeNanos.add(System.nanoTime()); }
            if (down()) {
                refusedDown.incrementAndGet();
                throw new InvalidDataException(503, "Service Unavailable");
            }
            if (token != null && !("Bearer " + token).equals(request.getFieldValue("Authorization"))) {
                refused.incrementAndGet();
                throw new InvalidDataException(401, "Unauthorized");
            }
            return b;
        }

        @Override public void onOpen(WebSocket c, ClientHandshake h) { FakeOneBot.this.onOpen(c); }
        @Override public void onClose(WebSocket c, int code, String reason, boolean remote) {
            if (remote) closedByBot.incrementAndGet();
            if (conn == c) conn = null;
        }
        @Override public void onMessage(WebSocket c, String message) { FakeOneBot.this.onMessage(c, message); }
        @Override public void onError(WebSocket c, Exception ex) {}
        @Override public void onStart() { started.countDown(); }
    }

    private final class Client extends WebSocketClient {
        Client(URI uri, Map<String, String> headers) { super(uri, headers); }

        @Override public void onOpen(ServerHandshake h) { FakeOneBot.this.onOpen(this); }
        @Override public void onMessage(String message) { FakeOneBot.this.onMessage(this, message); }
        @Override public void onClose(int code, String reason, boolean remote) {
            if (remote) closedByBot.incrementAndGet();
            if (conn == this) conn = null;
        }
        @Override public void onError(Exception ex) {}
    }
}
