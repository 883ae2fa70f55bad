package qunzhu.features.poll;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import qunzhu.core.Action;
import qunzhu.core.Button;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.core.PersonaRole;
import qunzhu.core.Role;
import qunzhu.core.Tally;
import qunzhu.feature.CommandCall;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Setup;
import qunzhu.feature.UsageException;
import qunzhu.schedule.Job;
import qunzhu.store.KeyValues;
import qunzhu.text.Normalizer;

/**
 * What the poll command, votes, trigger and jobs do. The live count is one edit of the poll
 * message per {@link PollConfig#editEvery()} at most: the first vote after a quiet spell
 * schedules an edit at once, votes while one is scheduled only change the rows it will read.
 */
final class Polls {
    static final String BUTTON = "poll:";
    static final String CLOSE = "close";
    static final String REFRESH = "refresh";
    static final Duration LATE = Duration.ofMinutes(1);

    private final Setup s;
    private final PollStore store;
    private final KeyValues kv;

    Polls(Setup s, PollStore store) {
        this.s = s;
        this.store = store;
        this.kv = s.kv();
    }

    // ---- start, close

    List<Action> command(CommandCall call) {
        FeatureContext ctx = call.ctx();
        List<String> words = call.words();
        if (words.isEmpty()) throw new UsageException(null);
        String first = words.get(0).toLowerCase(java.util.Locale.ROOT);
        if (first.equals("close") || first.equals("结束")) return closeCommand(call, call.rest().substring(words.get(0).length()).strip());
        PollLine line;
        try {
            line = PollLine.parse(call.rest());
        } catch (PollLine.Bad e) {
            throw new UsageException(e.key == null ? null : ctx.text(e.key, "max", PollLine.MAX_OPTIONS));
        }
        return List.of(open(ctx, line, call.caller().id(), PersonaRole.HOST, false));
    }

    List<Action> triggered(Event.Triggered t, FeatureContext ctx) {
        try {
            return List.of(open(ctx, PollLine.parse(t.argument() == null ? "" : t.argument()), null, t.persona(), t.late()));
        } catch (PollLine.Bad e) {
            return List.of(Action.Send.of(t.chat(), PersonaRole.MODERATOR, ctx.text("poll.bad_trigger", "argument",
                    t.argument() == null ? "" : t.argument())));
        }
    }

    private Action.Send open(FeatureContext ctx, PollLine line, String by, PersonaRole persona, boolean late) {
        long id = store.create(ctx.chat(), line, by, ctx.now());
        PollStore.Poll p = store.get(id);
        if (p.closes() != null) s.scheduler().schedule(p.closes(), s.feature(), CLOSE, ctx.chat(), Long.toString(id));
        String text = live(p, ctx);
        if (late) text = ctx.phrase(persona, "poll.late_start") + "\n" + text;
        return Action.Send.of(ctx.chat(), persona, text).withButtons(buttons(p)).withRef(ref(id));
    }

    private List<Action> closeCommand(CommandCall call, String rest) {
        FeatureContext ctx = call.ctx();
        PollStore.Poll p = pick(ctx, rest);
        if (p == null) return List.of(call.reply(ctx.text(rest.isEmpty() ? "poll.none_open" : "poll.no_such", "id", rest)));
        boolean mayClose = call.caller().id().equals(p.createdBy()) || ctx.confirmedRoleOf(call.message()).atLeast(Role.MODERATOR);
        if (!mayClose) return List.of(call.reply(ctx.text("poll.close_denied", "id", p.id())));
        if (!p.open()) return List.of(call.reply(ctx.text("poll.closed", "id", p.id())));
        s.scheduler().cancel(s.feature(), CLOSE, Long.toString(p.id()));
        return close(p, ctx, false);
    }

    List<Action> closeJob(Job job, FeatureContext ctx) {
        PollStore.Poll p = store.get(Long.parseLong(job.payload()));
        if (p == null || !p.open()) return List.of();
        return close(p, ctx, ctx.now().isAfter(job.due().plus(LATE)));
    }

    private List<Action> close(PollStore.Poll p, FeatureContext ctx, boolean late) {
        store.close(p.id());
        PollStore.Poll closed = store.get(p.id());
        List<Action> out = new ArrayList<>();
        String message = kv.get("sent." + ref(p.id()));
        if (message != null) out.add(new Action.Edit(p.chat(), message, live(closed, ctx), List.of()));
        int[] counts = counts(closed);
        int total = 0;
        for (int c : counts) total += c;
        List<String> lines = new ArrayList<>();
        List<PollStore.Vote> votes = store.votes(p.id());
        for (int i = 0; i < closed.options().size(); i++) {
            int n = counts[i];
            String line = ctx.text("poll.result_line", "n", i + 1, "option", closed.options().get(i), "count", n,
                    "percent", total == 0 ? 0 : Math.round(100.0 * n / total));
            if (!closed.anonymous() && n > 0) {
                int choice = i + 1;
                line += ctx.text("poll.result_voters", "names", String.join(ctx.text("poll.separator"),
                        votes.stream().filter(v -> v.choice() == choice).map(v -> v.name() == null ? v.memberId() : v.name()).toList()));
            }
            lines.add(line);
        }
        String text = ctx.text("poll.results", "id", p.id(), "question", p.question(), "lines", String.join("\n", lines), "total", total,
                "late", late ? ctx.text("poll.late_close") : "", "anonymous", closed.anonymous() ? ctx.text("poll.anonymous_note") : "");
        out.add(Action.Send.of(p.chat(), PersonaRole.HOST, text));
        return out;
    }

    // ---- votes

