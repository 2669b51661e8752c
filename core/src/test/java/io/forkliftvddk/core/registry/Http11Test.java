package io.forkliftvddk.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP/1.1 transport against a scripted server on raw sockets, for the framings the test registries never use:
 * interim 100 answers, chunked bodies with extensions and trailers, bodies that end with the connection, and a
 * kept-alive connection the server closed meanwhile.
 */
class Http11Test {

    @FunctionalInterface
    interface Script {
        void run(InputStream in, OutputStream out) throws IOException;
    }

    private ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final List<byte[]> bodies = new CopyOnWriteArrayList<>();
    private final Http11 http = new Http11(Duration.ofSeconds(5), Duration.ofSeconds(5), null);

    @AfterEach
    void stop() throws IOException {
        http.close();
        if (server != null) {
            server.close();
        }
    }

    /** Serves connection i with scripts[i]; the socket is closed after its script. */
    private void serve(Script... scripts) throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            for (Script script : scripts) {
                try (Socket s = server.accept()) {
                    connections.incrementAndGet();
                    script.run(s.getInputStream(), s.getOutputStream());
                } catch (IOException e) {
                    return;
                }
            }
        }, "http11-test-server");
        t.setDaemon(true);
        t.start();
    }

    private String head(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("client closed");
            }
            b.write(c);
            String s = b.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                heads.add(s);
                int i = s.indexOf("Content-Length: ");
                if (i >= 0) {
                    int n = Integer.parseInt(s.substring(i + 16, s.indexOf("\r\n", i)));
                    bodies.add(in.readNBytes(n));
                }
                return s;
            }
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
    }

    private String get(String path) throws IOException {
        Response<InputStream> r = http.exchange("GET", uri(path), RegistryTls.verify(), Map.of(), Transport.Body.NONE, Duration.ofSeconds(5));
        try (InputStream in = r.body()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void interimAnswersChunkedBodiesAndBodiesEndingWithTheConnection() throws Exception {
        serve((in, out) -> {
            head(in);
            write(out, "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n");
            head(in); // the same connection, kept alive
            write(out, "HTTP/1.0 200 OK\r\n\r\nuntil close");
        });
        assertThat(get("/a")).isEqualTo("hello world");
        assertThat(get("/b")).isEqualTo("until close");
        assertThat(connections).hasValue(1);
        assertThat(heads.get(0)).startsWith("GET /a HTTP/1.1\r\nHost: 127.0.0.1:" + server.getLocalPort() + "\r\n");
    }

    @Test
    void aKeptAliveConnectionTheServerClosedIsReplaced() throws Exception {
        serve((in, out) -> {
            head(in);
            write(out, "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none");
            // and the server closes the idle connection
        }, (in, out) -> {
            head(in);
            write(out, "HTTP/1.1 201 Created\r\nContent-Length: 3\r\nConnection: close\r\n\r\ntwo");
        });
        assertThat(get("/one")).isEqualTo("one");
        Thread.sleep(200);
        byte[] manifest = "{}".getBytes(StandardCharsets.UTF_8);
        Response<InputStream> r = http.exchange("PUT", uri("/two"), RegistryTls.verify(), Map.of("Content-Type", "x/y"),
                Transport.Body.of(manifest), Duration.ofSeconds(5));
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.body().readAllBytes()).isEqualTo("two".getBytes(StandardCharsets.UTF_8));
        assertThat(connections).hasValue(2);
        assertThat(bodies).last().isEqualTo(manifest);
    }

    @Test
    void streamingBodiesGoOutWithTheirLengthInLargeBuffers() throws Exception {
        byte[] blob = new byte[3 * 1024 * 1024 + 7];
        new Random(3).nextBytes(blob);
        serve((in, out) -> {
            head(in);
            write(out, "HTTP/1.1 202 Accepted\r\nLocation: /next\r\nContent-Length: 0\r\n\r\n");
        });
        Response<InputStream> r = http.exchange("PATCH", uri("/v2/r/blobs/uploads/x?_state=a%2Fb"), RegistryTls.verify(), Map.of(),
                Transport.Body.of(new ByteArrayInputStream(blob), blob.length), Duration.ofSeconds(5));
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.headers().firstValue("location")).contains("/next");
        assertThat(heads.get(0)).startsWith("PATCH /v2/r/blobs/uploads/x?_state=a%2Fb HTTP/1.1\r\n")
                .contains("\r\nContent-Length: " + blob.length + "\r\n");
        assertThat(bodies.get(0)).isEqualTo(blob);
    }
}
