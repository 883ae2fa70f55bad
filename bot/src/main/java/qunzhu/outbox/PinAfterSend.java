package qunzhu.outbox;

import qunzhu.core.Action;
import qunzhu.core.Outcome;
import qunzhu.platform.Platform;

/** A message sent with {@link Action.Send#pin()} is pinned once the platform gave it an id. */
public final class PinAfterSend implements Outbox.Listener {
    private final Outbox outbox;

    public PinAfterSend(Outbox outbox) { this.outbox = outbox; }

    @Override public void on(Action action, Platform account, Outcome outcome) {
        if (outcome instanceof Outcome.Done d && action instanceof Action.Send s && d.messageId() != null && s.pin()) {
            outbox.submit(new Action.Pin(s.chat(), d.messageId()));
        }
    }
}
