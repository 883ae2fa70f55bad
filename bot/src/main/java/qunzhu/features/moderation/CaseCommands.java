package qunzhu.features.moderation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import qunzhu.core.Action;
import qunzhu.core.Admin;
import qunzhu.core.ChatRef;
import qunzhu.core.MemberRef;
import qunzhu.core.Role;
import qunzhu.feature.Arg;
import qunzhu.feature.CommandCall;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.DutyRoster;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Provided;
import qunzhu.feature.Setup;
import qunzhu.schedule.Job;
import qunzhu.feature.UsageException;
import qunzhu.text.Normalizer;

/**
 * /case shows a case, /undo reverses it (unmute, unban, warning removed; a delete or kick is
 * only recorded), and undoing an automatic action allowlists the false positive: the
 * normalised text for content rules, the rule and member for flood-like rules. Moderators may
 * undo automatic cases and any moderator's (they are peers; the undo is recorded and logged);
 * a case an operator made only an operator may undo. /report lets members flag a message to
 * the moderators: to the ones on duty first (the {@link DutyRoster}), and to every moderator
 * when none of them reacted (a message of any moderator in the chat) within the roster's
 * escalation delay; with nobody on duty, to every moderator at once.
 */
final class CaseCommands {
    private static final Set<String> PER_MEMBER_RULES = Set.of(ModerationConfig.FLOOD, ModerationConfig.SPAM_WAVE, ModerationConfig.NIGHT,
            "lock_links", "lock_media", "lock_forwards", ModerationConfig.FORWARDS);

    /** Automatic cases that are not a filter's verdict: nothing to allowlist. */
    private static final Set<String> NOT_FILTERS = Set.of("warnings", "evasion", "shared_ban", "raid", "vote_mute", "gban");

    private final Setup services;
    private final ModerationStore store;
    private final ChatState state;
    private final Enforcer enforcer;
    private final Provided<DutyRoster> roster;

    /** The job that mentions every moderator when the on-duty ones did not react to a report. */
    static final String ESCALATE = "report_escalate";

    CaseCommands(Setup services, ModerationStore store, ChatState state, Enforcer enforcer) {
        this.services = services;
        this.store = store;
        this.state = state;
        this.enforcer = enforcer;
        this.roster = services.find(DutyRoster.class);
    }

    void install(Setup s) {
        s.command(CommandSpec.of("case").moderator().groupOnly().arg(Arg.integer("case")).handler(this::show));
        s.command(CommandSpec.of("undo").moderator().groupOnly().arg(Arg.integer("case")).handler(this::undo));
        s.command(CommandSpec.of("report").alias("举报").groupOnly().handler(this::report));
    }

    private CaseFile find(CommandCall call) {
        int n = call.args().integer("case");
        CaseFile c = store.findCase(call.message().chat(), n);
        if (c == null) throw new UsageException(call.ctx().text("moderation.no_case", "case", n));
        return c;
    }

    private List<Action> show(CommandCall call) {
        CaseFile c = find(call);
        String text = CaseText.format(call.ctx(), c, call.ctx().groupTitle());
        String failure = store.failure(c.chat(), c.number());
        if (failure != null) text += "\n" + call.ctx().text("moderation.case_not_applied", "why", failure);
        return List.of(call.reply("moderator", text));
    }

    private List<Action> undo(CommandCall call) {
        CaseFile c = find(call);
        if (c.undone()) return List.of(call.reply(call.ctx().text("moderation.already_undone", "case", c.number())));
        ChatRef chat = c.chat();
        if (call.role() != Role.OPERATOR && c.actorId() != null
                && services.roles().of(chat, MemberRef.of(c.actorId(), c.actorName())) == Role.OPERATOR) {
            return List.of(call.reply(call.ctx().text("moderation.undo_operators_case", "case", c.number(), "name", c.actorName())));
        }
        List<Action> out = new ArrayList<>();
        MemberRef target = c.targetId() == null ? null : MemberRef.of(c.targetId(), c.targetName());
        switch (c.action()) {
            case "mute" -> { store.deactivateCase(chat, c.number()); if (store.active(chat, c.targetId(), "mute", call.ctx().now()).isEmpty()) out.add(new Action.Unmute(chat, target)); }
            case "ban" -> { store.deactivateCase(chat, c.number()); if (store.active(chat, c.targetId(), "ban", call.ctx().now()).isEmpty()) out.add(new Action.Unban(chat, target)); }
            case "warn" -> store.removeWarnOfCase(chat, c.number());
            default -> { }
        }
        String allowed = "";
        if (c.automatic() && c.rule() != null && target != null && !NOT_FILTERS.contains(c.rule())) {
            if (PER_MEMBER_RULES.contains(c.rule()) || c.evidence() == null || c.evidence().isBlank()) {
                state.allow(chat, "rule_member", c.rule() + "|" + c.targetId(), call.caller().id(), call.ctx().now());
                allowed = call.ctx().text("moderation.allowed_member", "rule", c.rule(), "name", c.targetName());
            } else {
                state.allow(chat, "text", Normalizer.forMatching(c.evidence()), call.caller().id(), call.ctx().now());
                allowed = call.ctx().text("moderation.allowed_text");
            }
        }
        store.markUndone(chat, c.number(), call.caller().name(), call.ctx().now());
        String line = call.ctx().text("moderation.undone", "case", c.number(), "action", call.ctx().text("moderation.kind." + c.action()),
                "name", c.targetName() == null ? "-" : c.targetName());
        out.add(call.reply("moderator", allowed.isEmpty() ? line : line + "\n" + allowed));
        if (services.config().logChat() != null) out.add(Action.Send.of(services.config().logChat(), "moderator", line + " — " + call.ctx().groupTitle()));
        return out;
    }

