package qunzhu.platform.onebot;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;

/**
 * OneBot v11 group events (spec event/) to neutral events, and private messages to the account
 * as {@link Event.MessagePosted} in {@link ChatRef#direct} (a member's /feedback); everything else
 * is null.
 *
 * <p>Native ids: several of our accounts may sit in one group and each receives the same
 * message, but implementations number messages per account (NapCat's message_id is a local
 * short id; message_seq/real_id are not present everywhere). So the key is built from what
 * every account sees alike: sender, second and a hash of the parsed content
 * ({@code m:<user>:<time>:<hash>}); notices use kind, member and second. The cost: the same
 * member posting identical text twice within one second counts once.
 */
final class EventParser {
    private static final Logger log = LoggerFactory.getLogger(EventParser.class);

    private final String account;
    private final Clock clock;

    EventParser(String account, Clock clock) {
        this.account = account;
        this.clock = clock;
    }

    /**
     * The neutral event, or null for events Qunzhu does not use (logged at debug). Throws
     * {@link IllegalArgumentException} for a malformed one (no post_type, a group event without
     * a numeric group or user, a time no clock can hold), which the caller logs.
     */
    Event parse(JsonObject e) {
        String post = Json.text(e, "post_type");
        if (post == null) throw new IllegalArgumentException("no post_type");
        if ("message".equals(post)) return message(e);
        if ("notice".equals(post)) return notice(e);
        if ("request".equals(post)) return request(e);
        log.debug("{}: skipping {} event", account, post);
        return null;
    }

    private Event message(JsonObject e) {
        String group = qq(e, "group_id");
        String user = qq(e, "user_id");
        String type = Json.text(e, "message_type");
        ChatRef chat;
        if ("group".equals(type)) {
            if (group == null || user == null) throw new IllegalArgumentException("a group message without a numeric group_id and user_id");
            chat = new ChatRef(OneBotFactory.KIND, group);
        } else if ("private".equals(type)) {
            if (user == null) throw new IllegalArgumentException("a private message without a numeric user_id");
            chat = ChatRef.direct(OneBotFactory.KIND, account, user);
        } else if (type == null) {
            throw new IllegalArgumentException("a message without message_type");
        } else {
            log.debug("{}: skipping {} message", account, type);
            return null;
        }
        JsonObject sender = Json.object(e, "sender");
        MemberRef author = MemberRef.of(user, name(sender));
        MessageContent c = MessageContent.of(e.get("message") != null ? e.get("message") : e.get("raw_message"));
        long time = time(e);
        String nativeId = "m:" + user + ":" + time + ":" + hash(c.text() + "\u0000" + c.media() + "\u0000" + c.replyToAuthorId());
        String messageId = Json.id(e, "message_id");
        MemberRef replyAuthor = c.replyToAuthorId() == null ? null : MemberRef.of(c.replyToAuthorId(), null);
        return new Event.MessagePosted(EventKey.of(chat, nativeId), chat, at(time), account, author,
                messageId, c.text(), c.replyToId(), replyAuthor, false, c.media(), false);
    }

    private Event notice(JsonObject e) {
        String type = Json.text(e, "notice_type");
        String group = qq(e, "group_id");
        String user = qq(e, "user_id");
        String sub = Json.text(e, "sub_type");
        if (type == null) throw new IllegalArgumentException("a notice without notice_type");
        if (!USED_NOTICES.contains(type)) { log.debug("{}: skipping notice {}", account, type); return null; }
        if (group == null || user == null) throw new IllegalArgumentException("notice " + type + " without a numeric group_id and user_id");
        ChatRef chat = new ChatRef(OneBotFactory.KIND, group);
        long time = time(e);
        String operator = Json.id(e, "operator_id");
        MemberRef member = MemberRef.of(user, null);
        switch (type) {
            case "group_increase": {
                MemberRef inviter = "invite".equals(sub) && operator != null && !operator.equals("0") ? MemberRef.of(operator, null) : null;
                return new Event.MemberJoined(key(chat, "join", user, time), chat, at(time), account, member, inviter);
            }
            case "group_decrease": {
                // kick_me: user_id is our own account (= self_id), so MemberLeft already says "we were removed".
                MemberRef by = ("kick".equals(sub) || "kick_me".equals(sub)) && operator != null ? MemberRef.of(operator, null) : null;
                return new Event.MemberLeft(key(chat, "left", user, time), chat, at(time), account, member, by);
            }
            case "group_recall": {
                String messageId = Json.id(e, "message_id");
                MemberRef by = operator == null ? member : MemberRef.of(operator, null);
                return new Event.MessageRemoved(key(chat, "recall", user + ":" + by.id(), time), chat, at(time), account, messageId, by);
            }
            case "group_admin":    // sub_type set | unset: someone was made or unmade a group admin
                return new Event.AdminsChanged(key(chat, "admin-" + sub, user, time), chat, at(time), account, member);
            default:
                log.debug("{}: skipping notice {}", account, type);
                return null;
        }
    }

    private Event request(JsonObject e) {
        String group = qq(e, "group_id");
        String user = qq(e, "user_id");
        String flag = Json.text(e, "flag");
        String sub = Json.text(e, "sub_type");
        if (!"group".equals(Json.text(e, "request_type"))) {
            log.debug("{}: skipping request {}", account, Json.text(e, "request_type"));
            return null;
        }
        if (group == null || user == null || flag == null) throw new IllegalArgumentException("a group request without a numeric group_id and user_id, or flag");
        if ("invite".equals(sub)) {
            // OneBot v11: request.group/invite means our own account was invited into another
            // group by user_id. That is not someone asking to join a group we keep.
            log.info("{}: invited into group {} by {}; accept it in the QQ client if wanted", account, group, user);
            return null;
        }
        if (!"add".equals(sub)) {
            log.debug("{}: skipping group request with sub_type {}", account, sub);
            return null;
        }
        ChatRef chat = new ChatRef(OneBotFactory.KIND, group);
        long time = time(e);
        return new Event.JoinRequested(key(chat, "req", user, time), chat, at(time), account, MemberRef.of(user, null),
                JoinRequestId.encode(sub, flag), Json.text(e, "comment"));
    }

    private static final java.util.Set<String> USED_NOTICES = java.util.Set.of("group_increase", "group_decrease", "group_recall", "group_admin");
    /** Latest event time believed: 9999-12-31 (later ones do not fit the activity log's milliseconds and days). */
    private static final long MAX_TIME = 253_402_300_799L;

    /** A QQ number (group or user): decimal digits, as number or string; null otherwise. */
    private static String qq(JsonObject e, String key) {
        String id = Json.id(e, key);
        return id != null && id.matches("-?\\d{1,20}") ? id : null;
    }

    /** The event's time in seconds (now when absent); outside 1970 .. 9999 it is malformed. */
    private long time(JsonObject e) {
        long time = Json.number(e, "time", clock.instant().getEpochSecond());
        if (time < 0 || time > MAX_TIME) throw new IllegalArgumentException("time " + time + " is outside 1970 .. 9999");
        return time;
    }

    private static EventKey key(ChatRef chat, String kind, String who, long time) {
        return EventKey.of(chat, kind + ":" + who + ":" + time);
    }

    private static Instant at(long epochSecond) { return Instant.ofEpochSecond(epochSecond); }

    /** Group card first (what the group sees), then the QQ nickname; null lets MemberRef use the id. */
    static String name(JsonObject sender) {
        String card = Json.text(sender, "card");
        if (card != null && !card.isBlank()) return card;
        String nick = Json.text(sender, "nickname");
        return nick != null && !nick.isBlank() ? nick : null;
    }

    static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
