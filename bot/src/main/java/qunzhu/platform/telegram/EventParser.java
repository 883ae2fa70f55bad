package qunzhu.platform.telegram;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;

/**
 * One Telegram {@code Update} → neutral events. Groups and supergroups count; a message in a
 * private chat with the bot becomes a {@link Event.MessagePosted} in {@link ChatRef#direct} (a
 * member's /feedback), nothing else there; channel posts are skipped.
 *
 * <p>Native ids are stable across re-delivery, because the pipeline dedupes on them:
 * message → message_id; edit → {@code e<message_id>-<edit_date>}; button →
 * {@code cb<query id>}; join/leave → {@code j<user>-<date>} / {@code l<user>-<date>} (a join
 * arrives both as a new_chat_members message and as a chat_member update: same user and
 * second, same key, logged once; see {@link Memberships} for the odd second apart; when only
 * the second report names the inviter, {@link Event.JoinInviter} {@code ji<user>-<date>} says
 * who); join
 * request → {@code jr<update_id>}; migration → {@code m<message_id>}.
 *
 * <p>A leading {@code /cmd@OurBot} loses its suffix so the router sees {@code /cmd}. A
 * command addressed to another bot ({@code /cmd@OtherBot}) is dropped entirely: it is not for
 * us, and with privacy mode on we would not even have received it.
 *
 * <p>A malformed update throws {@link IllegalArgumentException}; the caller logs and skips it.
 */
final class EventParser {
    private static final Logger log = LoggerFactory.getLogger(EventParser.class);
    static final String P = TelegramFactory.KIND;
    private static final List<String> MEDIA = List.of("photo", "video", "animation", "audio", "document", "sticker",
            "voice", "video_note", "contact", "location", "venue", "poll", "dice", "game", "story", "paid_media");

    private final String account;
    private final Supplier<String> username;
    private final Clock clock;
    private final Memberships memberships = new Memberships();

    EventParser(String account, Supplier<String> username, Clock clock) {
        this.account = account;
        this.username = username;
        this.clock = clock;
    }

    List<Event> parse(JsonObject u) {
        long updateId = Json.id(u, "update_id");
        if (u.has("message")) return message(Json.required(u, "message"), false);
        if (u.has("edited_message")) return message(Json.required(u, "edited_message"), true);
        if (u.has("callback_query")) return callback(Json.required(u, "callback_query"));
        if (u.has("chat_member")) return memberUpdate(Json.required(u, "chat_member"));
        if (u.has("chat_join_request")) return joinRequest(updateId, Json.required(u, "chat_join_request"));
        if (u.has("my_chat_member")) {
            // Our own status: worth a line for operators (added, removed, made admin), no event.
            JsonObject m = Json.required(u, "my_chat_member");
            log.info("account {}: in chat {} ({}) this bot is now {}", account, Json.number(Json.object(m, "chat"), "id", 0),
                    Json.string(Json.object(m, "chat"), "title", "?"), Json.string(Json.object(m, "new_chat_member"), "status", "?"));
            return List.of();
        }
        log.debug("update {}: kind not handled ({})", updateId, u.keySet());
        return List.of();
    }

    /** Group or supergroup chat of a Message/ChatMemberUpdated/..., or null (private, channel). */
    private static ChatRef group(JsonObject chat) {
        String type = Json.string(chat, "type", "");
        if (!type.equals("group") && !type.equals("supergroup")) return null;
        return new ChatRef(P, Long.toString(Json.id(chat, "id")));
    }

    static MemberRef user(JsonObject user) {
        if (user == null) return null;
        String first = Json.string(user, "first_name", "");
        String last = Json.string(user, "last_name", "");
        String name = (first + " " + last).strip();
        if (name.isEmpty()) name = Json.string(user, "username", null);
        return new MemberRef(Long.toString(Json.id(user, "id")), name, Json.bool(user, "is_bot"));
    }

    /** Who wrote a message: the chat it was sent on behalf of (anonymous admin, channel), else the user. */
    private static MemberRef author(JsonObject msg) {
        JsonObject senderChat = Json.object(msg, "sender_chat");
        if (senderChat != null) return new MemberRef(Long.toString(Json.id(senderChat, "id")), Json.string(senderChat, "title", null), false);
        MemberRef from = user(Json.object(msg, "from"));
        return from != null ? from : new MemberRef("0", "unknown", false);
    }

    private static Instant at(JsonObject o, String key) { return Instant.ofEpochSecond(Json.number(o, key, 0)); }

