package qunzhu.runtime;

/**
 * A clock that moves in steps rather than with real time (a test clock moved by hand). It tells
 * its listeners after every step, so a worker waiting for a time on that clock can wait for the
 * step instead of polling. Implementations are {@link java.time.Clock}s.
 */
public interface SteppedClock {
    /** Calls {@code listener} after every step from now on, until the returned handle is closed. */
    AutoCloseable onStep(Runnable listener);
}
