package qunzhu.features.moderation;

import qunzhu.core.Admin;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.core.Role;
import qunzhu.feature.CommandCall;
import qunzhu.feature.Setup;

/**
 * Whether a moderator command may act on its target (the router has already resolved the
 * member and refused our own accounts and personas, and checked the caller's platform
 * rights): never against the caller, the owner or staff, nor our own bot accounts.
 */
final class Targets {
    private final Setup services;

    Targets(Setup services) { this.services = services; }

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
}
