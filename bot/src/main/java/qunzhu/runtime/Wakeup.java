package qunzhu.runtime;

import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How a worker waits: until it is {@link #signal signalled} (new work, a stop), or until a time
 * on the injected clock comes. On the system clock the wait ends exactly at that time; on a
 * {@link SteppedClock} (a test clock) every step ends it, so the worker looks at the new time;
 * on any other clock it looks again every {@value #IDLE_POLL_MS} ms. A signal given while the
 * worker was not waiting is kept, so none is lost between looking for work and waiting.
 */
public final class Wakeup implements AutoCloseable {
    /** How often a worker looks at a clock that neither runs in real time nor tells of its steps. */
    static final long IDLE_POLL_MS = 50;

    private final Clock clock;
    private final boolean realTime;
    private final AutoCloseable stepListener;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private boolean signalled;

    /** {@code onStep} runs on every step of a {@link SteppedClock}, before the worker is woken. */
    public Wakeup(Clock clock, Runnable onStep) {
        this.clock = clock;
        if (clock instanceof SteppedClock stepped) {
            this.stepListener = stepped.onStep(() -> {
                onStep.run();
                signal();
            });
            this.realTime = true;
        } else {
            this.stepListener = null;
            this.realTime = clock.getClass() == Clock.systemUTC().getClass();
        }
    }

    public Wakeup(Clock clock) { this(clock, () -> { }); }

    /** Wakes the worker, or makes its next wait return at once. */
    public void signal() {
        lock.lock();
        try {
            signalled = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until signalled (since the last wait), until the clock reads {@code untilMillis}
     * or later ({@link Long#MAX_VALUE}: no time), or, on a stepped clock, until its next step.
     */
    public void await(long untilMillis) throws InterruptedException {
        lock.lock();
        try {
            while (!signalled) {
                long left = untilMillis == Long.MAX_VALUE ? Long.MAX_VALUE : untilMillis - clock.millis();
                if (left <= 0) break;
                if (realTime && left == Long.MAX_VALUE) changed.await();
                else if (realTime) changed.await(left, TimeUnit.MILLISECONDS);
                else changed.await(Math.min(left, IDLE_POLL_MS), TimeUnit.MILLISECONDS);
                if (!realTime) break;
            }
            signalled = false;
        } finally {
            lock.unlock();
        }
    }

    /** Stops listening to the clock's steps. */
    @Override public void close() {
        if (stepListener == null) return;
        try {
            stepListener.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop listening to the clock", e);
        }
    }
}
