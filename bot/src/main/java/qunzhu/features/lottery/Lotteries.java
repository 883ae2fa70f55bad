package qunzhu.features.lottery;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import qunzhu.core.Action;
import qunzhu.core.Button;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.MemberRef;
import qunzhu.core.PersonaRole;
import qunzhu.core.PointsKind;
import qunzhu.core.Tally;
import qunzhu.feature.CommandCall;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Setup;
import qunzhu.feature.UsageException;
import qunzhu.schedule.Job;
import qunzhu.text.Normalizer;

/** What the lottery commands, buttons, trigger and jobs do. */
final class Lotteries {
    static final String BUTTON = "lottery:join:";
    /** A draw job that runs this much after its time ran while the bot was down: the post says it is late. */
    static final Duration LATE = Duration.ofMinutes(1);

    private final Setup s;
    private final LotteryStore store;
    private final Eligibility eligibility;
    private final SecureRandom random;
    /** The entry keyword per locale, normalised once (it was formatted and normalised for every message). */
    private final java.util.Map<String, String> keywords = new java.util.concurrent.ConcurrentHashMap<>();

    Lotteries(Setup s, LotteryStore store, Eligibility eligibility, SecureRandom random) {
        this.s = s;
        this.store = store;
        this.eligibility = eligibility;
        this.random = random;
    }

    // ---- start

    List<Action> start(CommandCall call, String line) {
        FeatureContext ctx = call.ctx();
        StartLine parsed = parse(line, ctx);
        return List.of(open(ctx, parsed, call.caller().id(), PersonaRole.HOST, false));
    }

    List<Action> triggered(Event.Triggered t, FeatureContext ctx) {
        StartLine parsed;
        try {
            parsed = StartLine.parse(t.argument() == null ? "" : t.argument(), ctx.now(), ctx.zone());
        } catch (StartLine.Bad e) {
            return List.of(Action.Send.of(t.chat(), PersonaRole.MODERATOR, ctx.text("lottery.bad_trigger", "argument",
                    t.argument() == null ? "" : t.argument())));
        }
        return List.of(open(ctx, parsed, null, t.persona(), t.late()));
    }

    private StartLine parse(String line, FeatureContext ctx) {
        try {
            return StartLine.parse(line, ctx.now(), ctx.zone());
        } catch (StartLine.Bad e) {
            throw new UsageException(e.key == null ? null : ctx.text(e.key, "value", e.value, "max", StartLine.MAX_WINNERS));
        }
    }

    private Action.Send open(FeatureContext ctx, StartLine line, String by, PersonaRole persona, boolean late) {
        String seed = Draw.newSeed(random);
        String commitment = Draw.commitment(seed);
        long id = store.create(ctx.chat(), line, by, seed, commitment, ctx.now());
        if (line.drawAt() != null) s.scheduler().schedule(line.drawAt(), s.feature(), LotteryFeature.DRAW, ctx.chat(), Long.toString(id));
        LotteryStore.Lottery l = store.get(id);
        String when = l.drawAt() == null ? ctx.phrase(persona, "lottery.draw_by_hand", "id", id)
                : ctx.phrase(persona, "lottery.draw_at", "time", ctx.time(l.drawAt()));
        String text = ctx.text(persona, "lottery.start", "id", id, "prize", l.prize(), "winners", l.winners(), "when", when,
                "conditions", conditions(l, ctx), "commitment", commitment);
        if (late) text = ctx.phrase(persona, "lottery.late_start") + "\n" + text;
        String keyword = ctx.text("lottery.keyword");
        return Action.Send.of(ctx.chat(), persona, text)
                .withButtons(List.of(new Button(ctx.text("lottery.button"), BUTTON + id, keyword)))
                .withRef("lottery." + id);
    }

    private static String conditions(LotteryStore.Lottery l, FeatureContext ctx) {
        List<String> parts = new ArrayList<>();
        if (l.minDays() > 0) parts.add(ctx.text("lottery.condition.days", "n", l.minDays()));
        if (l.minMessages() > 0) parts.add(ctx.text("lottery.condition.messages", "n", l.minMessages()));
        if (l.minPoints() > 0) parts.add(ctx.text("lottery.condition.points", "n", l.minPoints()));
        if (l.cost() > 0) parts.add(ctx.text("lottery.condition.cost", "n", l.cost()));
        return parts.isEmpty() ? ctx.text("lottery.condition.none") : String.join(ctx.text("lottery.condition.separator"), parts);
    }

    // ---- join

