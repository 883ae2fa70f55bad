package qunzhu.features.moderation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import qunzhu.config.Strategy;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.core.Role;
import qunzhu.feature.Arg;
import qunzhu.feature.CommandCall;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.Right;
import qunzhu.feature.Setup;
import qunzhu.feature.UsageException;

/**
 * The punishing commands: /warn /warns /unwarn /resetwarns /mute /unmute /kick /ban /unban
 * /del /purge. Reasons: /kick and /ban need one (they remove a person, the case file must
 * say why); /mute, /warn and /del fall back to "no reason given".
 */
final class ModCommands {
    private final Setup services;
    private final ModerationStore store;
    private final Targets targets;
    private final Enforcer enforcer;
    private final SharedBans shared;

    ModCommands(Setup services, ModerationStore store, Targets targets, Enforcer enforcer, SharedBans shared) {
        this.services = services;
        this.store = store;
        this.targets = targets;
        this.enforcer = enforcer;
        this.shared = shared;
    }

    void install(Setup s) {
        Arg target = Arg.member("target").missing("moderation.need_target");
        Arg reason = Arg.text("reason").optional();
        Arg neededReason = Arg.text("reason").missing("moderation.need_reason");
        Arg length = Arg.duration("length").optional();
        // /warn is open to trusted members of layered groups too.
        s.command(CommandSpec.of("warn").alias("警告").moderator().groupOnly()
                .alsoAllowed((m, ctx) -> ctx.group() != null && ctx.group().strategy() == Strategy.LAYERED
                        && ModerationFeature.trusted(ModerationFeature.policy(ctx), m.chat(), m.author()), "moderation.warn_denied")
                .arg(target).arg(reason).handler(this::warn));
        s.command(CommandSpec.of("warns").groupOnly().arg(Arg.member("target").optional()).handler(this::warns));
        s.command(CommandSpec.of("unwarn").moderator().groupOnly().arg(target).handler(this::unwarn));
        s.command(CommandSpec.of("resetwarns").moderator().groupOnly().arg(target).handler(this::resetwarns));
        s.command(CommandSpec.of("mute").alias("禁言").moderator().groupOnly().caller(Right.RESTRICT_MEMBERS).bot(Right.RESTRICT_MEMBERS)
                .arg(target).arg(length).arg(reason).handler(this::mute));
        s.command(CommandSpec.of("unmute").alias("解除禁言").moderator().groupOnly().caller(Right.RESTRICT_MEMBERS).bot(Right.RESTRICT_MEMBERS)
                .arg(target).handler(c -> lift(c, "mute")));
        s.command(CommandSpec.of("kick").alias("踢出").moderator().groupOnly().caller(Right.BAN_MEMBERS).bot(Right.BAN_MEMBERS)
                .arg(target).arg(neededReason).handler(this::kick));
        s.command(CommandSpec.of("ban").alias("封禁").moderator().groupOnly().caller(Right.BAN_MEMBERS).bot(Right.BAN_MEMBERS)
                .arg(target).arg(length).arg(neededReason).handler(this::ban));
        s.command(CommandSpec.of("unban").alias("解封").moderator().groupOnly().caller(Right.BAN_MEMBERS).bot(Right.BAN_MEMBERS)
                .arg(target).handler(c -> lift(c, "ban")));
        s.command(CommandSpec.of("del").moderator().groupOnly().caller(Right.DELETE_MESSAGES).bot(Right.DELETE_MESSAGES)
                .arg(reason).handler(this::del));
        s.command(CommandSpec.of("purge").moderator().groupOnly().caller(Right.DELETE_MESSAGES).bot(Right.DELETE_MESSAGES)
                .arg(Arg.integer("count")).handler(this::purge));
    }

    private String reason(CommandCall call) {
        String r = call.args().text("reason");
        return r.isEmpty() ? call.ctx().text("moderation.no_reason") : r;
    }

    private Enforcer.Request request(CommandCall call, MemberRef target, Verdict.Kind kind, Duration length, String reason) {
        return new Enforcer.Request(call.message().chat(), target, kind, length, reason, null, null, null, call.caller());
    }

    /** Why the target may not be punished (staff, owner, the caller), or null. */
    private String refusal(CommandCall call) {
        return targets.protectedTarget(call, call.args().member("target"));
    }

    private List<Action> warn(CommandCall call) {
        String refusal = refusal(call);
        if (refusal != null) return List.of(call.reply(refusal));
        MemberRef who = call.args().member("target");
        return enforcer.apply(request(call, who, Verdict.Kind.WARN, null, reason(call)), call.ctx(), ModerationFeature.policy(call.ctx()));
    }

    private List<Action> warns(CommandCall call) {
        MemberRef who = call.args().member("target") != null ? call.args().member("target") : call.caller();
        List<String> active = store.activeWarns(call.message().chat(), who.id(), call.ctx().now());
        if (active.isEmpty()) return List.of(call.reply(call.ctx().text("moderation.warns_none", "name", who.name())));
        List<String> lines = new ArrayList<>();
        lines.add(call.ctx().text("moderation.warns_header", "name", who.name(), "count", active.size()));
        for (int i = 0; i < active.size(); i++) lines.add((i + 1) + ". " + active.get(i));
        return List.of(call.reply(String.join("\n", lines)));
    }

