package qunzhu.platform.http;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import qunzhu.runtime.Threads;

/**
 * A small blocking HTTP/1.1 server: one acceptor thread, one pooled worker per open connection
 * (at most {@link ListenerLimits#maxConnections()}), and a watchdog that closes any connection
 * past its deadline. The deadline covers the whole request (head and body, from its first
 * byte), the wait between kept-alive requests, and writing the answer; while the handler runs
 * there is none (handlers bound their own waits). Bodies need a Content-Length: chunked
 * requests are answered 411 (Telegram, browsers' fetch with a string body and the JDK client
 * all send one). {@code Expect: 100-continue} is honoured.
 *
 * <p>Refusals the listener makes itself (timed out, head or body too large, malformed, too many
 * connections) go to the {@link Refusals} the owner passes, which logs one WARN per burst.
 */
public final class HttpListener {
    private static final Logger log = LoggerFactory.getLogger(HttpListener.class);

    /** Answers one request; a RuntimeException escaping it is answered 500 and logged. */
    @FunctionalInterface
    public interface Handler {
        Response handle(Request request);
    }

    private final String name;
    private final ListenerLimits limits;
    private final Handler handler;
    private final Refusals refusals;
    private final ServerSocket socket;
    private final Semaphore slots;
    private final ExecutorService workers;
    private final ScheduledExecutorService watchdog;
    private final Thread acceptor;
    private final Set<Conn> open = ConcurrentHashMap.newKeySet();
    private volatile boolean stopped;

    /** Binds at once (so a taken port fails here); {@link #start()} begins accepting. */
    public HttpListener(String name, InetSocketAddress address, ListenerLimits limits, Handler handler, Refusals refusals,
                        Threads threads) throws IOException {
        this.name = name;
        this.limits = limits;
        this.handler = handler;
        this.refusals = refusals;
        this.socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(address, 64);
        this.slots = new Semaphore(limits.maxConnections());
        this.workers = threads.pool(name + "-http", limits.maxConnections());
        this.watchdog = threads.scheduled(name + "-http-watchdog");
        this.acceptor = threads.thread(name + "-http-accept", this::acceptLoop);
    }

    public void start() {
        long tick = Math.max(10, Math.min(1000, Math.min(limits.readTimeout().toMillis(), limits.idleTimeout().toMillis()) / 4));
        watchdog.scheduleWithFixedDelay(this::closeOverdue, tick, tick, TimeUnit.MILLISECONDS);
        acceptor.start();
    }

    /** The address actually bound (port 0 picks a free one). */
    public InetSocketAddress address() { return (InetSocketAddress) socket.getLocalSocketAddress(); }

    public int port() { return socket.getLocalPort(); }

    /** Connections open right now. */
    public int openConnections() { return open.size(); }

    public void stop() {
        stopped = true;
        try { socket.close(); } catch (IOException ignored) { /* closing anyway */ }
        for (Conn c : open) c.close();
        workers.shutdownNow();
        watchdog.shutdownNow();
        acceptor.interrupt();
    }

