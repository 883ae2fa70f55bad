package qunzhu.features.moderation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import qunzhu.config.GroupConfig;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.core.Role;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Arg;
import qunzhu.feature.CommandCall;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.Right;
import qunzhu.feature.Setup;

/**
 * Shared ban lists, like Rose's federations. Set "*" is the operators' list (/gban): it
 * applies in every configured group of that platform. A permanent /ban in a group whose
 * profile has {@code share_bans: true} goes on the profile's list and applies in every
 * group of that profile that shares bans. Listed people are banned again when they join.
 */
final class SharedBans {
    static final String GLOBAL = "*";

    private final Setup services;
    private final Enforcer enforcer;

    SharedBans(Setup services, Enforcer enforcer) {
        this.services = services;
        this.enforcer = enforcer;
    }

    void install(Setup s, Targets targets) {
        s.command(CommandSpec.of("gban").operator().groupOnly().caller(Right.BAN_MEMBERS).bot(Right.BAN_MEMBERS)
                .arg(Arg.member("target").missing("moderation.need_target")).arg(Arg.text("reason").missing("moderation.need_reason"))
                .handler(c -> gban(c, targets)));
        s.command(CommandSpec.of("gunban").operator().groupOnly()
                .arg(Arg.member("target").missing("moderation.need_target")).handler(this::gunban));
    }

    private boolean shares(GroupConfig g) {
        return g.profile() != null && g.section(ModerationConfig.class).shareBans();
    }

    /** Groups a list applies to, on the member's platform. */
    private List<GroupConfig> groupsOf(String set, String platform) {
        List<GroupConfig> out = new ArrayList<>();
        for (GroupConfig g : services.config().groups().values()) {
            if (!g.chat().platform().equals(platform)) continue;
            if (set.equals(GLOBAL) || (set.equals(g.profile()) && shares(g))) out.add(g);
        }
        return out;
    }

    private void add(String set, String platform, MemberRef m, MemberRef by, String reason, Instant at) {
        services.store().update("""
                INSERT INTO moderation_shared_bans (set_name, platform, member_id, member_name, by_id, at_ms, reason) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (set_name, platform, member_id) DO UPDATE SET reason = excluded.reason, by_id = excluded.by_id, at_ms = excluded.at_ms""",
                set, platform, m.id(), m.name(), by.id(), at.toEpochMilli(), reason);
    }

    /** After a permanent /ban in a sharing group: list it and ban in the other groups of the set. */
    List<Action> fromGroupBan(FeatureContext ctx, MemberRef target, MemberRef by, String reason) {
        GroupConfig here = ctx.group();
        if (here == null || !shares(here)) return List.of();
        add(here.profile(), here.chat().platform(), target, by, reason, ctx.now());
        List<Action> out = new ArrayList<>();
        for (GroupConfig g : groupsOf(here.profile(), here.chat().platform())) {
            if (g.chat().equals(here.chat())) continue;
            String why = ctx.text("moderation.shared_reason", "group", here.title(), "reason", reason);
            out.addAll(enforcer.quiet(g.chat(), target, Verdict.Kind.BAN, null, why, "shared_ban", by, ctx, new Action.Ban(g.chat(), target, null, why)));
        }
        return out;
    }

    private List<Action> gban(CommandCall call, Targets targets) {
        MemberRef target = call.args().member("target");
        String refusal = targets.protectedTarget(call, target);
        if (refusal != null) return List.of(call.reply(refusal));
        String reason = call.args().text("reason");
        ChatRef here = call.message().chat();
        add(GLOBAL, here.platform(), target, call.caller(), reason, call.ctx().now());
        List<Action> out = new ArrayList<>(enforcer.apply(new Enforcer.Request(here, target, Verdict.Kind.BAN, null, reason, "gban",
                null, null, call.caller()), call.ctx(), ModerationFeature.policy(call.ctx())));
        int n = 1;
        for (GroupConfig g : groupsOf(GLOBAL, here.platform())) {
            if (g.chat().equals(here)) continue;
            // a case in each group, so each group's file and the log chat show it
            out.addAll(enforcer.quiet(g.chat(), target, Verdict.Kind.BAN, null, "gban: " + reason, "gban", call.caller(), call.ctx(),
                    new Action.Ban(g.chat(), target, null, "gban: " + reason)));
            n++;
        }
        out.add(call.reply("moderator", call.ctx().text("moderation.gbanned", "name", target.name(), "groups", n)));
        return out;
    }

    private List<Action> gunban(CommandCall call) {
        MemberRef target = call.args().member("target");
        String platform = call.message().chat().platform();
        List<String> sets = services.store().query("SELECT set_name FROM moderation_shared_bans WHERE platform = ? AND member_id = ?",
                rs -> rs.getString(1), platform, target.id());
        services.store().update("DELETE FROM moderation_shared_bans WHERE platform = ? AND member_id = ?", platform, target.id());
        List<Action> out = new ArrayList<>();
        java.util.Set<ChatRef> chats = new java.util.LinkedHashSet<>();
        for (String set : sets) for (GroupConfig g : groupsOf(set, platform)) chats.add(g.chat());
        for (ChatRef c : chats) {
            enforcer.lift(c, target.id(), "ban");
            out.add(new Action.Unban(c, target));
        }
        out.add(call.reply("moderator", call.ctx().text(sets.isEmpty() ? "moderation.gunban_none" : "moderation.gunbanned",
                "name", target.name(), "groups", chats.size())));
        return out;
    }

    /** A listed person joining a group the list covers is banned again. */
    List<Action> onJoin(FeatureContext ctx, MemberRef m) {
        GroupConfig g = ctx.group();
        List<String> sets = new ArrayList<>(List.of(GLOBAL));
        if (shares(g)) sets.add(g.profile());
        for (String set : sets) {
            String reason = services.store().queryOne("SELECT reason FROM moderation_shared_bans WHERE set_name = ? AND platform = ? AND member_id = ?",
                    rs -> rs.getString(1), set, g.chat().platform(), m.id());
            if (reason != null) {
                String why = ctx.text("moderation.shared_join", "reason", reason);
                return enforcer.quiet(g.chat(), m, Verdict.Kind.BAN, null, why, "shared_ban", ctx, new Action.Ban(g.chat(), m, null, why));
            }
        }
        return List.of();
    }
}
