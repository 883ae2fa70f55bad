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
    public String text(qunzhu.core.PersonaRole speaker, String key, Object... vars) { return textIn(chat, speaker, key, vars); }

    /**
     * A template as {@code speaker} says it in another chat ({@code in}: an announcement to the
     * groups of a profile): that chat's persona and locale. The persona's own locale, when it
     * has one, wins over the group's; its signature line is appended.
     */
    public String textIn(ChatRef in, qunzhu.core.PersonaRole speaker, String key, Object... vars) {
        qunzhu.config.Persona p = services.accounts().speaker(in, speaker);
        String groupLocale = in == null || services.group(in) == null ? services.config().locale() : services.group(in).locale();
        if (p == null) return services.texts().format(groupLocale, key, vars);
        String loc = p.locale() != null ? p.locale() : groupLocale;
        return signed(p, services.texts().format(loc, p.voice(), key, vars));
    }

    /**
     * A part of what {@code speaker} says (a hint filled into a larger template): its locale
     * and voice like {@link #text(qunzhu.core.PersonaRole, String, Object...)}, without the signature.
     */
    public String phrase(qunzhu.core.PersonaRole speaker, String key, Object... vars) {
        qunzhu.config.Persona p = services.accounts().speaker(chat, speaker);
        if (p == null) return text(key, vars);
        return services.texts().format(p.locale() != null ? p.locale() : locale(), p.voice(), key, vars);
    }

    /** {@code text} (not a template: a group's own configured text) with {@code speaker}'s signature line. */
    public String signed(qunzhu.core.PersonaRole speaker, String text) { return signed(services.accounts().speaker(chat, speaker), text); }

    /** True when {@code speaker}'s persona here has its own version of template {@code key}. */
    public boolean voiced(qunzhu.core.PersonaRole speaker, String key) {
        qunzhu.config.Persona p = services.accounts().speaker(chat, speaker);
        return p != null && p.voiced(key) != null;
    }

    private static String signed(qunzhu.config.Persona p, String text) {
        return p == null || p.signature() == null || p.signature().isBlank() ? text : text + "\n" + p.signature();
    }

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
