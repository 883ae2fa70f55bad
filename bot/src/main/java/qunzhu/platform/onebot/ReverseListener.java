package qunzhu.platform.onebot;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.channels.ByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.WebSocketAdapter;
import org.java_websocket.WebSocketImpl;
import org.java_websocket.WebSocketServerFactory;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.DefaultWebSocketServerFactory;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.platform.http.Refusals;

/**
 * Reverse WebSocket: the implementation dials us (spec communication/ws-reverse.md) with
 * {@code X-Self-ID}, {@code X-Client-Role} (Universal; not required) and
 * {@code Authorization: Bearer <token>} or {@code ?access_token=}. The handshake is refused
 * before any frame is read when the token is missing (401) or wrong (403), the QQ number is
 * not the configured one (403) or the path is not {@code /onebot/v11/ws} or {@code /} (404).
 * Header names are case-insensitive in Java-WebSocket's handshake.
 *
 * <p>Limits, since the listener may face a network: a connection must finish its handshake
 * within {@code handshake_timeout} (10 s) or is closed; a frame or message larger than
 * {@code max_message_bytes} (16 MiB) closes that connection with 1009; an open session that
 * stops answering pings for 60 s is closed. Refused handshakes are logged once per burst.
 * Java-WebSocket reads on one selector thread, so a stalled client holds no thread.
 */
final class ReverseListener {
    private static final Logger log = LoggerFactory.getLogger(ReverseListener.class);

    private final OneBotAccount account;
    private final OneBotSettings settings;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Exception failure;
    private final Server server;
    private final ScheduledExecutorService timers;
    private final Refusals refusals;
    /** Connections accepted whose handshake has not finished, with when they were accepted. */
    private final Map<WebSocketImpl, Long> handshaking = new ConcurrentHashMap<>();
    private ScheduledFuture<?> sweeper;

    ReverseListener(OneBotAccount account, OneBotSettings settings, ScheduledExecutorService timers) {
        this.account = account;
        this.settings = settings;
        this.timers = timers;
        this.refusals = new Refusals(log, account.id() + ": reverse WebSocket", Clock.systemUTC(), Duration.ofMinutes(1));
        this.server = new Server(new InetSocketAddress(settings.listenHost(), settings.listenPort()),
                List.of(new Draft_6455(List.of(), settings.maxMessageBytes())));
        server.setWebSocketFactory(new PendingTracker());
    }

    void listen() throws Exception {
        server.setReuseAddr(true);
        server.setConnectionLostTimeout(60);
        long tick = Math.max(10, Math.min(1000, settings.handshakeTimeout().toMillis() / 4));
        sweeper = timers.scheduleWithFixedDelay(this::closeSlowHandshakes, tick, tick, TimeUnit.MILLISECONDS);
        server.start();
        if (!started.await(10, TimeUnit.SECONDS) || failure != null) {
            throw new IllegalStateException("cannot listen on " + settings.listenHost() + ":" + settings.listenPort()
                    + (failure == null ? "" : ": " + failure.getMessage()));
        }
        log.info("{}: waiting for OneBot reverse WebSocket on {}:{}/onebot/v11/ws", account.id(), settings.listenHost(), port());
    }

    int port() { return server.getPort(); }

    /** Refused handshakes so far (bad token, wrong QQ number or path, too slow). */
    Refusals refusals() { return refusals; }

    void close() {
        if (sweeper != null) sweeper.cancel(false);
        try {
            server.stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Checks a handshake; throws with an HTTP-like code when it must be refused. */
    void check(ClientHandshake request) throws InvalidDataException {
        String resource = request.getResourceDescriptor() == null ? "/" : request.getResourceDescriptor();
        int q = resource.indexOf('?');
        String path = q < 0 ? resource : resource.substring(0, q);
        if (!(path.equals("/") || path.equals("/onebot/v11/ws") || path.equals("/onebot/v11/ws/"))) {
            throw refuse(404, "unknown path " + path + " (use /onebot/v11/ws)");
        }
        if (settings.hasToken()) {
            String given = bearer(request.getFieldValue("Authorization"));
            if (given == null && q >= 0) given = queryToken(resource.substring(q + 1));
            if (given == null) throw refuse(401, "no access token");
            if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), settings.accessToken().getBytes(StandardCharsets.UTF_8))) {
                throw refuse(403, "wrong access token");
            }
        }
        String self = request.getFieldValue("X-Self-ID").trim();
        if (!self.equals(settings.selfId())) throw refuse(403, "X-Self-ID \"" + self + "\" is not the configured self_id " + settings.selfId());
    }

    private InvalidDataException refuse(int code, String why) {
        refusals.refused(why, "a reverse WebSocket client");
        return new InvalidDataException(code, why);
    }

    private void closeSlowHandshakes() {
        long now = System.nanoTime();
        long limit = settings.handshakeTimeout().toNanos();
        handshaking.forEach((conn, since) -> {
            if (conn.isOpen() || conn.isClosed()) {
                handshaking.remove(conn);
            } else if (now - since > limit) {
                handshaking.remove(conn);
                refusals.refused("no WebSocket handshake within " + settings.handshakeTimeout().toMillis() + " ms",
                        String.valueOf(conn.getRemoteSocketAddress()));
                conn.closeConnection(CloseFrame.NEVER_CONNECTED, "handshake timeout");
            }
        });
    }

    /** Java-WebSocket's own factory, noting each connection until its handshake is done. */
    private final class PendingTracker implements WebSocketServerFactory {
        private final DefaultWebSocketServerFactory inner = new DefaultWebSocketServerFactory();

        @Override public WebSocketImpl createWebSocket(WebSocketAdapter a, Draft d) { return track(inner.createWebSocket(a, d)); }
        @Override public WebSocketImpl createWebSocket(WebSocketAdapter a, List<Draft> d) { return track(inner.createWebSocket(a, d)); }
        @Override public ByteChannel wrapChannel(SocketChannel channel, SelectionKey key) throws IOException { return inner.wrapChannel(channel, key); }
        @Override public void close() { inner.close(); }

        private WebSocketImpl track(WebSocketImpl w) {
            handshaking.put(w, System.nanoTime());
            return w;
        }
    }

    private static String bearer(String header) {
        if (header == null || header.isBlank()) return null;
        String h = header.trim();
        if (h.regionMatches(true, 0, "Bearer ", 0, 7)) return h.substring(7).trim();
        if (h.regionMatches(true, 0, "Token ", 0, 6)) return h.substring(6).trim();
        return h;
    }

    private static String queryToken(String query) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals("access_token")) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private final class Server extends WebSocketServer {
        Server(InetSocketAddress address, List<Draft> drafts) { super(address, drafts); }

        @Override
        public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft, ClientHandshake request)
                throws InvalidDataException {
            ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
            if (!account.running()) throw new InvalidDataException(503, "stopping");
            check(request);
            return response;
        }

        @Override public void onOpen(WebSocket conn, ClientHandshake handshake) {
            handshaking.remove(conn);
            account.opened(conn);
        }

        @Override public void onClose(WebSocket conn, int code, String reason, boolean remote) {
            handshaking.remove(conn);
            account.closed(conn, "code " + code + (reason == null || reason.isEmpty() ? "" : ", " + reason));
        }

        @Override public void onMessage(WebSocket conn, String message) { account.received(conn, message); }

        @Override public void onError(WebSocket conn, Exception ex) {
            if (conn == null) {
                failure = ex;
                started.countDown();
            }
            log.warn("{}: reverse WebSocket error: {}", account.id(), ex.toString());
        }

        @Override public void onStart() { started.countDown(); }
    }
}
