package qunzhu.features.moderation;

import java.time.Duration;
import java.time.Instant;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;

/**
 * One entry of a group's case file (like Red's modlog): number per group, who acted (null
 * for automatic filters), on whom (null for a /purge), what was done and why, and whether it
 * was undone. A new case is written with {@link #open} and numbered by the store.
 */
public record CaseFile(ChatRef chat, int number, Instant at, Party actor, Party target, Deed deed, Undo undo) {
    /** A member as the case names them. */
    public record Party(String id, String name) {
        static Party of(MemberRef m) { return m == null ? null : new Party(m.id(), m.name()); }
    }

    /**
     * What was done: the action's key (mute, ban, purge ...), for how long (null: for good or
     * not timed), the reason shown, the rule that matched (null for a command), the message
     * text as it was and its id.
     */
    public record Deed(String action, Duration length, String reason, String rule, String evidence, String messageId) {}

    /** When and by whom a case was undone. */
    public record Undo(Instant at, String by) {}

    public CaseFile {
        java.util.Objects.requireNonNull(deed, "deed");
    }

    /** A new, unnumbered case of {@code action} in {@code chat}; automatic until {@link Builder#by} names an actor. */
    static Builder open(ChatRef chat, Instant at, String action) { return new Builder(chat, at, action); }

    /** The same case under the number the store gave it. */
    CaseFile numbered(int n) { return new CaseFile(chat, n, at, actor, target, deed, undo); }

    public boolean automatic() { return actor == null; }
    public boolean undone() { return undo != null; }
    public String actorId() { return actor == null ? null : actor.id(); }
    public String actorName() { return actor == null ? null : actor.name(); }
    public String targetId() { return target == null ? null : target.id(); }
    public String targetName() { return target == null ? null : target.name(); }
    public String action() { return deed.action(); }
    public Duration length() { return deed.length(); }
    public String reason() { return deed.reason(); }
    public String rule() { return deed.rule(); }
    public String evidence() { return deed.evidence(); }
    public String messageId() { return deed.messageId(); }
    public Instant undoneAt() { return undo == null ? null : undo.at(); }
    public String undoneBy() { return undo == null ? null : undo.by(); }

    /** Names each part of a new case. */
    static final class Builder {
        private final ChatRef chat;
        private final Instant at;
        private final String action;
        private Party actor;
        private Party target;
        private Duration length;
        private String reason;
        private String rule;
        private String evidence;
        private String messageId;

        private Builder(ChatRef chat, Instant at, String action) {
            this.chat = chat;
            this.at = at;
            this.action = action;
        }

        /** The moderator or operator who acted; null (the default) for an automatic case. */
        Builder by(MemberRef m) { actor = Party.of(m); return this; }
        Builder by(Party p) { actor = p; return this; }
        Builder on(MemberRef m) { target = Party.of(m); return this; }
        Builder on(Party p) { target = p; return this; }
        Builder length(Duration d) { length = d; return this; }
        Builder reason(String r) { reason = r; return this; }
        Builder rule(String r) { rule = r; return this; }
        /** The message acted on: its text as it was and its id. */
        Builder message(String text, String id) { evidence = text; messageId = id; return this; }

        CaseFile build() {
            return new CaseFile(chat, 0, at, actor, target, new Deed(action, length, reason, rule, evidence, messageId), null);
        }
    }
}
