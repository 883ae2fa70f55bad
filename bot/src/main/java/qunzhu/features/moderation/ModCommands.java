package qunzhu.features.moderation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import qunzhu.command.Command;
import qunzhu.command.CommandCall;
import qunzhu.command.UsageException;
import qunzhu.config.ConfigNode;
import qunzhu.config.Strategy;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.core.Role;
import qunzhu.feature.FeatureContext;

/**
 * The punishing commands: /warn /warns /unwarn /resetwarns /mute /unmute /kick /ban /unban
 * /del /purge. Reasons: /kick and /ban need one (they remove a person, the case file must
 * say why); /mute, /warn and /del fall back to "no reason given".
 */
final class ModCommands {
    private final ModerationFeature feature;
    private final ModerationStore store;
    private final Targets targets;
    private final Enforcer enforcer;
    private final SharedBans shared;

    ModCommands(ModerationFeature feature, ModerationStore store, Targets targets, Enforcer enforcer, SharedBans shared) {
        this.feature = feature;
        this.store = store;
        this.targets = targets;
        this.enforcer = enforcer;
        this.shared = shared;
    }

    List<Command> commands(String ns) {
        return List.of(
                new Command("warn", List.of("警告"), Role.MEMBER, true, ns, this::warn),
                new Command("warns", List.of(), Role.MEMBER, true, ns, this::warns),
                new Command("unwarn", List.of(), Role.MODERATOR, true, ns, this::unwarn),
                new Command("resetwarns", List.of(), Role.MODERATOR, true, ns, this::resetwarns),
                new Command("mute", List.of("禁言"), Role.MODERATOR, true, ns, this::mute),
                new Command("unmute", List.of("解除禁言"), Role.MODERATOR, true, ns, c -> lift(c, "mute")),
                new Command("kick", List.of("踢出"), Role.MODERATOR, true, ns, this::kick),
                new Command("ban", List.of("封禁"), Role.MODERATOR, true, ns, this::ban),
                new Command("unban", List.of("解封"), Role.MODERATOR, true, ns, c -> lift(c, "ban")),
                new Command("del", List.of(), Role.MODERATOR, true, ns, this::del),
                new Command("purge", List.of(), Role.MODERATOR, true, ns, this::purge));
    }

    private String reason(CommandCall call, List<String> words, boolean required) {
        String r = String.join(" ", words).strip();
        if (!r.isEmpty()) return r;
        if (required) throw new UsageException(call.ctx().text("moderation.need_reason"));
        return call.ctx().text("moderation.no_reason");
    }

    private Enforcer.Request request(CommandCall call, MemberRef target, Verdict.Kind kind, Duration length, String reason) {
        return new Enforcer.Request(call.message().chat(), target, kind, length, reason, null, null, null, call.caller());
    }

    private List<Action> warn(CommandCall call) {
        FeatureContext ctx = call.ctx();
        ModerationConfig p = feature.policy(ctx);
        boolean trusted = ctx.group().strategy() == Strategy.LAYERED && feature.trusted(p, call.message().chat(), call.caller());
        // /warn is open to members (trusted ones may warn): a moderator's role is confirmed here.
        boolean moderator = call.role().atLeast(Role.MODERATOR) || ctx.confirmedRoleOf(call.message()).atLeast(Role.MODERATOR);
        if (!moderator && !trusted) return List.of(call.reply(ctx.text("moderation.warn_denied")));
        Targets.Target t = targets.resolve(call);
        String refusal = targets.protectedTarget(call, t.member());
        if (refusal != null) return List.of(call.reply(refusal));
        return enforcer.apply(request(call, t.member(), Verdict.Kind.WARN, null, reason(call, t.rest(), false)), ctx, p);
    }

    private List<Action> warns(CommandCall call) {
        MemberRef who = call.message().replyToAuthor() != null || !call.args().isEmpty() ? targets.resolve(call).member() : call.caller();
        List<String> active = store.activeWarns(call.message().chat(), who.id(), call.ctx().now());
        if (active.isEmpty()) return List.of(call.reply(call.ctx().text("moderation.warns_none", "name", who.name())));
        List<String> lines = new ArrayList<>();
        lines.add(call.ctx().text("moderation.warns_header", "name", who.name(), "count", active.size()));
        for (int i = 0; i < active.size(); i++) lines.add((i + 1) + ". " + active.get(i));
        return List.of(call.reply(String.join("\n", lines)));
    }

    private List<Action> unwarn(CommandCall call) {
        MemberRef who = targets.resolve(call).member();
        boolean removed = store.removeLastWarn(call.message().chat(), who.id(), call.ctx().now());
        int left = store.activeWarns(call.message().chat(), who.id(), call.ctx().now()).size();
        return List.of(call.reply(call.ctx().text(removed ? "moderation.unwarned" : "moderation.warns_none", "name", who.name(), "count", left)));
    }

    private List<Action> resetwarns(CommandCall call) {
        MemberRef who = targets.resolve(call).member();
        store.resetWarns(call.message().chat(), who.id());
        return List.of(call.reply(call.ctx().text("moderation.warns_reset", "name", who.name())));
    }