    List<Action> joinCommand(CommandCall call) {
        FeatureContext ctx = call.ctx();
        Integer asked = call.args().integer("id");
        LotteryStore.Lottery l;
        if (asked != null) {
            l = store.get(asked);
            if (l == null || !l.chat().equals(ctx.chat())) return List.of(call.reply(ctx.text("lottery.no_such", "id", asked)));
        } else {
            List<LotteryStore.Lottery> open = store.open(ctx.chat());
            if (open.isEmpty()) return List.of(call.reply(ctx.text("lottery.none_open")));
            if (open.size() > 1) return List.of(call.reply(ctx.text("lottery.several_open",
                    "ids", String.join(", ", open.stream().map(o -> "#" + o.id()).toList()), "id", open.get(open.size() - 1).id())));
            l = open.get(0);
        }
        return List.of(call.reply(join(l, call.caller(), call.message().messageId(), call.message().account(), ctx)));
    }

    /** "参与" (or "参与 3") while a lottery is open enters it, as /join does. */
    List<Action> keyword(Event.MessagePosted m, FeatureContext ctx) {
        if (m.author() == null || m.text().length() > 32) return List.of();
        String said = Normalizer.forAnswer(m.text());
        String keyword = keywords.computeIfAbsent(ctx.locale(), l -> Normalizer.forAnswer(ctx.text("lottery.keyword")));
        if (!said.startsWith(keyword)) return List.of();
        String rest = said.substring(keyword.length()).strip();
        if (rest.startsWith("#")) rest = rest.substring(1);
        if (!rest.isEmpty() && !rest.matches("\\d{1,9}")) return List.of();
        List<LotteryStore.Lottery> open = store.open(ctx.chat());
        if (open.isEmpty()) return List.of();
        ctx.stop();
        Action.Send reply;
        if (!rest.isEmpty()) {
            LotteryStore.Lottery l = store.get(Long.parseLong(rest));
            reply = Action.Send.of(ctx.chat(), PersonaRole.HOST, l == null || !l.chat().equals(ctx.chat())
                    ? ctx.text("lottery.no_such", "id", rest) : join(l, m.author(), m.messageId(), m.account(), ctx));
        } else if (open.size() > 1) {
            reply = Action.Send.of(ctx.chat(), PersonaRole.HOST, ctx.text("lottery.several_open",
                    "ids", String.join(", ", open.stream().map(o -> "#" + o.id()).toList()), "id", open.get(open.size() - 1).id()));
        } else {
            reply = Action.Send.of(ctx.chat(), PersonaRole.HOST, join(open.get(0), m.author(), m.messageId(), m.account(), ctx));
        }
        return List.of(reply.replyingTo(m.messageId()));
    }

    List<Action> pressed(Event.ButtonPressed b, FeatureContext ctx) {
        long id;
        try {
            id = Long.parseLong(b.data().substring(BUTTON.length()));
        } catch (NumberFormatException e) {
            return List.of();
        }
        LotteryStore.Lottery l = store.get(id);
        String answer = l == null || !l.chat().equals(ctx.chat()) ? ctx.text("lottery.no_such", "id", id)
                : join(l, b.member(), null, b.account(), ctx);
        return List.of(new Action.AnswerButton(b.chat(), b.account(), b.callbackId(), answer));
    }

    /** Enters the member, or says why not; the answer for them. */
    private String join(LotteryStore.Lottery l, MemberRef member, String messageId, String account, FeatureContext ctx) {
        if (!l.open()) return ctx.text("lottery.closed", "id", l.id());
        if (store.entered(l.id(), member.id())) return ctx.text("lottery.already", "id", l.id(), "name", member.name());
        Eligibility.Refusal no = eligibility.check(l, ctx.chat(), member, ctx.now(), messageId);
        if (no != null) {
            return ctx.text("lottery.refused." + no.reason(), "id", l.id(), "name", member.name(), "needed", no.needed(), "has", no.has());
        }
        store.enter(l.id(), member, ctx.now(), l.cost());
        String source = "lottery:" + l.id();
        if (l.cost() > 0) {
            ctx.emit(new Event.PointsChanged(EventKey.of(ctx.chat(), source + ":spend:" + member.id()), ctx.chat(), ctx.now(), account,
                    member, -l.cost(), PointsKind.SPEND, ctx.text("lottery.points_reason", "id", l.id(), "prize", l.prize()), source));
        }
        ctx.emit(new Event.Counted(EventKey.of(ctx.chat(), source + ":entry:" + member.id()), ctx.chat(), ctx.now(), account, member,
                Tally.LOTTERY_ENTRY, 1, source));
        long n = store.entryCount(l.id());
        return l.cost() > 0 ? ctx.text("lottery.joined_paid", "id", l.id(), "name", member.name(), "count", n, "cost", l.cost())
                : ctx.text("lottery.joined", "id", l.id(), "name", member.name(), "count", n);
    }

