package qunzhu.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Something the bot wants done in a chat. Features return these; only the outbox hands them
 * to a platform. Each record validates itself so a bad action fails where it is made.
 */
public sealed interface Action {
    /** Each action class's kind, worked out once (the outbox asks for it per queued item at every look). */
    final class Kinds {
        private Kinds() {}

        static final ClassValue<String> OF = new ClassValue<>() {
            @Override protected String computeValue(Class<?> type) { return type.getSimpleName().toLowerCase(java.util.Locale.ROOT); }
        };
    }

    ChatRef chat();

    default Priority priority() { return Priority.REPLY; }

    /** Moderation actions are shown to operators and get a plain-words report when refused. */
    default boolean moderation() { return priority() == Priority.MODERATION; }

    /** Short name used in logs, capabilities and templates: "send", "mute", ... */
    default String kind() { return Kinds.OF.get(getClass()); }

    /** Who hears of the final outcome as a job (see {@link FollowUp}); null: nobody. */
    default FollowUp followUp() { return null; }

    /**
     * A message from the bot. {@code persona} is the role of the account that should speak
     * (host, moderator, quizmaster, reporter); {@code deleteAfter} removes it again later.
     * {@code pin} pins it once sent (where the platform can); {@code ref}, when set, keeps the
     * sent message's id in the kv table under {@code "sent." + ref} so the feature can edit or
     * delete it later (a verification prompt removed once the member passed).
     */
    record Send(ChatRef chat, PersonaRole persona, String text, String replyTo, List<Button> buttons,
                Duration deleteAfter, Priority priority, boolean pin, String ref, FollowUp followUp) implements Action {
        public Send {
            Objects.requireNonNull(chat, "chat");
            persona = persona == null ? PersonaRole.HOST : persona;
            if (text == null || text.isBlank()) throw new IllegalArgumentException("message text must not be empty");
            buttons = buttons == null ? List.of() : List.copyOf(buttons);
            priority = priority == null ? Priority.REPLY : priority;
        }

        public Send(ChatRef chat, PersonaRole persona, String text, String replyTo, List<Button> buttons,
                    Duration deleteAfter, Priority priority, boolean pin, String ref) {
            this(chat, persona, text, replyTo, buttons, deleteAfter, priority, pin, ref, null);
        }

        public Send(ChatRef chat, PersonaRole persona, String text, String replyTo, List<Button> buttons,
                    Duration deleteAfter, Priority priority) {
            this(chat, persona, text, replyTo, buttons, deleteAfter, priority, false, null, null);
        }

        public static Send of(ChatRef chat, PersonaRole persona, String text) {
            return new Send(chat, persona, text, null, List.of(), null, Priority.REPLY);
        }

        /** {@code persona} by its role name: "host", "moderator", or a custom role of the config. */
        public static Send of(ChatRef chat, String persona, String text) { return of(chat, PersonaRole.of(persona), text); }

        public Send replyingTo(String messageId) {
            return new Send(chat, persona, text, messageId, buttons, deleteAfter, priority, pin, ref, followUp);
        }

        public Send withButtons(List<Button> b) { return new Send(chat, persona, text, replyTo, b, deleteAfter, priority, pin, ref, followUp); }

        public Send deletingAfter(Duration d) { return new Send(chat, persona, text, replyTo, buttons, d, priority, pin, ref, followUp); }

        public Send withPriority(Priority p) { return new Send(chat, persona, text, replyTo, buttons, deleteAfter, p, pin, ref, followUp); }

        public Send pinned() { return new Send(chat, persona, text, replyTo, buttons, deleteAfter, priority, true, ref, followUp); }

        public Send withRef(String r) { return new Send(chat, persona, text, replyTo, buttons, deleteAfter, priority, pin, r, followUp); }

        /** Its final outcome is told to {@code f}'s feature as a job (a broadcast counts what went out). */
        public Send then(FollowUp f) { return new Send(chat, persona, text, replyTo, buttons, deleteAfter, priority, pin, ref, f); }
    }

    /** A picture with a caption (digest charts). */
    record SendPhoto(ChatRef chat, PersonaRole persona, byte[] png, String caption) implements Action {
        public SendPhoto {
            if (png == null || png.length == 0) throw new IllegalArgumentException("photo must not be empty");
            persona = persona == null ? PersonaRole.REPORTER : persona;
        }

