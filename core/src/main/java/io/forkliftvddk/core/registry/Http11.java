package io.forkliftvddk.core.registry;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Timer;
import java.util.TimerTask;

/**
 * A minimal HTTP/1.1 client: what the registry client needs and no more. Plain sockets from a {@link SocketChannel}
 * (so a thread interrupt closes the connection and ends a blocked read or write at once), {@link SSLSocket} layered
 * on top for https with the TLS mode's own socket factory and host name check, {@code CONNECT} tunnels or absolute
 * request targets through a proxy, keep-alive per host, fixed-length request bodies written from the caller's stream
 * in 1 MiB buffers, and Content-Length, chunked or until-close response bodies. No redirects, no authentication, no
 * compression: the transport above does what the registry protocol needs. No thread is started except, for uploads, a
 * timer thread that enforces the request timeout on a write the server stopped reading.
 */
final class Http11 implements AutoCloseable {
    static final int BUFFER_SIZE = 1024 * 1024;
    private static final int MAX_IDLE_PER_HOST = 8;
    private static final long MAX_IDLE_NANOS = 30_000_000_000L;
    private static final int MAX_LINE = 64 * 1024;
    private static final int MAX_HEADERS = 256 * 1024;
    /** Bodies up to this size left unread at close are read to the end so the connection can be reused. */
    private static final long DRAIN_LIMIT = 64 * 1024;

    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final ProxySettings proxy;
    private final Map<RegistryTls, SSLSocketFactory> factories = new HashMap<>();
    private final Map<String, ArrayDeque<Conn>> idle = new HashMap<>();
    private Timer timer;
    private boolean closed;

    /**
     * @param readTimeout how long a response body may stall between two reads
     */
    Http11(Duration connectTimeout, Duration readTimeout, ProxySettings proxy) {
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.proxy = proxy;
    }