    List<Action> pressed(Event.ButtonPressed b, FeatureContext ctx) {
        String[] parts = b.data().substring(BUTTON.length()).split(":");
        PollStore.Poll p;
        int choice;
        try {
            p = store.get(Long.parseLong(parts[0]));
            choice = Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
            return List.of();
        }
        String answer;
        if (p == null || !p.chat().equals(ctx.chat())) answer = ctx.text("poll.no_such", "id", parts[0]);
        else answer = vote(p, b.member(), choice, b.account(), ctx);
        List<Action> out = new ArrayList<>();
        out.add(new Action.AnswerButton(b.chat(), b.account(), b.callbackId(), answer));
        return out;
    }

    /** "1", "2" ... in a chat with an open poll: a vote in the replied poll, else in the newest. */
    List<Action> posted(Event.MessagePosted m, FeatureContext ctx) {
        if (m.author() == null || m.text().length() > 4) return List.of();
        String t = Normalizer.forAnswer(m.text());
        if (!t.matches("\\d{1,2}")) return List.of();
        List<PollStore.Poll> open = store.open(ctx.chat());
        if (open.isEmpty()) return List.of();
        PollStore.Poll p = open.get(0);
        if (m.replyToId() != null) {
            for (PollStore.Poll o : open) if (m.replyToId().equals(kv.get("sent." + ref(o.id())))) p = o;
        }
        int choice = Integer.parseInt(t);
        if (choice < 1 || choice > p.options().size()) return List.of();
        vote(p, m.author(), choice, m.account(), ctx);
        // Quiet on purpose: the live count shows the vote, and a reply to each number would flood the chat.
        return List.of();
    }

    private String vote(PollStore.Poll p, MemberRef member, int choice, String account, FeatureContext ctx) {
        if (!p.open()) return ctx.text("poll.closed", "id", p.id());
        if (choice < 1 || choice > p.options().size()) return ctx.text("poll.no_such_option", "max", p.options().size());
        int before = store.choiceOf(p.id(), member.id());
        String option = p.options().get(choice - 1);
        if (before == choice) return ctx.text("poll.same", "option", option);
        store.vote(p.id(), member, choice, ctx.now());
        ctx.emit(new Event.Counted(EventKey.of(ctx.chat(), "poll:" + p.id() + ":vote:" + member.id() + ":" + ctx.now().toEpochMilli()),
                ctx.chat(), ctx.now(), account, p.anonymous() ? null : member, Tally.POLL_VOTE, before == 0 ? 1 : 0, "poll:" + p.id()));
        refreshSoon(p, ctx);
        return before == 0 ? ctx.text("poll.voted", "option", option) : ctx.text("poll.changed", "option", option,
                "before", p.options().get(before - 1));
    }

    /** Schedules one edit of the live count, unless one is scheduled already. */
    private void refreshSoon(PollStore.Poll p, FeatureContext ctx) {
        if (!store.markEditPending(p.id())) return;
        Duration every = ctx.group() == null ? Duration.ofSeconds(5) : ctx.group().section(PollConfig.class).editEvery();
        Instant due = p.lastEdit().plus(every);
        if (due.isBefore(ctx.now())) due = ctx.now();
        s.scheduler().schedule(due, s.feature(), REFRESH, ctx.chat(), Long.toString(p.id()));
    }

    List<Action> refreshJob(Job job, FeatureContext ctx) {
        PollStore.Poll p = store.get(Long.parseLong(job.payload()));
        if (p == null) return List.of();
        store.edited(p.id(), ctx.now());
        String message = kv.get("sent." + ref(p.id()));
        // Closed meanwhile: the close already showed the final count.
        if (!p.open() || message == null) return List.of();
        return List.of(new Action.Edit(p.chat(), message, live(p, ctx), buttons(p)));
    }

    // ---- texts

    private String live(PollStore.Poll p, FeatureContext ctx) {
        int[] counts = counts(p);
        int total = 0;
        for (int c : counts) total += c;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < p.options().size(); i++) {
            lines.add(ctx.text("poll.live_line", "n", i + 1, "option", p.options().get(i), "count", counts[i]));
        }
        String state = !p.open() ? ctx.text("poll.state_closed")
                : p.closes() == null ? ctx.text("poll.state_open") : ctx.text("poll.state_until", "time", ctx.time(p.closes()));
        return ctx.text("poll.live", "id", p.id(), "question", p.question(), "lines", String.join("\n", lines), "total", total,
                "state", state, "anonymous", p.anonymous() ? ctx.text("poll.anonymous_note") : "");
    }

    private int[] counts(PollStore.Poll p) {
        int[] counts = new int[p.options().size()];
        for (PollStore.Vote v : store.votes(p.id())) if (v.choice() >= 1 && v.choice() <= counts.length) counts[v.choice() - 1]++;
        return counts;
    }

    private static List<Button> buttons(PollStore.Poll p) {
        List<Button> out = new ArrayList<>();
        for (int i = 0; i < p.options().size(); i++) {
            String label = (i + 1) + ". " + p.options().get(i);
            out.add(new Button(label.length() > 40 ? label.substring(0, 39) + "…" : label, BUTTON + p.id() + ":" + (i + 1), Integer.toString(i + 1)));
        }
        return out;
    }

    private PollStore.Poll pick(FeatureContext ctx, String rest) {
        if (rest.isEmpty()) {
            List<PollStore.Poll> open = store.open(ctx.chat());
            return open.isEmpty() ? null : open.get(0);
        }
        String w = rest.split("\\s+")[0];
        if (w.startsWith("#")) w = w.substring(1);
        try {
            PollStore.Poll p = store.get(Long.parseLong(w));
            return p != null && p.chat().equals(ctx.chat()) ? p : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String ref(long id) { return "poll." + id; }
}
