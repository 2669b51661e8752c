package io.forkliftvddk.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.forkliftvddk.core.image.ImageReference;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Token (Bearer) and Basic challenges, retries and error texts, against a small in-test HTTP server: docker-registry
 * in the test environment has no token service, so the Bearer flow (realm, service, scope, token cache, Basic
 * credentials sent to the token endpoint) is checked here. Uploads and manifests are tested against the real
 * registries in {@link RegistryClientIT}.
 */
class RegistryClientAuthTest {

    private static final String USER = "robot";
    private static final String PASSWORD = "s3cr3t-Pa55";
    private static final String DIGEST = "sha256:" + "c".repeat(64);

    private HttpServer server;
    private String host;
    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokenCounter = new AtomicInteger();
    private final AtomicInteger manifestCalls = new AtomicInteger();
    private final List<String> uploadedDigests = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicBoolean expiredOnce = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile String mode = "bearer";
    private volatile int failuresBeforeSuccess;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        host = "127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/token", this::token);
        server.createContext("/v2/", this::registry);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void token(HttpExchange ex) throws IOException {
        tokenRequests.add(URLDecoder.decode(ex.getRequestURI().getRawQuery(), StandardCharsets.UTF_8));
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(auth)) {
            send(ex, 401, "{\"details\":\"incorrect username or password\"}", null);
            return;
        }
        send(ex, 200, "{\"token\":\"tok-" + tokenCounter.incrementAndGet() + "-SECRETTOKEN\",\"expires_in\":300}", null);
    }

    private void registry(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        authorizations.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath() + " " + auth);
        boolean authorized = switch (mode) {
            case "bearer" -> auth != null && auth.startsWith("Bearer tok-");
            case "basic" -> ("Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8))).equals(auth);
            default -> true;
        };
        if (!authorized) {
            String challenge = mode.equals("bearer")
                    ? "Bearer realm=\"http://" + host + "/token\",service=\"test-registry\""
                    : "Basic realm=\"basic-realm\"";
            send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}", challenge);
            return;
        }
        if (ex.getRequestURI().getPath().equals("/v2/")) {
            send(ex, 200, "{}", null);
            return;
        }
        if (ex.getRequestURI().getPath().startsWith("/v2/team/vddk/blobs/uploads/")) {
            upload(ex, auth);
            return;
        }
        if (ex.getRequestURI().getPath().startsWith("/v2/team/vddk/manifests/")) {
            if (manifestCalls.incrementAndGet() <= failuresBeforeSuccess) {
                ex.getResponseHeaders().add("Retry-After", "0");
                send(ex, mode.equals("throttle") ? 429 : 503,
                        "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"try later\"}]}", null);
                return;
            }
            if (ex.getRequestURI().getPath().endsWith("/missing")) {
                send(ex, 404, "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}", null);
                return;
            }
            ex.getResponseHeaders().add("Docker-Content-Digest", DIGEST);
            ex.getResponseHeaders().add("Content-Type", MediaTypes.OCI_MANIFEST);
            send(ex, 200, "{}", null);
            return;
        }
        send(ex, 404, "", null);
    }

    /** POST starts a session; PUT ?digest= with the body finishes it, but the first PUT is refused as if its token expired. */
    private void upload(HttpExchange ex, String auth) throws IOException {
        if (ex.getRequestMethod().equals("POST")) {
            ex.getResponseHeaders().add("Location", "/v2/team/vddk/blobs/uploads/session-1?_state=abc");
            send(ex, 202, "", null);
            return;
        }
        byte[] body = ex.getRequestBody().readAllBytes();
        if (expiredOnce.compareAndSet(false, true)) {
            send(ex, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"token expired\"}]}",
                    "Bearer realm=\"http://" + host + "/token\",service=\"test-registry\",scope=\"repository:team/vddk:pull,push\"");
            return;
        }
        String query = ex.getRequestURI().getRawQuery();
        String digest = URLDecoder.decode(query.substring(query.indexOf("digest=") + 7), StandardCharsets.UTF_8);
        uploadedDigests.add(digest + " " + Digests.sha256(body));
        ex.getResponseHeaders().add("Docker-Content-Digest", digest);
        send(ex, 201, "", null);
    }

    private static void send(HttpExchange ex, int status, String body, String challenge) throws IOException {
        if (challenge != null) {
            ex.getResponseHeaders().add("WWW-Authenticate", challenge);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
        if (!head && bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    private RegistryClient client(RegistryCredentials creds) throws IOException {
        RegistryOptions.Builder b = RegistryOptions.builder().listener(listener)
                .retry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)));
        if (creds != null) {
            b.credentials(host, creds);
        }
        return RegistryClient.create(b.build());
    }

    private ImageReference ref(String tag) {
        return ImageReference.parse(host + "/team/vddk:" + tag);
    }

    @Test
    void bearerTokenIsFetchedWithBasicCredentialsAndCachedPerScope() throws Exception {
        try (RegistryClient client = client(RegistryCredentials.of(USER, PASSWORD))) {
            assertThat(client.resolveDigest(ref("8.0.1"))).contains(DIGEST);
            assertThat(client.resolveDigest(ref("8.0.2"))).contains(DIGEST);
            assertThat(client.tagExists(ref("8.0.3"))).isTrue();
        }
        // one token for the pull scope, reused for the later requests
        assertThat(tokenRequests).containsExactly("service=test-registry&scope=repository:team/vddk:pull");
        assertThat(authorizations).filteredOn(a -> a.startsWith("HEAD")).allMatch(a -> a.endsWith("Bearer tok-1-SECRETTOKEN"));
        assertThat(listener.all()).doesNotContain(PASSWORD).doesNotContain("SECRETTOKEN").contains("HEAD " + host + "/v2/team/vddk/manifests/8.0.1 -> 200");
    }

    @Test
    void anUploadRefusedWithAnExpiredTokenRestartsWithAFreshOne() throws Exception {
        byte[] blob = new byte[300_000];
        new java.util.Random(1).nextBytes(blob);
        String digest = Digests.sha256(blob);
        AtomicInteger opens = new AtomicInteger();
        try (RegistryClient client = client(RegistryCredentials.of(USER, PASSWORD))) {
            BlobSource source = () -> {
                opens.incrementAndGet();
                return new java.io.ByteArrayInputStream(blob);
            };
            assertThat(client.uploadBlob(ImageReference.parse(host + "/team/vddk:x"), digest, blob.length, source, null))
                    .isEqualTo(digest);
        }
        assertThat(uploadedDigests).containsExactly(digest + " " + digest);
        assertThat(opens).hasValue(2);
        // pull token for the HEAD, push token for POST and PUT, a fresh push token after the refusal
        assertThat(tokenRequests).containsExactly("service=test-registry&scope=repository:team/vddk:pull",
                "service=test-registry&scope=repository:team/vddk:pull,push",
                "service=test-registry&scope=repository:team/vddk:pull,push");
        assertThat(listener.all()).doesNotContain("SECRETTOKEN").doesNotContain(PASSWORD);
    }

    @Test
    void wrongPasswordGivesAClearMessageWithoutThePassword() throws Exception {
        try (RegistryClient client = client(RegistryCredentials.of(USER, "wrong-" + PASSWORD))) {
            assertThatThrownBy(() -> client.resolveDigest(ref("8.0.1")))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("authentication failed for registry " + host + " (check the username/password or auth file)")
                    .hasMessageContaining("resolving " + host + "/team/vddk:8.0.1")
                    .satisfies(e -> {
                        assertThat(((RegistryException) e).kind()).isEqualTo(RegistryException.Kind.AUTHENTICATION);
                        assertThat(stackText(e)).doesNotContain(PASSWORD);
                    });
        }
        assertThat(listener.all()).doesNotContain(PASSWORD);
    }

    @Test
    void anonymousAccessToAProtectedRegistrySaysCredentialsAreMissing() throws Exception {
        mode = "basic";
        try (RegistryClient client = client(null)) {
            assertThatThrownBy(() -> client.resolveDigest(ref("8.0.1")))
                    .hasMessageContaining("registry " + host + " requires authentication, and no credentials were given");
        }
    }

    @Test
    void basicChallengeIsAnsweredAndThenSentUpFront() throws Exception {
        mode = "basic";
        try (RegistryClient client = client(RegistryCredentials.of(USER, PASSWORD))) {
            assertThat(client.resolveDigest(ref("a"))).contains(DIGEST);
            assertThat(client.resolveDigest(ref("b"))).contains(DIGEST);
        }
        // the probe learns the challenge; every later request carries Basic from the start (no 401 round trips)
        assertThat(authorizations).filteredOn(a -> a.startsWith("HEAD")).hasSize(2).allMatch(a -> a.contains(" Basic "));
        assertThatThrownBy(() -> {
            try (RegistryClient c = client(RegistryCredentials.of(USER, "nope"))) {
                c.resolveDigest(ref("a"));
            }
        }).hasMessageContaining("authentication failed for registry " + host);
    }

    @Test
    void serverErrorsAreRetriedThenSucceed() throws Exception {
        mode = "open";
        failuresBeforeSuccess = 2;
        try (RegistryClient client = client(null)) {
            assertThat(client.resolveDigest(ref("8.0.1"))).contains(DIGEST);
        }
        assertThat(manifestCalls).hasValue(3);
        assertThat(listener.all()).contains("retrying");
    }

    @Test
    void throttlingIsRetried() throws Exception {
        mode = "throttle";
        failuresBeforeSuccess = 1;
        try (RegistryClient client = client(null)) {
            assertThat(client.getManifest(ref("x")).mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        }
        assertThat(manifestCalls).hasValue(2);
    }

    @Test
    void lastRetryNamesRegistryStepAndStatus() throws Exception {
        mode = "open";
        failuresBeforeSuccess = 100;
        try (RegistryClient client = client(null)) {
            assertThatThrownBy(() -> client.getManifest(ref("8.0.1")))
                    .isInstanceOf(RegistryException.class)
                    .hasMessage("reading manifest " + host + "/team/vddk:8.0.1 failed: registry " + host
                            + " answered HTTP 503 (UNAVAILABLE: try later) (after 3 attempts)")
                    .satisfies(e -> assertThat(((RegistryException) e).status()).isEqualTo(503));
        }
        assertThat(manifestCalls).hasValue(3);
    }

    @Test
    void missingTagIsEmptyAndMissingManifestIsNotFound() throws Exception {
        mode = "open";
        try (RegistryClient client = client(null)) {
            assertThat(client.resolveDigest(ref("missing"))).isEmpty();
            assertThat(client.tagExists(ref("missing"))).isFalse();
            assertThatThrownBy(() -> client.getManifest(ref("missing")))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("HTTP 404 (MANIFEST_UNKNOWN: manifest unknown)")
                    .satisfies(e -> assertThat(((RegistryException) e).kind()).isEqualTo(RegistryException.Kind.NOT_FOUND));
        }
    }

    @Test
    void connectionRefusedNamesTheRegistry() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (RegistryClient client = RegistryClient.create(RegistryOptions.builder()
                .retry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(1))).build())) {
            assertThatThrownBy(() -> client.tagExists(ImageReference.parse("127.0.0.1:" + port + "/vddk:1")))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("cannot connect to registry 127.0.0.1:" + port + " (connection refused)")
                    .satisfies(e -> assertThat(((RegistryException) e).kind()).isEqualTo(RegistryException.Kind.CONNECTION));
        }
    }

    private static String stackText(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            parts.add(String.valueOf(t));
        }
        return String.join("\n", parts);
    }
}
