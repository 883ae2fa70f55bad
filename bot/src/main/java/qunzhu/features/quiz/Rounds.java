package qunzhu.features.quiz;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.core.Action;
import qunzhu.core.Button;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.core.PersonaRole;
import qunzhu.core.PointsKind;
import qunzhu.core.Tally;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Setup;

/**
 * A quiz round from start to leaderboard. Everything is in the store (the round, each question
 * as asked, each member's answer) and each question's timeout is a persisted job, so a restart
 * mid-round goes on where it was; a timeout that fell due while the bot was down runs at the next
 * start and says it is late. A message is looked up against the one running round of its own
 * chat only (an indexed read): a quiz in one group costs another group nothing.
 *
 * <p>Answering: a free-text question may be tried again until right; a choice question takes a
 * member's first choice only (typed letter, number or text, or a button), so trying every letter
 * wins nothing. In {@link Scoring#FIRST} mode the first right answer closes the question (closing
 * is one conditional update, so a second right answer after the win counts for nothing); in
 * {@link Scoring#ALL} mode every right answer before the deadline scores, quietly, and the reveal
 * names them. Points are {@link Event.PointsChanged} with source {@code quiz:<round>:<seq>}.
 */
final class Rounds {
    static final String OWNER = "quiz";
    static final String TIMEOUT = "timeout";
    static final String BUTTON = "quiz:";
    private static final PersonaRole QM = PersonaRole.QUIZMASTER;
    /** A timeout run this long after its due time ran late (the bot was down). */
    private static final Duration LATE = Duration.ofMinutes(1);
    private static final int BOARD = 10;
    private static final Logger log = LoggerFactory.getLogger(Rounds.class);

    private final Setup s;
    private final QuizStore store;
    private final Answers answers = new Answers();

    Rounds(Setup s, QuizStore store) {
        this.s = s;
        this.store = store;
    }

    QuizConfig config() { return s.config().section(QuizConfig.class, QuizConfig.EMPTY); }

    QuizStore store() { return store; }

    /** The result of trying to start: the posts, or a refusal to say to whoever asked. */
    record Started(List<Action> posts, String refusal) {}

