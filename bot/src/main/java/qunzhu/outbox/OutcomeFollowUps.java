package qunzhu.outbox;

import java.time.Clock;
import qunzhu.core.Action;
import qunzhu.core.FollowUp;
import qunzhu.core.Outcome;
import qunzhu.platform.Platform;
import qunzhu.schedule.Scheduler;

/**
 * An action that carries a {@link FollowUp} (a mute whose announcement waits for the platform)
 * is told to its feature once its outcome is final: a job of the follow-up's owner and kind,
 * due now, whose payload is the {@link FollowUp.Report}. The feature runs it on the pipeline.
 */
public final class OutcomeFollowUps implements Outbox.Listener {
    private final Scheduler scheduler;
    private final Clock clock;

    public OutcomeFollowUps(Scheduler scheduler, Clock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override public void on(Action action, Platform account, Outcome outcome) {
        FollowUp f = action.followUp();
        if (f == null || outcome instanceof Outcome.Moved) return;
        scheduler.schedule(clock.instant(), f.owner(), f.kind(), action.chat(), FollowUp.Report.of(f, outcome).encode());
    }
}
