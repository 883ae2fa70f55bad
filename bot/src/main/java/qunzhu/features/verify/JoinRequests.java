package qunzhu.features.verify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import qunzhu.config.GroupConfig;
import qunzhu.core.Action;
import qunzhu.core.Button;
import qunzhu.core.ChatRef;
import qunzhu.core.Event;
import qunzhu.core.Role;
import qunzhu.feature.FeatureContext;
import qunzhu.feature.Setup;
import qunzhu.text.Normalizer;
import qunzhu.text.Texts;

/**
 * Join requests (see {@link JoinRequestConfig}). Moderator buttons carry the request's row id
 * ("join:a:12", "join:d:12"); the presser's role is checked in the request's group at press
 * time, so a demoted admin's old notice does not keep working for them.
 */
final class JoinRequests {
    private static final Duration APPROVAL_COVERS_JOIN = Duration.ofDays(1);

    private final Setup services;
    private final JoinRequestStore store;

    JoinRequests(Setup services, JoinRequestStore store) {
        this.services = services;
        this.store = store;
    }

    List<Action> requested(Event.JoinRequested r, FeatureContext ctx) {
        GroupConfig g = ctx.group();
        JoinRequestConfig cfg = g.section(JoinRequestConfig.class);
        if (cfg.policy().equals("off")) return List.of();
        if (cfg.policy().equals("auto")) {
            boolean ok = cfg.answers().isEmpty() || answered(r.comment(), cfg.answers());
            store.add(r, ok ? "approved" : "declined", ctx.now());
            return List.of(ok ? new Action.ApproveJoin(r.chat(), r.member(), r.requestId())
                    : new Action.DeclineJoin(r.chat(), r.member(), r.requestId(), declineReason(g, cfg, r.member().name())));
        }
        long id = store.add(r, "pending", ctx.now());
        ChatRef where = cfg.noticeIn().equals("log_chat") && services.config().logChat() != null ? services.config().logChat() : r.chat();
        String comment = r.comment() == null || r.comment().isBlank() ? text(g, "verify.join.no_comment") : r.comment().strip();
        return List.of(Action.Send.of(where, "moderator", text(g, "verify.join.notice", "name", r.member().name(),
                        "group", g.title(), "comment", comment))
                // Without buttons (QQ) a moderator types "批准 12" / "拒绝 12": unique per request.
                .withButtons(List.of(new Button(text(g, "verify.join.approve"), "join:a:" + id, text(g, "verify.join.approve") + " " + id),
                        new Button(text(g, "verify.join.decline"), "join:d:" + id, text(g, "verify.join.decline") + " " + id))));
    }

    List<Action> pressed(Event.ButtonPressed b) {
        String[] parts = b.data().split(":");
        JoinRequestStore.Request req = parts.length == 3 && parts[2].matches("\\d{1,18}") ? store.get(Long.parseLong(parts[2])) : null;
        GroupConfig g = req == null ? null : services.group(req.chat());
        String locale = g == null ? services.config().locale() : g.locale();
        if (req == null || g == null) return List.of(answer(b, services.texts().format(locale, "verify.join.gone")));
        Role role = services.roles().confirmed(req.chat(), b.member());
        if (!role.atLeast(Role.MODERATOR)) return List.of(answer(b, text(g, "verify.join.moderators_only")));
        boolean approve = parts[1].equals("a");
        if (!store.decide(req.id(), approve ? "approved" : "declined", b.member().id(), services.clock().instant())) {
            return List.of(answer(b, text(g, "verify.join.already", "status", text(g, "verify.join.status." + req.status()))));
        }
        JoinRequestConfig cfg = g.section(JoinRequestConfig.class);
        List<Action> out = new ArrayList<>();
        out.add(approve ? new Action.ApproveJoin(req.chat(), req.member(), req.requestId())
                : new Action.DeclineJoin(req.chat(), req.member(), req.requestId(), declineReason(g, cfg, req.member().name())));
        out.add(new Action.Edit(b.chat(), b.messageId(), text(g, approve ? "verify.join.approved" : "verify.join.declined",
                "name", req.member().name(), "group", g.title(), "by", b.member().name()), List.of()));
        out.add(answer(b, text(g, approve ? "verify.join.approved_short" : "verify.join.declined_short")));
        return out;
    }

    /** True when the member's request here was approved lately: they answered already. */
    boolean approvedLately(ChatRef chat, String memberId) {
        return store.approvedSince(chat, memberId, services.clock().instant().minus(APPROVAL_COVERS_JOIN));
    }

    /**
     * True when the comment carries one of {@code answers}. QQ sends "问题：...\n答案：..." as the
     * comment; when it has an answer part, only that part counts. An answer matches as a whole
     * word or phrase inside the normalised text ("I am a friend of bob" carries "friend", but
     * "friendly" does not); an answer with Chinese (or other CJK) characters matches as a
     * substring, since those texts have no spaces between words.
     */
    static boolean answered(String comment, List<String> answers) {
        if (comment == null) return false;
        String said = Normalizer.forMatching(answerPart(comment));
        if (said.isEmpty()) return false;
        for (String a : answers) {
            String want = Normalizer.forMatching(a);
            if (want.isEmpty()) continue;
            if (cjk(want) ? said.contains(want) : wholePhrase(said, want)) return true;
        }
        return false;
    }

    /** The text after the last "答案：" (or "answer:") of a OneBot comment, else the whole comment. */
    static String answerPart(String comment) {
        String c = Normalizer.forAnswer(comment);
        int mark = Math.max(c.lastIndexOf("答案:"), c.lastIndexOf("answer:"));
        return mark < 0 ? c : c.substring(c.indexOf(':', mark) + 1).strip();
    }

    private static boolean wholePhrase(String text, String phrase) {
        for (int at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
            int end = at + phrase.length();
            boolean startOk = at == 0 || !Character.isLetterOrDigit(text.codePointBefore(at));
            boolean endOk = end == text.length() || !Character.isLetterOrDigit(text.codePointAt(end));
            if (startOk && endOk) return true;
        }
        return false;
    }

    private static boolean cjk(String s) {
        return s.codePoints().anyMatch(cp -> {
            Character.UnicodeScript sc = Character.UnicodeScript.of(cp);
            return sc == Character.UnicodeScript.HAN || sc == Character.UnicodeScript.HIRAGANA
                    || sc == Character.UnicodeScript.KATAKANA || sc == Character.UnicodeScript.HANGUL;
        });
    }

    private String declineReason(GroupConfig g, JoinRequestConfig cfg, String name) {
        return cfg.declineReason() != null ? Texts.fill(cfg.declineReason(), "name", name, "group", g.title())
                : text(g, cfg.answers().isEmpty() ? "verify.join.decline_reason_plain" : "verify.join.decline_reason", "name", name, "group", g.title());
    }

    private String text(GroupConfig g, String key, Object... vars) { return services.texts().format(g.locale(), key, vars); }

    private static Action answer(Event.ButtonPressed b, String text) {
        return new Action.AnswerButton(b.chat(), b.account(), b.callbackId(), text);
    }
}