    // ---- draw

    List<Action> drawCommand(CommandCall call, String rest) {
        FeatureContext ctx = call.ctx();
        LotteryStore.Lottery l = pick(call, rest);
        if (l == null) return List.of(call.reply(ctx.text(rest.isEmpty() ? "lottery.none_open" : "lottery.no_such", "id", rest)));
        if (!l.open()) return List.of(call.reply(ctx.text("lottery.closed", "id", l.id())));
        s.scheduler().cancel(s.feature(), LotteryFeature.DRAW, Long.toString(l.id()));
        return draw(l, ctx, PersonaRole.HOST, false, call.message().account());
    }

    List<Action> drawJob(Job job, FeatureContext ctx) {
        LotteryStore.Lottery l = store.get(Long.parseLong(job.payload()));
        // Drawn or cancelled by hand before its time.
        if (l == null || !l.open() || ctx.group() == null) return List.of();
        boolean late = ctx.now().isAfter(job.due().plus(LATE));
        return draw(l, ctx, PersonaRole.HOST, late, null);
    }

    private List<Action> draw(LotteryStore.Lottery l, FeatureContext ctx, PersonaRole persona, boolean late, String account) {
        List<LotteryStore.Entry> entries = store.entries(l.id());
        Map<String, String> names = new LinkedHashMap<>();
        for (LotteryStore.Entry e : entries) names.put(e.memberId(), e.name() == null ? e.memberId() : e.name());
        List<String> sorted = Draw.sorted(names.keySet());
        String hash = Draw.entriesHash(sorted);
        List<String> winners = Draw.winners(l.seed(), sorted, l.winners());
        store.drawn(l.id(), ctx.now(), late, hash, winners);
        ctx.emit(new Event.Counted(EventKey.of(ctx.chat(), "lottery:" + l.id() + ":drawn"), ctx.chat(), ctx.now(), account, null,
                Tally.LOTTERY_DRAWN, sorted.size(), "lottery:" + l.id()));
        String lateNote = late ? ctx.phrase(persona, "lottery.late_draw", "time", ctx.time(l.drawAt())) : "";
        String text;
        if (sorted.isEmpty()) {
            text = ctx.text(persona, "lottery.drawn_empty", "id", l.id(), "prize", l.prize(), "late", lateNote, "seed", l.seed(),
                    "commitment", l.commitment());
        } else {
            List<String> shown = winners.stream().map(w -> "@" + names.get(w)).toList();
            text = ctx.text(persona, "lottery.drawn", "id", l.id(), "prize", l.prize(), "late", lateNote, "count", sorted.size(),
                    "winners", String.join(ctx.text("lottery.condition.separator"), shown), "seed", l.seed(),
                    "commitment", l.commitment(), "hash", hash);
        }
        return List.of(Action.Send.of(ctx.chat(), persona, text));
    }

    // ---- cancel, refunds

    List<Action> cancel(CommandCall call, String rest) {
        FeatureContext ctx = call.ctx();
        LotteryStore.Lottery l = pick(call, rest);
        if (l == null) return List.of(call.reply(ctx.text(rest.isEmpty() ? "lottery.none_open" : "lottery.no_such", "id", rest)));
        if (!store.cancelled(l.id())) return List.of(call.reply(ctx.text("lottery.closed", "id", l.id())));
        s.scheduler().cancel(s.feature(), LotteryFeature.DRAW, Long.toString(l.id()));
        long paid = store.entries(l.id()).stream().filter(e -> e.paid() > 0).count();
        // Refunds run as a job: each refund is an event of its own there, however many entries paid.
        if (paid > 0) s.scheduler().schedule(ctx.now(), s.feature(), LotteryFeature.REFUND, ctx.chat(), Long.toString(l.id()));
        String refund = paid > 0 ? ctx.text("lottery.refund", "count", paid, "cost", l.cost()) : "";
        return List.of(Action.Send.of(ctx.chat(), PersonaRole.HOST, ctx.text("lottery.cancelled", "id", l.id(), "prize", l.prize(),
                "refund", refund)));
    }

