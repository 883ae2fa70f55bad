package qunzhu.outbox;

import java.time.Clock;
import java.util.List;
import qunzhu.core.Action;
import qunzhu.core.Event;
import qunzhu.core.EventKey;
import qunzhu.core.Outcome;
import qunzhu.platform.EventSink;
import qunzhu.platform.Platform;

/**
 * A platform answered that the chat moved (its service message may have been missed): the
 * move is recorded through the pipeline like any other event, so it is logged once.
 */
public final class ChatMoveFollowUp implements Outbox.Listener {
    private final EventSink pipeline;
    private final Clock clock;

    public ChatMoveFollowUp(EventSink pipeline, Clock clock) {
        this.pipeline = pipeline;
        this.clock = clock;
    }

    @Override public void on(Action action, Platform account, Outcome outcome) {
        if (!(outcome instanceof Outcome.Moved m)) return;
        pipeline.accept(List.of(new Event.ChatMigrated(EventKey.of(action.chat(), "moved-to-" + m.to().id()), action.chat(),
                clock.instant(), account.id(), m.to())));
    }
}
