package qunzhu.platform.telegram;

import qunzhu.platform.Backoff;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.core.Event;
import qunzhu.platform.EventSink;
import qunzhu.store.KeyValues;

/**
 * Long polling (getUpdates with a timeout, one request at a time per token) on its own thread. The offset moves past a batch only after
 * {@code sink.accept} has returned, i.e. once the batch is durable: it is then written to the
 * store and sent with the next getUpdates, which is what confirms it to Telegram. A crash
 * before that re-reads the batch, and the activity log's unique keys drop what was logged.
 *
 * <p>Pacing uses real time, not the injected clock: it paces a network peer. Polls start at
 * least {@code minPollInterval} apart (a server answering [] at once must not make us spin);
 * errors back off exponentially with jitter up to the cap; nothing here ends the loop but stop.
 */
final class Poller implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Poller.class);
    static final List<String> ALLOWED_UPDATES = List.of("message", "edited_message", "callback_query", "chat_member",
            "my_chat_member", "chat_join_request");

    private final String account;
    private final BotApi api;
    private final EventParser parser;
    private final EventSink sink;
    private final KeyValues kv;
    private final Duration pollTimeout;
    private final TelegramFactory.Timing timing;
    private final Backoff backoff;
    private final Runnable connect;
    private volatile boolean running = true;
    private volatile boolean reachable;
    private boolean everReached;
    private final java.util.concurrent.atomic.AtomicLong recoveries = new java.util.concurrent.atomic.AtomicLong();
    private long offset;

    /** @param connect getMe and friends; throws until they succeed, then polling begins */
    Poller(String account, BotApi api, EventParser parser, EventSink sink, KeyValues kv, Duration pollTimeout,
           TelegramFactory.Timing timing, Runnable connect) {
        this.account = account;
        this.api = api;
        this.parser = parser;
        this.sink = sink;
        this.kv = kv;
        this.pollTimeout = pollTimeout;
        this.timing = timing;
        this.backoff = new Backoff(timing.backoffBase(), timing.backoffCap());
        this.connect = connect;
    }

    static String offsetKey(String account) { return "telegram." + account + ".offset"; }

    void stop() { running = false; }

    /** True while the last getUpdates got an answer from the Bot API. */
    boolean reachable() { return reachable; }

    /** Times the Bot API answered again after it could not be reached. */
    long recoveries() { return recoveries.get(); }

    private void reached(boolean ok) {
        if (ok && !reachable && everReached) recoveries.incrementAndGet();
        if (ok) everReached = true;
        reachable = ok;
    }

    @Override public void run() {
        if (!connectFirst() || !running) return;
        offset = kv.getLong(offsetKey(account), 0);
        log.info("account {}: polling from offset {}", account, offset);
        long lastStart = 0;
        while (running) {
            long since = System.nanoTime() - lastStart;
            if (lastStart != 0 && since < timing.minPollInterval().toNanos()
                    && !pause(Duration.ofNanos(timing.minPollInterval().toNanos() - since))) return;
            lastStart = System.nanoTime();
            try {
                pollOnce();
            } catch (IOException e) {
                if (!running) return;
                reached(false);
                Duration wait = backoff.next();
                log.warn("account {}: getUpdates failed ({}); retrying in {} ms", account, e.toString(), wait.toMillis());
                if (!pause(wait)) return;
            } catch (RuntimeException e) {
                if (!running) return;
                Duration wait = backoff.next();
                log.error("account {}: could not hand updates on ({}); re-reading them in {} ms", account, e.toString(), wait.toMillis());
                if (!pause(wait)) return;
            }
        }
    }

    private boolean connectFirst() {
        while (running) {
            try {
                connect.run();
                backoff.reset();
                return true;
            } catch (RuntimeException e) {
                Duration wait = backoff.next();
                log.warn("account {}: could not connect to the Bot API ({}); retrying in {} ms", account, e.getMessage(), wait.toMillis());
                if (!pause(wait)) return false;
            }
        }
        return false;
    }

    private void pollOnce() throws IOException {
        JsonObject params = new JsonObject();
        params.addProperty("offset", offset);
        params.addProperty("timeout", pollTimeout.toSeconds());
        JsonArray allowed = new JsonArray();
        ALLOWED_UPDATES.forEach(allowed::add);
        params.add("allowed_updates", allowed);
        BotApi.Reply r = api.poll(params);
        // An HTTP answer from a proxy (502 pages) is not Telegram answering.
        reached(r.ok() || r.errorCode() == 409 || r.errorCode() == 429);
        if (!r.ok()) {
            Duration wait = r.retryAfter() != null ? Duration.ofSeconds(r.retryAfter()) : backoff.next();
            if (r.errorCode() == 409) {
                log.warn("account {}: another getUpdates or a webhook is active for this token (HTTP 409, \"{}\"); "
                        + "make sure only one bot instance runs with it. Retrying in {} ms", account, r.description(), wait.toMillis());
            } else {
                log.warn("account {}: getUpdates answered {} {}; retrying in {} ms", account, r.errorCode(), r.description(), wait.toMillis());
            }
            pause(wait);
            return;
        }
        if (r.result() == null || !r.result().isJsonArray()) throw new BotApi.BadReply("getUpdates: result is not an array");
        List<Event> events = new ArrayList<>();
        long next = offset;
        for (JsonElement e : r.result().getAsJsonArray()) {
            JsonObject u = e.isJsonObject() ? e.getAsJsonObject() : null;
            long id = u == null ? -1 : Json.number(u, "update_id", -1);
            if (id < 0) {
                log.warn("account {}: skipping an update without update_id", account);
                continue;
            }
            next = Math.max(next, id + 1);
            if (id < offset) continue; // already confirmed; a faithful server does not send it
            try {
                events.addAll(parser.parse(u));
            } catch (RuntimeException ex) {
                log.warn("account {}: skipping malformed update {}: {}", account, id, ex.getMessage());
            }
        }
        if (!events.isEmpty()) sink.accept(events); // throws → offset unchanged → re-read
        if (next != offset) {
            kv.put(offsetKey(account), Long.toString(next));
            offset = next;
        }
        backoff.reset();
    }

    /** Sleeps unless stopped; false once stopped. */
    private boolean pause(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        synchronized (this) {
            while (running) {
                long left = end - System.nanoTime();
                if (left <= 0) return true;
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    synchronized void wake() { notifyAll(); }
}
