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

    /**
     * A source of batches that must be logged in the order it hands them in, failures
     * included: once one of its batches fails, every later one fails too (those still waiting
     * and those handed in after) until {@link #resume}, so the source hands them in again from
     * the one that failed and none is logged ahead of it.
     */
    interface Ordered {
        CompletableFuture<Void> submit(List<? extends Event> batch);

        /** The source is about to hand in again, from its oldest batch not written. */
        void resume();

        /**
         * Fails every batch of this source still waiting to be written (not one being written
         * now): the source drops some of what it handed in and hands in again the rest.
         */
        default void withdraw() {}
    }

    /** A new ordered source on this sink. By default each batch is written before the next is handed in. */
    default Ordered ordered() {
        return new Ordered() {
            @Override public CompletableFuture<Void> submit(List<? extends Event> batch) { return EventSink.this.submit(batch); }
            @Override public void resume() {}
        };
    }
}
