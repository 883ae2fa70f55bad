package qunzhu.platform.onebot;

import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reverse WebSocket: the implementation dials us (spec communication/ws-reverse.md) with
 * {@code X-Self-ID}, {@code X-Client-Role} (Universal; not required) and
 * {@code Authorization: Bearer <token>} or {@code ?access_token=}. The handshake is refused
 * before any frame is read when the token is missing (401) or wrong (403), the QQ number is
 * not the configured one (403) or the path is not {@code /onebot/v11/ws} or {@code /} (404).
 * Header names are case-insensitive in Java-WebSocket's handshake.
 */
final class ReverseListener {
    private static final Logger log = LoggerFactory.getLogger(ReverseListener.class);

    private final OneBotAccount account;
    private final OneBotSettings settings;
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile Exception failure;
    private final Server server;

    ReverseListener(OneBotAccount account, OneBotSettings settings) {
        this.account = account;
        this.settings = settings;
        this.server = new Server(new InetSocketAddress(settings.listenHost(), settings.listenPort()));
    }

    void listen() throws Exception {
        server.setReuseAddr(true);
        server.start();
        if (!started.await(10, TimeUnit.SECONDS) || failure != null) {
            throw new IllegalStateException("cannot listen on " + settings.listenHost() + ":" + settings.listenPort()
                    + (failure == null ? "" : ": " + failure.getMessage()));
        }
        log.info("{}: waiting for OneBot reverse WebSocket on {}:{}/onebot/v11/ws", account.id(), settings.listenHost(), port());
    }

    int port() { return server.getPort(); }

    void close() {
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
        log.warn("{}: refused a reverse WebSocket: {}", account.id(), why);
        return new InvalidDataException(code, why);
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
        Server(InetSocketAddress address) { super(address); }

        @Override
        public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft, ClientHandshake request)
                throws InvalidDataException {
            ServerHandshakeBuilder response = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
            if (!account.running()) throw new InvalidDataException(503, "stopping");
            check(request);
            return response;
        }

        @Override public void onOpen(WebSocket conn, ClientHandshake handshake) { account.opened(conn); }

        @Override public void onClose(WebSocket conn, int code, String reason, boolean remote) {
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