    private List<Event> message(JsonObject msg, boolean edited) {
        JsonObject chatJson = Json.required(msg, "chat");
        ChatRef chat = group(chatJson);
        long messageId = Json.id(msg, "message_id");
        if (chat == null && "private".equals(Json.string(chatJson, "type", ""))) {
            // The chat's id is the member's user id; the chat is held with this account.
            chat = ChatRef.direct(P, account, Long.toString(Json.id(chatJson, "id")));
        }
        if (chat == null) {
            log.debug("skipping message {} in a {} chat", messageId, Json.string(chatJson, "type", "?"));
            return List.of();
        }
        Instant at = at(msg, edited ? "edit_date" : "date");
        MemberRef from = user(Json.object(msg, "from"));
        if (msg.has("migrate_to_chat_id")) {
            ChatRef to = new ChatRef(P, Long.toString(Json.id(msg, "migrate_to_chat_id")));
            return List.of(new Event.ChatMigrated(EventKey.of(chat, "m" + messageId), chat, at, account, to));
        }
        if (msg.has("new_chat_members")) {
            List<Event> out = new ArrayList<>();
            for (JsonElement e : msg.getAsJsonArray("new_chat_members")) {
                MemberRef m = user(e.getAsJsonObject());
                MemberRef by = from != null && !from.id().equals(m.id()) ? from : null;
                Event joined = joined(chat, m, by, at, true);
                if (joined != null) out.add(joined);
            }
            out.add(new Event.ServiceMessage(EventKey.of(chat, Long.toString(messageId)), chat, at, account, Long.toString(messageId), "join"));
            return out;
        }
        if (msg.has("left_chat_member")) {
            MemberRef m = user(Json.required(msg, "left_chat_member"));
            Event service = new Event.ServiceMessage(EventKey.of(chat, Long.toString(messageId)), chat, at, account,
                    Long.toString(messageId), "leave");
            if (memberships.report(chat, m.id(), false, at, true, false).kind() != Memberships.Kind.NEW) return List.of(service);
            return List.of(new Event.MemberLeft(EventKey.of(chat, "l" + m.id() + "-" + at.getEpochSecond()), chat, at, account, m,
                    from != null && !from.id().equals(m.id()) ? from : null), service);
        }
        boolean hasText = msg.has("text") || msg.has("caption");
        boolean media = MEDIA.stream().anyMatch(msg::has);
        if (!hasText && !media) {
            log.debug("skipping service message {} in {} ({})", messageId, chat, msg.keySet());
            return List.of();
        }
        String text = Json.string(msg, msg.has("text") ? "text" : "caption", "");
        String command = leadingCommand(msg, text);
        if (command != null) {
            int at2 = command.indexOf('@');
            if (at2 >= 0) {
                String target = command.substring(at2 + 1);
                String me = username.get();
                if (me == null || !target.equalsIgnoreCase(me)) {
                    log.debug("skipping message {} in {}: a command for @{}", messageId, chat, target);
                    return List.of();
                }
                text = command.substring(0, at2) + text.substring(command.length());
            }
        }
        String replyToId = null;
        MemberRef replyToAuthor = null;
        JsonObject reply = Json.object(msg, "reply_to_message");
        // In forum topics every message "replies" to the topic's opening service message: not a reply.
        if (reply != null && !reply.has("forum_topic_created")) {
            replyToId = Long.toString(Json.id(reply, "message_id"));
            replyToAuthor = author(reply);
        }
        JsonObject origin = Json.object(msg, "forward_origin");
        boolean forwarded = origin != null || msg.has("forward_from") || msg.has("forward_from_chat")
                || msg.has("forward_sender_name") || msg.has("forward_date");
        JsonObject senderChat = Json.object(msg, "sender_chat");
        boolean fromChannel = "channel".equals(Json.string(origin, "type", ""))
                || "channel".equals(Json.string(Json.object(msg, "forward_from_chat"), "type", ""))
                || "channel".equals(Json.string(senderChat, "type", ""));
        // An anonymous admin's message arrives with the group itself as sender_chat.
        boolean sentAsChat = senderChat != null && Long.toString(Json.id(senderChat, "id")).equals(chat.id());
        String nativeId = edited ? "e" + messageId + "-" + Json.number(msg, "edit_date", 0) : Long.toString(messageId);
        return List.of(new Event.MessagePosted(EventKey.of(chat, nativeId), chat, at, account, author(msg),
                Long.toString(messageId), text, replyToId, replyToAuthor, forwarded, media, fromChannel, sentAsChat));
    }

