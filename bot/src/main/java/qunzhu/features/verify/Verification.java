package qunzhu.features.verify;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import qunzhu.core.Action;
import qunzhu.core.Button;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.Tally;
import qunzhu.core.MemberRef;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Setup;
import qunzhu.schedule.Job;
import qunzhu.store.KeyValues;
import qunzhu.text.Normalizer;

/**
 * New-member verification. A button check mutes the newcomer until they press their own
 * button (or type the keyword where the platform has no buttons); a question check leaves
 * them able to type, treats each message as an answer and removes the attempts afterwards.
 * State is in verify_pending and the deadline is a scheduler job, so a restart in between
 * changes nothing. Pass: unmute, and {@link Event.MemberAdmitted} for the welcome. Too many wrong answers or the deadline: kick (not
 * ban: they may try again), and everything they posted meanwhile is removed.
 */
final class Verification {
    static final String DEADLINE = "deadline";
    private static final Duration NOTICE_LIFETIME = Duration.ofMinutes(1);

    private final Setup services;
    private final VerifyStore store;
    private final KeyValues kv;

    Verification(Setup services, VerifyStore store) {
        this.services = services;
        this.store = store;
        this.kv = services.kv();
    }

    List<Action> joined(Event.MemberJoined j, FeatureContext ctx, NewcomerConfig cfg) {
        ChatRef chat = j.chat();
        MemberRef m = j.member();
        boolean buttons = ctx.capabilities().buttons();
        int question = cfg.verify() == NewcomerConfig.Mode.QUESTION ? Math.floorMod(m.id().hashCode(), cfg.questions().size()) : 0;
        boolean mute = cfg.verify() == NewcomerConfig.Mode.BUTTON && buttons;
        String token = token(m.id());
        store.start(new VerifyStore.Pending(chat, m, cfg.verify(), token, question, 0, mute, ctx.now().plus(cfg.verifyWithin())), ctx.now());
        services.scheduler().schedule(ctx.now().plus(cfg.verifyWithin()), "verify", DEADLINE, chat, m.id());
        List<Action> out = new ArrayList<>();
        if (mute) out.add(new Action.Mute(chat, m, null, ctx.text("verify.reason")));
        String within = ctx.duration(cfg.verifyWithin());
        Action.Send prompt;
        if (cfg.verify() == NewcomerConfig.Mode.QUESTION) {
            prompt = Action.Send.of(chat, "host", ctx.text("verify.prompt_question", "name", m.name(), "group", ctx.groupTitle(),
                    "question", cfg.questions().get(question).ask(), "within", within, "attempts", cfg.attempts()));
        } else {
            String keyword = ctx.text("verify.keyword");
            prompt = Action.Send.of(chat, "host", ctx.text(buttons ? "verify.prompt_button" : "verify.prompt_keyword",
                            "name", m.name(), "group", ctx.groupTitle(), "within", within, "keyword", keyword))
                    .withButtons(List.of(new Button(ctx.text("verify.button"), token, keyword)));
        }
        // The deadline removes the prompt anyway; passing early removes it sooner through its ref.
        out.add(prompt.deletingAfter(cfg.verifyWithin()).withRef(ref(chat, m.id())));
        return out;
    }

    List<Action> pressed(Event.ButtonPressed b, FeatureContext ctx) {
        String owner = store.memberOfToken(b.chat(), b.data());
        if (owner == null) return List.of(answer(b, ctx.text("verify.expired")));
        if (!owner.equals(b.member().id())) return List.of(answer(b, ctx.text("verify.not_for_you")));
        VerifyStore.Pending p = store.pending(b.chat(), owner);
        List<Action> out = new ArrayList<>();
        out.add(answer(b, ctx.text("verify.passed")));
        out.addAll(pass(p, ctx));
        return out;
    }

    /** A message from a member still verifying. */
    List<Action> posted(Event.MessagePosted m, VerifyStore.Pending p, FeatureContext ctx, NewcomerConfig cfg) {
        store.track(m.chat(), p.member().id(), m.messageId());
        String said = Normalizer.forAnswer(m.text());
        if (p.mode() == NewcomerConfig.Mode.BUTTON) {
            return said.equals(Normalizer.forAnswer(ctx.text("verify.keyword"))) ? pass(p, ctx) : List.of();
        }
        NewcomerConfig.Question q = cfg.questions().isEmpty() ? null : cfg.questions().get(Math.min(p.question(), cfg.questions().size() - 1));
        if (q != null && q.answers().stream().anyMatch(a -> Normalizer.forAnswer(a).equals(said))) return pass(p, ctx);
        int attempts = store.failedAttempt(m.chat(), p.member().id());
        if (attempts >= cfg.attempts()) return fail(p, ctx, "wrong_answer");
        return List.of(Action.Send.of(m.chat(), "host", ctx.text("verify.wrong_answer", "name", p.member().name(),
                "left", cfg.attempts() - attempts, "question", q == null ? "" : q.ask())).deletingAfter(NOTICE_LIFETIME));
    }

