package qunzhu.platform.onebot;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.core.Action;
import qunzhu.core.Button;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.core.Outcome;

/**
 * Neutral actions to OneBot v11 API calls (spec api/public.md). Ids go out as JSON numbers
 * (NapCat rejects string message ids), segment values as strings.
 */
final class ActionCalls {
    private static final Logger log = LoggerFactory.getLogger(ActionCalls.class);

    /** QQ caps a group mute at 30 days. */
    static final long MAX_MUTE_SECONDS = 2_592_000L;

    /** What this adapter performs; edit, unban and pin it answers as unsupported. */
    static final Set<Class<? extends Action>> SUPPORTED = Set.of(Action.Send.class, Action.SendPhoto.class, Action.Delete.class, Action.DeleteMany.class,
            Action.Mute.class, Action.Unmute.class, Action.Kick.class, Action.Ban.class, Action.ApproveJoin.class,
            Action.DeclineJoin.class, Action.AnswerButton.class);

    /** One API call, or an answer that needs no call. */
    record Call(String action, JsonObject params, Outcome answer) {
        static Call answer(Outcome o) { return new Call(null, null, o); }
    }

    private final Function<ChatRef, String> locale;

    /** @param locale the locale of a chat, for the keyword lines that stand in for buttons */
    private final qunzhu.text.Texts texts;

    /** @param locale the locale of a chat, for the typed keywords that stand in for buttons */
    ActionCalls(Function<ChatRef, String> locale, qunzhu.text.Texts texts) {
        this.locale = locale;
        this.texts = texts;
    }

    Call of(Action a) {
        if (a instanceof Action.Send s) return send(s);
        if (a instanceof Action.SendPhoto p) {
            JsonArray msg = new JsonArray();
            msg.add(segment("image", "file", "base64://" + Base64.getEncoder().encodeToString(p.png())));
            if (p.caption() != null && !p.caption().isBlank()) msg.add(segment("text", "text", p.caption()));
            return call(sendAction(p.chat()), target(p.chat()), "message", msg);
        }
        if (a instanceof Action.Delete d) {
            JsonObject params = new JsonObject();
            params.add("message_id", Json.idParam(d.messageId()));
            return new Call("delete_msg", params, null);
        }
        if (a instanceof Action.Kick k) return kick(k.chat(), k.member(), false);
        if (a instanceof Action.Ban b) {
            if (b.length() != null) log.info("QQ has no timed ban: banning {} in {} for good (kick + refuse re-joining)", b.member().id(), b.chat());
            return kick(b.chat(), b.member(), true);
        }
        if (a instanceof Action.Mute m) {
            long seconds = m.length() == null ? MAX_MUTE_SECONDS : Math.min(MAX_MUTE_SECONDS, Math.max(1, ceilSeconds(m.length())));
            return mute(m.chat(), m.member(), seconds);
        }
        if (a instanceof Action.Unmute u) return mute(u.chat(), u.member(), 0);
        if (a instanceof Action.ApproveJoin j) return joinRequest(j.requestId(), true, null);
        if (a instanceof Action.DeclineJoin j) return joinRequest(j.requestId(), false, j.reason());
        if (a instanceof Action.AnswerButton) return Call.answer(qunzhu.core.Outcome.done());
        return Call.answer(new Outcome.Unsupported(a.kind() + " is not available on QQ (OneBot v11)"));
    }

    private Call send(Action.Send s) {
        JsonArray msg = new JsonArray();
        if (s.replyTo() != null) msg.add(segment("reply", "id", s.replyTo()));
        StringBuilder text = new StringBuilder(s.text());
        String loc = locale.apply(s.chat());
        for (Button b : s.buttons()) {
            text.append('\n');
            if (b.keyword() == null || b.keyword().isBlank()) text.append(b.text());
            else if (b.text().equals(b.keyword())) text.append(texts.format(loc, "core.keyword_button", "keyword", b.keyword()));
            else text.append(texts.format(loc, "core.keyword_button_labelled", "keyword", b.keyword(), "label", b.text()));
        }
        msg.add(segment("text", "text", text.toString()));
        return call(sendAction(s.chat()), target(s.chat()), "message", msg);
    }

    /** send_private_msg in a private chat with the account, send_group_msg in a group. */
    private static String sendAction(ChatRef chat) { return chat.isPrivate() ? "send_private_msg" : "send_group_msg"; }

    /** Whom a message goes to: the member of a private chat ({@code user_id}) or the group ({@code group_id}). */
    private static JsonObject target(ChatRef chat) {
        if (!chat.isPrivate()) return group(chat);
        JsonObject p = new JsonObject();
        p.add("user_id", Json.idParam(chat.privateMember()));
        return p;
    }

    private static Call kick(ChatRef chat, MemberRef member, boolean reject) {
        JsonObject p = member(chat, member);
        p.addProperty("reject_add_request", reject);
        return new Call("set_group_kick", p, null);
    }

    private static Call mute(ChatRef chat, MemberRef member, long seconds) {
        JsonObject p = member(chat, member);
        p.addProperty("duration", seconds);
        return new Call("set_group_ban", p, null);
    }

    private static Call joinRequest(String requestId, boolean approve, String reason) {
        JoinRequestId id = JoinRequestId.decode(requestId);
        JsonObject p = new JsonObject();
        p.addProperty("flag", id.flag());
        p.addProperty("sub_type", id.subType());
        p.addProperty("approve", approve);
        p.addProperty("reason", reason == null ? "" : reason);
        return new Call("set_group_add_request", p, null);
    }

    private static long ceilSeconds(Duration d) {
        long s = d.getSeconds();
        return d.getNano() > 0 ? s + 1 : s;
    }

    private static JsonObject group(ChatRef chat) {
        JsonObject p = new JsonObject();
        p.add("group_id", Json.idParam(chat.id()));
        return p;
    }

    private static JsonObject member(ChatRef chat, MemberRef m) {
        JsonObject p = group(chat);
        p.add("user_id", Json.idParam(m.id()));
        return p;
    }

    private static Call call(String action, JsonObject params, String key, JsonArray value) {
        params.add(key, value);
        return new Call(action, params, null);
    }

    static JsonObject segment(String type, String key, String value) {
        JsonObject seg = new JsonObject();
        seg.addProperty("type", type);
        JsonObject data = new JsonObject();
        data.addProperty(key, value);
        seg.add("data", data);
        return seg;
    }
}
