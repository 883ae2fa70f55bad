package qunzhu.platform.telegram;

import qunzhu.platform.Backoff;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.core.Action;
import qunzhu.core.Admin;
import qunzhu.core.Capabilities;
import qunzhu.core.ChatRef;
import qunzhu.core.Outcome;
import qunzhu.platform.EventSink;
import qunzhu.platform.Platform;
import qunzhu.store.KeyValues;

/**
 * One Telegram bot token as a {@link Platform}. {@link #start} returns at once: getMe (our id
 * and username), setMyCommands and deleteWebhook/setWebhook run on the intake thread, retried
 * with backoff, so a Bot API outage at start-up delays the account instead of killing it.
 */
public final class TelegramAccount implements Platform {
    private static final Logger log = LoggerFactory.getLogger(TelegramAccount.class);
    private static final Capabilities CAPS = new Capabilities(Capabilities.ALL, true, true);
    private static final Pattern COMMAND = Pattern.compile("[a-z0-9_]{1,32}");

    private final String id;
    private final TelegramSettings settings;
    private final KeyValues kv;
    private final TelegramFactory.Timing timing;
    private final BotApi api;
    private final ActionCalls calls;
    private final EventParser parser;
    private volatile Map<String, String> commands = Map.of();
    private volatile String selfId;
    private volatile String username;
    private volatile Poller poller;
    private Thread intake;
    private final qunzhu.runtime.Threads threads;
    private volatile WebhookListener webhook;

    TelegramAccount(String id, TelegramSettings settings, Clock clock, KeyValues kv, TelegramFactory.Timing timing,
                     qunzhu.runtime.Threads threads) {
        this.id = id;
        this.threads = threads;
        this.settings = settings;
        this.kv = kv;
        this.timing = timing;
        this.api = new BotApi(settings.apiUrl(), settings.token(), settings.pollTimeout());
        this.calls = new ActionCalls(id, api, clock);
        this.parser = new EventParser(id, () -> username, clock);
    }

    @Override public String id() { return id; }
    @Override public String kind() { return TelegramFactory.KIND; }
    @Override public Capabilities capabilities() { return CAPS; }
    @Override public String selfId() { return selfId; }

    @Override public boolean connected() {
        Poller p = poller;
        return p != null ? p.reachable() : webhook != null && username != null;
    }

    @Override public long reconnects() { Poller p = poller; return p == null ? 0 : p.recoveries(); }

    /** The bot's @username without the @, once getMe answered. */
    String username() { return username; }

    @Override public void describeCommands(Map<String, String> described) {
        Map<String, String> ok = new LinkedHashMap<>();
        described.forEach((name, text) -> {
            if (COMMAND.matcher(name).matches() && text != null && !text.isBlank()) ok.put(name, text.length() > 256 ? text.substring(0, 256) : text);
            else log.debug("account {}: /{} cannot go in Telegram's command menu (needs [a-z0-9_]{{1,32}})", id, name);
        });
        this.commands = ok;
    }

    @Override
    public synchronized void start(EventSink downstream) throws IOException {
        EventSink sink = downstream;
        if (settings.mode() == TelegramSettings.Mode.WEBHOOK) {
            webhook = new WebhookListener(id, settings.webhook(), parser, sink, () -> username != null, threads);
            webhook.start();
            intake = threads.thread("telegram-setup-" + id, () -> retrying(this::connectWebhook));
        } else {
            poller = new Poller(id, api, parser, sink, kv, settings.pollTimeout(), timing, this::connectPolling);
            intake = threads.thread("telegram-poll-" + id, poller);
        }
        intake.start();
    }

    /** getMe, then the command menu; throws while the API cannot be reached. */
    private void connect() {
        BotApi.Reply me = call("getMe", new JsonObject());
        if (!me.ok()) throw new IllegalStateException("getMe answered " + me.errorCode() + " " + me.description());
        JsonObject u = me.resultObject();
        selfId = Long.toString(Json.id(u, "id"));
        username = Json.string(u, "username", null);
        log.info("account {}: connected as @{} (id {}){}", id, username, selfId,
                Json.bool(u, "can_read_all_group_messages") ? "" : "; privacy mode is on: make the bot an admin or turn it off in @BotFather (/setprivacy)");
        if (!commands.isEmpty()) {
            JsonArray list = new JsonArray();
            commands.forEach((name, text) -> {
                JsonObject c = new JsonObject();
                c.addProperty("command", name);
                c.addProperty("description", text);
                list.add(c);
            });
            JsonObject p = new JsonObject();
            p.add("commands", list);
            bestEffort("setMyCommands", p);
        }
    }

