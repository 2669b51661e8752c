package io.forkliftvddk.core.registry;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A TCP proxy on 127.0.0.1 in front of a plain-http registry that breaks chosen requests in the middle of their body,
 * for retry and interrupt tests. It parses HTTP/1.1 requests just enough to know where a body starts and ends
 * (Content-Length or chunked), so it fails exactly the request it should, after exactly N body bytes, with no timing
 * involved: the registry never sees the whole body, and the client sees a reset connection.
 *
 * <p>TLS connections (first byte 0x16) are forwarded untouched, without faults, so the proxy also serves to reach a
 * TLS registry under another address.
 *
 * <p>By default faults apply to blob upload requests that carry a body ({@code PATCH}/{@code PUT} under
 * {@code /blobs/uploads/}); {@link #matching} changes that. Use the proxy's {@link #address()} as the registry host.
 * The registry builds upload Location URLs from the Host header, so they point to the proxy too.
 *
 * <pre>{@code
 * try (FaultInjectingProxy proxy = FaultInjectingProxy.start(env.plainRegistry())) {
 *     proxy.dropOnce(1 << 20);               // first upload body breaks after 1 MiB
 *     ... push to proxy.address() + "/repo:tag" ...
 *     assertThat(proxy.faults()).isEqualTo(1);
 * }
 * }</pre>
 */
public final class FaultInjectingProxy implements AutoCloseable {

    /** What happens to a matching request once N body bytes went through. */
    public enum Fault { NONE, DROP, STALL }

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final AtomicInteger faults = new AtomicInteger();
    private final AtomicInteger armed = new AtomicInteger();
    private volatile Fault fault = Fault.NONE;
    private volatile long afterBytes;
    private volatile Predicate<String> matcher = FaultInjectingProxy::isBlobUploadWithBody;
    private volatile CountDownLatch faulted = new CountDownLatch(1);
    private volatile boolean closed;

    private FaultInjectingProxy(ServerSocket server, String target) {
        this.server = server;
        int colon = target.lastIndexOf(':');
        this.targetHost = target.substring(0, colon);
        this.targetPort = Integer.parseInt(target.substring(colon + 1));
    }

    /** Starts a proxy on 127.0.0.1 forwarding to {@code host:port} (a plain http registry). */
    public static FaultInjectingProxy start(String target) throws IOException {
        return start(target, InetAddress.getLoopbackAddress());
    }

    /**
     * Starts a proxy on another local address (any of 127.0.0.0/8 works on Linux), for example to reach a TLS
     * registry under an address its certificate does not name; faults only make sense for plain http targets.
     */
    public static FaultInjectingProxy start(String target, InetAddress bind) throws IOException {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(bind, 0), 50);
        FaultInjectingProxy proxy = new FaultInjectingProxy(s, target);
        Thread t = new Thread(proxy::acceptLoop, "fault-proxy-accept");
        t.setDaemon(true);
        t.start();
        return proxy;
    }

    /** {@code 127.0.0.1:port}: the registry host to give the client. */
    public String address() {
        return server.getInetAddress().getHostAddress() + ":" + server.getLocalPort();
    }

    /**
     * The next matching request whose body is longer than {@code bodyBytes} is cut off after that many body bytes
     * (connection reset). Shorter bodies pass and leave the fault armed.
     */
    public FaultInjectingProxy dropOnce(long bodyBytes) {
        return arm(Fault.DROP, bodyBytes, 1);
    }

    /** Every matching request whose body is longer than {@code bodyBytes} is cut off after that many body bytes. */
    public FaultInjectingProxy dropAlways(long bodyBytes) {
        return arm(Fault.DROP, bodyBytes, Integer.MAX_VALUE);
    }

    /**
     * The next matching request stops being forwarded after {@code bodyBytes} body bytes, with the connection left
     * open: the client hangs until it gives up (for interrupt tests). {@link #awaitFault} tells when it happened.
     */
    public FaultInjectingProxy stallOnce(long bodyBytes) {
        return arm(Fault.STALL, bodyBytes, 1);
    }

    /** No more faults. */
    public FaultInjectingProxy passThrough() {
        return arm(Fault.NONE, 0, 0);
    }

    /** Which requests faults apply to, by request line ({@code PUT /v2/x/blobs/uploads/…?… HTTP/1.1}) and body presence. */
    public FaultInjectingProxy matching(Predicate<String> requestLine) {
        this.matcher = requestLine;
        return this;
    }

    private synchronized FaultInjectingProxy arm(Fault f, long bytes, int times) {
        this.afterBytes = bytes;
        this.fault = f;
        this.armed.set(times);
        this.faulted = new CountDownLatch(1);
        return this;
    }

    /** How many requests were broken so far. */
    public int faults() {
        return faults.get();
    }

    /** Waits until a fault happened; false after the timeout. */
    public boolean awaitFault(long timeout, TimeUnit unit) throws InterruptedException {
        return faulted.await(timeout, unit);
    }

    /** Request lines seen, in order (without bodies and headers). */
    public List<String> requestLines() {
        return List.copyOf(requestLines);
    }

    static boolean isBlobUploadWithBody(String requestLine) {
        String l = requestLine.toUpperCase(Locale.ROOT);
        return (l.startsWith("PUT ") || l.startsWith("PATCH ")) && requestLine.contains("/blobs/uploads/");
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(targetHost, targetPort);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                Thread up = new Thread(() -> requests(client, upstream), "fault-proxy-up");
                Thread down = new Thread(() -> copyRaw(upstream, client), "fault-proxy-down");
                up.setDaemon(true);
                down.setDaemon(true);
                up.start();
                down.start();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /** Client to registry: request by request, so a fault hits the right body at the right byte. */
    private void requests(Socket client, Socket upstream) {
        try (client; upstream) {
            InputStream in = new BufferedInputStream(client.getInputStream(), 64 * 1024);
            OutputStream out = upstream.getOutputStream();
            in.mark(1);
            int firstByte = in.read();
            in.reset();
            if (firstByte == 0x16) {
                // a TLS handshake: nothing to parse, forward as is (faults need a plain http target)
                in.transferTo(out);
                return;
            }
            while (true) {
                byte[] head = readHead(in);
                if (head == null) {
                    upstream.shutdownOutput();
                    return;
                }
                String text = new String(head, StandardCharsets.ISO_8859_1);
                String requestLine = text.substring(0, text.indexOf("\r\n"));
                requestLines.add(requestLine);
                long length = 0;
                boolean chunked = false;
                for (String line : text.split("\r\n")) {
                    String lower = line.toLowerCase(Locale.ROOT);
                    if (lower.startsWith("content-length:")) {
                        length = Long.parseLong(line.substring(15).trim());
                    } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                        chunked = true;
                    }
                }
                out.write(head);
                out.flush();
                boolean hasBody = chunked || length > 0;
                Fault f = Fault.NONE;
                long limit = Long.MAX_VALUE;
                if (hasBody && fault != Fault.NONE && matcher.test(requestLine)
                        && (chunked || length > afterBytes) && takeArmed()) {
                    f = fault;
                    limit = afterBytes;
                }
                long[] counted = {0};
                boolean ok = chunked ? copyChunked(in, out, counted, limit) : copyBody(in, out, length, counted, limit);
                if (!ok) {
                    injure(f, client, upstream);
                    return;
                }
            }
        } catch (IOException e) {
            // a side closed: the other copier ends too
        }
    }

    private boolean takeArmed() {
        while (true) {
            int n = armed.get();
            if (n <= 0) {
                return false;
            }
            if (armed.compareAndSet(n, n == Integer.MAX_VALUE ? n : n - 1)) {
                return true;
            }
        }
    }

    /** Copies a body; returns false when the limit was reached first (the fault fires, nothing more is forwarded). */
    private static boolean copyBody(InputStream in, OutputStream out, long length, long[] counted, long limit)
            throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = length;
        while (left > 0) {
            long room = limit - counted[0];
            if (room <= 0) {
                out.flush();
                return false;
            }
            int n = in.read(buf, 0, (int) Math.min(buf.length, Math.min(left, room)));
            if (n < 0) {
                throw new IOException("client closed in the middle of a body");
            }
            out.write(buf, 0, n);
            counted[0] += n;
            left -= n;
        }
        out.flush();
        return true;
    }

    private static boolean copyChunked(InputStream in, OutputStream out, long[] counted, long limit) throws IOException {
        while (true) {
            String sizeLine = readLine(in);
            out.write((sizeLine + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            int semi = sizeLine.indexOf(';');
            long size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                String trailer;
                do {
                    trailer = readLine(in);
                    out.write((trailer + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                } while (!trailer.isEmpty());
                out.flush();
                return true;
            }
            if (!copyBody(in, out, size, counted, limit)) {
                return false;
            }
            String crlf = readLine(in);
            out.write((crlf + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        }
    }

    private void injure(Fault f, Socket client, Socket upstream) throws IOException {
        faults.incrementAndGet();
        faulted.countDown();
        if (f == Fault.STALL) {
            // keep both sockets open and read nothing more: the client blocks writing until it gives up
            while (!closed && !client.isClosed()) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            return;
        }
        // reset instead of a clean close: the client must see a broken connection, not a short response
        client.setSoLinger(true, 0);
        upstream.setSoLinger(true, 0);
        client.close();
        upstream.close();
    }

    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(1024);
        int state = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new IOException("connection closed inside request headers");
            }
            head.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) ? state + 1
                    : (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                return head.toByteArray();
            }
            if (head.size() > 256 * 1024) {
                throw new IOException("request headers too long");
            }
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(32);
        int prev = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside a chunked body");
            }
            if (prev == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            prev = b;
        }
    }

    private void copyRaw(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[64 * 1024];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // closed by the other direction or by a fault
        } finally {
            try {
                to.close();
                from.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }
}
