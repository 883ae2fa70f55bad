package qunzhu.platform.telegram;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.core.Action;
import qunzhu.core.Button;
import qunzhu.core.ChatRef;
import qunzhu.core.Outcome;

/**
 * Actions → Bot API methods, answers → outcomes. Text is sent plain, with
 * no parse_mode: member-supplied text (names, rules) can then never break the markup or
 * inject formatting. Never throws.
 */
final class ActionCalls {
    private static final Logger log = LoggerFactory.getLogger(ActionCalls.class);
    /** Telegram treats until_date closer than 30 s as "forever" (A5): keep short ones short. */
    private static final Duration MIN_UNTIL = Duration.ofSeconds(31);
    static final int MAX_TEXT = 4096;
    private static final List<String> SEND_PERMISSIONS = List.of("can_send_messages", "can_send_audios", "can_send_documents",
            "can_send_photos", "can_send_videos", "can_send_video_notes", "can_send_voice_notes", "can_send_polls",
            "can_send_other_messages", "can_add_web_page_previews", "can_react_to_messages");
    private static final List<String> OTHER_PERMISSIONS = List.of("can_change_info", "can_invite_users", "can_pin_messages",
            "can_manage_topics");

    private final String account;
    private final BotApi api;
    private final Clock clock;

    ActionCalls(String account, BotApi api, Clock clock) {
        this.account = account;
        this.api = api;
        this.clock = clock;
    }

    Outcome perform(Action a) {
        String method = "?";
        try {
            if (a instanceof Action.SendPhoto p) {
                method = "sendPhoto";
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("chat_id", chatId(a.chat()).getAsString());
                if (p.caption() != null && !p.caption().isBlank()) fields.put("caption", p.caption());
                return outcome(a, method, api.upload(method, fields, "photo", "chart.png", p.png()));
            }
            if (a instanceof Action.SendInviteLink l) return inviteLink(l);
            if (a instanceof Action.Send s && s.text().length() > MAX_TEXT) return sendInParts(s);
            if (a instanceof Action.DeleteMany d) return deleteMany(d);
            JsonObject params = new JsonObject();
            params.add("chat_id", chatId(a.chat()));
            method = build(a, params);
            if (a instanceof Action.Kick) {
                BotApi.Reply ban = api.call("banChatMember", params);
                if (!ban.ok()) return outcome(a, "banChatMember", ban);
                JsonObject unban = new JsonObject();
                unban.add("chat_id", chatId(a.chat()));
                unban.add("user_id", params.get("user_id"));
                unban.addProperty("only_if_banned", true);
                return outcome(a, method, api.call(method, unban));
            }
            return outcome(a, method, api.call(method, params));
        } catch (IOException e) {
            log.warn("account {}: {} failed: {}", account, method, e.toString());
            return new Outcome.Failed(method + ": " + e.getClass().getSimpleName(), false);
        } catch (RuntimeException e) {
            log.error("account {}: {} could not be built or read: {}", account, method, e.toString());
            return new Outcome.Failed(method + ": " + e, true);
        }
    }

    /** The invite link name that stands for a member: {@link EventParser} maps joins through it back to them. */
    static String linkName(String memberId) {
        String name = INVITE_PREFIX + memberId;
        return name.length() > 32 ? name.substring(0, 32) : name; // name: 0-32 characters
    }

    static final String INVITE_PREFIX = "qz:";

    /** createChatInviteLink named for the member (needs can_invite_users), then the text with the link. */
    private Outcome inviteLink(Action.SendInviteLink l) throws IOException {
        JsonObject params = new JsonObject();
        params.add("chat_id", chatId(l.chat()));
        params.addProperty("name", linkName(l.member().id()));
        BotApi.Reply created = api.call("createChatInviteLink", params);
        if (!created.ok()) return outcome(l, "createChatInviteLink", created);
        String link = Json.string(created.resultObject(), "invite_link", null);
        if (link == null) return new Outcome.Failed("createChatInviteLink answered no invite_link", true);
        Action.Send send = new Action.Send(l.chat(), l.persona(), l.text().replace("{link}", link), l.replyTo(), List.of(), null, null);
        JsonObject p = new JsonObject();
        p.add("chat_id", chatId(l.chat()));
        return outcome(send, "sendMessage", api.call(build(send, p), p));
    }

    /** deleteMessages takes 1 to 100 ids; Telegram skips those already gone. */
    static final int MAX_DELETE_IDS = 100;

