package io.forkliftvddk.core.testenv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The real container test environment started by {@code scripts/testenv.sh start}: three registries on loopback
 * (plain http, basic auth, TLS + basic auth), podman with the project's containers.conf, dockerd on its own socket
 * and the busybox base image.
 *
 * <p>Use it as {@code @ExtendWith(TestEnvironment.class)} (the environment is checked before the class's tests and
 * can be injected as a parameter) or through {@link #get()}. Registry addresses come only from the exported
 * variables, so the environment may run on any ports. When a variable is missing or a registry or dockerd does not
 * answer, the test fails (it never skips) with a message that says how to start the environment.
 */
public final class TestEnvironment implements BeforeAllCallback, ParameterResolver {

    static final String HOW_TO_START = "Start the test environment with `scripts/testenv.sh start` (as root; "
            + "`scripts/testenv.sh install` first on a fresh machine) and `source $WORKDIR/env.sh` "
            + "(WORKDIR is $FORKLIFT_VDDK_TESTENV, default /tmp/forklift-vddk-testenv) before running the tests, "
            + "or run everything with `scripts/test.sh`.";

    private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Object LOCK = new Object();
    private static volatile TestEnvironment current;
    private static volatile AssertionError failure;

    private final String plainRegistry;
    private final String authRegistry;
    private final String tlsRegistry;
    private final String username;
    private final String password;
    private final Path tlsCaFile;
    private final Path tlsCertDir;
    private final Path containersConf;
    private final String dockerHost;
    private final String podmanBaseImage;
    private final Path privateDir;
    private final SSLContext tlsContext;

    /** Used by JUnit when the class is registered with {@code @ExtendWith}; the state lives in {@link #get()}. */
    public TestEnvironment() {
        plainRegistry = authRegistry = tlsRegistry = username = password = dockerHost = podmanBaseImage = null;
        tlsCaFile = tlsCertDir = containersConf = privateDir = null;
        tlsContext = null;
    }

    private TestEnvironment(Map<String, String> env) {
        plainRegistry = required(env, "REGISTRY");
        authRegistry = required(env, "REGISTRY_AUTH");
        tlsRegistry = required(env, "REGISTRY_TLS");
        username = required(env, "REGISTRY_USER");
        password = required(env, "REGISTRY_PASS");
        tlsCaFile = existingFile(env, "REGISTRY_TLS_CA");
        containersConf = existingFile(env, "CONTAINERS_CONF");
        podmanBaseImage = env.getOrDefault("FORKLIFT_VDDK_BASE_IMAGE", "localhost/busybox-base:latest");
        String docker = env.getOrDefault("DOCKER_HOST_CI", "").trim();
        dockerHost = docker.isEmpty() ? null : docker;
        tlsContext = sslContextTrusting(tlsCaFile);
        try {
            privateDir = Files.createTempDirectory("forklift-vddk-testenv-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Path dir = privateDir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            String certDir = env.getOrDefault("REGISTRY_TLS_CERT_DIR", "").trim();
            if (!certDir.isEmpty() && Files.isRegularFile(Path.of(certDir, "ca.crt"))) {
                tlsCertDir = Path.of(certDir);
            } else {
                // podman/skopeo --cert-dir wants a directory holding ca.crt.
                tlsCertDir = Files.createDirectories(privateDir.resolve("certs"));
                Files.copy(tlsCaFile, tlsCertDir.resolve("ca.crt"));
            }
            Files.createDirectories(privateDir.resolve("docker-config"));
            // podman refuses a REGISTRY_AUTH_FILE that does not exist.
            Files.writeString(privateDir.resolve("auth.json"), "{\"auths\":{}}\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The running environment, read from the process environment and checked once per JVM (registries answer with
     * the expected status, dockerd answers when configured, podman has the base image).
     *
     * @throws AssertionError naming {@code scripts/testenv.sh} when something is missing
     */
    public static TestEnvironment get() {
        TestEnvironment env = current;
        if (env != null) {
            return env;
        }
        synchronized (LOCK) {
            if (current != null) {
                return current;
            }
            if (failure != null) {
                // The same answer for every test, without waiting for the same timeouts again.
                throw new AssertionError(failure.getMessage());
            }
            try {
                TestEnvironment checked = from(System.getenv());
                checked.check();
                current = checked;
                return checked;
            } catch (AssertionError e) {
                failure = e;
                throw e;
            }
        }
    }

    /** Reads the variables from {@code env} without checking that anything answers (unit tests of this class). */
    static TestEnvironment from(Map<String, String> env) {
        return new TestEnvironment(env);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        get();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == TestEnvironment.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return get();
    }

    // --- what tests need -------------------------------------------------------------------------------------

    /** The plain http registry, {@code host:port} (e.g. {@code 127.0.0.1:5000}). */
    public String plainRegistry() {
        return plainRegistry;
    }

    /** The http registry with basic auth ({@link #username()}/{@link #password()}), {@code host:port}. */
    public String authRegistry() {
        return authRegistry;
    }

    /** The https registry (certificate signed by {@link #tlsCaFile()}) with basic auth, {@code host:port}. */
    public String tlsRegistry() {
        return tlsRegistry;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    /** PEM file of the CA that signed the TLS registry's certificate. */
    public Path tlsCaFile() {
        return tlsCaFile;
    }

    /** A directory holding {@code ca.crt}, for {@code podman --cert-dir} and {@code skopeo --cert-dir}. */
    public Path tlsCertDir() {
        return tlsCertDir;
    }

    /** An SSL context that trusts the test CA (and nothing else). */
    public SSLContext tlsContext() {
        return tlsContext;
    }

    /** The containers.conf that podman, buildah and skopeo need on these machines (runc, cgroupfs, ulimits). */
    public Path containersConf() {
        return containersConf;
    }

    /** The dockerd socket as a docker host URL, e.g. {@code unix:///run/forklift-vddk-docker.sock}. */
    public String dockerHost() {
        if (dockerHost == null) {
            throw new AssertionError("DOCKER_HOST_CI is empty: the test environment runs without dockerd "
                    + "(WITH_DOCKERD=0). " + HOW_TO_START);
        }
        return dockerHost;
    }

    /** The busybox base image (with {@code /opt}) in podman's and dockerd's local storage. */
    public String podmanBaseImage() {
        return podmanBaseImage;
    }

    /** The base image as pushed to a registry of this environment: {@code <host:port>/base/busybox:latest}. */
    public String registryBaseImage(String registryHostPort) {
        return registryHostPort + "/base/busybox:latest";
    }

    /**
     * A repository name no other test (or helper sharing the registries) uses: {@code prefix-<16 hex>}, lower case
     * as the distribution spec wants it.
     */
    public String uniqueRepository(String prefix) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        String p = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._/-]", "-");
        return p + "-" + HexFormat.of().formatHex(bytes);
    }

    /** The {@code Authorization} header value for the auth and TLS registries. */
    public String basicAuthorization() {
        return "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A podman auth file private to this JVM, used by {@link #podman} and {@link #skopeo} unless a command passes
     * its own {@code --authfile}, so logins in tests never touch the machine's {@code /run/containers}.
     */
    public Path podmanAuthFile() {
        return privateDir.resolve("auth.json");
    }

    /** A docker client config dir private to this JVM, used by {@link #docker}. */
    public Path dockerConfigDir() {
        return privateDir.resolve("docker-config");
    }

    // --- processes -------------------------------------------------------------------------------------------

    /** Runs podman with CONTAINERS_CONF and the private auth file. */
    public ProcessResult podman(String... args) {
        return podmanWithStdin(null, args);
    }

    public ProcessResult podmanWithStdin(byte[] stdin, String... args) {
        return run(withTool("podman", args), containersEnv(), stdin);
    }

    /** Runs skopeo with CONTAINERS_CONF and the private auth file. */
    public ProcessResult skopeo(String... args) {
        return run(withTool("skopeo", args), containersEnv(), null);
    }

    /** Runs the docker client against the environment's dockerd, with the private client config dir. */
    public ProcessResult docker(String... args) {
        return dockerWithStdin(null, args);
    }

    public ProcessResult dockerWithStdin(byte[] stdin, String... args) {
        return dockerWithConfig(dockerConfigDir(), stdin, args);
    }

    /** The docker client with its own config dir (for tests that must not see other tests' logins). */
    public ProcessResult dockerWithConfig(Path configDir, byte[] stdin, String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker", "-H", dockerHost()));
        cmd.addAll(List.of(args));
        // The legacy builder: dockerd 20.10 from Debian, and the client may lack the buildx plugin.
        return run(cmd, Map.of("DOCKER_CONFIG", configDir.toString(), "DOCKER_BUILDKIT", "0"), stdin);
    }

    /** Environment for podman, buildah and skopeo started by code under test. */
    public Map<String, String> containersEnv() {
        return Map.of("CONTAINERS_CONF", containersConf.toString(),
                "REGISTRY_AUTH_FILE", podmanAuthFile().toString());
    }

    /**
     * Runs a process to completion (at most 5 minutes) with extra environment variables; output is captured in
     * files, so a chatty process never blocks.
     */
    public static ProcessResult run(List<String> command, Map<String, String> extraEnv, byte[] stdin) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("forklift-vddk-proc-", ".out");
            err = Files.createTempFile("forklift-vddk-proc-", ".err");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment().putAll(extraEnv);
            if (stdin == null) {
                pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            }
            Process p = pb.start();
            if (stdin != null) {
                try (var in = p.getOutputStream()) {
                    in.write(stdin);
                }
            }
            if (!p.waitFor(PROCESS_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(new ProcessResult(command, -1, Files.readString(out), Files.readString(err))
                        .describe("timed out after " + PROCESS_TIMEOUT.toMinutes() + " minutes"));
            }
            return new ProcessResult(command, p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e.getMessage()
                    + ". " + HOW_TO_START, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + String.join(" ", command), e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    // --- checks ----------------------------------------------------------------------------------------------

    void check() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
        HttpClient https = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).sslContext(tlsContext).build();
        expectStatus(http, "http://" + plainRegistry + "/v2/", null, 200, "plain registry REGISTRY");
        expectStatus(http, "http://" + authRegistry + "/v2/", null, 401, "auth registry REGISTRY_AUTH without credentials");
        expectStatus(http, "http://" + authRegistry + "/v2/", basicAuthorization(), 200,
                "auth registry REGISTRY_AUTH with REGISTRY_USER/REGISTRY_PASS");
        expectStatus(https, "https://" + tlsRegistry + "/v2/", basicAuthorization(), 200,
                "TLS registry REGISTRY_TLS (trusting REGISTRY_TLS_CA, with REGISTRY_USER/REGISTRY_PASS)");
        if (dockerHost != null) {
            pingDocker();
        }
        ProcessResult image = podman("image", "exists", podmanBaseImage);
        if (!image.succeeded()) {
            throw new AssertionError("podman has no base image " + podmanBaseImage + " (exit " + image.exitCode()
                    + ", " + image.stderr().strip() + "). " + HOW_TO_START);
        }
    }

    private static void expectStatus(HttpClient client, String url, String authorization, int expected, String what) {
        HttpRequest.Builder rb = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET();
        if (authorization != null) {
            rb.header("Authorization", authorization);
        }
        int status;
        try {
            status = client.send(rb.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            String reason = e instanceof ConnectException ? "connection refused" : e.toString();
            throw new AssertionError(what + " does not answer at " + url + " (" + reason + "). " + HOW_TO_START, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while checking " + url, e);
        }
        if (status != expected) {
            throw new AssertionError(what + " answered " + status + " at " + url + ", expected " + expected + ". "
                    + HOW_TO_START);
        }
    }

    private void pingDocker() {
        String path = dockerHost.startsWith("unix://") ? dockerHost.substring("unix://".length()) : null;
        if (path == null) {
            throw new AssertionError("DOCKER_HOST_CI must be a unix:// socket, is " + dockerHost + ". " + HOW_TO_START);
        }
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(path));
            ch.write(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            ByteBuffer buf = ByteBuffer.allocate(4096);
            StringBuilder answer = new StringBuilder();
            while (ch.read(buf) > 0) {
                buf.flip();
                answer.append(StandardCharsets.US_ASCII.decode(buf));
                buf.clear();
            }
            if (!answer.toString().startsWith("HTTP/1.0 200") && !answer.toString().startsWith("HTTP/1.1 200")) {
                throw new AssertionError("dockerd at " + dockerHost + " answered /_ping with "
                        + answer.toString().lines().findFirst().orElse("nothing") + ". " + HOW_TO_START);
            }
        } catch (IOException e) {
            throw new AssertionError("dockerd does not answer at DOCKER_HOST_CI=" + dockerHost + " (" + e.getMessage()
                    + "). " + HOW_TO_START, e);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private static String required(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new AssertionError("The test environment variable " + name + " is not set. " + HOW_TO_START);
        }
        return value.trim();
    }

    private static Path existingFile(Map<String, String> env, String name) {
        Path p = Path.of(required(env, name));
        if (!Files.isRegularFile(p)) {
            throw new AssertionError(name + "=" + p + " does not exist (a stopped or removed environment?). "
                    + HOW_TO_START);
        }
        return p;
    }

    private static SSLContext sslContextTrusting(Path caPem) {
        try (InputStream in = Files.newInputStream(caPem)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            int i = 0;
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca-" + i++, c);
            }
            if (i == 0) {
                throw new AssertionError("REGISTRY_TLS_CA=" + caPem + " holds no certificate. " + HOW_TO_START);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError("cannot read REGISTRY_TLS_CA=" + caPem + ": " + e.getMessage() + ". "
                    + HOW_TO_START, e);
        }
    }

    private static List<String> withTool(String tool, String... args) {
        List<String> cmd = new ArrayList<>(args.length + 1);
        cmd.add(tool);
        cmd.addAll(List.of(args));
        return cmd;
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a temp file; nothing depends on it
            }
        }
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(TestEnvironment::deleteQuietly);
        } catch (IOException ignored) {
            // best effort at JVM exit
        }
    }

    /** A copy of the process environment with overrides, for tests that start the CLI as a process. */
    public Map<String, String> processEnvironment(Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(containersEnv());
        env.putAll(Objects.requireNonNull(overrides));
        return env;
    }
}