    List<Action> refundJob(Job job, FeatureContext ctx) {
        LotteryStore.Lottery l = store.get(Long.parseLong(job.payload()));
        if (l == null || !l.status().equals("cancelled")) return List.of();
        String source = "lottery:" + l.id() + ":refund";
        for (LotteryStore.Entry e : store.entries(l.id())) {
            if (e.paid() <= 0) continue;
            ctx.emit(new Event.PointsChanged(EventKey.of(l.chat(), source + ":" + e.memberId()), l.chat(), ctx.now(), null,
                    MemberRef.of(e.memberId(), e.name()), e.paid(), PointsKind.GRANT,
                    ctx.text("lottery.refund_reason", "id", l.id(), "prize", l.prize()), source));
        }
        return List.of();
    }

    // ---- list, verify

    List<Action> list(CommandCall call) {
        FeatureContext ctx = call.ctx();
        List<String> lines = new ArrayList<>();
        for (LotteryStore.Lottery l : store.open(ctx.chat())) {
            String when = l.drawAt() == null ? ctx.text("lottery.list_by_hand") : ctx.time(l.drawAt());
            lines.add(ctx.text("lottery.list_open", "id", l.id(), "prize", l.prize(), "winners", l.winners(),
                    "count", store.entryCount(l.id()), "when", when));
        }
        for (LotteryStore.Lottery l : store.recentlyDrawn(ctx.chat(), 3)) {
            lines.add(ctx.text("lottery.list_drawn", "id", l.id(), "prize", l.prize(), "count", store.entryCount(l.id())));
        }
        if (lines.isEmpty()) return List.of(call.reply(ctx.text("lottery.list_none")));
        return List.of(call.reply(ctx.text("lottery.list", "lines", String.join("\n", lines))));
    }

    List<Action> verify(CommandCall call, String rest) {
        FeatureContext ctx = call.ctx();
        LotteryStore.Lottery l = rest.isEmpty() ? null : byId(rest, ctx.chat());
        if (rest.isEmpty()) throw new UsageException(null);
        if (l == null) return List.of(call.reply(ctx.text("lottery.no_such", "id", rest)));
        List<String> ids = Draw.sorted(store.entries(l.id()).stream().map(LotteryStore.Entry::memberId).toList());
        List<Action> out = new ArrayList<>();
        if (!l.drawnAlready()) {
            out.add(call.reply(ctx.text("lottery.verify_open", "id", l.id(), "prize", l.prize(), "winners", l.winners(),
                    "commitment", l.commitment(), "count", ids.size(), "status", ctx.text("lottery.status." + l.status()))));
            return out;
        }
        String head = ctx.text("lottery.verify", "id", l.id(), "prize", l.prize(), "winners", l.winners(), "commitment", l.commitment(),
                "seed", l.seed(), "count", ids.size(), "hash", l.entriesHash(),
                "result", l.result().isEmpty() ? "-" : String.join(", ", l.result()));
        out.add(call.reply(head));
        // The list itself, one id a line, in as few messages as the platforms allow.
        StringBuilder chunk = new StringBuilder();
        for (String id : ids) {
            if (chunk.length() + id.length() + 1 > PROOF_CHUNK) {
                out.add(Action.Send.of(ctx.chat(), PersonaRole.HOST, ctx.text("lottery.verify_entries", "id", l.id(), "entries", chunk)));
                chunk.setLength(0);
            }
            chunk.append(chunk.length() == 0 ? "" : "\n").append(id);
        }
        if (chunk.length() > 0) {
            out.add(Action.Send.of(ctx.chat(), PersonaRole.HOST, ctx.text("lottery.verify_entries", "id", l.id(), "entries", chunk)));
        }
        return out;
    }

    /** Telegram takes 4096 characters a message; QQ fewer in practice. */
    private static final int PROOF_CHUNK = 3000;

    /** The lottery named by {@code rest} ("3", "#3"), or the only open one of the chat when rest is empty. */
    private LotteryStore.Lottery pick(CommandCall call, String rest) {
        if (!rest.isEmpty()) return byId(rest, call.ctx().chat());
        List<LotteryStore.Lottery> open = store.open(call.ctx().chat());
        return open.isEmpty() ? null : open.get(open.size() - 1);
    }

    private LotteryStore.Lottery byId(String word, ChatRef chat) {
        String w = word.split("\\s+")[0];
        if (w.startsWith("#")) w = w.substring(1);
        try {
            LotteryStore.Lottery l = store.get(Long.parseLong(w));
            return l != null && l.chat().equals(chat) ? l : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