    private List<Action> report(CommandCall call) {
        String replyTo = call.message().replyToId();
        MemberRef author = call.message().replyToAuthor();
        if (replyTo == null || author == null) throw new UsageException(call.ctx().text("moderation.need_reply"));
        ChatRef chat = call.message().chat();
        String text = store.messageText(chat, replyTo);
        store.addReport(chat, call.ctx().now(), call.caller().id(), author.id(), replyTo, text);
        call.ctx().emit(new qunzhu.core.Event.Counted(qunzhu.core.EventKey.of(chat, "report:" + replyTo + ":" + call.caller().id()), chat,
                call.ctx().now(), null, call.caller(), qunzhu.core.Tally.MEMBER_REPORT, 1, null));
        DutyRoster duty = roster.orElse(DutyRoster.NONE);
        List<String> onDuty = onDuty(chat, duty, call.ctx());
        String mods = String.join(" ", onDuty.isEmpty() ? moderators(chat) : onDuty);
        List<Action> out = new ArrayList<>();
        out.add(call.reply("moderator", call.ctx().text("moderation.reported", "moderators", mods.isEmpty() ? "-" : mods, "name", author.name())));
        if (!onDuty.isEmpty()) {
            services.scheduler().schedule(call.ctx().now().plus(duty.escalateAfter(chat)), Enforcer.OWNER, ESCALATE, chat,
                    call.ctx().now().toEpochMilli() + "|" + replyTo + "|" + author.name());
        }
        if (services.config().logChat() != null) {
            out.add(Action.Send.of(services.config().logChat(), "reporter", call.ctx().text("moderation.report_log", "group", call.ctx().groupTitle(),
                    "reporter", call.caller().name(), "name", author.name(), "text", text == null ? "-" : CaseText.clip(text))));
        }
        return out;
    }

    /** "@name" of the moderators on duty in the chat now (not our own accounts). */
    private List<String> onDuty(ChatRef chat, DutyRoster duty, FeatureContext ctx) {
        List<String> out = new ArrayList<>();
        for (MemberRef m : duty.onDuty(chat, ctx.now())) {
            if (services.accounts().isOwnAccount(chat.platform(), m.id())) continue;
            String name = store.memberName(chat.platform(), m.id());
            out.add("@" + (name == null ? m.name() : name));
        }
        return out;
    }

    /**
     * The escalation delay of a report passed: when no moderator wrote in the chat since the
     * report (a reply, a command, anything), every moderator is mentioned on the reported message.
     */
    List<Action> escalate(Job job, FeatureContext ctx) {
        String[] p = job.payload().split("\\|", 3);
        java.time.Instant reported = java.time.Instant.ofEpochMilli(Long.parseLong(p[0]));
        ChatRef chat = job.chat();
        for (var m : services.history().messagesIn(chat, reported.plusMillis(1), ctx.now())) {
            if (services.accounts().isOwnAccount(chat.platform(), m.author().id())) continue;
            if (ctx.roleOf(m).atLeast(Role.MODERATOR)) return List.of();
        }
        String mods = String.join(" ", moderators(chat));
        String waited = ctx.duration(java.time.Duration.between(reported, ctx.now()));
        return List.of(Action.Send.of(chat, "moderator", ctx.text("moderation.report_escalated", "moderators", mods.isEmpty() ? "-" : mods,
                "name", p[2], "waited", waited)).replyingTo(p[1]));
    }

    /** "@name" of every moderator of the chat: listed in config and platform admins, without our own accounts. */
    List<String> moderators(ChatRef chat) {
        Set<String> ids = new LinkedHashSet<>();
        var g = services.group(chat);
        if (g != null) for (String m : g.moderators()) if (m.startsWith(chat.platform() + ":")) ids.add(m.substring(chat.platform().length() + 1));
        for (Admin a : services.roles().admins(chat)) if (!services.accounts().isOwnAccount(chat.platform(), a.memberId())) ids.add(a.memberId());
        List<String> out = new ArrayList<>();
        for (String id : ids) {
            String name = store.memberName(chat.platform(), id);
            out.add("@" + (name == null ? id : name));
        }
        return out;
    }
}