    private List<Action> mute(CommandCall call) {
        Targets.Target t = targets.resolve(call);
        String refusal = targets.refuse(call, t.member(), "restrict");
        if (refusal != null) return List.of(call.reply(refusal));
        Timed timed = timed(t.rest());
        return enforcer.apply(request(call, t.member(), Verdict.Kind.MUTE, timed.length(), reason(call, timed.rest(), false)),
                call.ctx(), feature.policy(call.ctx()));
    }

    private List<Action> kick(CommandCall call) {
        Targets.Target t = targets.resolve(call);
        String refusal = targets.refuse(call, t.member(), "ban");
        if (refusal != null) return List.of(call.reply(refusal));
        return enforcer.apply(request(call, t.member(), Verdict.Kind.KICK, null, reason(call, t.rest(), true)), call.ctx(), feature.policy(call.ctx()));
    }

    private List<Action> ban(CommandCall call) {
        Targets.Target t = targets.resolve(call);
        String refusal = targets.refuse(call, t.member(), "ban");
        if (refusal != null) return List.of(call.reply(refusal));
        Timed timed = timed(t.rest());
        String reason = reason(call, timed.rest(), true);
        List<Action> out = new ArrayList<>(enforcer.apply(request(call, t.member(), Verdict.Kind.BAN, timed.length(), reason),
                call.ctx(), feature.policy(call.ctx())));
        if (timed.length() == null) out.addAll(shared.fromGroupBan(call.ctx(), t.member(), call.caller(), reason));
        return out;
    }

    /** An optional duration first ("10m 刷屏"), then the rest; no duration means for good. */
    private record Timed(Duration length, List<String> rest) {}

    private static Timed timed(List<String> args) {
        Duration length = args.isEmpty() ? null : ConfigNode.parseDuration(args.get(0));
        return new Timed(length, length == null ? args : args.subList(1, args.size()));
    }

    private List<Action> lift(CommandCall call, String kind) {
        Targets.Target t = targets.resolve(call);
        String refusal = targets.missingRight(call, kind.equals("mute") ? "restrict" : "ban");
        if (refusal != null) return List.of(call.reply(refusal));
        ChatRef chat = call.message().chat();
        enforcer.lift(chat, t.member().id(), kind);
        Action a = kind.equals("mute") ? new Action.Unmute(chat, t.member()) : new Action.Unban(chat, t.member());
        return List.of(a, call.reply("moderator", call.ctx().text("moderation.lifted." + kind, "name", t.member().name())));
    }

    private List<Action> del(CommandCall call) {
        String replyTo = call.message().replyToId();
        MemberRef author = call.message().replyToAuthor();
        if (replyTo == null || author == null) throw new UsageException(call.ctx().text("moderation.need_reply"));
        String refusal = targets.refuse(call, author, "delete");
        if (refusal != null) return List.of(call.reply(refusal));
        ChatRef chat = call.message().chat();
        List<Action> out = new ArrayList<>(enforcer.apply(new Enforcer.Request(chat, author, Verdict.Kind.DELETE, null,
                reason(call, call.args(), false), null, store.messageText(chat, replyTo), replyTo, call.caller()), call.ctx(), feature.policy(call.ctx())));
        out.add(new Action.Delete(chat, call.message().messageId(), "/del"));
        return out;
    }

    private List<Action> purge(CommandCall call) {
        String refusal = targets.missingRight(call, "delete");
        if (refusal != null) return List.of(call.reply(refusal));
        int n;
        try {
            n = Integer.parseInt(call.args().isEmpty() ? "" : call.args().get(0));
        } catch (NumberFormatException e) {
            throw new UsageException(null);
        }
        if (n < 1 || n > 100) throw new UsageException(call.ctx().text("moderation.purge_range"));
        ChatRef chat = call.message().chat();
        List<Action> out = new ArrayList<>();
        int kept = 0;
        List<String> ids = new ArrayList<>();
        for (ModerationStore.Posted m : store.lastMessages(chat, n, call.message().messageId())) {
            if (staff(call, m)) kept++;
            else ids.add(m.messageId());
        }
        for (String id : ids) out.add(new Action.Delete(chat, id, "/purge"));
        out.add(new Action.Delete(chat, call.message().messageId(), "/purge"));
        String said = call.ctx().text("moderation.purged", "count", ids.size());
        if (kept > 0) said += " " + call.ctx().text("moderation.purge_kept", "kept", kept);
        store.addCase(CaseFile.open(chat, call.ctx().now(), "purge").by(call.caller()).reason(said).build());
        out.add(Action.Send.of(chat, "moderator", said).deletingAfter(Duration.ofMinutes(1)));
        return out;
    }

    /** Messages /purge leaves alone, as nobody may act on them: moderators', admins', operators', our bot accounts'. */
    private static boolean staff(CommandCall call, ModerationStore.Posted m) {
        ChatRef chat = call.message().chat();
        var services = call.ctx().services();
        return m.sentAsChat() || services.accounts().isOwnAccount(chat.platform(), m.author().id())
                || services.roles().confirmed(chat, m.author()).atLeast(Role.MODERATOR);
    }
}
