package qunzhu.features.moderation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.core.Priority;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Setup;

/**
 * Turns a decision (a filter's verdict or a moderator's command) into platform actions, a
 * case file entry, a warning with escalation, a persisted end for timed punishments, and a
 * line in the operators' log chat. The live sink of the filter engine.
 */
final class Enforcer {
    /** One punishment to carry out; {@code actor} null means an automatic filter. */
    record Request(ChatRef chat, MemberRef target, Verdict.Kind kind, Duration length, String reason, String rule,
                   String evidence, String messageId, MemberRef actor) {}

    static final String OWNER = "moderation";

    private final Setup services;
    private final ModerationStore store;

    Enforcer(Setup services, ModerationStore store) {
        this.services = services;
        this.store = store;
    }

    List<Action> apply(Request r, FeatureContext ctx, ModerationConfig policy) {
        List<Action> out = new ArrayList<>();
        Instant now = ctx.now();
        CaseFile c = store.addCase(CaseFile.open(r.chat(), now, r.kind().key()).by(r.actor()).on(r.target()).length(r.length())
                .reason(r.reason()).rule(r.rule()).message(r.evidence(), r.messageId()).build());
        if (r.messageId() != null) out.add(new Action.Delete(r.chat(), r.messageId(), reasonLine(c)));
        String length = r.length() == null ? ctx.text("moderation.forever")
                : ctx.text("moderation.length_timed", "span", ctx.duration(r.length()), "until", ctx.time(now.plus(r.length())));
        switch (r.kind()) {
            case MUTE -> {
                out.add(new Action.Mute(r.chat(), r.target(), r.length(), reasonLine(c)));
                remember(r, c, "mute", now);
                out.add(notice(ctx, "moderation.muted", c, length));
            }
            case BAN -> {
                out.add(new Action.Ban(r.chat(), r.target(), r.length(), reasonLine(c)));
                remember(r, c, "ban", now);
                out.add(notice(ctx, "moderation.banned", c, length));
            }
            case KICK -> {
                out.add(new Action.Kick(r.chat(), r.target(), reasonLine(c)));
                out.add(notice(ctx, "moderation.kicked", c, length));
            }
            case WARN -> {
                store.addWarn(r.chat(), r.target().id(), now, policy.warnings().expire(), r.actor() == null ? null : r.actor().id(), r.reason(), c.number());
                int count = store.activeWarns(r.chat(), r.target().id(), now).size();
                out.add(notice(ctx, "moderation.warned", c, length, "count", count));
                ModerationConfig.Step step = policy.warnings().at(count);
                if (step != null) {
                    out.addAll(apply(new Request(r.chat(), r.target(), step.action(), step.length(),
                            ctx.text("moderation.escalated", "count", count), ModerationConfig.WARNINGS, null, null, null), ctx, policy));
                }
            }
            default -> { }
        }
        out.addAll(log(ctx, c));
        return out;
    }

    /**
     * Files a case for an action taken without a notice in the group (a punishment applied
     * again on rejoin, a shared ban, a raid kick) and returns it with the log-chat line.
     */
    List<Action> quiet(ChatRef chat, MemberRef target, Verdict.Kind kind, Duration length, String reason, String rule,
                       FeatureContext ctx, Action action) {
        CaseFile c = store.addCase(CaseFile.open(chat, ctx.now(), kind.key()).on(target).length(length).reason(reason).rule(rule).build());
        List<Action> out = new ArrayList<>(List.of(action));
        if (!rule.equals(ModerationConfig.RAID)) out.addAll(log(ctx, c));
        return out;
    }

    private void remember(Request r, CaseFile c, String kind, Instant now) {
        Instant until = r.length() == null ? null : now.plus(r.length());
        long id = store.addPunishment(r.chat(), r.target().id(), r.target().name(), kind, now, until, c.number());
        if (until != null) services.scheduler().schedule(until, OWNER, "expire", r.chat(), Long.toString(id));
    }

    /** Ends a timed punishment; lifts it on the platform unless a later one of the same kind is in force. */
    List<Action> expire(long id, Instant now) {
        ModerationStore.Punishment p = store.punishment(id);
        if (p == null || !store.isActive(id)) return List.of();
        store.deactivate(id);
        if (!store.active(p.chat(), p.memberId(), p.kind(), now).isEmpty()) return List.of();
        MemberRef m = MemberRef.of(p.memberId(), p.memberName());
        return List.of(p.kind().equals("mute") ? new Action.Unmute(p.chat(), m) : new Action.Unban(p.chat(), m));
    }

    /** A lift by hand (/unmute, /unban, /undo): every active punishment of that kind ends. */
    void lift(ChatRef chat, String member, String kind) { store.deactivateAll(chat, member, kind); }

    private Action notice(FeatureContext ctx, String key, CaseFile c, String length, Object... more) {
        List<Object> vars = new ArrayList<>(List.of("name", c.targetName(), "case", c.number(), "reason", c.reason(), "length", length));
        vars.addAll(List.of(more));
        return Action.Send.of(c.chat(), "moderator", ctx.text(key, vars.toArray())).withPriority(Priority.MODERATION);
    }

    private List<Action> log(FeatureContext ctx, CaseFile c) {
        ChatRef logChat = services.config().logChat();
        if (logChat == null) return List.of();
        return List.of(Action.Send.of(logChat, "reporter", CaseText.format(ctx, c, ctx.groupTitle())));
    }

    private static String reasonLine(CaseFile c) { return "#" + c.number() + " " + c.reason(); }
}
