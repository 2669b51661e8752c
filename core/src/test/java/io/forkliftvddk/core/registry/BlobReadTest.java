package io.forkliftvddk.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.forkliftvddk.core.image.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Blob reads: digest verification at the end of the stream, and redirects to blob storage on another host (as S3-backed
 * registries do; the filesystem-backed test registries never redirect), which must not receive our credentials.
 */
class BlobReadTest {

    private static final byte[] CONTENT = "layer bytes".getBytes(StandardCharsets.UTF_8);
    private static final String DIGEST = Digests.sha256(CONTENT);
    private static final String WRONG = Digests.sha256("other".getBytes(StandardCharsets.UTF_8));
    private static final String STALLED = Digests.sha256("stalled".getBytes(StandardCharsets.UTF_8));
    private final java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);

    private HttpServer registry;
    private HttpServer storage;
    private final List<String> storageAuthorizations = new CopyOnWriteArrayList<>();
    private final List<String> registryAuthorizations = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        storage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        storage.createContext("/bucket/", ex -> {
            storageAuthorizations.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            send(ex, 200, CONTENT);
        });
        storage.start();
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/v2/", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            registryAuthorizations.add(String.valueOf(auth));
            if (auth == null) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"r\"");
                send(ex, 401, new byte[0]);
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (path.equals("/v2/")) {
                send(ex, 200, new byte[0]);
            } else if (path.endsWith("/blobs/" + DIGEST)) {
                ex.getResponseHeaders().add("Location", "http://127.0.0.1:" + storage.getAddress().getPort()
                        + "/bucket/blob?X-Amz-Signature=abc");
                send(ex, 307, new byte[0]);
            } else if (path.endsWith("/blobs/" + STALLED)) {
                // a body that starts and then stalls, as a hung registry or proxy does
                ex.sendResponseHeaders(200, 1_000_000);
                ex.getResponseBody().write(CONTENT);
                ex.getResponseBody().flush();
                try {
                    release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ex.close();
            } else if (path.endsWith("/blobs/" + WRONG)) {
                send(ex, 200, CONTENT); // content that does not hash to the requested digest
            } else {
                send(ex, 404, "{\"errors\":[{\"code\":\"BLOB_UNKNOWN\",\"message\":\"blob unknown to registry\"}]}"
                        .getBytes(StandardCharsets.UTF_8));
            }
        });
        registry.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        registry.stop(0);
        storage.stop(0);
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    private RegistryClient client() throws IOException {
        String host = "127.0.0.1:" + registry.getAddress().getPort();
        return RegistryClient.create(RegistryOptions.builder()
                .credentials(host, RegistryCredentials.of("u", "storage-must-not-see-this")).build());
    }

    private ImageReference repo() {
        return ImageReference.parse("127.0.0.1:" + registry.getAddress().getPort() + "/team/vddk");
    }

    @Test
    void redirectsAreFollowedWithoutSendingCredentialsElsewhere() throws Exception {
        try (RegistryClient client = client(); InputStream in = client.getBlob(repo(), DIGEST)) {
            assertThat(in.readAllBytes()).isEqualTo(CONTENT);
        }
        assertThat(storageAuthorizations).containsExactly("null");
        assertThat(registryAuthorizations).last().asString().startsWith("Basic ");
    }

    @Test
    void contentThatDoesNotMatchTheDigestFailsAtTheEnd() throws Exception {
        try (RegistryClient client = client(); InputStream in = client.getBlob(repo(), WRONG)) {
            assertThatThrownBy(in::readAllBytes)
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("hashes to " + DIGEST + ", not " + WRONG)
                    .satisfies(e -> assertThat(((RegistryException) e).kind()).isEqualTo(RegistryException.Kind.INTEGRITY));
        }
    }

    @Test
    void unknownBlobsAreNotFound() throws Exception {
        String missing = Digests.sha256(new byte[] {9});
        try (RegistryClient client = client()) {
            assertThatThrownBy(() -> client.getBlob(repo(), missing))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("reading blob " + RegistryClient.shortDigest(missing) + " from " + repo().name())
                    .hasMessageContaining("HTTP 404 (BLOB_UNKNOWN: blob unknown to registry)");
        }
    }

    @Test
    void anInterruptStopsAStalledBlobRead() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (RegistryClient client = client(); InputStream in = client.getBlob(repo(), STALLED)) {
                byte[] first = new byte[CONTENT.length];
                int n = in.readNBytes(first, 0, first.length);
                assertThat(n).isEqualTo(CONTENT.length);
                started.countDown();
                in.readAllBytes(); // stalls until interrupted
                failure.set(new AssertionError("the stalled read returned"));
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        reader.start();
        assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("first bytes read").isTrue();
        reader.interrupt();
        reader.join(10_000);
        assertThat(reader.isAlive()).as("reader still blocked after the interrupt").isFalse();
        assertThat(failure.get()).isInstanceOf(java.io.InterruptedIOException.class);
    }
}
