package qunzhu.platform.onebot;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.client.WebSocketClient;
import qunzhu.platform.Backoff;
import org.java_websocket.handshake.ServerHandshake;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forward WebSocket: we dial the implementation's {@code ws://host:port/} with
 * {@code Authorization: Bearer <token>} (spec communication/ws.md). A dropped or refused
 * connection is dialled again after an exponential, jittered, capped delay, so a down or
 * misconfigured implementation never sees a reconnect storm. A fresh client
 * per attempt: Java-WebSocket clients are not meant to be reused across failed handshakes.
 */
final class ForwardConnector {
    private static final Logger log = LoggerFactory.getLogger(ForwardConnector.class);

    private final OneBotAccount account;
    private final OneBotSettings settings;
    private final ScheduledExecutorService timers;
    private final AtomicInteger attempts = new AtomicInteger();
    private final Backoff backoff;
    private volatile Client client;
    private volatile boolean closed;

    ForwardConnector(OneBotAccount account, OneBotSettings settings, ScheduledExecutorService timers) {
        this.account = account;
        this.settings = settings;
        this.timers = timers;
        this.backoff = new Backoff(settings.reconnectMin(), settings.reconnectMax());
    }

    int attempts() { return attempts.get(); }

    synchronized void connect() {
        if (closed) return;
        Map<String, String> headers = new HashMap<>();
        if (settings.hasToken()) headers.put("Authorization", "Bearer " + settings.accessToken());
        Client c = new Client(headers);
        client = c;
        attempts.incrementAndGet();
        c.connect();
    }

    private synchronized void retry(Client failed) {
        if (closed || failed != client) return;
        long delay = backoff.next().toMillis();
        log.info("{}: reconnecting to {} in {} ms", account.id(), settings.safeUrl(), delay);
        try {
            timers.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping
        }
    }

    void close() {
        closed = true;
        Client c = client;
        if (c != null) c.close();
    }

    private final class Client extends WebSocketClient {
        Client(Map<String, String> headers) {
            super(settings.url(), headers);
            setConnectionLostTimeout(60);
        }

        @Override public void onOpen(ServerHandshake handshake) {
            synchronized (ForwardConnector.this) { backoff.reset(); }
            account.opened(this);
        }

        @Override public void onMessage(String message) { account.received(this, message); }

        @Override public void onClose(int code, String reason, boolean remote) {
            String why = code == 1002 && reason != null && reason.contains("refuses handshake")
                    ? "handshake refused (check url and access_token)" : "code " + code + (reason == null || reason.isEmpty() ? "" : ", " + reason);
            if (!closed) log.warn("{}: OneBot connection to {} closed: {}", account.id(), settings.safeUrl(), why);
            account.closed(this, why);
            retry(this);
        }

        @Override public void onError(Exception ex) {
            if (!closed) log.warn("{}: OneBot connection to {}: {}", account.id(), settings.safeUrl(), ex.toString());
        }
    }
}
