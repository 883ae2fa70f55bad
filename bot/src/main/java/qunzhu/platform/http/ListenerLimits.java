package qunzhu.platform.http;

import java.time.Duration;

/**
 * What one HTTP listener allows a client.
 *
 * @param readTimeout    a request's head and body must arrive within this, counted from its first
 *                       byte (a new connection gets as long to send that first byte); writing the
 *                       answer gets as long too
 * @param idleTimeout    how long a kept-alive connection may wait for its next request
 * @param maxHeadBytes   request line and headers together; more is answered 431
 * @param maxBodyBytes   a larger declared Content-Length is answered 413 without reading the body
 * @param maxConnections connections open at once (each holds a worker while open); one more is
 *                       answered 503 and closed
 */
public record ListenerLimits(Duration readTimeout, Duration idleTimeout, int maxHeadBytes, int maxBodyBytes, int maxConnections) {
    /** The sandbox: one operator's browser and scripts on loopback; bodies are small JSON. */
    public static final ListenerLimits SANDBOX = new ListenerLimits(Duration.ofSeconds(10), Duration.ofSeconds(30), 16 * 1024, 64 * 1024, 32);
    /**
     * Telegram's webhook: one Update per request (large-ish with long texts and entities), up to
     * setWebhook's max_connections (40 by default) at once.
     */
    public static final ListenerLimits WEBHOOK = new ListenerLimits(Duration.ofSeconds(10), Duration.ofSeconds(60), 16 * 1024, 1 << 20, 64);

    public ListenerLimits {
        if (readTimeout.isNegative() || readTimeout.isZero()) throw new IllegalArgumentException("readTimeout must be positive, got " + readTimeout);
        if (idleTimeout.isNegative() || idleTimeout.isZero()) throw new IllegalArgumentException("idleTimeout must be positive, got " + idleTimeout);
        if (maxHeadBytes < 256) throw new IllegalArgumentException("maxHeadBytes must be at least 256, got " + maxHeadBytes);
        if (maxBodyBytes < 0) throw new IllegalArgumentException("maxBodyBytes must not be negative, got " + maxBodyBytes);
        if (maxConnections < 1) throw new IllegalArgumentException("maxConnections must be at least 1, got " + maxConnections);
    }

    public ListenerLimits withTimeouts(Duration read, Duration idle) {
        return new ListenerLimits(read, idle, maxHeadBytes, maxBodyBytes, maxConnections);
    }

    public ListenerLimits withMaxConnections(int n) {
        return new ListenerLimits(readTimeout, idleTimeout, maxHeadBytes, maxBodyBytes, n);
    }
}
