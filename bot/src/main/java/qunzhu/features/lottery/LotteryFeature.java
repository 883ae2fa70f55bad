package qunzhu.features.lottery;

import java.security.SecureRandom;
import java.util.List;
import qunzhu.core.Action;
import qunzhu.core.Event;
import qunzhu.core.Role;
import qunzhu.feature.Arg;
import qunzhu.feature.CommandCall;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Points;
import qunzhu.feature.Setup;
import qunzhu.feature.UsageException;

/**
 * Lotteries (抽奖) with a verifiable draw ({@link Draw}). {@code /lottery start|draw|cancel}
 * are for moderators (the calendar starts one with the trigger "lottery"); {@code /lottery
 * list} and {@code /lottery verify <id>} for everyone. Members enter with /join, the keyword
 * 参与 or the post's button. A lottery, its secret seed and its entries live in the store and
 * its draw time is a scheduler job, so a restart changes nothing; a draw whose time passed
 * while the bot was down runs at the next start and says it is late.
 */
public final class LotteryFeature implements Feature {
    static final String DRAW = "draw";
    static final String REFUND = "refund";

    private final SecureRandom random;

    public LotteryFeature() { this(new SecureRandom()); }

    /** With a given source of seeds (tests); the shipped bot uses a fresh {@link SecureRandom}. */
    public LotteryFeature(SecureRandom random) { this.random = random; }

    @Override public String name() { return "lottery"; }

    @Override public void install(Setup s) {
        s.moveWithChat("lottery_lotteries");
        LotteryStore store = new LotteryStore(s.store());
        var points = s.find(Points.class);
        Lotteries l = new Lotteries(s, store, new Eligibility(s.history(), () -> points.orElse(Points.NONE)), random);
        s.command(CommandSpec.of("lottery").alias("抽奖").groupOnly().arg(Arg.text("line").optional()).handler(call -> route(call, l)));
        s.command(CommandSpec.of("join").groupOnly().arg(Arg.integer("id").optional()).handler(l::joinCommand));
        // 参与 is a keyword, not a command alias: said in passing while nothing is open, it gets no answer.
        s.on(Event.MessagePosted.class, (m, ctx) -> ctx.group() == null ? List.of() : l.keyword(m, ctx));
        s.on(Event.ButtonPressed.class, (b, ctx) -> {
            if (!b.data().startsWith(Lotteries.BUTTON) || ctx.group() == null) return List.of();
            ctx.stop();
            return l.pressed(b, ctx);
        });
        s.on(Event.Triggered.class, (t, ctx) -> t.trigger().equals("lottery") && ctx.group() != null ? l.triggered(t, ctx) : List.of());
        s.onJob(DRAW, l::drawJob);
        s.onJob(REFUND, l::refundJob);
    }

    private static List<Action> route(CommandCall call, Lotteries l) {
        List<String> words = call.words();
        if (words.isEmpty()) throw new UsageException(null);
        String sub = words.get(0).toLowerCase(java.util.Locale.ROOT);
        String rest = call.rest().substring(words.get(0).length()).strip();
        FeatureContext ctx = call.ctx();
        switch (sub) {
            case "list", "列表" -> { return l.list(call); }
            case "verify", "验证", "核对" -> { return l.verify(call, rest); }
            case "start", "开始", "draw", "开奖", "cancel", "取消" -> {
                Role role = ctx.confirmedRoleOf(call.message());
                if (!role.atLeast(Role.MODERATOR)) {
                    return List.of(call.reply(ctx.text("core.denied", "command", "lottery " + sub,
                            "required", ctx.text("core.role." + Role.MODERATOR.key()), "role", ctx.text("core.role." + role.key()))));
                }
                return switch (sub) {
                    case "start", "开始" -> l.start(call, rest);
                    case "draw", "开奖" -> l.drawCommand(call, rest);
                    default -> l.cancel(call, rest);
                };
            }
            default -> throw new UsageException(null);
        }
    }
}
