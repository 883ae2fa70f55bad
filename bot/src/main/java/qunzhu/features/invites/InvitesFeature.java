package qunzhu.features.invites;

import java.util.ArrayList;
import java.util.List;
import qunzhu.config.GroupSection;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.core.PersonaRole;
import qunzhu.core.PointsKind;
import qunzhu.core.Tally;
import qunzhu.feature.CommandCall;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Setup;
import qunzhu.schedule.Job;
import qunzhu.store.History;

/**
 * Records who brought whom from {@link Event.MemberJoined#invitedBy} (or, when the platform
 * named the inviter only in a second report of the join, {@link Event.JoinInviter}), decides each invite
 * once the grace period has passed (a job at join + grace, kept in the store, so a restart
 * neither forgets nor repeats it) and pays the inviter through the ledger
 * ({@link Event.PointsChanged}, one source per invitee, so nothing is paid twice). A leave
 * within the grace period decides it the other way and claws back the join points.
 * {@code /invite} gives a member their own link where the platform has such links;
 * {@code /invites} shows the board.
 */
public final class InvitesFeature implements Feature {
    static final String STAY = "stay";
    static final int BOARD = 10;

    @Override public String name() { return "invites"; }

    @Override public List<GroupSection<?>> sections() { return List.of(InvitesConfig.SECTION); }

    @Override public void install(Setup s) {
        s.moveWithChat("invites");
        Invites i = new Invites(s, new InvitesStore(s.store()), s.history());
        s.on(Event.MemberJoined.class, (j, ctx) -> i.joined(j, j.member(), j.invitedBy(), ctx));
        // The inviter of a join reported without one (Telegram's second report of a link join).
        s.on(Event.JoinInviter.class, (j, ctx) -> i.joined(j, j.member(), j.invitedBy(), ctx));
        s.on(Event.MemberLeft.class, i::left);
        s.onJob(STAY, i::decide);
        s.command(CommandSpec.of("invite").alias("邀请").groupOnly().handler(i::link));
        s.command(CommandSpec.of("invites").alias("邀请榜").groupOnly().handler(i::board));
    }

    private record Invites(Setup s, InvitesStore store, History history) {
        private InvitesConfig config(FeatureContext ctx) {
            return ctx.group() == null ? InvitesConfig.DEFAULT : ctx.group().section(InvitesConfig.class);
        }

        /** A join of {@code member} brought by {@code by} (null: nobody), reported by {@code j}; recorded once per member. */
        List<Action> joined(Event j, MemberRef member, MemberRef by, FeatureContext ctx) {
            if (ctx.group() == null || by == null || by.bot() || member.bot() || by.id().equals(member.id())) return List.of();
            if (!store.add(j.chat(), member, by, j.at())) return List.of();
            InvitesConfig cfg = config(ctx);
            s.scheduler().schedule(j.at().plus(cfg.grace()), s.feature(), STAY, j.chat(), member.id());
            if (cfg.joinPoints() > 0) {
                ctx.emit(points(j.chat(), j, by, cfg.joinPoints(), PointsKind.EARN, "invite_join", "invite-join:" + member.id()));
            }
            return List.of();
        }

        List<Action> left(Event.MemberLeft l, FeatureContext ctx) {
            InvitesStore.Invite inv = store.get(l.chat(), l.member().id());
            if (inv == null || !inv.state().equals(InvitesStore.PENDING)) return List.of();
            InvitesConfig cfg = config(ctx);
            if (!l.at().isBefore(inv.joined().plus(cfg.grace()))) return List.of(); // stayed long enough; the job accepts it
            store.decide(l.chat(), inv.memberId(), InvitesStore.LEFT, l.at());
            if (cfg.joinPoints() > 0) {
                ctx.emit(points(l.chat(), l, inviter(l.chat(), inv), cfg.joinPoints(), PointsKind.CLAWBACK, "invite_left",
                        "invite-left:" + inv.memberId()));
            }
            return List.of();
        }

        List<Action> decide(Job job, FeatureContext ctx) {
            ChatRef chat = job.chat();
            InvitesStore.Invite inv = store.get(chat, job.payload());
            if (inv == null || !inv.state().equals(InvitesStore.PENDING)) return List.of();
            History.Seat seat = history.seat(chat, inv.memberId());
            if (seat != null && seat.left() != null) {
                store.decide(chat, inv.memberId(), InvitesStore.LEFT, job.due());
                return List.of();
            }
            store.decide(chat, inv.memberId(), InvitesStore.ACCEPTED, job.due());
            MemberRef inviter = inviter(chat, inv);
            InvitesConfig cfg = config(ctx);
            Event cause = new Event.Counted(EventKey.of(chat, "invite:" + inv.memberId()), chat, job.due(), null, inviter,
                    Tally.INVITE_ACCEPTED, 1, inv.memberName());
            if (cfg.points() > 0) ctx.emit(points(chat, cause, inviter, cfg.points(), PointsKind.EARN, "invite", "invite:" + inv.memberId()));
            ctx.emit(cause);
            return List.of();
        }

        List<Action> link(CommandCall call) {
            FeatureContext ctx = call.ctx();
            if (!ctx.capabilities().can(Action.SendInviteLink.class)) {
                return List.of(call.reply(ctx.text("invites.no_links")));
            }
            InvitesConfig cfg = config(ctx);
            String text = ctx.text("invites.link", "name", call.caller().name(), "link", "{link}", "days", cfg.grace().toDays(),
                    "points", cfg.points());
            return List.of(new Action.SendInviteLink(call.message().chat(), PersonaRole.HOST, call.caller(), text, call.message().messageId()));
        }

        List<Action> board(CommandCall call) {
            FeatureContext ctx = call.ctx();
            ChatRef chat = call.message().chat();
            List<InvitesStore.Inviter> rows = store.board(chat, BOARD);
            if (rows.isEmpty()) return List.of(call.reply(ctx.text("invites.board_none")));
            List<String> lines = new ArrayList<>();
            lines.add(ctx.text("invites.board_header", "group", ctx.groupTitle(), "days", config(ctx).grace().toDays()));
            for (int i = 0; i < rows.size(); i++) {
                InvitesStore.Inviter r = rows.get(i);
                String name = history.memberName(chat.platform(), r.inviterId());
                lines.add(ctx.text(r.pending() > 0 ? "invites.board_line_pending" : "invites.board_line", "rank", i + 1,
                        "name", name != null ? name : r.inviterName(), "accepted", r.accepted(), "pending", r.pending()));
            }
            return List.of(call.reply(String.join("\n", lines)));
        }

        private MemberRef inviter(ChatRef chat, InvitesStore.Invite inv) {
            String name = history.memberName(chat.platform(), inv.inviterId());
            return MemberRef.of(inv.inviterId(), name != null ? name : inv.inviterName());
        }

        private static Event.PointsChanged points(ChatRef chat, Event cause, MemberRef to, long amount, PointsKind kind, String reason,
                                                  String source) {
            return new Event.PointsChanged(EventKey.of(chat, source), chat, cause.at(), cause.account(), to,
                    kind == PointsKind.CLAWBACK ? -amount : amount, kind, reason, source);
        }
    }
}
