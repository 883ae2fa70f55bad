/**
 * The one small HTTP/1.1 server behind every inbound HTTP listener (the sandbox's web chat and
 * API, Telegram's webhook). It exists because the JDK's {@code com.sun.net.httpserver} reads a
 * request on its worker threads with no per-server read timeout (its {@code sun.net.httpserver.*}
 * limits are JVM-wide system properties read once), so a handful of half-sent requests stopped a
 * listener. Here every connection has a deadline a watchdog enforces, heads and bodies are
 * bounded, and the number of open connections is capped; each listener sets its own
 * {@link qunzhu.platform.http.ListenerLimits}.
 */
package qunzhu.platform.http;
