package qunzhu.outbox;

import qunzhu.config.BotConfig;
import qunzhu.config.GroupConfig;
import qunzhu.core.Action;
import qunzhu.core.Outcome;
import qunzhu.core.PersonaRole;
import qunzhu.core.Priority;
import qunzhu.platform.Platform;
import qunzhu.text.Texts;

/**
 * A moderation action or a pin the platform refused (unsupported, or failed for good) is told
 * to the chat's moderators in plain words, in the group's locale. Refused deletions (one or many) are not:
 * a message already gone is nothing to report. Nor are actions with a {@link Action#followUp()}:
 * their feature hears of the outcome and says it (once) in its own words.
 */
public final class RefusalReports implements Outbox.Listener {
    private final BotConfig config;
    private final Texts texts;
    private final Outbox outbox;

    private final java.util.function.Supplier<qunzhu.config.ChatMoves> moves;

    /** {@code moves}: the chat moves known now (a refusal in a moved group is reported in its locale). */
    public RefusalReports(BotConfig config, java.util.function.Supplier<qunzhu.config.ChatMoves> moves, Texts texts, Outbox outbox) {
        this.config = config;
        this.moves = moves;
        this.texts = texts;
        this.outbox = outbox;
    }

    @Override public void on(Action action, Platform account, Outcome outcome) {
        boolean reported = action.moderation() || action instanceof Action.Pin;
        if (!reported || action instanceof Action.Delete || action instanceof Action.DeleteMany || action.followUp() != null) return;
        GroupConfig group = config.group(action.chat(), moves.get());
        String locale = group == null ? config.locale() : group.locale();
        String name = texts.format(locale, "core.action." + action.kind());
        String text = null;
        if (outcome instanceof Outcome.Unsupported) {
            text = texts.format(locale, "core.unsupported", "action", name, "platform", account.kind(),
                    "hint", texts.format(locale, "core.unsupported_hint"));
        } else if (outcome instanceof Outcome.Failed f && f.permanent()) {
            text = texts.format(locale, "core.failed", "action", name, "reason", f.reason());
        }
        if (text != null) outbox.submit(Action.Send.of(action.chat(), PersonaRole.MODERATOR, text).withPriority(Priority.MODERATION));
    }
}
