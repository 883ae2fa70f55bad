package qunzhu.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Clients on loopback that send the first part of a request and then stall, as a slowloris
 * attack does. {@link #awaitDisconnected} waits (bounded) until the server has closed each one.
 */
public final class SlowClients implements AutoCloseable {
    private final List<Socket> sockets = new ArrayList<>();

    /** Opens {@code n} connections to 127.0.0.1:{@code port}, each sending {@code partial} and nothing more. */
    public static SlowClients stall(int n, int port, String partial) throws IOException {
        SlowClients c = new SlowClients();
        for (int i = 0; i < n; i++) {
            Socket s = new Socket();
            c.sockets.add(s);
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.getOutputStream().write(partial.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
        }
        return c;
    }

    /** Fails unless the server closes every connection within {@code millis} (what it sent first is skipped). */
    public void awaitDisconnected(long millis) throws IOException {
        long end = System.currentTimeMillis() + millis;
        for (int i = 0; i < sockets.size(); i++) {
            Socket s = sockets.get(i);
            InputStream in = s.getInputStream();
            while (true) {
                long left = end - System.currentTimeMillis();
                if (left <= 0) fail("slow client " + i + " of " + sockets.size() + " was still connected after " + millis + " ms");
                s.setSoTimeout((int) left);
                try {
                    if (in.read(new byte[512]) < 0) break;   // closed by the server
                } catch (SocketTimeoutException e) {
                    fail("slow client " + i + " of " + sockets.size() + " was still connected after " + millis + " ms");
                } catch (IOException e) {
                    break;   // reset by the server
                }
            }
        }
    }

    @Override public void close() {
        for (Socket s : sockets) {
            try { s.close(); } catch (IOException ignored) { /* closing anyway */ }
        }
    }
}
