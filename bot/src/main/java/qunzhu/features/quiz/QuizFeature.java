package qunzhu.features.quiz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import qunzhu.config.BotSection;
import qunzhu.core.Action;
import qunzhu.core.Event;
import qunzhu.core.PersonaRole;
import qunzhu.core.Role;
import qunzhu.feature.Arg;
import qunzhu.feature.CommandCall;
import qunzhu.feature.CommandSpec;
import qunzhu.feature.Feature;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Setup;

/**
 * Quizzes (有奖问答): {@code /quiz start [bank] [n]} (moderators; also the calendar's "quiz"
 * trigger), {@code /quiz stop} (moderators), {@code /quiz top} (anyone). 答题 is the command's
 * Chinese name: 答题 alone starts a round with the default bank, 答题 停止 stops it, 答题 排行 shows
 * the leaderboard. The quizmaster persona posts everything; members answer in the chat, by
 * button where the platform has buttons. Banks are config ({@link QuizConfig}); the round
 * itself is {@link Rounds}.
 */
public final class QuizFeature implements Feature {
    private static final Set<String> START = Set.of("start", "开始", "开");
    private static final Set<String> STOP = Set.of("stop", "停止", "结束");
    private static final Set<String> TOP = Set.of("top", "排行", "排行榜", "榜");

    @Override public String name() { return "quiz"; }

    @Override public List<BotSection<?>> botSections() { return List.of(QuizConfig.SECTION); }

    @Override public void install(Setup s) {
        s.moveWithChat("quiz_round");
        QuizStore store = new QuizStore(s.store());
        s.onChatMove((from, to, db) -> store.forgetNoneRunning());
        Rounds rounds = new Rounds(s, store);
        s.command(CommandSpec.of("quiz").alias("答题").groupOnly().arg(Arg.text("what").optional()).handler(call -> command(rounds, call)));
        s.on(Event.MessagePosted.class, (m, ctx) -> ctx.group() == null ? List.of() : rounds.typed(m, ctx));
        s.on(Event.ButtonPressed.class, (b, ctx) -> {
            if (!b.data().startsWith(Rounds.BUTTON) || ctx.group() == null) return List.of();
            ctx.stop();
            return rounds.pressed(b, ctx);
        });
        s.on(Event.Triggered.class, (t, ctx) -> triggered(rounds, t, ctx));
        s.onJob(Rounds.TIMEOUT, rounds::timeout);
    }

    private static List<Action> command(Rounds rounds, CommandCall call) {
        FeatureContext ctx = call.ctx();
        List<String> words = call.words();
        String sub = words.isEmpty() ? "start" : words.get(0).toLowerCase(Locale.ROOT);
        if (TOP.contains(sub)) return List.of(call.reply(PersonaRole.QUIZMASTER.name(), rounds.top(ctx)));
        boolean start = START.contains(sub);
        if (!start && !STOP.contains(sub)) return List.of(call.reply(PersonaRole.QUIZMASTER.name(),
                ctx.text("core.usage", "usage", ctx.text("quiz.cmd.quiz.usage"))));
        Role role = ctx.confirmedRoleOf(call.message());
        if (!role.atLeast(Role.MODERATOR)) {
            return List.of(call.reply(ctx.text("quiz.denied", "role", ctx.text("core.role." + role.key()))));
        }
        if (!start) {
            List<Action> stopped = rounds.stop(ctx, call.caller().name());
            return stopped != null ? stopped : List.of(call.reply(PersonaRole.QUIZMASTER.name(), ctx.text(PersonaRole.QUIZMASTER, "quiz.none_running")));
        }
        // /quiz start [bank] [n], or 答题 [bank] [n]: a number is the count, a word the bank
        List<String> rest = new ArrayList<>(words.isEmpty() ? List.of() : words.subList(START.contains(words.get(0).toLowerCase(Locale.ROOT)) ? 1 : 0, words.size()));
        String bank = null;
        Integer n = null;
        for (String w : rest) {
            if (w.matches("\\d{1,3}")) n = Integer.parseInt(w);
            else if (bank == null) bank = w;
        }
        Rounds.Started r = rounds.start(ctx, bank, n, call.caller().id(), call.message().account(), false);
        return r.refusal() != null ? List.of(call.reply(PersonaRole.QUIZMASTER.name(), r.refusal())) : r.posts();
    }

    /** The calendar's "quiz" entry: argument "bank" or "bank n" (or nothing: the default bank). */
    private static List<Action> triggered(Rounds rounds, Event.Triggered t, FeatureContext ctx) {
        if (!"quiz".equals(t.trigger()) || ctx.group() == null) return List.of();
        String bank = null;
        Integer n = null;
        if (t.argument() != null) {
            for (String w : t.argument().strip().split("\\s+")) {
                if (w.matches("\\d{1,3}")) n = Integer.parseInt(w);
                else if (!w.isEmpty() && bank == null) bank = w;
            }
        }
        Rounds.Started r = rounds.start(ctx, bank, n, "calendar", t.account(), t.late());
        if (r.refusal() != null) {
            org.slf4j.LoggerFactory.getLogger(QuizFeature.class).warn("calendar quiz in {} not started: {}", t.chat(), r.refusal());
            return List.of();
        }
        return r.posts();
    }
}
