package qunzhu.core;

import java.time.Instant;

/**
 * Something that happened in a chat, as a platform-neutral immutable fact. Adapters parse
 * their wire formats into these; features never see platform JSON.
 */
public sealed interface Event {
    EventKey key();
    ChatRef chat();
    Instant at();
    /** The bot account that received it (replies to buttons go back through it). */
    String account();

    /**
     * A member posted a message. {@code text} is "" for media without caption.
     * {@code sentAsChat} is true only when the platform says the message was sent on behalf of
     * this very chat (Telegram: {@code sender_chat} is the group, which only its anonymous admins
     * can do); the author is then the chat itself. No other sign (an author id that happens to
     * equal the chat id) means that.
     */
    record MessagePosted(EventKey key, ChatRef chat, Instant at, String account, MemberRef author,
                         String messageId, String text, String replyToId, MemberRef replyToAuthor,
                         boolean forwarded, boolean media, boolean fromChannel, boolean sentAsChat) implements Event {
        public MessagePosted {
            text = text == null ? "" : text;
        }

        /** A message from a member (not sent on behalf of the chat). */
        public MessagePosted(EventKey key, ChatRef chat, Instant at, String account, MemberRef author,
                             String messageId, String text, String replyToId, MemberRef replyToAuthor,
                             boolean forwarded, boolean media, boolean fromChannel) {
            this(key, chat, at, account, author, messageId, text, replyToId, replyToAuthor, forwarded, media, fromChannel, false);
        }
    }

    record MemberJoined(EventKey key, ChatRef chat, Instant at, String account, MemberRef member,
                        MemberRef invitedBy) implements Event {}

    /**
     * The platform named who brought a member whose join it reported a moment earlier without
     * an inviter (Telegram reports a join twice: the service message has no invite link, the
     * chat_member update has it, and either may come first). {@code at} is the join's time. Not
     * a second join: only who invited is new.
     */
    record JoinInviter(EventKey key, ChatRef chat, Instant at, String account, MemberRef member,
                       MemberRef invitedBy) implements Event {}

    /** {@code removedBy} is null when the member left on their own. */
    record MemberLeft(EventKey key, ChatRef chat, Instant at, String account, MemberRef member,
                      MemberRef removedBy) implements Event {}

    /** An inline button was pressed. {@code callbackId} is what the platform wants answered. */
    record ButtonPressed(EventKey key, ChatRef chat, Instant at, String account, MemberRef member,
                         String messageId, String data, String callbackId) implements Event {}

    /** Someone asked to join; {@code requestId} is what approving or declining needs. */
    record JoinRequested(EventKey key, ChatRef chat, Instant at, String account, MemberRef member,
                         String requestId, String comment) implements Event {}

    /** A message was deleted or recalled on the platform itself. */
    record MessageRemoved(EventKey key, ChatRef chat, Instant at, String account, String messageId,
                          MemberRef removedBy) implements Event {}

    /**
     * The platform's own line in the chat ("X joined the group", "X left"), which a group may
     * want removed. {@code about} is join or leave.
     */
    record ServiceMessage(EventKey key, ChatRef chat, Instant at, String account, String messageId, String about) implements Event {}

    /** A member became an admin, stopped being one, or had their admin rights changed. */
    record AdminsChanged(EventKey key, ChatRef chat, Instant at, String account, MemberRef member) implements Event {}

    /** A chat moved to a new id (Telegram group upgraded to a supergroup). */
    record ChatMigrated(EventKey key, ChatRef chat, Instant at, String account, ChatRef to) implements Event {}

    /**
     * A member may now take part: they joined and no gatekeeper stopped the join, or they
     * passed verification later. Never from a platform: the pipeline derives it (from a
     * {@link MemberJoined} that no feature stopped) or a feature emits it (verification
     * passed), in the same transaction as the event it came from. The welcome listens to it.
     */
    record MemberAdmitted(EventKey key, ChatRef chat, Instant at, String account, MemberRef member) implements Event {}

    /**
     * Points were earned, spent, clawed back or granted in a chat's ledger. Never from a platform:
     * the feature that gives or takes points (check-in, quiz, highlight, invite, lottery, an
     * operator's grant) emits it, and the points feature appends it to the ledger in the same
     * transaction. {@code delta} is signed (spend and claw-back are negative); {@code source}
     * names what caused it ("quiz:12", "checkin:2026-12-01", "highlight:tech#456") so one
     * cause is recorded once: the ledger ignores a second entry with the same source and member.
     */
    record PointsChanged(EventKey key, ChatRef chat, Instant at, String account, MemberRef member,
                         long delta, PointsKind kind, String reason, String source) implements Event {}

    /**
     * The content calendar (or an operator's /post now) asks a feature to post in a chat:
     * {@code trigger} names what ("quiz", "lottery", "poll", "rules", "recap", "digest"),
     * {@code argument} is the entry's setting for it (a bank name, a lottery line) or null,
     * {@code persona} who should speak, {@code late} true when the run was missed while the bot
     * was down and is made now (the post says so). The feature owning that trigger answers it.
     */
    record Triggered(EventKey key, ChatRef chat, Instant at, String account, String trigger, String argument,
                     PersonaRole persona, boolean late) implements Event {}

    /**
     * A fact for the digests that is not in the activity log: a check-in, a quiz answer, a
     * lottery entry, a question answered after {@code value} seconds. Emitted by the feature
     * where it happened; the reports feature tallies it per chat and day. {@code member} may be
     * null; {@code detail} is free text the digest may list (a feedback's text) or null.
     */
    record Counted(EventKey key, ChatRef chat, Instant at, String account, MemberRef member,
                   Tally tally, long value, String detail) implements Event {}

    /** The member, whichever kind of event this is, or null. */
    static MemberRef actor(Event e) {
        if (e instanceof MessagePosted m) return m.author();
        if (e instanceof MemberJoined j) return j.member();
        if (e instanceof MemberLeft l) return l.member();
        if (e instanceof ButtonPressed b) return b.member();
        if (e instanceof JoinRequested r) return r.member();
        if (e instanceof AdminsChanged a) return a.member();
        if (e instanceof MemberAdmitted a) return a.member();
        if (e instanceof PointsChanged p) return p.member();
        if (e instanceof Counted c) return c.member();
        return null;
    }
}
