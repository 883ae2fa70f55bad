package qunzhu.platform.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer: status, extra headers (Content-Length and Connection are the listener's) and body. */
public record Response(int status, Map<String, String> headers, byte[] body) {
    public Response {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    public static Response empty(int status) { return new Response(status, Map.of(), new byte[0]); }

    public static Response of(int status, String contentType, byte[] body) {
        return new Response(status, Map.of("Content-Type", contentType), body);
    }

    public static Response json(int status, String json) {
        return of(status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }

    /** The same answer with one more header. */
    public Response with(String name, String value) {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put(name, value);
        return new Response(status, h, body);
    }
}