    private void acceptLoop() {
        while (!stopped) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                if (stopped) return;
                // Out of file descriptors and the like: say so and pause instead of spinning.
                log.warn("{}: accept failed: {}", name, e.toString());
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                continue;
            }
            if (!slots.tryAcquire()) {
                refuseBusy(s);
                continue;
            }
            Conn c = new Conn(s);
            open.add(c);
            try {
                workers.execute(() -> serve(c));
            } catch (RejectedExecutionException e) {
                release(c);
                c.close();
            }
        }
    }

    private void refuseBusy(Socket s) {
        refusals.refused("too many open connections (" + limits.maxConnections() + ")", remote(s));
        try (s) {
            s.setSoTimeout(100);
            OutputStream out = s.getOutputStream();
            out.write(head(503, Map.of(), 0, false));
            out.flush();
        } catch (IOException ignored) {
            // the client went away first
        }
    }

    private void closeOverdue() {
        long now = System.nanoTime();
        for (Conn c : open) {
            if (now - c.deadline > 0 && !c.timedOut) {
                c.timedOut = true;
                // Counted before the close, so whoever sees the close also sees the count.
                if (c.midRequest) refusals.refused("request not sent (or answer not read) within " + limits.readTimeout().toMillis() + " ms", remote(c.socket));
                c.close();
            }
        }
    }

    private void release(Conn c) {
        if (open.remove(c)) slots.release();
    }

    private void serve(Conn c) {
        try {
            c.socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(c.socket.getInputStream());
            OutputStream out = c.socket.getOutputStream();
            boolean first = true;
            while (!stopped) {
                c.deadline = System.nanoTime() + (first ? limits.readTimeout() : limits.idleTimeout()).toNanos();
                c.midRequest = false;
                int b = in.read();
                if (b < 0) return;
                c.midRequest = true;
                c.deadline = System.nanoTime() + limits.readTimeout().toNanos();
                first = false;
                if (!exchange(c, b, in, out)) return;
            }
        } catch (IOException e) {
            // closed by the client, or by the watchdog (which counted the refusal)
        } finally {
            c.close();
            release(c);
        }
    }

    /** Reads one request and answers it; false when the connection must close. */
    private boolean exchange(Conn c, int firstByte, InputStream in, OutputStream out) throws IOException {
        byte[] rawHead = readHead(firstByte, in);
        if (rawHead == null) return refuse(c, out, 431, "request head larger than " + limits.maxHeadBytes() + " bytes");
        String[] lines = new String(rawHead, StandardCharsets.ISO_8859_1).split("\r?\n");
        String[] start = lines[0].split(" ");
        if (start.length != 3 || !start[2].startsWith("HTTP/1.") || start[0].isEmpty() || !start[1].startsWith("/")) {
            return refuse(c, out, 400, "not an HTTP/1.x request line");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isEmpty()) continue;
            int colon = lines[i].indexOf(':');
            if (colon <= 0 || Character.isWhitespace(lines[i].charAt(0))) return refuse(c, out, 400, "malformed header line");
            String key = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            String before = headers.putIfAbsent(key, value);
            if (key.equals("content-length") && before != null && !before.equals(value)) return refuse(c, out, 400, "conflicting Content-Length");
        }
        if (headers.containsKey("transfer-encoding")) return refuse(c, out, 411, "Transfer-Encoding is not supported; send Content-Length");
        long length = 0;
        String cl = headers.get("content-length");
        if (cl != null) {
            if (!cl.matches("\\d{1,18}")) return refuse(c, out, 400, "bad Content-Length");
            length = Long.parseLong(cl);
        }
        if (length > limits.maxBodyBytes()) return refuse(c, out, 413, "body of " + length + " bytes, at most " + limits.maxBodyBytes() + " allowed");
        if (length > 0 && "100-continue".equalsIgnoreCase(headers.get("expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length < length) return false;   // the client hung up mid-body
        boolean keepAlive = start[2].equals("HTTP/1.1") && !"close".equalsIgnoreCase(headers.get("connection"));

        String target = start[1];
        int q = target.indexOf('?');
        Request request = new Request(start[0], q < 0 ? target : target.substring(0, q), q < 0 ? null : target.substring(q + 1),
                headers, body, (InetSocketAddress) c.socket.getRemoteSocketAddress());
        c.deadline = Long.MAX_VALUE / 2 + System.nanoTime();   // no deadline while the handler works
        Response response;
        try {
            response = handler.handle(request);
        } catch (RuntimeException e) {
            log.error("{}: handler failed on {} {}", name, request.method(), request.path(), e);
            response = Response.json(500, "{\"error\":\"internal error\"}");
        }
        c.deadline = System.nanoTime() + limits.readTimeout().toNanos();
        out.write(head(response.status(), response.headers(), response.body().length, keepAlive));
        if (!request.method().equals("HEAD")) out.write(response.body());   // HEAD: the length, not the body
        out.flush();
        return keepAlive;
    }

    private boolean refuse(Conn c, OutputStream out, int status, String why) throws IOException {
        refusals.refused(why, remote(c.socket));
        out.write(head(status, Map.of(), 0, false));
        out.flush();
        lingeringClose(c);
        return false;
    }

    /**
     * After a refusal the client may still be sending the body it declared. Closing at once
     * would reset the connection under it and it would never read the answer; so the sending
     * side is shut, and what still arrives is read and dropped, up to {@link #LINGER_BYTES} or
     * a short deadline, before the close.
     */
    private void lingeringClose(Conn c) {
        try {
            c.socket.shutdownOutput();
            c.deadline = System.nanoTime() + Math.min(limits.readTimeout().toNanos(), LINGER.toNanos());
            c.midRequest = false;   // what the watchdog closes now is no new refusal
            InputStream in = c.socket.getInputStream();
            byte[] sink = new byte[8192];
            long left = LINGER_BYTES;
            int n;
            while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) >= 0) left -= n;
        } catch (IOException ignored) {
            // closed by the client or by the watchdog: done either way
        }
    }

    private static final java.time.Duration LINGER = java.time.Duration.ofSeconds(2);
    private static final long LINGER_BYTES = 4L << 20;

    /** The bytes up to and including the blank line, or null past {@code maxHeadBytes}. */
    private byte[] readHead(int firstByte, InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int b = firstByte;
        int newlines = 0;   // consecutive line ends, ignoring CR
        while (true) {
            head.write(b);
            if (head.size() > limits.maxHeadBytes()) return null;
            if (b == '\n') {
                if (++newlines == 2) return head.toByteArray();
            } else if (b != '\r') {
                newlines = 0;
            }
            b = in.read();
            if (b < 0) throw new SocketException("closed mid-head");
        }
    }

    private static byte[] head(int status, Map<String, String> headers, int length, boolean keepAlive) {
        StringBuilder h = new StringBuilder(160).append("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        h.append("Content-Length: ").append(length).append("\r\n");
        h.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n\r\n");
        return h.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 411 -> "Length Required";
            case 413 -> "Content Too Large";
            case 415 -> "Unsupported Media Type";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status " + status;
        };
    }

    private static String remote(Socket s) {
        return s.getInetAddress() == null ? "?" : s.getInetAddress().getHostAddress();
    }

    /** One open connection and the time by which its current step must be done. */
    private static final class Conn {
        final Socket socket;
        volatile long deadline;
        volatile boolean midRequest;
        /** Set once by the watchdog. */
        volatile boolean timedOut;

        Conn(Socket socket) {
            this.socket = socket;
            this.deadline = System.nanoTime() + Long.MAX_VALUE / 2;
        }

        void close() {
            try { socket.close(); } catch (IOException ignored) { /* already closed */ }
        }
    }
}
