package qunzhu.platform.telegram;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.core.Event;
import qunzhu.platform.EventSink;

/**
 * Webhook mode (PROTOCOLS A3): Telegram POSTs one Update per request. The secret header is
 * compared in constant time; a wrong or missing one gets 403 and nothing is read further.
 * 200 goes back only after {@code sink.accept} returned (the update is durable); any other
 * status makes Telegram deliver it again, and the activity log drops the repeat.
 */
final class WebhookListener {
    private static final Logger log = LoggerFactory.getLogger(WebhookListener.class);
    private static final int MAX_BODY = 1 << 20;

    private final String account;
    private final TelegramSettings.Webhook cfg;
    private final byte[] secret;
    private final UpdateParser parser;
    private final EventSink sink;
    private final BooleanSupplier ready;
    private HttpServer server;
    private ExecutorService executor;

    /** @param ready false until getMe answered (commands cannot be told apart before): 503 then */
    private final qunzhu.runtime.Threads threads;

    WebhookListener(String account, TelegramSettings.Webhook cfg, UpdateParser parser, EventSink sink, BooleanSupplier ready,
                    qunzhu.runtime.Threads threads) {
        this.account = account;
        this.threads = threads;
        this.cfg = cfg;
        this.secret = cfg.secret().getBytes(StandardCharsets.UTF_8);
        this.parser = parser;
        this.sink = sink;
        this.ready = ready;
    }

    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(cfg.host(), cfg.port()), 64);
        executor = threads.pool("telegram-webhook-" + account, 4);
        server.setExecutor(executor);
        server.createContext(cfg.path(), this::handle);
        server.start();
        log.info("account {}: webhook listening on {}:{}{}", account, cfg.host(), port(), cfg.path());
    }

    int port() { return server.getAddress().getPort(); }

    void stop() {
        if (server != null) server.stop(0);
        if (executor != null) executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!ex.getRequestURI().getPath().equals(cfg.path())) { answer(ex, 404); return; }
            if (!"POST".equalsIgnoreCase(ex.getRequestMethod())) { answer(ex, 405); return; }
            String given = ex.getRequestHeaders().getFirst("X-Telegram-Bot-Api-Secret-Token");
            byte[] g = given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8);
            if (!MessageDigest.isEqual(g, secret)) {
                log.warn("account {}: webhook request from {} with a {} secret; refused", account,
                        ex.getRemoteAddress().getAddress().getHostAddress(), given == null ? "missing" : "wrong");
                answer(ex, 403);
                return;
            }
            if (!ready.getAsBoolean()) { answer(ex, 503); return; }
            byte[] body;
            try (InputStream in = ex.getRequestBody()) { body = in.readNBytes(MAX_BODY); }
            List<Event> events;
            try {
                JsonElement e = JsonParser.parseString(new String(body, StandardCharsets.UTF_8));
                if (!e.isJsonObject()) throw new IllegalArgumentException("update is not a JSON object");
                events = parser.parse(e.getAsJsonObject());
            } catch (RuntimeException e) { // JsonParseException, or a shape the parser refuses
                // Telegram would re-send it forever: acknowledge and move on.
                log.warn("account {}: skipping malformed webhook update: {}", account, e.getMessage());
                answer(ex, 200);
                return;
            }
            try {
                if (!events.isEmpty()) sink.accept(events);
            } catch (RuntimeException e) {
                log.error("account {}: could not store a webhook update ({}); Telegram will re-send it", account, e.toString());
                answer(ex, 500);
                return;
            }
            answer(ex, 200);
        }
    }

    private static void answer(HttpExchange ex, int status) throws IOException {
        byte[] body = status == 200 ? "{}".getBytes(StandardCharsets.UTF_8) : new byte[0];
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) ex.getResponseBody().write(body);
    }
}