        public SendPhoto(ChatRef chat, String persona, byte[] png, String caption) { this(chat, PersonaRole.of(persona), png, caption); }
        @Override public Priority priority() { return Priority.CHATTER; }
    }

    record Edit(ChatRef chat, String messageId, String text, List<Button> buttons) implements Action {
        public Edit { buttons = buttons == null ? List.of() : List.copyOf(buttons); }
    }

    record Delete(ChatRef chat, String messageId, String reason) implements Action {
        @Override public Priority priority() { return Priority.MODERATION; }
    }

    /**
     * Several messages of one chat deleted at once (a flood burst, an ad wave, a /purge): one
     * deleteMessages call on Telegram (up to 100 ids a call), single deletes elsewhere. Messages
     * already gone are skipped, not failures.
     */
    record DeleteMany(ChatRef chat, List<String> messageIds, String reason) implements Action {
        public DeleteMany {
            Objects.requireNonNull(chat, "chat");
            messageIds = List.copyOf(new java.util.LinkedHashSet<>(messageIds));
            if (messageIds.isEmpty()) throw new IllegalArgumentException("no messages to delete");
        }
        @Override public Priority priority() { return Priority.MODERATION; }
    }

    /** Mute for {@code length}; a null length mutes until lifted. */
    record Mute(ChatRef chat, MemberRef member, Duration length, String reason, FollowUp followUp) implements Action {
        public Mute {
            if (length != null && (length.isNegative() || length.isZero())) {
                throw new IllegalArgumentException("mute length must be positive, got " + length);
            }
        }
        public Mute(ChatRef chat, MemberRef member, Duration length, String reason) { this(chat, member, length, reason, null); }
        public Mute then(FollowUp f) { return new Mute(chat, member, length, reason, f); }
        @Override public Priority priority() { return Priority.MODERATION; }
    }

    record Unmute(ChatRef chat, MemberRef member) implements Action {
        @Override public Priority priority() { return Priority.MODERATION; }
    }

    /** Remove the member; they may join again. */
    record Kick(ChatRef chat, MemberRef member, String reason, FollowUp followUp) implements Action {
        public Kick(ChatRef chat, MemberRef member, String reason) { this(chat, member, reason, null); }
        public Kick then(FollowUp f) { return new Kick(chat, member, reason, f); }
        @Override public Priority priority() { return Priority.MODERATION; }
    }

    /** Remove and keep out; a null length is forever. */
    record Ban(ChatRef chat, MemberRef member, Duration length, String reason, FollowUp followUp) implements Action {
        public Ban(ChatRef chat, MemberRef member, Duration length, String reason) { this(chat, member, length, reason, null); }
        public Ban then(FollowUp f) { return new Ban(chat, member, length, reason, f); }
        @Override public Priority priority() { return Priority.MODERATION; }
    }

    record Unban(ChatRef chat, MemberRef member) implements Action {
        @Override public Priority priority() { return Priority.MODERATION; }
    }

    record Pin(ChatRef chat, String messageId) implements Action {}

    record ApproveJoin(ChatRef chat, MemberRef member, String requestId) implements Action {
        @Override public Priority priority() { return Priority.MODERATION; }
    }

    record DeclineJoin(ChatRef chat, MemberRef member, String requestId, String reason) implements Action {
        @Override public Priority priority() { return Priority.MODERATION; }
    }

    /**
     * A join link of the chat made for {@code member}, sent as {@code text} with {@code {link}}
     * replaced by it: whoever joins through the link is reported with {@code member} as the one
     * who invited them ({@link Event.MemberJoined#invitedBy}). Telegram: createChatInviteLink
     * named for the member, then sendMessage. Platforms without such links do not list it.
     */
    record SendInviteLink(ChatRef chat, PersonaRole persona, MemberRef member, String text, String replyTo) implements Action {
        public SendInviteLink {
            Objects.requireNonNull(chat, "chat");
            Objects.requireNonNull(member, "member");
            persona = persona == null ? PersonaRole.HOST : persona;
            if (text == null || !text.contains("{link}")) throw new IllegalArgumentException("the text must say where the {link} goes");
        }
    }

    /** Answer a button press so the client stops its spinner; goes through {@code account}. */
    record AnswerButton(ChatRef chat, String account, String callbackId, String text) implements Action {}
}
