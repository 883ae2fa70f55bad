package qunzhu.features.points;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import qunzhu.config.GroupSection;
import qunzhu.core.Action;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.core.PointsKind;
import qunzhu.core.Tally;
import qunzhu.feature.Arg;
import qunzhu.feature.CommandCall;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Points;
import qunzhu.feature.Setup;
import qunzhu.feature.UsageException;
import qunzhu.store.History;

/**
 * Check-in, activity points and the ledger's commands. Every entry goes through {@link Ledger}:
 * this feature's own (check-in, activity, /givepoints) directly, other features' as the
 * {@link Event.PointsChanged} they emit, in the same transaction as their cause.
 */
public final class PointsFeature implements Feature {
    static final int HISTORY_LINES = 10;
    static final int TOP_DEFAULT = 10;
    static final int TOP_MAX = 50;

    @Override public String name() { return "points"; }

    @Override public List<GroupSection<?>> sections() { return List.of(PointsConfig.SECTION); }

    @Override public void install(Setup s) {
        s.moveWithChat("points_ledger", "points_balance", "points_checkin", "points_activity");
        Ledger ledger = new Ledger(s.store());
        Activity activity = new Activity(s.store());
        // The rows moved: what memory holds of the members' days is read again.
        s.onChatMove((from, to, store) -> activity.forgetAll());
        Commands c = new Commands(s, ledger, new Checkins(s.store()), activity, s.history());
        s.provide(Points.class, ledger);
        s.on(Event.PointsChanged.class, c::changed);
        s.on(Event.MessagePosted.class, c::message);
        s.command(CommandSpec.of("checkin").alias("签到").groupOnly().handler(c::checkin));
        s.command(CommandSpec.of("points").alias("积分").groupOnly().handler(c::points));
        s.command(CommandSpec.of("top").alias("排行").groupOnly().arg(Arg.integer("n").optional()).handler(c::top));
        s.command(CommandSpec.of("givepoints").operator().groupOnly()
                .arg(Arg.member("member")).arg(Arg.integer("amount")).arg(Arg.text("reason").missing("points.need_reason"))
                .handler(c::give));
    }

    private record Commands(Setup s, Ledger ledger, Checkins checkins, Activity activity, History history) {
        List<Action> changed(Event.PointsChanged p, FeatureContext ctx) {
            ledger.record(p.chat(), p.member().id(), p.delta(), p.kind(), p.reason(), p.source(), p.at());
            return List.of();
        }

        List<Action> message(Event.MessagePosted m, FeatureContext ctx) {
            if (ctx.group() == null || m.author().bot() || m.sentAsChat() || m.fromChannel() || m.forwarded()) return List.of();
            PointsConfig cfg = ctx.group().section(PointsConfig.class);
            LocalDate day = m.at().atZone(ctx.zone()).toLocalDate();
            if (activity.earns(m.chat(), m.author().id(), day, m.text(), cfg)) {
                ledger.accrue(m.chat(), m.author().id(), cfg.perMessage(), "activity", "activity:" + day, m.at());
            }
            return List.of();
        }

        List<Action> checkin(CommandCall call) {
            FeatureContext ctx = call.ctx();
            Event.MessagePosted m = call.message();
            ChatRef chat = m.chat();
            LocalDate today = m.at().atZone(ctx.zone()).toLocalDate();
            Checkins.Streak streak = checkins.checkIn(chat, m.author().id(), today);
            if (!streak.fresh()) {
                return List.of(call.reply(ctx.text("points.checkin_again", "streak", streak.days(),
                        "balance", ledger.balance(chat, m.author().id()))));
            }
            PointsConfig cfg = ctx.group().section(PointsConfig.class);
            long earned = cfg.checkinPoints(streak.days());
            ledger.record(chat, m.author().id(), earned, PointsKind.EARN, "checkin", "checkin:" + today, m.at());
            ctx.emit(new Event.Counted(EventKey.of(chat, "checkin:" + m.author().id() + ":" + today), chat, m.at(), m.account(),
                    m.author(), Tally.CHECKIN, streak.days(), null));
            String text = ctx.text("points.checkin_done", "name", m.author().name(), "streak", streak.days(), "points", earned,
                    "balance", ledger.balance(chat, m.author().id()));
            Integer milestone = cfg.milestones().get(streak.days());
            if (milestone != null && milestone > 0) text += "\n" + ctx.text("points.milestone", "streak", streak.days(), "bonus", milestone);
            return List.of(call.reply(text));
        }

