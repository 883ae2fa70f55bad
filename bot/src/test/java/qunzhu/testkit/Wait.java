package qunzhu.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** The test kit's one wait: for a positive signal, bounded in time. Negative assertions step a clock instead. */
public final class Wait {
    private Wait() {}

    /** Returns as soon as {@code ok} holds; fails naming {@code what} when it does not within {@code within}. */
    public static void until(BooleanSupplier ok, Duration within, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!ok.getAsBoolean()) {
            if (System.nanoTime() > deadline) fail("timed out after " + within + " waiting for " + what);
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what);
            }
        }
    }
}
