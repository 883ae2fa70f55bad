package qunzhu.features.moderation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.FollowUp;
import qunzhu.core.MemberRef;
import qunzhu.core.PersonaRole;
import qunzhu.core.Priority;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Setup;
import qunzhu.schedule.Job;

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

    /** A filed case and the actions that carry it out. */
    record Applied(CaseFile file, List<Action> actions) {}

    List<Action> apply(Request r, FeatureContext ctx, ModerationConfig policy) { return enforce(r, ctx, policy).actions(); }

    Applied enforce(Request r, FeatureContext ctx, ModerationConfig policy) {
        List<Action> out = new ArrayList<>();
        Instant now = ctx.now();
        CaseFile c = store.addCase(CaseFile.open(r.chat(), now, r.kind().key()).by(r.actor()).on(r.target()).length(r.length())
                .reason(r.reason()).rule(r.rule()).message(r.evidence(), r.messageId()).build());
        counted(ctx, c);
        if (r.messageId() != null) out.add(new Action.Delete(r.chat(), r.messageId(), reasonLine(c)));
        String length = r.length() == null ? ctx.text("moderation.forever")
                : ctx.text("moderation.length_timed", "span", ctx.duration(r.length()), "until", ctx.time(now.plus(r.length())));
        switch (r.kind()) {
            // announced (and logged) once the platform confirmed it: see applied()
            case MUTE -> {
                out.add(new Action.Mute(r.chat(), r.target(), r.length(), reasonLine(c)).then(followUp(c, "moderation.muted")));
                remember(r, c, "mute", now);
                return new Applied(c, out);
            }
            case BAN -> {
                out.add(new Action.Ban(r.chat(), r.target(), r.length(), reasonLine(c)).then(followUp(c, "moderation.banned")));
                remember(r, c, "ban", now);
                return new Applied(c, out);
            }
            case KICK -> {
                out.add(new Action.Kick(r.chat(), r.target(), reasonLine(c)).then(followUp(c, "moderation.kicked")));
                return new Applied(c, out);
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
        return new Applied(c, out);
    }

    /**
     * Files a case for an action taken without a notice in the group (a punishment applied
     * again on rejoin, a shared ban, a raid kick) and returns the action; its log-chat card
     * follows the platform's answer (see {@link #applied}).
     */
    List<Action> quiet(ChatRef chat, MemberRef target, Verdict.Kind kind, Duration length, String reason, String rule,
                       FeatureContext ctx, Action action) {
        return quiet(chat, target, kind, length, reason, rule, null, ctx, action);
    }

    /** As {@link #quiet(ChatRef, MemberRef, Verdict.Kind, Duration, String, String, FeatureContext, Action)}, by {@code actor} (null: automatic). */
    List<Action> quiet(ChatRef chat, MemberRef target, Verdict.Kind kind, Duration length, String reason, String rule,
                       MemberRef actor, FeatureContext ctx, Action action) {
        CaseFile c = store.addCase(CaseFile.open(chat, ctx.now(), kind.key()).by(actor).on(target).length(length).reason(reason).rule(rule).build());
        counted(ctx, c);
        FollowUp f = followUp(c, "");
        Action withFollowUp = action instanceof Action.Mute m ? m.then(f) : action instanceof Action.Ban b ? b.then(f)
                : action instanceof Action.Kick k ? k.then(f) : action;
        return List.of(withFollowUp);
    }

    /** The digests count each case by kind and rule. */
    private static void counted(FeatureContext ctx, CaseFile c) {
        ctx.emit(new qunzhu.core.Event.Counted(qunzhu.core.EventKey.of(c.chat(), "case:" + c.number()), c.chat(), ctx.now(), null,
                c.targetId() == null ? null : qunzhu.core.MemberRef.of(c.targetId(), c.targetName()), qunzhu.core.Tally.MODERATION_ACTION, 1, c.action() + "/" + (c.rule() == null ? "" : c.rule())));
    }

    /** The job kind that hears of a case action's final outcome. */
    static final String APPLIED = "applied";

    private static FollowUp followUp(CaseFile c, String noticeKey) { return new FollowUp(OWNER, APPLIED, c.number() + "|" + noticeKey); }

    /**
     * The platform's final answer to a case's action: once done, the group hears the notice (if
     * the case has one) and the log chat gets the card; refused, the case is marked not applied,
     * its punishment ends, and the group and the log chat read plainly what failed and why.
     */
    List<Action> applied(Job job, FeatureContext ctx) {
        FollowUp.Report r = FollowUp.Report.decode(job.payload());
        String[] parts = r.payload().split("\\|", 2);
        if (job.chat() == null || parts.length < 2) return List.of();
        CaseFile c = store.findCase(job.chat(), Integer.parseInt(parts[0]));
        if (c == null) return List.of();
        List<Action> out = new ArrayList<>();
        if (r.done()) {
            store.markApplied(c.chat(), c.number(), true, null);
            if (!parts[1].isEmpty()) {
                String length = c.length() == null ? ctx.text("moderation.forever")
                        : ctx.text("moderation.length_timed", "span", ctx.duration(c.length()), "until", ctx.time(c.at().plus(c.length())));
                out.add(notice(ctx, parts[1], c, length));
            }
            out.addAll(log(ctx, c, null));
            return out;
        }
        String why = why(ctx, c, r);
        store.markApplied(c.chat(), c.number(), false, r.reason());
        store.deactivateCase(c.chat(), c.number());
        out.add(Action.Send.of(c.chat(), PersonaRole.MODERATOR, ctx.text(PersonaRole.MODERATOR, "moderation.not_applied", "verb", ctx.text("moderation.kind." + c.action()),
                "name", c.targetName(), "why", why, "case", c.number())).withPriority(Priority.MODERATION));
        out.addAll(log(ctx, c, why));
        return out;
    }

    /** The summary card of a group's gathered cases of one rule and action (see {@link #log}). */
    List<Action> digest(Job job, FeatureContext ctx) {
        ChatRef logChat = services.config().logChat();
        String[] parts = job.payload() == null ? new String[0] : job.payload().split("\\|", 2);
        if (logChat == null || job.chat() == null || parts.length < 2) return List.of();
        List<CaseFile> cases = store.takeDigest(job.chat(), parts[0], parts[1]);
        if (cases.isEmpty()) return List.of();
        if (cases.size() == 1) return List.of(Action.Send.of(logChat, PersonaRole.MODERATOR, CaseText.format(ctx, cases.get(0), ctx.groupTitle())));
        CaseFile first = cases.get(0);
        CaseFile last = cases.get(cases.size() - 1);
        java.time.format.DateTimeFormatter hm = java.time.format.DateTimeFormatter.ofPattern("HH:mm");
        String key = first.action().equals("delete") ? "moderation.digest_deleted" : "moderation.digest";
        String text = ctx.text(key, "group", ctx.groupTitle(), "reason", first.reason(), "count", cases.size(),
                "action", ctx.text("moderation.kind." + first.action()), "from", hm.format(first.at().atZone(ctx.zone())),
                "to", hm.format(last.at().atZone(ctx.zone())), "first", first.number(), "last", last.number());
        return List.of(Action.Send.of(logChat, PersonaRole.MODERATOR, text));
    }

    /** Why the platform refused, in words a moderator can act on. */
    private static String why(FeatureContext ctx, CaseFile c, FollowUp.Report r) {
        String action = c.action();
        if (r.unsupported()) return ctx.text("moderation.why.unsupported", "platform", c.chat().platform());
        String reason = r.reason() == null ? "" : r.reason().toLowerCase(java.util.Locale.ROOT);
        if (reason.contains("right") || reason.contains("admin") || reason.contains("permission")) {
            return ctx.text(action.equals("mute") ? "moderation.why.restrict" : "moderation.why.ban");
        }
        return r.reason();
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
        return Action.Send.of(c.chat(), PersonaRole.MODERATOR, ctx.text(PersonaRole.MODERATOR, key, vars.toArray())).withPriority(Priority.MODERATION);
    }

    private List<Action> log(FeatureContext ctx, CaseFile c) { return log(ctx, c, null); }

    /** The job kind that posts one summary card for a group's repeated automatic cases of one rule. */
    static final String DIGEST = "case_digest";
    /** How long repeated automatic cases of one rule are gathered into one card. */
    static final Duration DIGEST_EVERY = Duration.ofMinutes(5);

    /** Repeated automatic cases that reach the log chat as one summary card: deletions (night mode, locks) and raid stops. */
    private static boolean gathered(CaseFile c) {
        return c.automatic() && c.rule() != null && (c.action().equals("delete") || c.rule().equals(ModerationConfig.RAID));
    }

    /**
     * The case card in the operators' log chat, by the moderator persona; {@code failure} says
     * why it was not applied. Repeated automatic cases are gathered: the first of a rule in a
     * group opens a {@link #DIGEST_EVERY} window whose one card counts them all.
     */
    List<Action> log(FeatureContext ctx, CaseFile c, String failure) {
        ChatRef logChat = services.config().logChat();
        if (logChat == null) return List.of();
        if (failure == null && gathered(c)) {
            if (store.gatherForDigest(c)) {
                services.scheduler().schedule(ctx.now().plus(DIGEST_EVERY), OWNER, DIGEST, c.chat(), c.rule() + "|" + c.action());
            }
            return List.of();
        }
        String text = CaseText.format(ctx, c, ctx.groupTitle());
        if (failure != null) text += "\n" + ctx.text("moderation.case_not_applied", "why", failure);
        return List.of(Action.Send.of(logChat, PersonaRole.MODERATOR, text));
    }

    private static String reasonLine(CaseFile c) { return "#" + c.number() + " " + c.reason(); }
}
