package qunzhu.outbox;

import qunzhu.core.Action;
import qunzhu.core.Outcome;
import qunzhu.feature.Accounts;
import qunzhu.platform.Platform;

/** Remembers which account sent a message, so its later edit, delete or pin goes through that account. */
public final class MessageOwnership implements Outbox.Listener {
    private final Accounts accounts;

    public MessageOwnership(Accounts accounts) { this.accounts = accounts; }

    @Override public void on(Action action, Platform account, Outcome outcome) {
        if (outcome instanceof Outcome.Done d && (action instanceof Action.Send || action instanceof Action.SendPhoto)) {
            accounts.owns(action.chat(), d.messageId(), account.id());
        }
    }
}
