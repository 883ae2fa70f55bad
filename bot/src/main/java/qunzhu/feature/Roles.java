package qunzhu.feature;

import java.util.List;
import qunzhu.config.BotConfig;
import qunzhu.config.GroupConfig;
import qunzhu.core.Admin;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.MemberRef;
import qunzhu.core.Role;

/**
 * Who is what, asked on every command: operators are listed in config; moderators are listed
 * in the group's config or are the platform's admins of that chat (from the
 * {@link AdminDirectory}); everyone else is a member. Config roles never need the platform.
 *
 * <p>Nothing here grants a role on a guess: a chat whose admins could not be read has no
 * admins, and a member whose id merely equals the chat id is a member. Only a message the
 * platform marks as sent on behalf of the chat ({@link Event.MessagePosted#sentAsChat}, a
 * Telegram anonymous admin) counts as a moderator's.
 *
 * <p>{@link #of} never waits. {@link #confirmed} is for decisions that grant rights (a
 * moderator command, protecting a target): it may wait briefly for a chat's first admin list
 * (see {@link AdminDirectory#confirmed}).
 */
public final class Roles {
    private final BotConfig config;
    private final AdminDirectory directory;

    private final java.util.function.Supplier<qunzhu.config.ChatMoves> moves;

    /** Roles whose group lookups follow no chat moves (tools, tests). */
    public Roles(BotConfig config, AdminDirectory directory) { this(config, directory, () -> qunzhu.config.ChatMoves.NONE); }

    /** {@code moves}: the chat moves known now; a moved group's moderators keep their role under its new id. */
    public Roles(BotConfig config, AdminDirectory directory, java.util.function.Supplier<qunzhu.config.ChatMoves> moves) {
        this.config = config;
        this.directory = directory;
        this.moves = moves;
    }

    public AdminDirectory directory() { return directory; }

    /** The member's role with the admins known now; never waits. */
    public Role of(ChatRef chat, MemberRef member) { return role(chat, member, false); }

    /** The member's role for a decision that grants rights; may wait briefly for a cold chat's admins. */
    public Role confirmed(ChatRef chat, MemberRef member) { return role(chat, member, true); }

    /** The author's role: a message sent on behalf of the chat itself is a moderator's. */
    public Role of(Event.MessagePosted m) { return sentAsChat(m) ? Role.MODERATOR : of(m.chat(), m.author()); }

    /** {@link #of(Event.MessagePosted)} for a decision that grants rights. */
    public Role confirmed(Event.MessagePosted m) { return sentAsChat(m) ? Role.MODERATOR : confirmed(m.chat(), m.author()); }

    private static boolean sentAsChat(Event.MessagePosted m) {
        return m.sentAsChat() && m.author() != null && m.author().id().equals(m.chat().id());
    }

    private Role role(ChatRef chat, MemberRef member, boolean confirm) {
        if (member == null) return Role.MEMBER;
        String id = (chat == null ? "" : chat.platform()) + ":" + member.id();
        if (config.operators().contains(id)) return Role.OPERATOR;
        if (chat == null) return Role.MEMBER;
        GroupConfig g = config.group(chat, moves.get());
        if (g != null && g.moderators().contains(id)) return Role.MODERATOR;
        List<Admin> admins = confirm ? directory.confirmed(chat) : directory.known(chat);
        return find(admins, member) != null ? Role.MODERATOR : Role.MEMBER;
    }

    /** The member's platform admin entry in that chat as known now, or null. */
    public Admin admin(ChatRef chat, MemberRef member) { return find(admins(chat), member); }

    /** The chat's platform admins as known now (empty while not yet read). */
    public List<Admin> admins(ChatRef chat) { return directory.known(chat); }

    /** The chat's admins are out of date: refresh them now. */
    public void invalidate(ChatRef chat) { directory.invalidate(chat); }

    private static Admin find(List<Admin> admins, MemberRef member) {
        for (Admin a : admins) if (a.memberId().equals(member.id())) return a;
        return null;
    }
}