    private List<Action> unwarn(CommandCall call) {
        MemberRef who = call.args().member("target");
        boolean removed = store.removeLastWarn(call.message().chat(), who.id(), call.ctx().now());
        int left = store.activeWarns(call.message().chat(), who.id(), call.ctx().now()).size();
        return List.of(call.reply(call.ctx().text(removed ? "moderation.unwarned" : "moderation.warns_none", "name", who.name(), "count", left)));
    }

    private List<Action> resetwarns(CommandCall call) {
        MemberRef who = call.args().member("target");
        store.resetWarns(call.message().chat(), who.id());
        return List.of(call.reply(call.ctx().text("moderation.warns_reset", "name", who.name())));
    }

    /** No length means for good. */
    private List<Action> mute(CommandCall call) {
        String refusal = refusal(call);
        if (refusal != null) return List.of(call.reply(refusal));
        return enforcer.apply(request(call, call.args().member("target"), Verdict.Kind.MUTE, call.args().duration("length"), reason(call)),
                call.ctx(), ModerationFeature.policy(call.ctx()));
    }

    private List<Action> kick(CommandCall call) {
        String refusal = refusal(call);
        if (refusal != null) return List.of(call.reply(refusal));
        return enforcer.apply(request(call, call.args().member("target"), Verdict.Kind.KICK, null, call.args().text("reason")),
                call.ctx(), ModerationFeature.policy(call.ctx()));
    }

    private List<Action> ban(CommandCall call) {
        String refusal = refusal(call);
        if (refusal != null) return List.of(call.reply(refusal));
        MemberRef target = call.args().member("target");
        Duration length = call.args().duration("length");
        String reason = call.args().text("reason");
        List<Action> out = new ArrayList<>(enforcer.apply(request(call, target, Verdict.Kind.BAN, length, reason),
                call.ctx(), ModerationFeature.policy(call.ctx())));
        if (length == null) out.addAll(shared.fromGroupBan(call.ctx(), target, call.caller(), reason));
        return out;
    }

    private List<Action> lift(CommandCall call, String kind) {
        MemberRef target = call.args().member("target");
        ChatRef chat = call.message().chat();
        enforcer.lift(chat, target.id(), kind);
        Action a = kind.equals("mute") ? new Action.Unmute(chat, target) : new Action.Unban(chat, target);
        return List.of(a, call.reply("moderator", call.ctx().text("moderation.lifted." + kind, "name", target.name())));
    }

    private List<Action> del(CommandCall call) {
        String replyTo = call.message().replyToId();
        MemberRef author = call.message().replyToAuthor();
        if (replyTo == null || author == null) throw new UsageException(call.ctx().text("moderation.need_reply"));
        String refusal = targets.protectedTarget(call, author);
        if (refusal != null) return List.of(call.reply(refusal));
        ChatRef chat = call.message().chat();
        List<Action> out = new ArrayList<>(enforcer.apply(new Enforcer.Request(chat, author, Verdict.Kind.DELETE, null,
                reason(call), null, store.messageText(chat, replyTo), replyTo, call.caller()), call.ctx(), ModerationFeature.policy(call.ctx())));
        out.add(new Action.Delete(chat, call.message().messageId(), "/del"));
        return out;
    }

    private List<Action> purge(CommandCall call) {
        int n = call.args().integer("count");
        if (n < 1 || n > 100) throw new UsageException(call.ctx().text("moderation.purge_range"));
        ChatRef chat = call.message().chat();
        List<Action> out = new ArrayList<>();
        int kept = 0;
        List<String> ids = new ArrayList<>();
        for (ModerationStore.Posted m : store.lastMessages(chat, n, call.message().messageId())) {
            if (staff(call, m)) kept++;
            else ids.add(m.messageId());
        }
        List<String> gone = new ArrayList<>(ids);
        gone.add(call.message().messageId());
        out.add(new Action.DeleteMany(chat, gone, "/purge"));
        String said = call.ctx().text("moderation.purged", "count", ids.size());
        if (kept > 0) said += " " + call.ctx().text("moderation.purge_kept", "kept", kept);
        CaseFile c = store.addCase(CaseFile.open(chat, call.ctx().now(), "purge").by(call.caller()).reason(said).build());
        out.add(Action.Send.of(chat, "moderator", said).deletingAfter(Duration.ofMinutes(1)));
        out.addAll(enforcer.log(call.ctx(), c, null));
        return out;
    }

    /** Messages /purge leaves alone, as nobody may act on them: moderators', admins', operators', our bot accounts'. */
    private boolean staff(CommandCall call, ModerationStore.Posted m) {
        ChatRef chat = call.message().chat();
        return m.sentAsChat() || services.accounts().isOwnAccount(chat.platform(), m.author().id())
                || services.roles().confirmed(chat, m.author()).atLeast(Role.MODERATOR);
    }
}
