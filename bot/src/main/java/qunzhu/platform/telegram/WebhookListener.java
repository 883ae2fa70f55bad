package qunzhu.platform.telegram;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.core.Event;
import qunzhu.platform.EventSink;
import qunzhu.platform.http.HttpListener;
import qunzhu.platform.http.ListenerLimits;
import qunzhu.platform.http.Refusals;
import qunzhu.platform.http.Request;
import qunzhu.platform.http.Response;

/**
 * Webhook mode: Telegram POSTs one Update per request. The secret header is
 * compared in constant time; a wrong or missing one gets 403 and the body is not parsed.
 * 200 goes back only after {@code sink.accept} returned (the update is durable); any other
 * status makes Telegram deliver it again, and the activity log drops the repeat.
 *
 * <p>The listener usually faces the internet (it binds 0.0.0.0 by default): requests are bounded
 * by {@link ListenerLimits#WEBHOOK} (10 s to send a request, 1 MiB bodies, 64 connections), and
 * refusals of any kind are logged once per minute-long burst, not once per request.
 */
final class WebhookListener {
    private static final Logger log = LoggerFactory.getLogger(WebhookListener.class);

    private final String account;
    private final TelegramSettings.Webhook cfg;
    private final byte[] secret;
    private final EventParser parser;
    private final EventSink sink;
    private final BooleanSupplier ready;
    private final qunzhu.runtime.Threads threads;
    private final ListenerLimits limits;
    private final Refusals refusals;
    private HttpListener server;

    /** @param ready false until getMe answered (commands cannot be told apart before): 503 then */
    WebhookListener(String account, TelegramSettings.Webhook cfg, EventParser parser, EventSink sink, BooleanSupplier ready,
                    qunzhu.runtime.Threads threads) {
        this(account, cfg, parser, sink, ready, threads, ListenerLimits.WEBHOOK, Clock.systemUTC());
    }

    WebhookListener(String account, TelegramSettings.Webhook cfg, EventParser parser, EventSink sink, BooleanSupplier ready,
                    qunzhu.runtime.Threads threads, ListenerLimits limits, Clock clock) {
        this.account = account;
        this.threads = threads;
        this.cfg = cfg;
        this.secret = cfg.secret().getBytes(StandardCharsets.UTF_8);
        this.parser = parser;
        this.sink = sink;
        this.ready = ready;
        this.limits = limits;
        this.refusals = new Refusals(log, "account " + account + ": webhook", clock, Duration.ofMinutes(1));
    }

    void start() throws IOException {
        server = new HttpListener("telegram-webhook-" + account, new InetSocketAddress(cfg.host(), cfg.port()), limits, this::handle,
                refusals, threads);
        server.start();
        log.info("account {}: webhook listening on {}:{}{}", account, cfg.host(), port(), cfg.path());
    }

    int port() { return server.port(); }

    /** Refused requests so far, and how many WARN lines they cost. */
    Refusals refusals() { return refusals; }

    void stop() {
        if (server != null) server.stop();
    }

    private Response handle(Request ex) {
        if (!ex.path().equals(cfg.path())) return answer(404);
        if (!"POST".equalsIgnoreCase(ex.method())) return answer(405);
        String given = ex.header("X-Telegram-Bot-Api-Secret-Token");
        byte[] g = given == null ? new byte[0] : given.getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(g, secret)) {
            refusals.refused((given == null ? "missing" : "wrong") + " secret token", ex.remote().getAddress().getHostAddress());
            return answer(403);
        }
        if (!ready.getAsBoolean()) return answer(503);
        List<Event> events;
        try {
            JsonElement e = JsonParser.parseString(new String(ex.body(), StandardCharsets.UTF_8));
            if (!e.isJsonObject()) throw new IllegalArgumentException("update is not a JSON object");
            events = parser.parse(e.getAsJsonObject());
        } catch (RuntimeException e) { // JsonParseException, or a shape the parser refuses
            // Telegram would re-send it forever: acknowledge and move on.
            log.warn("account {}: skipping malformed webhook update: {}", account, e.getMessage());
            return answer(200);
        }
        try {
            if (!events.isEmpty()) sink.accept(events);
        } catch (RuntimeException e) {
            log.error("account {}: could not store a webhook update ({}); Telegram will re-send it", account, e.toString());
            return answer(500);
        }
        return answer(200);
    }

    private static Response answer(int status) {
        return status == 200 ? Response.json(200, "{}") : Response.empty(status);
    }
}
