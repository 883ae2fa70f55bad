package qunzhu.platform.sandbox;

import java.util.Locale;
import qunzhu.platform.http.Request;

/**
 * Keeps other web pages from acting through the sandbox API with the operator's browser.
 *
 * <ul>
 * <li>Host must name this listener: {@code localhost}, an IP literal or the configured host,
 *     with the listening port. A DNS-rebinding page reaches us under its own name and is refused.</li>
 * <li>A write (POST) must be {@code Content-Type: application/json} (a charset may follow): an
 *     HTML form cannot send that, and a script on another origin cannot without a CORS preflight,
 *     which the sandbox never grants.</li>
 * <li>When a write carries {@code Origin} (browsers always send it on POST), it must be
 *     {@code http://} plus the Host header: the sandbox's own page.</li>
 * </ul>
 * Scripts and tests without Origin (curl, the JDK client) pass when Host and type are right.
 */
final class OriginGuard {
    private final String configuredHost;
    private final int port;

    OriginGuard(String configuredHost, int port) {
        this.configuredHost = configuredHost.toLowerCase(Locale.ROOT);
        this.port = port;
    }

    /** Why the request is refused (answered 403), or null when it may go on. */
    String refusal(Request r, boolean write) {
        String host = r.header("Host");
        if (host == null || !allowedHost(host.trim().toLowerCase(Locale.ROOT))) {
            return "Host \"" + (host == null ? "" : host) + "\" is not this sandbox; open it as http://127.0.0.1:" + port + "/";
        }
        if (!write) return null;
        String type = r.header("Content-Type");
        if (type == null || !type.trim().toLowerCase(Locale.ROOT).matches("application/json\\s*(;.*)?")) {
            return "writes must be sent as Content-Type: application/json, got " + (type == null ? "none" : "\"" + type + "\"");
        }
        String origin = r.header("Origin");
        if (origin != null && !origin.trim().equalsIgnoreCase("http://" + host.trim())) {
            return "cross-origin write from " + origin + " refused; use the sandbox's own page";
        }
        return null;
    }

    private boolean allowedHost(String host) {
        String name;
        String p;
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end < 0) return false;
            name = host.substring(0, end + 1);
            p = host.substring(end + 1);
        } else {
            int colon = host.lastIndexOf(':');
            name = colon < 0 ? host : host.substring(0, colon);
            p = colon < 0 ? "" : host.substring(colon);
        }
        if (!p.equals(":" + port)) return false;
        return name.equals("localhost") || name.equals(configuredHost) || ipLiteral(name);
    }

    /** An IP address written out (no name lookup): it cannot be a rebinding attacker's name. */
    private static boolean ipLiteral(String name) {
        if (name.startsWith("[") && name.endsWith("]")) return name.length() > 2 && name.substring(1, name.length() - 1).matches("[0-9a-f:.]+");
        if (!name.matches("\\d{1,3}(\\.\\d{1,3}){3}")) return false;
        for (String octet : name.split("\\.")) if (Integer.parseInt(octet) > 255) return false;
        return true;
    }
}
