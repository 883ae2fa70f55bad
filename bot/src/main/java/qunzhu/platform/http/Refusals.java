package qunzhu.platform.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * Logs refused requests (bad secret, too large, timed out, too many connections) without letting
 * a flood of them flood the log: the first refusal of a burst is one WARN line; the ones that
 * follow within {@code window} are counted, and the next refusal after the window logs one line
 * with how many were not shown. Safe for concurrent use.
 */
public final class Refusals {
    private final Logger log;
    private final String listener;
    private final Clock clock;
    private final Duration window;
    private Instant windowStart;
    private long suppressed;
    private long total;
    private long warnings;

    /** @param listener names the listener in the log line, e.g. "account tg: webhook" */
    public Refusals(Logger log, String listener, Clock clock, Duration window) {
        this.log = log;
        this.listener = listener;
        this.clock = clock;
        this.window = window;
    }

    /** One refused request; {@code why} says what was wrong, never a secret's value. */
    public void refused(String why, String remote) {
        Instant now = clock.instant();
        long hidden;
        synchronized (this) {
            total++;
            if (windowStart != null && now.isBefore(windowStart.plus(window))) {
                suppressed++;
                return;
            }
            hidden = suppressed;
            suppressed = 0;
            windowStart = now;
            warnings++;
        }
        if (hidden == 0) {
            log.warn("{}: refused a request from {}: {}; further refusals in the next {}s are counted, not logged",
                    listener, remote, why, window.toSeconds());
        } else {
            log.warn("{}: refused a request from {}: {}; {} more were refused in the {}s before and not logged",
                    listener, remote, why, hidden, window.toSeconds());
        }
    }

    /** Requests refused so far. */
    public synchronized long total() { return total; }

    /** WARN lines written so far. */
    public synchronized long warnings() { return warnings; }
}
