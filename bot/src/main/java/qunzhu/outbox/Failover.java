package qunzhu.outbox;

import java.util.List;
import java.util.Locale;
import qunzhu.core.Action;
import qunzhu.core.Outcome;

/**
 * Reads an outcome for what it says about the account in that chat: rate-limited (a
 * retry_after), muted (may not post there), or not in the group (kicked, left, chat not found).
 * Telegram says so in its error description ("Forbidden: bot was kicked from the group chat",
 * "Bad Request: not enough rights to send text messages to the chat"); OneBot implementations in
 * their message or wording (NapCat: "不在群内", "禁言").
 */
final class Failover {
    enum Trouble { NONE, RATE_LIMITED, MUTED, ABSENT }

    private static final List<String> ABSENT = List.of("kicked", "not a member", "chat not found", "group not found", "bot was blocked",
            "not in the group", "not in group", "不在群", "群不存在", "已被移出", "peer_id_invalid", "channel_private");
    private static final List<String> MUTED = List.of("not enough rights to send", "have no rights to send", "chat_write_forbidden",
            "chat_send_plain_forbidden", "muted", "禁言", "restricted");

    private Failover() {}

    static Trouble of(Action action, Outcome outcome) {
        if (outcome instanceof Outcome.RetryAfter) return Trouble.RATE_LIMITED;
        if (!(outcome instanceof Outcome.Failed f) || !f.permanent() || f.reason() == null) return Trouble.NONE;
        String r = f.reason().toLowerCase(Locale.ROOT);
        for (String s : ABSENT) if (r.contains(s)) return Trouble.ABSENT;
        boolean send = action instanceof Action.Send || action instanceof Action.SendPhoto;
        if (send) for (String s : MUTED) if (r.contains(s)) return Trouble.MUTED;
        return Trouble.NONE;
    }

    /** Messages a persona posts: the ones another account may post instead. */
    static boolean spoken(Action a) { return a instanceof Action.Send || a instanceof Action.SendPhoto; }
}