    List<Action> deadline(Job job, FeatureContext ctx) {
        VerifyStore.Pending p = store.pending(job.chat(), job.payload());
        // A stale job: the member passed, left, or joined again with a later deadline.
        if (p == null || p.deadline().isAfter(ctx.now())) return List.of();
        return fail(p, ctx, "timeout");
    }

    List<Action> left(Event.MemberLeft l, FeatureContext ctx) {
        VerifyStore.Pending p = store.pending(l.chat(), l.member().id());
        if (p == null) return List.of();
        return cleanUp(p, store.finish(l.chat(), l.member().id(), "left", ctx.now()));
    }

    boolean verifying(ChatRef chat, String memberId) { return store.pending(chat, memberId) != null; }

    private List<Action> pass(VerifyStore.Pending p, FeatureContext ctx) {
        List<String> tracked = store.finish(p.chat(), p.member().id(), "passed", ctx.now());
        counted(p, ctx, Tally.VERIFY_PASSED);
        List<Action> out = new ArrayList<>();
        if (p.muted()) out.add(new Action.Unmute(p.chat(), p.member()));
        // Answers to a question are verification noise; in button mode they are real messages.
        out.addAll(cleanUp(p, p.mode() == NewcomerConfig.Mode.QUESTION ? tracked : List.of()));
        // The welcome (or anyone else who cares) hears of it as an event, after this one.
        ctx.emit(new Event.MemberAdmitted(EventKey.of(p.chat(), "verified:" + p.member().id() + ":" + ctx.now().toEpochMilli()),
                p.chat(), ctx.now(), null, p.member()));
        return out;
    }

    private List<Action> fail(VerifyStore.Pending p, FeatureContext ctx, String outcome) {
        List<String> tracked = store.finish(p.chat(), p.member().id(), outcome, ctx.now());
        counted(p, ctx, outcome.equals("timeout") ? Tally.VERIFY_TIMED_OUT : Tally.VERIFY_FAILED);
        List<Action> out = new ArrayList<>();
        out.add(new Action.Kick(p.chat(), p.member(), ctx.text("verify.kick_reason." + outcome)));
        out.addAll(cleanUp(p, tracked));
        out.add(Action.Send.of(p.chat(), "host", ctx.text("verify.removed." + outcome, "name", p.member().name()))
                .deletingAfter(NOTICE_LIFETIME));
        return out;
    }

    /** The digests count verification outcomes. */
    private static void counted(VerifyStore.Pending p, FeatureContext ctx, Tally tally) {
        ctx.emit(new Event.Counted(EventKey.of(p.chat(), "verify:" + tally + ":" + p.member().id() + ":" + ctx.now().toEpochMilli()),
                p.chat(), ctx.now(), null, p.member(), tally, 1, null));
    }

    private List<Action> cleanUp(VerifyStore.Pending p, List<String> messages) {
        List<Action> out = new ArrayList<>();
        String key = "sent." + ref(p.chat(), p.member().id());
        String prompt = kv.get(key);
        if (prompt != null) {
            out.add(new Action.Delete(p.chat(), prompt, "verification ended"));
            kv.remove(key);
        }
        for (String id : messages) out.add(new Action.Delete(p.chat(), id, "sent while verifying"));
        return out;
    }

    private static Action answer(Event.ButtonPressed b, String text) {
        return new Action.AnswerButton(b.chat(), b.account(), b.callbackId(), text);
    }

    private static String ref(ChatRef chat, String memberId) { return "verify." + chat + "." + memberId; }

    /** Button data: "verify:<member id>", hashed when that would pass Telegram's 64 bytes. */
    static String token(String memberId) {
        String plain = "verify:" + memberId;
        if (plain.getBytes(StandardCharsets.UTF_8).length <= 64) return plain;
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(memberId.getBytes(StandardCharsets.UTF_8));
            return "verify:#" + HexFormat.of().formatHex(h, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
