package qunzhu.platform.onebot;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import qunzhu.config.ConfigNode;

/**
 * The keys of one {@code platform: onebot} account. {@code mode} forward: the bot dials
 * {@code url}; reverse: the bot listens on {@code listenHost:listenPort} and the OneBot
 * implementation dials in. The token is kept out of {@link #toString()}.
 *
 * @param livenessCheck how often the heartbeat watch looks at the connection (tests shorten it)
 * @param reconnectMin first forward-mode reconnect delay; it doubles up to {@code reconnectMax}
 * @param handshakeTimeout reverse mode: a connection that has not completed its WebSocket
 *                         handshake within this is closed
 * @param maxMessageBytes  a larger frame or message closes that connection (code 1009)
 */
public record OneBotSettings(String mode, URI url, String listenHost, int listenPort, String selfId,
                             String accessToken, Duration actionTimeout, Duration livenessCheck,
                             Duration reconnectMin, Duration reconnectMax, Duration handshakeTimeout, int maxMessageBytes) {
    /** Member lists of big groups run to a few MiB; 16 MiB leaves room and still bounds memory. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 << 20;

    public OneBotSettings(String mode, URI url, String listenHost, int listenPort, String selfId, String accessToken,
                          Duration actionTimeout, Duration livenessCheck, Duration reconnectMin, Duration reconnectMax) {
        this(mode, url, listenHost, listenPort, selfId, accessToken, actionTimeout, livenessCheck, reconnectMin, reconnectMax,
                Duration.ofSeconds(10), DEFAULT_MAX_MESSAGE_BYTES);
    }

    public static final String FORWARD = "forward";
    public static final String REVERSE = "reverse";

    public boolean forward() { return FORWARD.equals(mode); }

    public boolean hasToken() { return accessToken != null && !accessToken.isEmpty(); }

    /** The url for logs: without its query, which may carry {@code access_token}. */
    public String safeUrl() {
        if (url == null) return null;
        String s = url.toString();
        int q = s.indexOf('?');
        return q < 0 ? s : s.substring(0, q) + "?…";
    }

    @Override public String toString() {
        return "OneBotSettings[mode=" + mode + (forward() ? ", url=" + safeUrl() : ", listen=" + listenHost + ":" + listenPort)
                + ", self_id=" + selfId + ", token=" + (hasToken() ? "set" : "none") + "]";
    }

    /** Reads and checks the keys; errors go to the node with file and line. */
    public static OneBotSettings parse(ConfigNode n) {
        String mode = n.string("mode", FORWARD);
        URI url = null;
        String host = null;
        int port = 0;
        if (!List.of(FORWARD, REVERSE).contains(mode)) {
            n.child("mode").error("expected one of forward (the bot dials url), reverse (the bot listens on listen), got \"" + mode + "\"");
            n.string("url", null);
            n.string("listen", null);
        } else if (FORWARD.equals(mode)) {
            String raw = n.required("url");
            if (raw != null) url = wsUri(n, raw.trim());
            if (n.has("listen")) n.child("listen").error("\"listen\" is for mode: reverse; forward mode dials \"url\"");
        } else {
            if (n.has("listen")) {
                ConfigNode.HostPort at = n.hostPort("listen", new ConfigNode.HostPort("0.0.0.0", 8080));
                host = at.host();
                port = at.port();
            } else {
                n.required("listen");
            }
            if (n.has("url")) n.child("url").error("\"url\" is for mode: forward; reverse mode listens on \"listen\"");
        }
        String selfId = n.string("self_id", null);
        if (selfId != null) {
            selfId = selfId.trim();
            if (!selfId.matches("\\d{1,20}")) { n.child("self_id").error("expected a QQ number like 123456789, got \"" + selfId + "\""); selfId = null; }
        } else if (REVERSE.equals(mode)) {
            n.error("missing required key \"self_id\" (the QQ number that will connect, required for mode: reverse)");
        }
        String token = n.string("access_token", null);
        Duration timeout = positive(n, "action_timeout", Duration.ofSeconds(30));
        Duration liveness = positive(n, "liveness_check", Duration.ofSeconds(5));
        Duration rmin = positive(n, "reconnect_min", Duration.ofSeconds(1));
        Duration rmax = positive(n, "reconnect_max", Duration.ofSeconds(60));
        if (rmax.compareTo(rmin) < 0) n.child("reconnect_max").error("must not be shorter than reconnect_min (" + rmin.toMillis() + "ms)");
        Duration handshake = positive(n, "handshake_timeout", Duration.ofSeconds(10));
        int maxMessage = n.integer("max_message_bytes", DEFAULT_MAX_MESSAGE_BYTES, 1024, Integer.MAX_VALUE);
        return new OneBotSettings(mode, url, host, port, selfId, token, timeout, liveness, rmin, rmax, handshake, maxMessage);
    }

    private static URI wsUri(ConfigNode n, String raw) {
        try {
            URI u = new URI(raw);
            if (!"ws".equals(u.getScheme()) && !"wss".equals(u.getScheme()) || u.getHost() == null) {
                n.child("url").error("expected a WebSocket address like ws://127.0.0.1:3001/, got \"" + raw + "\"");
                return null;
            }
            return u;
        } catch (URISyntaxException e) {
            n.child("url").error("expected a WebSocket address like ws://127.0.0.1:3001/, got \"" + raw + "\"");
            return null;
        }
    }

    private static Duration positive(ConfigNode n, String key, Duration def) {
        Duration d = n.duration(key, def);
        if (d.isZero() || d.isNegative()) { n.child(key).error("must be longer than zero"); return def; }
        return d;
    }
}