    private void connectPolling() {
        connect();
        // A webhook left behind makes getUpdates answer 409 (E.A 2).
        bestEffort("deleteWebhook", new JsonObject());
    }

    private void connectWebhook() {
        connect();
        JsonObject p = new JsonObject();
        p.addProperty("url", settings.webhook().publicUrl());
        p.addProperty("secret_token", settings.webhook().secret());
        JsonArray allowed = new JsonArray();
        Poller.ALLOWED_UPDATES.forEach(allowed::add);
        p.add("allowed_updates", allowed);
        BotApi.Reply r = call("setWebhook", p);
        if (!r.ok()) throw new IllegalStateException("setWebhook answered " + r.errorCode() + " " + r.description());
        log.info("account {}: webhook set", id);
    }

    private void retrying(Runnable step) {
        Backoff backoff = new Backoff(timing.backoffBase(), timing.backoffCap());
        while (!Thread.currentThread().isInterrupted()) {
            try {
                step.run();
                return;
            } catch (RuntimeException e) {
                Duration wait = backoff.next();
                log.warn("account {}: setup failed ({}); retrying in {} ms", id, e.getMessage(), wait.toMillis());
                try { Thread.sleep(wait.toMillis()); } catch (InterruptedException ie) { return; }
            }
        }
    }

    private BotApi.Reply call(String method, JsonObject params) {
        try {
            return api.call(method, params);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " failed: " + e, e);
        }
    }

    private void bestEffort(String method, JsonObject params) {
        try {
            BotApi.Reply r = api.call(method, params);
            if (!r.ok()) log.warn("account {}: {} answered {} {}", id, method, r.errorCode(), r.description());
        } catch (IOException e) {
            log.warn("account {}: {} failed: {}", id, method, e.toString());
        }
    }

    @Override public Outcome perform(Action action) { return calls.perform(action); }

    /**
     * getChatAdministrators, asked every time (the bot's admin directory caches and refreshes);
     * throws when Telegram cannot be asked or refuses.
     */
    @Override public List<Admin> admins(ChatRef chat) {
        JsonObject p = new JsonObject();
        p.add("chat_id", ActionCalls.chatId(chat));
        BotApi.Reply r = call("getChatAdministrators", p);
        if (!r.ok() || r.result() == null || !r.result().isJsonArray()) {
            throw new IllegalStateException("getChatAdministrators answered " + r.errorCode() + " " + r.description());
        }
        List<Admin> out = new ArrayList<>();
        for (JsonElement e : r.result().getAsJsonArray()) {
            if (e.isJsonObject()) out.add(admin(e.getAsJsonObject()));
        }
        return List.copyOf(out);
    }

    static Admin admin(JsonObject m) {
        String memberId = Long.toString(Json.id(Json.required(m, "user"), "id"));
        if ("creator".equals(Json.string(m, "status", ""))) return new Admin(memberId, true, Admin.ALL_RIGHTS);
        Set<String> rights = new LinkedHashSet<>();
        if (Json.bool(m, "can_delete_messages")) rights.add("delete");
        if (Json.bool(m, "can_restrict_members")) { rights.add("restrict"); rights.add("ban"); }
        if (Json.bool(m, "can_pin_messages")) rights.add("pin");
        if (Json.bool(m, "can_invite_users")) rights.add("invite");
        if (Json.bool(m, "can_promote_members")) rights.add("promote");
        return new Admin(memberId, false, rights);
    }

    /** The webhook listener's port (tests listen on port 0). */
    int webhookPort() { return webhook == null ? -1 : webhook.port(); }

    /**
     * Closes intake only: the outbox drains after this (Bot.stop), so {@link #perform} keeps
     * working and sends in flight are not cancelled.
     */
    @Override
    public synchronized void stop() {
        if (poller != null) { poller.stop(); poller.wake(); }
        if (webhook != null) webhook.stop();
        api.cancelPoll();
        if (intake != null) {
            intake.interrupt();
            try { intake.join(5000); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
    }
}
