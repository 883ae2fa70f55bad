package qunzhu.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** A clock tests move by hand instead of sleeping; workers waiting on it hear of every step. */
public final class MutableClock extends Clock implements qunzhu.runtime.SteppedClock {
    private volatile Instant now;
    private final ZoneId zone;
    private final java.util.List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public MutableClock(Instant now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    /** e.g. {@code at("2026-11-22T23:59:00+08:00")}, zone Asia/Shanghai. */
    public static MutableClock at(String isoOffsetDateTime) {
        return new MutableClock(OffsetDateTime.parse(isoOffsetDateTime).toInstant(), ZoneId.of("Asia/Shanghai"));
    }

    public void advance(Duration d) {
        now = now.plus(d);
        for (Runnable r : listeners) r.run();
    }

    @Override public AutoCloseable onStep(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override public ZoneId getZone() { return zone; }
    @Override public Clock withZone(ZoneId z) { return new MutableClock(now, z); }
    @Override public Instant instant() { return now; }
}
