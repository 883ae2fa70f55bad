package qunzhu.platform.http;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * One fully read request. {@code headers} has lower-case names (the first value of each);
 * {@code path} is the raw path of the request target, {@code query} what follows {@code ?} or null.
 */
public record Request(String method, String path, String query, Map<String, String> headers, byte[] body, InetSocketAddress remote) {
    public Request { headers = Map.copyOf(headers); }

    /** The header's value, or null; {@code name} in any case. */
    public String header(String name) { return headers.get(name.toLowerCase(java.util.Locale.ROOT)); }
}
