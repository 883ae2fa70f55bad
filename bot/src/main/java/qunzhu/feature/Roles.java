package qunzhu.feature;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.List;
import qunzhu.config.BotConfig;
import qunzhu.config.GroupConfig;
import qunzhu.core.Admin;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.core.Role;

/**
 * Who is what, asked on every command: operators are listed in config; moderators are the
 * platform's admins of that chat (cached briefly, so a demoted admin loses rights within
 * the TTL) or listed in the group's config; everyone else is a member.
 */
public final class Roles {
    private final BotConfig config;
    private final Accounts accounts;
    private final Cache<ChatRef, List<Admin>> admins;

    public Roles(BotConfig config, Accounts accounts, Duration adminTtl) {
        this.config = config;
        this.accounts = accounts;
        this.admins = Caffeine.newBuilder().expireAfterWrite(adminTtl).maximumSize(100_000).build();
    }

    public Role of(ChatRef chat, MemberRef member) {
        if (member == null) return Role.MEMBER;
        String id = (chat == null ? "" : chat.platform()) + ":" + member.id();
        if (config.operators().contains(id)) return Role.OPERATOR;
        if (chat == null) return Role.MEMBER;
        // Posted on behalf of the chat itself: only its admins can do that (Telegram's
        // anonymous admins arrive with the group as sender).
        if (member.id().equals(chat.id())) return Role.MODERATOR;
        GroupConfig g = config.group(chat);
        if (g != null && g.moderators().contains(id)) return Role.MODERATOR;
        return admin(chat, member) != null ? Role.MODERATOR : Role.MEMBER;
    }

    /** The member's platform admin entry in that chat, or null. */
    public Admin admin(ChatRef chat, MemberRef member) {
        for (Admin a : admins(chat)) if (a.memberId().equals(member.id())) return a;
        return null;
    }

    public List<Admin> admins(ChatRef chat) {
        return admins.get(chat, accounts::admins);
    }

    /** Forget cached admins of a chat (after a promote/demote event). */
    public void invalidate(ChatRef chat) { admins.invalidate(chat); }
}
