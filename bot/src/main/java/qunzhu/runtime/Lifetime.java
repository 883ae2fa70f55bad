package qunzhu.runtime;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long the process lives: until a stop is asked (SIGTERM, SIGINT, or {@link #requestStop})
 * or something fatal happens ({@link #fatal}). The main thread waits in {@link #await} and then
 * stops the bot itself, so the exit code says what happened: 0 after a requested stop, 1 after
 * a fatal error (a supervisor with {@code Restart=on-failure} restarts it then).
 */
public final class Lifetime {
    private static final Logger log = LoggerFactory.getLogger(Lifetime.class);

    public static final int STOPPED = 0;
    public static final int FATAL = 1;

    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicReference<Integer> code = new AtomicReference<>();
    private final AtomicReference<String> why = new AtomicReference<>();

    public void requestStop(String reason) { end(STOPPED, reason); }

    public void fatal(Throwable cause) { end(FATAL, "fatal error: " + cause); }

    public void fatal(String reason) { end(FATAL, reason); }

    private void end(int exit, String reason) {
        if (code.compareAndSet(null, exit)) {
            why.set(reason);
            if (exit == FATAL) log.error("stopping after a fatal error: {}", reason);
            else log.info("stop requested: {}", reason);
            ended.countDown();
        }
    }

    /** Blocks until a stop or a fatal error; returns the exit code. */
    public int await() throws InterruptedException {
        ended.await();
        return code.get();
    }

    public boolean ended() { return ended.getCount() == 0; }

    public String reason() { return why.get(); }

    /**
     * Turns SIGTERM and SIGINT into {@link #requestStop} (the JVM's own handling would run
     * shutdown hooks and exit 143). Where a signal cannot be handled, the JVM's handling stays;
     * the caller's shutdown hook then stops the bot (see Cli).
     */
    public void handleSignals() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> requestStop("SIG" + name));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                log.debug("cannot handle SIG{}: {}", name, e.toString());
            }
        }
    }
}
