package qunzhu.platform;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import qunzhu.core.Event;

/** Where adapters deliver events. {@link #accept} returns once the batch is durable. */
@FunctionalInterface
public interface EventSink {
    void accept(List<? extends Event> batch);

    /**
     * Hands the batch in without waiting for it to be written: the future completes once the
     * batch is durable (acknowledge it then) or fails when it could not be written (do not).
     * Batches handed in one after the other are logged in that order. By default this is
     * {@link #accept}, done before it returns.
     */
    default CompletableFuture<Void> submit(List<? extends Event> batch) {
        try {
            accept(batch);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
