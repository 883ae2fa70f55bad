package qunzhu.outbox;

import qunzhu.core.Action;
import qunzhu.core.Outcome;
import qunzhu.platform.Platform;
import qunzhu.store.KeyValues;

/** Keeps a sent message's id under {@code "sent." + ref} (see {@link Action.Send#ref()}), so its feature can find it later. */
public final class SentRefs implements Outbox.Listener {
    /** The kv key prefix of sent references. */
    public static final String PREFIX = "sent.";

    private final KeyValues kv;

    public SentRefs(KeyValues kv) { this.kv = kv; }

    @Override public void on(Action action, Platform account, Outcome outcome) {
        if (outcome instanceof Outcome.Done d && action instanceof Action.Send s && d.messageId() != null && s.ref() != null) {
            kv.put(PREFIX + s.ref(), d.messageId());
        }
    }
}
