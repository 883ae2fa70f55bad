package qunzhu.platform.telegram;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A small multipart/form-data reader for the fake server (RFC 7578), enough for sendPhoto. */
final class Multipart {
    interface Part { void on(String name, String fileName, byte[] data); }

    private Multipart() {}

    static void parse(byte[] body, String boundary, Part sink) {
        byte[] delim = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int pos = indexOf(body, delim, 0);
        while (pos >= 0) {
            int start = pos + delim.length;
            if (start + 1 < body.length && body[start] == '-' && body[start + 1] == '-') return; // closing delimiter
            start += 2; // CRLF
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), start);
            if (headersEnd < 0) return;
            String headers = new String(body, start, headersEnd - start, StandardCharsets.UTF_8);
            int next = indexOf(body, delim, headersEnd + 4);
            if (next < 0) return;
            byte[] data = Arrays.copyOfRange(body, headersEnd + 4, next - 2); // minus CRLF before the delimiter
            sink.on(attr(headers, "name"), attr(headers, "filename"), data);
            pos = next;
        }
    }

    private static String attr(String headers, String key) {
        String marker = " " + key + "=\"";
        int i = headers.indexOf(marker);
        if (i < 0) i = headers.indexOf(";" + key + "=\"");
        if (i < 0) return null;
        int from = i + marker.length();
        return headers.substring(from, headers.indexOf('"', from));
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
