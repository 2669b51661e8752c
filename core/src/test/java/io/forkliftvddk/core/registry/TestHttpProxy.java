package io.forkliftvddk.core.registry;

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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP proxy on 127.0.0.1 for tests: {@code CONNECT host:port} opens a tunnel, a request with an absolute target
 * ({@code GET http://host:port/...}) is forwarded as is. Host names need not resolve: the proxy maps each port to a
 * real {@code host:port} (as a corporate proxy resolves names the client cannot). It records the first request line
 * of each connection; later requests on a kept-alive plain connection go to the same target unparsed.
 */
final class TestHttpProxy implements AutoCloseable {
    private final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final Map<Integer, String> targets;
    private final List<String> requestLines = new CopyOnWriteArrayList<>();
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

    /** @param targets port asked for → real {@code host:port} */
    TestHttpProxy(Map<Integer, String> targets) throws IOException {
        this.targets = targets;
        Thread t = new Thread(this::accept, "test-http-proxy");
        t.setDaemon(true);
        t.start();
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    List<String> requestLines() {
        return requestLines;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                Thread t = new Thread(() -> serve(client), "test-http-proxy-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            // the request head, byte by byte up to the empty line
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                head.write(b);
                byte[] h = head.toByteArray();
                int n = h.length;
                if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                    break;
                }
            }
            String text = head.toString(StandardCharsets.ISO_8859_1);
            String line = text.substring(0, text.indexOf("\r\n"));
            requestLines.add(line);
            String[] parts = line.split(" ");
            String authority = parts[0].equals("CONNECT") ? parts[1]
                    : parts[1].substring(parts[1].indexOf("://") + 3, parts[1].indexOf('/', parts[1].indexOf("://") + 3));
            String target = targets.get(Integer.parseInt(authority.substring(authority.lastIndexOf(':') + 1)));
            if (target == null) {
                client.getOutputStream().write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                return;
            }
            int colon = target.lastIndexOf(':');
            try (Socket upstream = new Socket()) {
                sockets.add(upstream);
                upstream.connect(new InetSocketAddress(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1))));
                if (parts[0].equals("CONNECT")) {
                    client.getOutputStream().write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    client.getOutputStream().flush();
                } else {
                    upstream.getOutputStream().write(head.toByteArray());
                }
                Thread back = new Thread(() -> pipe(upstream, client), "test-http-proxy-back");
                back.setDaemon(true);
                back.start();
                pipe(client, upstream);
                back.join(10_000);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the connection ends
        } finally {
            sockets.remove(client);
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) >= 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            try {
                to.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            s.close();
        }
    }
}