    /** Several deletions as deleteMessages calls of at most {@value #MAX_DELETE_IDS} ids each; the first failure answers. */
    private Outcome deleteMany(Action.DeleteMany d) throws IOException {
        List<String> ids = d.messageIds();
        for (int from = 0; from < ids.size(); from += MAX_DELETE_IDS) {
            JsonObject params = new JsonObject();
            params.add("chat_id", chatId(d.chat()));
            JsonArray chunk = new JsonArray();
            for (String id : ids.subList(from, Math.min(ids.size(), from + MAX_DELETE_IDS))) chunk.add(Long.parseLong(id));
            params.add("message_ids", chunk);
            Outcome o = outcome(d, "deleteMessages", api.call("deleteMessages", params));
            if (!(o instanceof Outcome.Done)) return o;
        }
        return Outcome.done();
    }

    /**
     * sendMessage takes at most 4096 characters: longer texts go as several messages, split at
     * line ends where possible; the reply goes on the first part, buttons on the last. A failure
     * after the first part is permanent, so a retry never repeats the parts already sent.
     */
    private Outcome sendInParts(Action.Send s) throws IOException {
        List<String> parts = split(s.text(), MAX_TEXT);
        Outcome last = null;
        for (int i = 0; i < parts.size(); i++) {
            Action.Send part = new Action.Send(s.chat(), s.persona(), parts.get(i), i == 0 ? s.replyTo() : null,
                    i == parts.size() - 1 ? s.buttons() : List.of(), s.deleteAfter(), s.priority());
            JsonObject params = new JsonObject();
            params.add("chat_id", chatId(s.chat()));
            last = outcome(part, "sendMessage", api.call(build(part, params), params));
            if (!(last instanceof Outcome.Done) && i > 0) {
                return new Outcome.Failed("sent " + i + " of " + parts.size() + " parts, then: " + describe(last), true);
            }
            if (!(last instanceof Outcome.Done)) return last;
        }
        return last;
    }

    private static String describe(Outcome o) {
        return o instanceof Outcome.Failed f ? f.reason() : o.toString();
    }

