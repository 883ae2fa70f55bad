package qunzhu.outbox;

import java.time.Clock;
import qunzhu.core.Action;
import qunzhu.core.Outcome;
import qunzhu.platform.Platform;
import qunzhu.schedule.Job;
import qunzhu.schedule.JobKey;
import qunzhu.schedule.Scheduler;

/**
 * A message sent with {@link Action.Send#deleteAfter()} is deleted again that long after it was
 * sent: a {@link #JOB} job, kept in the store, whose payload is the sent message's id.
 */
public final class SelfDelete implements Outbox.Listener {
    /** The job that deletes a sent message; stored as owner "outbox", kind "delete". */
    public static final JobKey JOB = new JobKey("outbox", "delete");

    private final Scheduler scheduler;
    private final Clock clock;

    public SelfDelete(Scheduler scheduler, Clock clock) {
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override public void on(Action action, Platform account, Outcome outcome) {
        if (outcome instanceof Outcome.Done d && action instanceof Action.Send s && s.deleteAfter() != null && d.messageId() != null) {
            scheduler.schedule(clock.instant().plus(s.deleteAfter()), JOB, s.chat(), d.messageId());
        }
    }

    /** The deletion a {@link #JOB} job stands for, or null when the job is not one (or names no chat). */
    public static Action.Delete deletion(Job job) {
        if (!JOB.equals(job.key()) || job.chat() == null) return null;
        return new Action.Delete(job.chat(), job.payload(), "auto-delete");
    }
}
