package qunzhu.features.moderation;

import java.util.List;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.core.Role;
import qunzhu.feature.CommandCall;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.Setup;
import qunzhu.feature.UsageException;

/**
 * Self-governed groups: /votemute (reply) — each member votes once; when {@code quorum}
 * distinct members have voted within {@code window}, the author is muted for {@code mute}.
 * The target's own vote does not count, and staff and our accounts cannot be vote-muted.
 */
final class VoteMute {
    private final Setup services;
    private final ModerationStore store;
    private final Enforcer enforcer;

    VoteMute(Setup services, ModerationStore store, Enforcer enforcer) {
        this.services = services;
        this.store = store;
        this.enforcer = enforcer;
    }

    void install(Setup s) {
        s.command(CommandSpec.of("votemute").alias("投票禁言").groupOnly().handler(this::vote));
    }

    private List<Action> vote(CommandCall call) {
        ModerationConfig p = ModerationFeature.policy(call.ctx());
        ModerationConfig.Voting voting = p.vote();
        if (!voting.enabled()) return List.of(call.reply(call.ctx().text("moderation.vote_off")));
        MemberRef target = call.message().replyToAuthor();
        if (target == null) throw new UsageException(call.ctx().text("moderation.need_reply"));
        ChatRef chat = call.message().chat();
        if (services.accounts().isOwnAccount(chat.platform(), target.id()) || services.roles().of(chat, target).atLeast(Role.MODERATOR)) {
            return List.of(call.reply(call.ctx().text("moderation.refuse_staff", "name", target.name())));
        }
        if (target.equals(call.caller())) return List.of(call.reply(call.ctx().text("moderation.vote_self")));
        long votes = store.vote(chat, target.id(), call.caller().id(), call.ctx().now(), voting.window());
        if (votes < voting.quorum()) {
            return List.of(call.reply(call.ctx().text("moderation.vote_counted", "name", target.name(), "votes", votes, "quorum", voting.quorum())));
        }
        store.clearVotes(chat, target.id());
        return enforcer.apply(new Enforcer.Request(chat, target, Verdict.Kind.MUTE, voting.mute(),
                call.ctx().text("moderation.vote_reason", "votes", votes), ModerationConfig.VOTE_MUTE, store.messageText(chat, call.message().replyToId()),
                null, call.caller()), call.ctx(), p);
    }
}
