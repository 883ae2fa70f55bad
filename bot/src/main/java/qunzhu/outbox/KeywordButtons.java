package qunzhu.outbox;

import qunzhu.core.Action;
import qunzhu.core.Outcome;
import qunzhu.outbox.KeywordPresses;
import qunzhu.platform.Platform;

/**
 * Buttons sent to a platform without buttons become keywords a member can type; a deleted
 * message's keywords press nothing any more.
 */
public final class KeywordButtons implements Outbox.Listener {
    private final KeywordPresses presses;

    public KeywordButtons(KeywordPresses presses) { this.presses = presses; }

    @Override public void on(Action action, Platform account, Outcome outcome) {
        if (!(outcome instanceof Outcome.Done d)) return;
        if (action instanceof Action.Send s && !s.buttons().isEmpty() && !account.capabilities().buttons() && d.messageId() != null) {
            presses.sent(s.chat(), d.messageId(), s.buttons());
        }
        if (action instanceof Action.Delete del) presses.removed(del.chat(), del.messageId());
    }
}