    /** The bot_command entity at offset 0 ("/cmd" or "/cmd@bot"), or null. */
    private static String leadingCommand(JsonObject msg, String text) {
        if (!text.startsWith("/")) return null;
        JsonElement entities = msg.get(msg.has("text") ? "entities" : "caption_entities");
        if (entities != null && entities.isJsonArray()) {
            for (JsonElement e : entities.getAsJsonArray()) {
                JsonObject ent = e.isJsonObject() ? e.getAsJsonObject() : null;
                if (ent != null && "bot_command".equals(Json.string(ent, "type", "")) && Json.number(ent, "offset", -1) == 0) {
                    int len = (int) Math.min(text.length(), Math.max(0, Json.number(ent, "length", 0)));
                    return text.substring(0, len);
                }
            }
        }
        // No entity (some servers omit them): the first word is the command.
        int end = 0;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) end++;
        return text.substring(0, end);
    }

    private List<Event> callback(JsonObject q) {
        String id = Json.string(q, "id", null);
        if (id == null) throw new IllegalArgumentException("callback_query without id");
        JsonObject msg = Json.object(q, "message");
        ChatRef chat = msg == null ? null : group(Json.required(msg, "chat"));
        if (chat == null) {
            log.debug("skipping button press {} outside a group", id);
            return List.of();
        }
        MemberRef member = user(Json.required(q, "from"));
        return List.of(new Event.ButtonPressed(EventKey.of(chat, "cb" + id), chat, clock.instant(), account, member,
                Long.toString(Json.id(msg, "message_id")), Json.string(q, "data", ""), id));
    }

    private List<Event> memberUpdate(JsonObject cmu) {
        ChatRef chat = group(Json.required(cmu, "chat"));
        if (chat == null) return List.of();
        JsonObject oldM = Json.required(cmu, "old_chat_member");
        JsonObject newM = Json.required(cmu, "new_chat_member");
        MemberRef member = user(Json.required(newM, "user"));
        MemberRef from = user(Json.object(cmu, "from"));
        MemberRef by = from != null && !from.id().equals(member.id()) ? from : null;
        Instant at = at(cmu, "date");
        boolean was = inChat(oldM), now = inChat(newM);
        if (!was && now) {
            MemberRef inviter = inviter(Json.object(cmu, "invite_link"), member);
            if (inviter != null) by = inviter;
            Event joined = joined(chat, member, by, at, false);
            return joined == null ? List.of() : List.of(joined);
        }
        if (was && !now) {
            if (memberships.report(chat, member.id(), false, at, false, false).kind() != Memberships.Kind.NEW) return List.of();
            return List.of(new Event.MemberLeft(EventKey.of(chat, "l" + member.id() + "-" + at.getEpochSecond()), chat, at, account, member, by));
        }
        if (admin(oldM) || admin(newM)) {
            // Promoted, demoted, or rights changed: cached admin lists are stale now.
            return List.of(new Event.AdminsChanged(EventKey.of(chat, "a" + member.id() + "-" + at.getEpochSecond()), chat, at, account, member));
        }
        return List.of(); // restrictions: no membership change
    }

    /**
     * One report of a join ({@code viaMessage}: the new_chat_members message, else the chat_member
     * update): the join, or null for the other report of a join already reported, or, when that
     * other report names an inviter the first did not, a {@link Event.JoinInviter} for it.
     */
    private Event joined(ChatRef chat, MemberRef member, MemberRef by, Instant at, boolean viaMessage) {
        Memberships.Report r = memberships.report(chat, member.id(), true, at, viaMessage, by != null);
        return switch (r.kind()) {
            case NEW -> new Event.MemberJoined(EventKey.of(chat, "j" + member.id() + "-" + at.getEpochSecond()), chat, at, account, member, by);
            case REPEAT -> null;
            case NAMES_INVITER -> new Event.JoinInviter(EventKey.of(chat, "ji" + member.id() + "-" + r.first().getEpochSecond()), chat,
                    r.first(), account, member, by);
        };
    }

    /**
     * Who a join through {@code link} (ChatMemberUpdated.invite_link) counts for: the member a
     * link of ours was made for (named {@code qz:<member id>} by /invite), else the person who
     * made the link (an admin's own link); null for another bot's link, or none.
     */
    static MemberRef inviter(JsonObject link, MemberRef joined) {
        if (link == null) return null;
        String name = Json.string(link, "name", "");
        JsonObject creator = Json.object(link, "creator");
        boolean byBot = creator != null && Json.bool(creator, "is_bot");
        MemberRef who = null;
        if (byBot && name.startsWith(ActionCalls.INVITE_PREFIX) && name.length() > ActionCalls.INVITE_PREFIX.length()) {
            who = MemberRef.of(name.substring(ActionCalls.INVITE_PREFIX.length()), null);
        } else if (creator != null && !byBot) {
            who = user(creator);
        }
        return who == null || who.id().equals(joined.id()) ? null : who;
    }

    private static boolean admin(JsonObject m) {
        String status = Json.string(m, "status", "").toLowerCase(Locale.ROOT);
        return status.equals("creator") || status.equals("administrator");
    }

    /** creator/administrator/member are in; restricted is in when is_member; left/kicked are out. */
    private static boolean inChat(JsonObject m) {
        String status = Json.string(m, "status", "").toLowerCase(Locale.ROOT);
        return switch (status) {
            case "creator", "administrator", "member" -> true;
            case "restricted" -> Json.bool(m, "is_member");
            default -> false;
        };
    }

    private List<Event> joinRequest(long updateId, JsonObject r) {
        ChatRef chat = group(Json.required(r, "chat"));
        if (chat == null) return List.of();
        MemberRef member = user(Json.required(r, "from"));
        return List.of(new Event.JoinRequested(EventKey.of(chat, "jr" + updateId), chat, at(r, "date"), account, member,
                member.id(), Json.string(r, "bio", null)));
    }
}
