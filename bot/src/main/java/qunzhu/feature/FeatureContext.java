package qunzhu.feature;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import qunzhu.config.GroupConfig;
import qunzhu.core.Capabilities;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.MemberRef;
import qunzhu.core.Role;

/**
 * Per event (or job): the chat's config, its locale's texts, roles, a way to stop the event
 * and a way to emit a follow-up event the spine carries to every feature ({@link #emit}).
 */
public final class FeatureContext {
    private final Services services;
    private final ChatRef chat;
    private final GroupConfig group;
    private boolean stopped;
    private final List<Event> emitted = new ArrayList<>();

    public FeatureContext(Services services, ChatRef chat) {
        this.services = services;
        this.chat = chat;
        this.group = chat == null ? null : services.group(chat);
    }

    public ChatRef chat() { return chat; }
    /** The configured group, or null for a chat the config does not name. */
    public GroupConfig group() { return group; }
    public Clock clock() { return services.clock(); }
    public Instant now() { return services.clock().instant(); }
    public ZoneId zone() { return services.config().zone(); }

    public String locale() { return group != null ? group.locale() : services.config().locale(); }

    /** A length in words in this chat's locale ("10 分钟", "4 seconds"); null is "永久" / "permanently". */
    public String duration(java.time.Duration d) { return words().duration(d, locale()); }

    /** When something ends, in the bot's zone and this chat's locale ("15:07", "明天 09:00"); null is "永久". */
    public String time(Instant end) { return words().at(end, now(), locale()); }

    private qunzhu.text.TimeWords words() { return new qunzhu.text.TimeWords(services.texts(), zone()); }

    /** A template from this chat's locale, filled with name, value pairs. */
    public String text(String key, Object... vars) { return services.texts().format(locale(), key, vars); }

    /**
     * A template as {@code speaker} says it in this chat: the persona's voice overrides the
     * template where it has its own version (greeting style, emoji, signature), otherwise this
     * is {@link #text(String, Object...)}. Features use it for whatever a persona posts.
     */
    public String text(qunzhu.core.PersonaRole speaker, String key, Object... vars) { return text(key, vars); }

    /** The member's role with the admins known now; never waits. */
    public Role roleOf(MemberRef member) { return services.roles().of(chat, member); }

    /** The author's role (a message sent on behalf of the chat is a moderator's); never waits. */
    public Role roleOf(Event.MessagePosted m) { return services.roles().of(m); }

    /** The member's role for a decision that grants rights: may wait briefly for a cold chat's admins. */
    public Role confirmedRoleOf(MemberRef member) { return services.roles().confirmed(chat, member); }

    /** The author's role for a decision that grants rights (a moderator command). */
    public Role confirmedRoleOf(Event.MessagePosted m) { return services.roles().confirmed(m); }

    public Capabilities capabilities() { return services.accounts().capabilities(chat); }

    public String groupTitle() { return group != null ? group.title() : chat.id(); }

    /** Later features will not see this event (a deleted spam message runs no command). */
    public void stop() { stopped = true; }
    public boolean stopped() { return stopped; }

    /**
     * A follow-up fact for the other features ({@link Event.MemberAdmitted} after verification):
     * the pipeline hands it to every feature's handlers after this event, in the same transaction.
     * Not logged as an event of its own: a replay of this event derives it again.
     */
    public void emit(Event event) { emitted.add(event); }

    /** What handlers emitted while handling this event (the pipeline reads it). */
    public List<Event> emitted() { return List.copyOf(emitted); }
}
