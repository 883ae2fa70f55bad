package qunzhu.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one owner of the bot's threads. Everything that runs on its own thread (the pipeline,
 * outbox workers, the scheduler, adapters' pollers and connections, HTTP listeners) gets it
 * here, so one place names them, sees an uncaught error and shuts them all down.
 *
 * <p>The threads are daemons: the process lives because its main thread waits for a stop
 * request or a fatal error ({@link qunzhu.runtime.Lifetime}), not because some thread happens
 * to be alive. A throwable that escapes a thread made here is fatal: it is logged and handed to
 * {@code onFatal}, which ends the process with a non-zero exit code. Code that expects
 * failures (a request handler, one job) catches them itself.
 */
public final class Threads implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Threads.class);

    private final Consumer<Throwable> onFatal;
    private final List<ExecutorService> executors = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean closed;

    public Threads(Consumer<Throwable> onFatal) { this.onFatal = onFatal; }

    /** For tests and tools: an uncaught error is logged only. */
    public static Threads forTests() { return new Threads(t -> { }); }

    /**
     * A thread factory for pools, naming its threads {@code name}, {@code name-2}, ...: an
     * {@link Error} escaping a task is fatal, an exception is logged (the pool replaces the thread).
     */
    public ThreadFactory factory(String name) { return factory(name, false); }

    private ThreadFactory factory(String name, boolean dedicated) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            int i = n.incrementAndGet();
            Thread t = new Thread(r, i == 1 ? name : name + "-" + i);
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> uncaught(th, e, dedicated));
            return t;
        };
    }

    /**
     * A new, not yet started thread for a loop the bot cannot do without (the pipeline, an
     * outbox worker, an adapter's intake): anything escaping it is fatal. {@link #shutdown}
     * interrupts and joins it.
     */
    public synchronized Thread thread(String name, Runnable body) {
        Thread t = factory(name, true).newThread(body);
        threads.add(t);
        return t;
    }

    /** Starts {@code body} on a new thread. */
    public Thread start(String name, Runnable body) {
        Thread t = thread(name, body);
        t.start();
        return t;
    }

    public synchronized ExecutorService pool(String name, int size) {
        return track(Executors.newFixedThreadPool(size, factory(name)));
    }

    public synchronized ExecutorService single(String name) {
        return track(Executors.newSingleThreadExecutor(factory(name)));
    }

    public synchronized ScheduledExecutorService scheduled(String name) {
        return track(Executors.newSingleThreadScheduledExecutor(factory(name)));
    }

    private <T extends ExecutorService> T track(T e) {
        if (closed) throw new IllegalStateException("threads are shut down");
        executors.add(e);
        return e;
    }

    private void uncaught(Thread t, Throwable e, boolean dedicated) {
        if (!dedicated && !(e instanceof Error)) {
            log.error("task on {} failed: {}", t.getName(), e.toString(), e);
            return;
        }
        log.error("thread {} died: {}", t.getName(), e.toString(), e);
        try {
            onFatal.accept(e);
        } catch (RuntimeException again) {
            log.error("fatal handler failed: {}", again.toString());
        }
    }

    /** Interrupts every thread and executor made here and waits up to {@code grace} for them. */
    public void shutdown(Duration grace) {
        List<ExecutorService> es;
        List<Thread> ts;
        synchronized (this) {
            closed = true;
            es = List.copyOf(executors);
            ts = List.copyOf(threads);
        }
        for (ExecutorService e : es) e.shutdownNow();
        for (Thread t : ts) t.interrupt();
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            for (ExecutorService e : es) e.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            for (Thread t : ts) t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Thread t : ts) if (t.isAlive()) log.warn("thread {} did not stop within {}", t.getName(), grace);
    }

    @Override public void close() { shutdown(Duration.ofSeconds(2)); }
}