    /**
     * Sends one request and returns the response once its head is read. The body stream gives the connection back to
     * the pool at its end; close it when done (unread bodies of any size are fine: the connection is dropped then).
     *
     * @param timeout until the response head: connect, send the body, wait for the server
     */
    Response<InputStream> exchange(String method, URI uri, RegistryTls tls, Map<String, String> headers,
                                   Transport.Body body, Duration timeout) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IOException("unsupported URL scheme in " + uri);
        }
        boolean https = scheme.equals("https");
        if (uri.getHost() == null) {
            throw new IOException("no host in URL " + uri);
        }
        String host = bare(uri.getHost());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        boolean viaProxy = proxy != null && !proxy.bypasses(host);
        String key = scheme + "://" + host.toLowerCase(Locale.ROOT) + ":" + port + (https ? " " + tls : "");
        byte[] head = head(method, uri, headers, body, viaProxy && !https);
        for (int attempt = 0; ; attempt++) {
            Conn c = attempt == 0 ? takeIdle(key) : null;
            boolean reused = c != null;
            if (c == null) {
                c = open(key, host, port, https, tls, viaProxy);
            }
            try {
                return c.exchange(method, uri, head, body, timeout);
            } catch (IOException e) {
                c.close();
                // a kept-alive connection the server closed meanwhile: once more on a new one, if the body allows
                if (reused && c.nothingReceived && body.replayable() && !Thread.currentThread().isInterrupted()) {
                    continue;
                }
                throw e;
            }
        }
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static byte[] head(String method, URI uri, Map<String, String> headers, Transport.Body body, boolean absolute) {
        StringBuilder sb = new StringBuilder(256);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = path + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        if (absolute) {
            target = uri.getScheme() + "://" + uri.getRawAuthority() + target;
        }
        sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        sb.append("Host: ").append(uri.getRawAuthority()).append("\r\n");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String name = h.getKey();
            String value = h.getValue();
            if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0 || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("line break in request header " + name);
            }
            sb.append(name).append(": ").append(value).append("\r\n");
        }
        if (body.length() > 0 || method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) {
            sb.append("Content-Length: ").append(body.length()).append("\r\n");
        }
        sb.append("\r\n");
        return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    // ----------------------------------------------------------------------------------------------- connections

    private Conn takeIdle(String key) {
        while (true) {
            Conn c;
            synchronized (idle) {
                ArrayDeque<Conn> q = idle.get(key);
                c = q == null ? null : q.pollLast();
            }
            if (c == null) {
                return null;
            }
            if (System.nanoTime() - c.idleSince < MAX_IDLE_NANOS && c.idleAndOpen()) {
                return c;
            }
            c.close();
        }
    }

    private void release(Conn c) {
        synchronized (idle) {
            if (!closed) {
                ArrayDeque<Conn> q = idle.get(c.key);
                if (q == null) {
                    q = new ArrayDeque<>();
                    idle.put(c.key, q);
                }
                if (q.size() < MAX_IDLE_PER_HOST) {
                    c.idleSince = System.nanoTime();
                    q.addLast(c);
                    return;
                }
            }
        }
        c.close();
    }

    private Conn open(String key, String host, int port, boolean https, RegistryTls tls, boolean viaProxy) throws IOException {
        InetSocketAddress address;
        if (viaProxy) {
            int proxyPort = proxy.proxy().getPort() > 0 ? proxy.proxy().getPort() : 80;
            address = new InetSocketAddress(proxy.proxy().getHost(), proxyPort);
        } else {
            address = new InetSocketAddress(host, port);
        }
        if (address.isUnresolved()) {
            throw new UnknownHostException(address.getHostString());
        }
        SocketChannel channel = SocketChannel.open();
        try {
            Socket socket = channel.socket();
            socket.setTcpNoDelay(true);
            socket.connect(address, (int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, connectTimeout.toMillis()));
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            if (viaProxy && https) {
                tunnel(in, out, host, port);
            }
            if (https) {
                SSLSocket ssl = (SSLSocket) factory(tls).createSocket(socket, host, port, true);
                SSLParameters p = ssl.getSSLParameters();
                if (!tls.isInsecure()) {
                    p.setEndpointIdentificationAlgorithm("HTTPS"); // the host name check (insecure skips it)
                }
                ssl.setSSLParameters(p);
                ssl.startHandshake();
                socket = ssl;
                in = ssl.getInputStream();
                out = ssl.getOutputStream();
            }
            return new Conn(key, channel, socket, new BufferedInputStream(in, 64 * 1024), out);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private SSLSocketFactory factory(RegistryTls tls) throws IOException {
        synchronized (factories) {
            SSLSocketFactory f = factories.get(tls);
            if (f == null) {
                f = TlsContexts.create(tls).getSocketFactory();
                factories.put(tls, f);
            }
            return f;
        }
    }

    private static void tunnel(InputStream in, OutputStream out, String host, int port) throws IOException {
        String authority = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        out.write(("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        // byte by byte: nothing after the proxy's answer may be buffered away from the TLS handshake
        String status = readLine(in);
        if (status == null) {
            throw new IOException("the proxy closed the connection on CONNECT " + authority);
        }
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            // proxy headers are of no interest
        }
        int code = statusCode(status);
        if (code != 200) {
            throw new IOException("the proxy answered HTTP " + code + " to CONNECT " + authority);
        }
    }

    /** A line without its CR LF, ISO-8859-1; null at the end of the stream before any byte. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new IOException("the connection closed in the middle of a response line");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("response line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    private static int statusCode(String statusLine) throws IOException {
        // HTTP/1.1 200 OK
        if (statusLine.startsWith("HTTP/") && statusLine.length() >= 12 && statusLine.charAt(8) == ' ') {
            try {
                return Integer.parseInt(statusLine.substring(9, 12));
            } catch (NumberFormatException e) {
                // below
            }
        }
        String shown = statusLine.length() > 80 ? statusLine.substring(0, 80) + "…" : statusLine;
        throw new IOException("not an HTTP response: " + shown);
    }

    private synchronized Timer timer() {
        if (timer == null) {
            timer = new Timer("registry-request-timeout", true);
        }
        return timer;
    }

    @Override
    public void close() {
        synchronized (idle) {
            closed = true;
            idle.values().forEach(q -> q.forEach(Conn::close));
            idle.clear();
        }
        synchronized (this) {
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
        }
    }

    /** One connection; used by one exchange at a time. */
    private final class Conn {
        final String key;
        final SocketChannel channel;
        final Socket socket;
        final BufferedInputStream in;
        final OutputStream out;
        long idleSince;
        /** True until a byte of the response arrived: a reused connection failing before that is retried. */
        boolean nothingReceived;
        volatile boolean timedOut;

        Conn(String key, SocketChannel channel, Socket socket, BufferedInputStream in, OutputStream out) {
            this.key = key;
            this.channel = channel;
            this.socket = socket;
            this.in = in;
            this.out = out;
        }

        /** An idle kept-alive connection is usable when the server has neither closed it nor sent anything. */
        boolean idleAndOpen() {
            if (!channel.isOpen()) {
                return false;
            }
            try {
                if (in.available() > 0) {
                    return false;
                }
                channel.configureBlocking(false);
                try {
                    return channel.read(ByteBuffer.allocate(1)) == 0;
                } finally {
                    channel.configureBlocking(true);
                }
            } catch (IOException | RuntimeException e) {
                return false;
            }
        }

        Response<InputStream> exchange(String method, URI uri, byte[] head, Transport.Body body, Duration timeout)
                throws IOException {
            nothingReceived = true;
            timedOut = false;
            TimerTask deadline = null;
            int timeoutMillis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
            try {
                if (body.stream() != null && body.length() > 0) {
                    // a write to a server that stopped reading blocks: only closing the socket ends it
                    deadline = new TimerTask() {
                        @Override
                        public void run() {
                            timedOut = true;
                            close();
                        }
                    };
                    timer().schedule(deadline, timeoutMillis);
                }
                socket.setSoTimeout(timeoutMillis);
                IOException writeFailure = null;
                try {
                    send(head, body);
                } catch (SocketWriteFailure e) {
                    writeFailure = e.failure;
                }
                if (writeFailure != null && (timedOut || Thread.currentThread().isInterrupted() || !channel.isOpen())) {
                    throw writeFailure;
                }
                Response<InputStream> r;
                try {
                    r = readResponse(method, uri);
                } catch (IOException e) {
                    // a server may answer (401, 413) and close before reading the whole body: that answer is the news
                    throw writeFailure != null ? writeFailure : e;
                }
                if (writeFailure != null) {
                    ((BodyStream) r.body()).reusable = false;
                }
                return r;
            } catch (IOException e) {
                if (timedOut) {
                    SocketTimeoutException t = new SocketTimeoutException("no answer within " + timeout.toSeconds() + " s");
                    t.initCause(e);
                    throw t;
                }
                throw e;
            } finally {
                if (deadline != null) {
                    deadline.cancel();
                }
            }
        }

        /** Writes head and body; failures of the socket come as SocketWriteFailure, those of the body's source as is. */
        private void send(byte[] head, Transport.Body body) throws IOException {
            if (body.bytes() != null) {
                byte[] all = new byte[head.length + body.bytes().length];
                System.arraycopy(head, 0, all, 0, head.length);
                System.arraycopy(body.bytes(), 0, all, head.length, body.bytes().length);
                write(all, all.length);
                return;
            }
            write(head, head.length);
            if (body.stream() == null || body.length() == 0) {
                return;
            }
            byte[] buf = new byte[(int) Math.min(BUFFER_SIZE, body.length())];
            long left = body.length();
            while (left > 0) {
                int n = body.stream().readNBytes(buf, 0, (int) Math.min(buf.length, left));
                if (n == 0) {
                    throw new SourceMismatch("the request body ended " + left + " bytes early");
                }
                write(buf, n);
                left -= n;
            }
        }

        private void write(byte[] b, int n) throws SocketWriteFailure {
            try {
                out.write(b, 0, n);
                out.flush();
            } catch (IOException e) {
                throw new SocketWriteFailure(e);
            }
        }

        private Response<InputStream> readResponse(String method, URI uri) throws IOException {
            String statusLine;
            int status;
            Headers headers;
            int size = 0;
            do {
                statusLine = readLine(in);
                if (statusLine == null) {
                    throw new IOException("the server closed the connection without an answer");
                }
                nothingReceived = false;
                status = statusCode(statusLine);
                headers = new Headers();
                for (String line = readLine(in); ; line = readLine(in)) {
                    if (line == null) {
                        throw new IOException("the connection closed in the middle of the response headers");
                    }
                    if (line.isEmpty()) {
                        break;
                    }
                    size += line.length();
                    if (size > MAX_HEADERS) {
                        throw new IOException("response headers bigger than " + MAX_HEADERS + " bytes");
                    }
                    int colon = line.indexOf(':');
                    if (colon > 0) {
                        headers.add(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
                    }
                }
            } while (status >= 100 && status < 200 && status != 101); // 100 Continue and other interim answers
            boolean http10 = statusLine.startsWith("HTTP/1.0");
            boolean keepAlive = http10 ? headers.hasToken("Connection", "keep-alive") : !headers.hasToken("Connection", "close");
            BodyStream body;
            if (method.equals("HEAD") || status == 204 || status == 304 || status == 101) {
                body = new BodyStream(this, 0, false);
            } else if (headers.hasToken("Transfer-Encoding", "chunked")) {
                body = new BodyStream(this, -1, true);
            } else if (headers.firstValue("Content-Length").isPresent()) {
                long length = headers.firstValueAsLong("Content-Length").orElse(-2);
                if (length < 0) {
                    throw new IOException("invalid Content-Length in the response: " + headers.firstValue("Content-Length").get());
                }
                body = new BodyStream(this, length, false);
            } else {
                body = new BodyStream(this, -1, false); // until the server closes
                keepAlive = false;
            }
            body.reusable = keepAlive;
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, readTimeout.toMillis()));
            body.endIfEmpty();
            return new Response<>(status, headers, uri, body);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** A write to the socket failed (as opposed to a read from the body's source). */
    private static final class SocketWriteFailure extends IOException {
        private static final long serialVersionUID = 1L;
        final transient IOException failure;

        SocketWriteFailure(IOException failure) {
            super(failure.getMessage(), failure);
            this.failure = failure;
        }
    }

    /**
     * A response body: Content-Length, chunked, or until close. Gives the connection back at its end, closes it when
     * closed early (or drains a small rest). A read stopped by an interrupt throws InterruptedIOException.
     */
    private final class BodyStream extends InputStream {
        private final Conn conn;
        private final boolean chunked;
        /** Bytes left: of the body (fixed length), of the current chunk (chunked), or -1 (until close / next chunk). */
        private long remaining;
        private boolean eof;
        private boolean done;
        private boolean closed;
        boolean reusable;

        BodyStream(Conn conn, long length, boolean chunked) {
            this.conn = conn;
            this.remaining = chunked ? 0 : length;
            this.chunked = chunked;
        }

        void endIfEmpty() {
            if (!chunked && remaining == 0) {
                end();
            }
        }

        private void end() {
            eof = true;
            if (!done) {
                done = true;
                if (reusable) {
                    release(conn);
                } else {
                    conn.close();
                }
            }
        }

        private void fail() {
            eof = true;
            done = true;
            conn.close();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (closed) {
                throw new IOException("stream closed");
            }
            if (eof) {
                return -1;
            }
            try {
                if (chunked && remaining == 0) {
                    if (!nextChunk()) {
                        end();
                        return -1;
                    }
                }
                int want = remaining < 0 ? len : (int) Math.min(len, remaining);
                int n = conn.in.read(b, off, want);
                if (n < 0) {
                    if (remaining < 0 && !chunked) {
                        end(); // the body ends with the connection
                        return -1;
                    }
                    fail();
                    throw new IOException("the connection closed " + remaining + " bytes before the end of the response body");
                }
                if (remaining > 0) {
                    remaining -= n;
                    if (remaining == 0 && !chunked) {
                        end();
                    } else if (remaining == 0) {
                        String crlf = readLine(conn.in);
                        if (crlf == null || !crlf.isEmpty()) {
                            throw new IOException("malformed chunked response body");
                        }
                    }
                }
                return n;
            } catch (IOException e) {
                fail();
                if (Thread.currentThread().isInterrupted() && !(e instanceof InterruptedIOException)) {
                    InterruptedIOException i = new InterruptedIOException("interrupted while reading the response");
                    i.initCause(e);
                    throw i;
                }
                throw e;
            }
        }

        /** Reads a chunk header; false at the last (empty) chunk, whose trailer is consumed. */
        private boolean nextChunk() throws IOException {
            String line = readLine(conn.in);
            if (line == null) {
                throw new IOException("the connection closed in the middle of a chunked response body");
            }
            int semi = line.indexOf(';');
            long size;
            try {
                size = Long.parseLong((semi >= 0 ? line.substring(0, semi) : line).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size in the response body");
            }
            if (size < 0) {
                throw new IOException("malformed chunk size in the response body");
            }
            if (size == 0) {
                for (String t = readLine(conn.in); t != null && !t.isEmpty(); t = readLine(conn.in)) {
                    // trailers are of no interest
                }
                return false;
            }
            remaining = size;
            return true;
        }

        @Override
        public int available() throws IOException {
            if (eof || remaining <= 0) {
                return 0;
            }
            return (int) Math.min(remaining, conn.in.available());
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (done) {
                return;
            }
            if (!chunked && remaining > 0 && remaining <= DRAIN_LIMIT && reusable && !Thread.currentThread().isInterrupted()) {
                try {
                    byte[] skip = new byte[(int) remaining];
                    while (!eof) {
                        int n = conn.in.read(skip, 0, (int) Math.min(skip.length, remaining));
                        if (n < 0) {
                            break;
                        }
                        remaining -= n;
                        if (remaining == 0) {
                            end();
                            return;
                        }
                    }
                } catch (IOException e) {
                    // dropped below
                }
            }
            fail();
        }
    }
}