    Started start(FeatureContext ctx, String bankName, Integer count, String by, String account, boolean late) {
        ChatRef chat = ctx.chat();
        QuizStore.Round running = store.running(chat);
        if (running != null) {
            Bank b = config().find(running.bank(), ctx.locale());
            return new Started(List.of(), ctx.phrase(QM, "quiz.already_running", "title", b == null ? running.bank() : b.title()));
        }
        QuizConfig cfg = config();
        if (cfg.banks().isEmpty()) return new Started(List.of(), ctx.phrase(QM, "quiz.no_banks"));
        Bank bank = cfg.find(bankName, ctx.locale());
        if (bank == null || bank.questions().isEmpty()) {
            return new Started(List.of(), ctx.phrase(QM, "quiz.unknown_bank", "bank", bankName, "banks", String.join(", ", cfg.banks().keySet())));
        }
        int n = Math.min(count == null ? cfg.questions() : Math.max(1, Math.min(count, QuizConfig.MAX_QUESTIONS)), bank.questions().size());
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < bank.questions().size(); i++) order.add(i);
        if (bank.shuffle()) java.util.Collections.shuffle(order, new java.security.SecureRandom());
        List<Integer> picks = List.copyOf(order.subList(0, n));
        long id = store.start(chat, bank, picks, by, ctx.now());
        ctx.emit(new Event.Counted(EventKey.of(chat, "quiz-round:" + id), chat, ctx.now(), account, null, Tally.QUIZ_ROUND, n, bank.name()));
        List<Action> out = new ArrayList<>();
        String intro = ctx.phrase(QM, "quiz.start", "title", bank.title(), "count", n, "rule", ctx.phrase(QM, "quiz.rule." + bank.scoring().key()));
        if (late) intro = ctx.phrase(QM, "quiz.late") + "\n" + intro;
        out.add(Action.Send.of(chat, QM, ctx.signed(QM, intro)));
        out.add(ask(ctx, store.round(id), bank, 0));
        log.info("quiz round {} started in {} ({} questions of bank {})", id, chat, n, bank.name());
        return new Started(out, null);
    }

    /** Posts question {@code seq} of the round and schedules its timeout. */
    private Action ask(FeatureContext ctx, QuizStore.Round round, Bank bank, int seq) {
        int number = round.picks().get(seq);
        Question q = bank.questions().get(number);
        Instant due = ctx.now().plus(q.timeLimit());
        store.asked(round.id(), seq, number, ctx.now(), due);
        s.scheduler().schedule(due, OWNER, TIMEOUT, round.chat(), round.id() + ":" + seq);
        StringBuilder text = new StringBuilder(ctx.phrase(QM, "quiz.question", "n", seq + 1, "count", round.picks().size(),
                "points", q.points(), "limit", ctx.duration(q.timeLimit()), "question", q.text()));
        boolean buttons = q.hasChoices() && ctx.capabilities().buttons();
        List<Button> bs = new ArrayList<>();
        for (int i = 0; i < q.choices().size(); i++) {
            text.append('\n').append(ctx.phrase(QM, "quiz.choice", "letter", Answers.letter(i), "choice", q.choices().get(i)));
            if (buttons) bs.add(new Button(Answers.letter(i) + ". " + clip(q.choices().get(i)), BUTTON + round.id() + ":" + seq + ":" + i));
        }
        text.append('\n').append(ctx.phrase(QM, q.hasChoices() ? (buttons ? "quiz.hint_buttons" : "quiz.hint_letters") : "quiz.hint_text"));
        return Action.Send.of(round.chat(), QM, ctx.signed(QM, text.toString())).withButtons(bs);
    }

    private static String clip(String s) { return s.length() <= 40 ? s : s.substring(0, 39) + "…"; }

    /** A typed message in a chat: an answer to the running question, or nothing. */
    List<Action> typed(Event.MessagePosted m, FeatureContext ctx) {
        if (m.text().length() > Answers.MAX_CHARS || m.text().startsWith("/")) return List.of();
        QuizStore.Round round = store.running(m.chat());
        if (round == null) return List.of();
        String said = answers.normalise(m.text());
        if (said == null) return List.of();
        return answer(ctx, round, m.author(), m.account(), m.at(), said, -1, null, m.messageId());
    }

    /** A pressed quiz button ({@code quiz:<round>:<seq>:<choice>}). */
    List<Action> pressed(Event.ButtonPressed b, FeatureContext ctx) {
        String[] parts = b.data().substring(BUTTON.length()).split(":");
        long roundId;
        int seq, choice;
        try {
            roundId = Long.parseLong(parts[0]);
            seq = Integer.parseInt(parts[1]);
            choice = Integer.parseInt(parts[2]);
        } catch (RuntimeException e) {
            return List.of();
        }
        QuizStore.Round round = store.running(b.chat());
        if (round == null || round.id() != roundId || round.current() != seq) return toast(b, ctx, "quiz.button.over");
        return answer(ctx, round, b.member(), b.account(), b.at(), null, choice, b, null);
    }

    private List<Action> toast(Event.ButtonPressed b, FeatureContext ctx, String key) {
        if (b.callbackId() == null) return List.of();
        return List.of(new Action.AnswerButton(b.chat(), b.account(), b.callbackId(), ctx.phrase(QM, key)));
    }

    /** One member's answer: {@code said} typed (compared form), or {@code choice} pressed. */
    private List<Action> answer(FeatureContext ctx, QuizStore.Round round, MemberRef who, String account, Instant at,
                                String said, int choice, Event.ButtonPressed press, String messageId) {
        QuizStore.Asked asked = store.asked(round.id(), round.current());
        if (asked == null || asked.closed() || at.isAfter(asked.due())) return press == null ? List.of() : toast(press, ctx, "quiz.button.over");
        Bank bank = config().find(round.bank(), round.bankLocale() == null ? ctx.locale() : round.bankLocale());
        if (bank == null || asked.question() >= bank.questions().size()) return List.of();
        Question q = bank.questions().get(asked.question());
        if (who.bot() || s.accounts().isOwnAccount(round.chat().platform(), who.id())) return List.of();
        boolean right;
        Integer took = null;
        if (q.hasChoices()) {
            int c = said != null ? q.choiceOf(said) : (choice >= 0 && choice < q.choices().size() ? choice : -1);
            if (c < 0 && (said == null || !q.accepted().contains(said))) return List.of();   // chatter, not an answer
            took = c;
            right = said != null ? q.right(said) : q.correct().contains(c);
        } else {
            if (said == null) return List.of();
            right = q.right(said);
        }
        QuizStore.Answer before = store.answer(round.id(), round.current(), who.id());
        if (before != null && (before.correct() || q.hasChoices())) {
            return press == null ? List.of() : toast(press, ctx, "quiz.button.taken");
        }
        ChatRef chat = round.chat();
        String source = "quiz:" + round.id() + ":" + round.current();
        boolean firstMode = bank.scoring() == Scoring.FIRST;
        if (right && firstMode && !store.close(round.id(), round.current())) return List.of();
        store.answered(round.id(), round.current(), who, took, right, right ? q.points() : 0, at);
        if (before == null || right) {
            ctx.emit(new Event.Counted(EventKey.of(chat, source + ":" + who.id() + (right ? ":right" : ":tried")), chat, at, account, who,
                    Tally.QUIZ_ANSWER, right ? 1 : 0, bank.name()));
        }
        if (!right) return press == null ? List.of() : toast(press, ctx, firstMode ? "quiz.button.wrong" : "quiz.button.recorded");
        if (q.points() > 0) {
            ctx.emit(new Event.PointsChanged(EventKey.of(chat, source + ":" + who.id() + ":points"), chat, at, account, who, q.points(),
                    PointsKind.EARN, ctx.text("quiz.points_reason", "title", bank.title()), source));
        }
        List<Action> out = new ArrayList<>();
        if (press != null) out.addAll(toast(press, ctx, firstMode ? "quiz.button.right" : "quiz.button.recorded"));
        if (!firstMode) return out;
        s.scheduler().cancel(OWNER, TIMEOUT, round.id() + ":" + round.current());
        StringBuilder won = new StringBuilder(ctx.phrase(QM, "quiz.won", "name", who.name(), "points", q.points(), "answer", q.shownAnswer()));
        if (q.explanation() != null) won.append('\n').append(ctx.phrase(QM, "quiz.explanation", "explanation", q.explanation()));
        Action.Send post = Action.Send.of(chat, QM, ctx.signed(QM, won.toString()));
        out.add(messageId == null ? post : post.replyingTo(messageId));
        out.addAll(next(ctx, round, bank));
        return out;
    }

    /** A question's time ran out: reveal the answer and its explanation, then go on. */
    List<Action> timeout(qunzhu.schedule.Job job, FeatureContext ctx) {
        String[] p = job.payload() == null ? new String[0] : job.payload().split(":");
        if (p.length != 2) return List.of();
        QuizStore.Round round = store.round(Long.parseLong(p[0]));
        int seq = Integer.parseInt(p[1]);
        if (round == null || !"running".equals(round.state()) || round.current() != seq) return List.of();
        QuizStore.Asked asked = store.asked(round.id(), seq);
        if (asked == null || !store.close(round.id(), seq)) return List.of();
        Bank bank = config().find(round.bank(), round.bankLocale() == null ? ctx.locale() : round.bankLocale());
        if (bank == null || asked.question() >= bank.questions().size()) {
            store.end(round.id(), "stopped", ctx.now());
            return List.of();
        }
        Question q = bank.questions().get(asked.question());
        boolean late = ctx.now().isAfter(job.due().plus(LATE));
        StringBuilder text = new StringBuilder(ctx.phrase(QM, late ? "quiz.reveal_late" : "quiz.reveal", "answer", q.shownAnswer()));
        if (q.explanation() != null) text.append('\n').append(ctx.phrase(QM, "quiz.explanation", "explanation", q.explanation()));
        if (bank.scoring() == Scoring.ALL) {
            List<String> names = store.rightNames(round.id(), seq);
            text.append('\n').append(names.isEmpty() ? ctx.phrase(QM, "quiz.right_none")
                    : ctx.phrase(QM, "quiz.right_all", "names", String.join(ctx.text("quiz.name_separator"), names), "points", q.points()));
        } else {
            text.append('\n').append(ctx.phrase(QM, "quiz.right_none"));
        }
        List<Action> out = new ArrayList<>();
        out.add(Action.Send.of(round.chat(), QM, ctx.signed(QM, text.toString())));
        out.addAll(next(ctx, round, bank));
        return out;
    }

    private List<Action> next(FeatureContext ctx, QuizStore.Round round, Bank bank) {
        if (round.last()) return List.of(finish(ctx, round, "done", ctx.phrase(QM, "quiz.end")));
        return List.of(ask(ctx, round, bank, round.current() + 1));
    }

    private Action finish(FeatureContext ctx, QuizStore.Round round, String state, String heading) {
        store.end(round.id(), state, ctx.now());
        log.info("quiz round {} in {} {}", round.id(), round.chat(), state);
        return Action.Send.of(round.chat(), QM, ctx.signed(QM, heading + "\n" + board(ctx, store.roundScores(round.id(), BOARD), "quiz.board_empty")));
    }

    /** /quiz stop: the running round ends now, with its leaderboard so far. */
    List<Action> stop(FeatureContext ctx, String by) {
        QuizStore.Round round = store.running(ctx.chat());
        if (round == null) return null;
        s.scheduler().cancel(OWNER, TIMEOUT, round.id() + ":" + round.current());
        store.close(round.id(), round.current());
        return List.of(finish(ctx, round, "stopped", ctx.phrase(QM, "quiz.stopped", "name", by)));
    }

    /** /quiz top: the chat's leaderboard over every round. */
    String top(FeatureContext ctx) {
        return ctx.phrase(QM, "quiz.top", "group", ctx.groupTitle()) + "\n" + board(ctx, store.chatScores(ctx.chat(), BOARD), "quiz.top_empty");
    }

    private static String board(FeatureContext ctx, List<QuizStore.Score> scores, String emptyKey) {
        if (scores.isEmpty()) return ctx.phrase(QM, emptyKey);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < scores.size(); i++) {
            QuizStore.Score sc = scores.get(i);
            lines.add(ctx.phrase(QM, "quiz.board_line", "rank", i + 1, "name", sc.name(), "points", sc.points(), "right", sc.right()));
        }
        return String.join("\n", lines);
    }
}