        List<Action> points(CommandCall call) {
            FeatureContext ctx = call.ctx();
            ChatRef chat = call.message().chat();
            MemberRef me = call.caller();
            if (!call.words().isEmpty()) {
                String sub = call.words().get(0);
                if (!sub.equals("history") && !sub.equals("历史") && !sub.equals("明细")) throw new UsageException(null);
                List<Ledger.Entry> entries = ledger.history(chat, me.id(), HISTORY_LINES);
                if (entries.isEmpty()) return List.of(call.reply(ctx.text("points.history_none")));
                List<String> lines = new ArrayList<>();
                lines.add(ctx.text("points.history_header", "name", me.name(), "balance", ledger.balance(chat, me.id())));
                for (Ledger.Entry e : entries) {
                    lines.add(ctx.text("points.history_line", "when", day(ctx, e.at()), "delta", signed(e.delta()),
                            "kind", ctx.text("points.kind." + e.kind().name().toLowerCase(java.util.Locale.ROOT)),
                            "reason", reason(ctx, e.reason())));
                }
                return List.of(call.reply(String.join("\n", lines)));
            }
            long balance = ledger.balance(chat, me.id());
            return List.of(call.reply(ctx.text("points.balance", "name", me.name(), "balance", balance, "rank", ledger.rank(chat, me.id()))));
        }

        List<Action> top(CommandCall call) {
            FeatureContext ctx = call.ctx();
            Integer asked = call.args().integer("n");
            int n = asked == null ? TOP_DEFAULT : Math.max(1, Math.min(TOP_MAX, asked));
            List<Ledger.Standing> board = ledger.top(call.message().chat(), n);
            if (board.isEmpty()) return List.of(call.reply(ctx.text("points.top_none")));
            List<String> lines = new ArrayList<>();
            lines.add(ctx.text("points.top_header", "group", ctx.groupTitle(), "count", board.size()));
            for (int i = 0; i < board.size(); i++) {
                Ledger.Standing st = board.get(i);
                lines.add(ctx.text("points.top_line", "rank", i + 1, "name", name(call.message().chat(), st.memberId()), "balance", st.balance()));
            }
            return List.of(call.reply(String.join("\n", lines)));
        }

        List<Action> give(CommandCall call) {
            FeatureContext ctx = call.ctx();
            MemberRef who = call.args().member("member");
            int amount = call.args().integer("amount");
            if (amount == 0) throw new UsageException(ctx.text("points.zero"));
            String reason = call.args().text("reason");
            ChatRef chat = call.message().chat();
            Ledger.Result r = ledger.record(chat, who.id(), amount, PointsKind.GRANT, reason,
                    "grant:" + call.message().key().nativeId(), call.message().at());
            long balance = ledger.balance(chat, who.id());
            if (r == Ledger.Result.INSUFFICIENT) {
                return List.of(call.reply(ctx.text("points.grant_refused", "name", who.name(), "amount", -amount, "balance", balance)));
            }
            return List.of(call.reply(ctx.text("points.granted", "name", who.name(), "delta", signed(amount), "reason", reason,
                    "balance", balance)));
        }

        private String name(ChatRef chat, String memberId) {
            String n = history.memberName(chat.platform(), memberId);
            return n == null ? memberId : n;
        }

        private static String signed(long d) { return d > 0 ? "+" + d : Long.toString(d); }

        private static String day(FeatureContext ctx, java.time.Instant at) {
            return at.atZone(ctx.zone()).toLocalDate().toString().substring(5);
        }

        /** Known reasons have words in the templates; others (an operator's) are shown as they are. */
        private static String reason(FeatureContext ctx, String reason) {
            if (reason == null) return "";
            return switch (reason) {
                case "checkin", "activity" -> ctx.text("points.reason." + reason);
                default -> reason;
            };
        }
    }
}
