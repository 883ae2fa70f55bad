package qunzhu.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What ends the process, and with which exit code. */
@Timeout(10)
class LifetimeTest {
    @Test void aRequestedStopExitsZero() throws Exception {
        Lifetime life = new Lifetime();
        new Thread(() -> life.requestStop("SIGTERM")).start();
        assertEquals(Lifetime.STOPPED, life.await());
        assertEquals("SIGTERM", life.reason());
    }

    @Test void aDedicatedThreadThatDiesIsFatalAndExitsNonZero() throws Exception {
        Lifetime life = new Lifetime();
        Threads threads = new Threads(life::fatal);
        threads.start("pipeline", () -> { throw new IllegalStateException("boom"); });
        assertEquals(Lifetime.FATAL, life.await());
        assertTrue(life.reason().contains("boom"), life.reason());
        threads.shutdown(Duration.ofSeconds(1));
    }

    @Test void aFailedPoolTaskIsLoggedButAnErrorInOneIsFatal() throws Exception {
        Lifetime life = new Lifetime();
        Threads threads = new Threads(life::fatal);
        var pool = threads.single("http");
        CountDownLatch ran = new CountDownLatch(1);
        pool.execute(() -> { throw new IllegalArgumentException("one bad request"); });
        pool.execute(ran::countDown);
        assertTrue(ran.await(5, TimeUnit.SECONDS), "the pool kept working after a failed task");
        assertFalse(life.ended());
        pool.execute(() -> { throw new OutOfMemoryError("simulated"); });
        assertEquals(Lifetime.FATAL, life.await());
        threads.shutdown(Duration.ofSeconds(1));
    }

    @Test void shutdownStopsEveryThreadItMade() throws Exception {
        Threads threads = Threads.forTests();
        CountDownLatch started = new CountDownLatch(1);
        Thread t = threads.start("worker", () -> {
            started.countDown();
            try { Thread.sleep(60_000); } catch (InterruptedException e) { /* asked to stop */ }
        });
        assertTrue(started.await(5, TimeUnit.SECONDS));
        threads.shutdown(Duration.ofSeconds(2));
        assertFalse(t.isAlive());
    }
}
