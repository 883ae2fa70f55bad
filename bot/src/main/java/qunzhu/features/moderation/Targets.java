package qunzhu.features.moderation;

import java.util.List;
import qunzhu.command.CommandCall;
import qunzhu.command.UsageException;
import qunzhu.core.Admin;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.core.Role;
import qunzhu.feature.Services;

/**
 * Who a moderator command is about (the author of the replied message, or a member id or
 * @name as the first argument) and whether the caller may do it to them: the caller's own
 * platform rights (mute needs restrict, kick and ban need ban, deleting needs delete) and
 * never against staff, the owner or our own bot accounts.
 */
final class Targets {
    /** The member and the arguments after them. */
    record Target(MemberRef member, List<String> rest) {}

    private final Services services;
    private final ModerationStore store;

    Targets(Services services, ModerationStore store) {
        this.services = services;
        this.store = store;
    }

    Target resolve(CommandCall call) {
        MemberRef replied = call.message().replyToAuthor();
        if (replied != null) return new Target(replied, call.args());
        if (call.args().isEmpty()) throw new UsageException(call.ctx().text("moderation.need_target"));
        String raw = call.args().get(0);
        if (qunzhu.config.ConfigNode.parseDuration(raw) != null) throw new UsageException(call.ctx().text("moderation.need_target"));
        String name = raw.startsWith("@") ? raw.substring(1) : raw;
        String platform = call.message().chat().platform();
        String id = store.memberByName(platform, name);
        if (id == null) id = name;
        String known = store.memberName(platform, id);
        return new Target(MemberRef.of(id, known == null ? name : known), call.args().subList(1, call.args().size()));
    }

    /** A refusal line when the caller lacks {@code right} on this platform, else null. */
    String missingRight(CommandCall call, String right) {
        if (right == null || call.role() == Role.OPERATOR) return null;
        Admin a = services.roles().admin(call.message().chat(), call.caller());
        if (a == null || a.may(right)) return null;
        return call.ctx().text("moderation.missing_right", "right", call.ctx().text("moderation.right." + right));
    }

    /** A refusal line when the target may not be acted on, else null. */
    String protectedTarget(CommandCall call, MemberRef target) {
        ChatRef chat = call.message().chat();
        if (services.accounts().isOwnAccount(chat.platform(), target.id())) return call.ctx().text("moderation.refuse_bot");
        if (target.equals(call.caller())) return call.ctx().text("moderation.refuse_self");
        Admin a = services.roles().admin(chat, target);
        if (a != null && a.owner()) return call.ctx().text("moderation.refuse_owner", "name", target.name());
        if (services.roles().confirmed(chat, target).atLeast(Role.MODERATOR)) return call.ctx().text("moderation.refuse_staff", "name", target.name());
        return null;
    }

    /** Both checks; the first refusal or null. */
    String refuse(CommandCall call, MemberRef target, String right) {
        String r = missingRight(call, right);
        return r != null ? r : protectedTarget(call, target);
    }
}