    /** Splits at the last line break (else space) before {@code max}, never inside a surrogate pair. */
    static List<String> split(String text, int max) {
        List<String> out = new java.util.ArrayList<>();
        String rest = text;
        while (rest.length() > max) {
            int cut = rest.lastIndexOf('\n', max);
            if (cut < max / 2) cut = rest.lastIndexOf(' ', max);
            if (cut < max / 2) cut = max;
            if (Character.isHighSurrogate(rest.charAt(cut - 1))) cut--;
            out.add(rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
        }
        if (!rest.isEmpty()) out.add(rest);
        return out;
    }

    /** Fills the method's parameters (chat_id is there already) and returns its name. */
    private String build(Action a, JsonObject p) {
        if (a instanceof Action.Send s) {
            p.addProperty("text", s.text());
            if (s.replyTo() != null) {
                JsonObject rp = new JsonObject();
                rp.addProperty("message_id", Long.parseLong(s.replyTo()));
                rp.addProperty("allow_sending_without_reply", true);
                p.add("reply_parameters", rp);
            }
            if (!s.buttons().isEmpty()) p.add("reply_markup", keyboard(s.buttons()));
            return "sendMessage";
        }
        if (a instanceof Action.Edit e) {
            p.addProperty("message_id", Long.parseLong(e.messageId()));
            p.addProperty("text", e.text());
            p.add("reply_markup", keyboard(e.buttons()));
            return "editMessageText";
        }
        if (a instanceof Action.Delete d) {
            p.addProperty("message_id", Long.parseLong(d.messageId()));
            return "deleteMessage";
        }
        if (a instanceof Action.Ban b) {
            p.addProperty("user_id", Long.parseLong(b.member().id()));
            if (b.length() != null) p.addProperty("until_date", until(b.length()));
            return "banChatMember";
        }
        if (a instanceof Action.Unban u) {
            p.addProperty("user_id", Long.parseLong(u.member().id()));
            p.addProperty("only_if_banned", true);
            return "unbanChatMember";
        }
        if (a instanceof Action.Kick k) {
            p.addProperty("user_id", Long.parseLong(k.member().id()));
            return "unbanChatMember"; // after banChatMember, see perform
        }
        if (a instanceof Action.Mute m) {
            p.addProperty("user_id", Long.parseLong(m.member().id()));
            p.add("permissions", permissions(false));
            p.addProperty("until_date", m.length() == null ? 0 : until(m.length()));
            return "restrictChatMember";
        }
        if (a instanceof Action.Unmute u) {
            p.addProperty("user_id", Long.parseLong(u.member().id()));
            p.add("permissions", permissions(true));
            return "restrictChatMember";
        }
        if (a instanceof Action.ApproveJoin j) {
            p.addProperty("user_id", Long.parseLong(j.requestId() != null ? j.requestId() : j.member().id()));
            return "approveChatJoinRequest";
        }
        if (a instanceof Action.DeclineJoin j) {
            p.addProperty("user_id", Long.parseLong(j.requestId() != null ? j.requestId() : j.member().id()));
            return "declineChatJoinRequest";
        }
        if (a instanceof Action.Pin pin) {
            p.addProperty("message_id", Long.parseLong(pin.messageId()));
            return "pinChatMessage";
        }
        if (a instanceof Action.AnswerButton b) {
            p.remove("chat_id");
            p.addProperty("callback_query_id", b.callbackId());
            if (b.text() != null && !b.text().isBlank()) p.addProperty("text", b.text());
            return "answerCallbackQuery";
        }
        throw new IllegalArgumentException("no Telegram method for " + a.kind());
    }

    /**
     * Numeric chat ids go as numbers (64-bit safe), "@channel" names as text; a private chat's
     * id on Telegram is the member's user id.
     */
    static com.google.gson.JsonPrimitive chatId(ChatRef chat) {
        String id = chat.isPrivate() ? chat.privateMember() : chat.id();
        try {
            return new com.google.gson.JsonPrimitive(Long.parseLong(id));
        } catch (NumberFormatException e) {
            return new com.google.gson.JsonPrimitive(id);
        }
    }

    private long until(Duration length) {
        Duration d = length.compareTo(MIN_UNTIL) < 0 ? MIN_UNTIL : length;
        return clock.instant().plus(d).getEpochSecond();
    }

    private static JsonObject permissions(boolean allowed) {
        JsonObject o = new JsonObject();
        for (String k : SEND_PERMISSIONS) o.addProperty(k, allowed);
        for (String k : OTHER_PERMISSIONS) o.addProperty(k, allowed);
        return o;
    }

    /** One button per row: answers and choices stay readable on phones. */
    private static JsonObject keyboard(List<Button> buttons) {
        JsonArray rows = new JsonArray();
        for (Button b : buttons) {
            JsonObject button = new JsonObject();
            button.addProperty("text", b.text());
            button.addProperty("callback_data", b.data());
            JsonArray row = new JsonArray();
            row.add(button);
            rows.add(row);
        }
        JsonObject markup = new JsonObject();
        markup.add("inline_keyboard", rows);
        return markup;
    }

    /**
     * Answers to outcomes (A6), for the outbox's retries: ok → Done; 429 (or any retry_after)
     * → RetryAfter; migrate_to_chat_id → Moved; "message is not modified" → Done; the API's own
     * 404 or a "method not found" description → Unsupported (this API has no such method);
     * 5xx, 409, and an HTTP error that is not a Bot API envelope (a proxy's page: the API has not
     * answered) → transient; any other error with the API's description (400 bad request, 401,
     * 403 forbidden) → permanent.
     */
    private Outcome outcome(Action a, String method, BotApi.Reply r) {
        if (r.ok()) {
            JsonObject msg = r.result() != null && r.result().isJsonObject() ? r.result().getAsJsonObject() : null;
            return new Outcome.Done(msg != null && msg.has("message_id") ? Long.toString(Json.number(msg, "message_id", 0)) : null);
        }
        String d = r.description() == null ? "" : r.description();
        log.info("account {}: {} in {} answered {} {}", account, method, a.chat(), r.errorCode(), d);
        if (r.errorCode() == 429 || r.retryAfter() != null) {
            return new Outcome.RetryAfter(Duration.ofSeconds(Math.max(1, r.retryAfter() == null ? 5 : r.retryAfter())));
        }
        if (r.migrateTo() != null) return new Outcome.Moved(new ChatRef(TelegramFactory.KIND, Long.toString(r.migrateTo())));
        if (!r.envelope()) return new Outcome.Failed(method + ": " + d, false);
        if (r.errorCode() == 400 && d.contains("message is not modified")) return new Outcome.Done(null);
        String lower = d.toLowerCase(java.util.Locale.ROOT);
        if (r.errorCode() == 404 || lower.contains("method not found") || lower.contains("method is not supported")) {
            return new Outcome.Unsupported(method);
        }
        if (r.errorCode() >= 500 || r.errorCode() == 409 || r.errorCode() == 0) return new Outcome.Failed(method + ": " + d, false);
        return new Outcome.Failed(method + ": " + d, true);
    }
}
