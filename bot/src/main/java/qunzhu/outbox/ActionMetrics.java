package qunzhu.outbox;

import java.util.Locale;
import qunzhu.core.Action;
import qunzhu.core.Outcome;
import qunzhu.platform.Platform;
import qunzhu.runtime.Metrics;

/** Counts every final outcome per action kind and outcome, and every retry, for /metrics. */
public final class ActionMetrics implements Outbox.Listener {
    private final Metrics metrics;

    public ActionMetrics(Metrics metrics) { this.metrics = metrics; }

    @Override public void on(Action action, Platform account, Outcome outcome) {
        metrics.action(action.kind(), outcome.getClass().getSimpleName().toLowerCase(Locale.ROOT));
    }

    @Override public void retrying(Action action, Platform account, Outcome outcome) { metrics.retry(action.kind()); }
}
