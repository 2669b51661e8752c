package io.forkliftvddk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forkliftvddk.core.build.BuildException;
import io.forkliftvddk.core.build.BuildRequest;
import io.forkliftvddk.core.build.BuildResult;
import io.forkliftvddk.core.build.ImageBuilders;
import io.forkliftvddk.core.build.RegistryAccess;
import io.forkliftvddk.core.build.Runtime;
import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.spi.CommandRunner;
import io.forkliftvddk.core.spi.Listener;
import io.forkliftvddk.core.spi.Secret;
import io.forkliftvddk.core.testenv.ProcessResult;
import io.forkliftvddk.core.testenv.TestEnvironment;
import io.forkliftvddk.core.testkit.VddkKits;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The podman and docker builders against the real runtimes and registries of the test environment: built with the
 * default Dockerfile on the local busybox base, pushed, pulled back by digest and run as Forklift runs it (non-root
 * user, writable /opt); custom Dockerfiles with and without the kit; an image without entrypoint refused before the
 * push; docker's insecure push refused; a recording runtime proving where the password goes; build dir cleanup.
 */
@ExtendWith(TestEnvironment.class)
class RuntimeBuildersIT {

    private static final String KIT = "vmware-vix-disklib-distrib";

    private final TestEnvironment env = TestEnvironment.get();
    private final List<String> podmanImages = new ArrayList<>();
    private final List<String> dockerImages = new ArrayList<>();
    private final RecordingListener log = new RecordingListener();

    @TempDir
    Path tmp;
    private Path kit;
    private Path temp;

    @BeforeEach
    void kit() throws IOException {
        kit = VddkKits.kit(VddkKits.V8_0_1).writeTo(Files.createDirectories(tmp.resolve("kits")));
        temp = Files.createDirectories(tmp.resolve("temp"));
    }

    @AfterEach
    void removeImages() {
        // the builder's log, for the failsafe report
        System.out.println(log.text());
        for (String image : podmanImages) {
            env.podman("rmi", "--force", image);
        }
        for (String image : dockerImages) {
            env.docker("rmi", "--force", image);
        }
    }

    // --- runners ---------------------------------------------------------------------------------------------

    private Map<String, String> baseEnvironment(Map<String, String> extra) {
        Map<String, String> e = new HashMap<>(env.processEnvironment(Map.of()));
        // the builders bring their own auth files; the test JVM's logins must not help them
        e.remove("REGISTRY_AUTH_FILE");
        // the environment script exports the test password; keep it out so a leak can only come from the builder
        e.remove("REGISTRY_PASS");
        e.put("DOCKER_HOST", env.dockerHost());
        e.put("DOCKER_CONFIG", tmp.resolve("no-docker-config").toString());
        e.putAll(extra);
        return e;
    }

    private CommandRunner runner() {
        return new ProcessCommandRunner(baseEnvironment(Map.of()));
    }

    private BuildRequest.Builder request(Runtime runtime, String tag) {
        return BuildRequest.builder(kit).tag(tag).runtime(runtime).baseImage(ImageReference.parse(env.podmanBaseImage()))
                .runtimeOption("--network none").tempDirectory(temp);
    }

    private RegistryAccess credentials(String host) {
        return RegistryAccess.anonymous().withCredentials(host,
                new RegistryAccess.Credentials(env.username(), Secret.of(env.password())));
    }

    /**
     * Credentials for the plain-http auth registry: podman must be told to skip TLS there (--tls-verify=false);
     * dockerd treats 127.0.0.0/8 as insecure by itself, and must not be asked to skip TLS (it cannot, per command).
     */
    private RegistryAccess httpAuth(Runtime runtime) {
        RegistryAccess a = credentials(env.authRegistry());
        return runtime == Runtime.PODMAN ? a.withInsecureHost(env.authRegistry()) : a;
    }

    private BuildResult build(CommandRunner runner, BuildRequest request) throws Exception {
        ImageBuilders.Selection selection = new ImageBuilders(runner).select(request);
        assertThat(selection.builder().runtime()).isEqualTo(request.runtime());
        log.info("selected: " + selection.reason());
        return selection.builder().build(request, log);
    }

    private String tag(String registry, String prefix) {
        String t = registry + "/" + env.uniqueRepository(prefix) + ":8.0.1";
        podmanImages.add(t);
        dockerImages.add(t);
        return t;
    }

    // --- podman ----------------------------------------------------------------------------------------------

    @Test
    void podmanDefaultDockerfilePushedToTheAuthRegistryRunsAsForkliftRunsIt() throws Exception {
        String tag = tag(env.authRegistry(), "rt-podman");
        BuildRequest request = request(Runtime.PODMAN, tag).push(true).registryAccess(httpAuth(Runtime.PODMAN)).build();
        BuildResult result = build(runner(), request);

        assertPushedResult(result, tag, Runtime.PODMAN);
        assertThat(result.previousDigest()).isNull();
        assertThat(registryDigest(env.authRegistry(), result.references().get(0), null)).isEqualTo(result.digest());
        // the local store holds what the default Dockerfile made: labels like the built-in builder's
        String labels = env.podman("image", "inspect", "--format", "{{json .Config.Labels}}", tag).assertSuccess().stdout();
        assertThat(labels).contains("io.forkliftvddk.kit.sha256").contains(sha256Hex(kit))
                .contains("\"org.opencontainers.image.created\":\"2023-04-18T00:00:00Z\"");
        env.podman("rmi", "--force", tag).assertSuccess();
        runPulledAsForklift("podman", result.pinned().toString(), env.authRegistry(), null);
        assertThat(temp).isEmptyDirectory();

        // another kit to the same tag: the result names the digest the tag pointed to before
        Path other = VddkKits.kit(VddkKits.V8_0_1).seed(7).writeTo(Files.createDirectories(tmp.resolve("other")));
        BuildRequest again = request.toBuilder().build();
        BuildRequest moved = BuildRequest.builder(other).tags(again.tags()).runtime(Runtime.PODMAN)
                .baseImage(again.baseImage()).runtimeOptions(again.runtimeOptions()).push(true)
                .registryAccess(again.registryAccess()).tempDirectory(temp).build();
        BuildResult second = build(runner(), moved);
        assertThat(second.digest()).isNotEqualTo(result.digest());
        assertThat(second.previousDigest()).isEqualTo(result.digest());
        assertThat(second.unchanged()).isFalse();
    }

    @Test
    void cliBuildImageWithPodmanKeepsTheImageLocalAndPrintsJson() throws Exception {
        String tag = "localhost/" + env.uniqueRepository("rt-cli") + ":1";
        podmanImages.add(tag);
        java.io.StringWriter out = new java.io.StringWriter();
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Main.run(new String[] {"build-image", "--tar", kit.toString(), "--tag", tag, "--runtime", "podman",
                "--base-image", env.podmanBaseImage(), "--runtime-opt=--network none", "-o", "json"},
                new java.io.PrintWriter(out), new java.io.PrintWriter(err));
        assertThat(code).as(err.toString()).isZero();
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString());
        assertThat(json.path("builder").asText()).isEqualTo("podman");
        assertThat(json.path("verification").path("passed").asBoolean()).isTrue();
        assertThat(json.path("digest").asText()).startsWith("sha256:");
        assertThat(json.path("totalSize").asLong()).isPositive();
        env.podman("image", "exists", tag).assertSuccess();
    }

    @Test
    void podmanPushesToTheTlsRegistryWithTheCa() throws Exception {
        String tag = tag(env.tlsRegistry(), "rt-podman-tls");
        String second = ImageReference.parse(tag).withTag("8").toString();
        podmanImages.add(second);
        BuildRequest request = request(Runtime.PODMAN, tag).tag(second).immutableTag(true).push(true)
                .registryAccess(credentials(env.tlsRegistry()).withCaCertificate(env.tlsCaFile())).build();
        BuildResult result = build(runner(), request);
        assertPushedResult(result, tag, Runtime.PODMAN);
        String immutable = "8.0.1-" + sha256Hex(kit).substring(0, 12);
        assertThat(result.references()).extracting(ImageReference::tag).containsExactly("8.0.1", "8", immutable, "8-"
                + sha256Hex(kit).substring(0, 12));
        for (ImageReference ref : result.references()) {
            podmanImages.add(ref.toString());
            assertThat(registryDigest(env.tlsRegistry(), ref, env.tlsCaFile())).as(ref.toString()).isEqualTo(result.digest());
        }
        // remove the built image under every name, so what runs below comes from the registry
        List<String> rmi = new ArrayList<>(List.of("rmi", "--force"));
        result.references().forEach(r -> rmi.add(r.toString()));
        env.podman(rmi.toArray(String[]::new)).assertSuccess();
        runPulledAsForklift("podman", result.pinned().toString(), env.tlsRegistry(), env.tlsCertDir());
    }

    @Test
    void podmanTlsWithoutCaFailsWithTheRegistryNamed() throws Exception {
        String tag = tag(env.tlsRegistry(), "rt-podman-noca");
        BuildRequest request = request(Runtime.PODMAN, tag).push(true).registryAccess(credentials(env.tlsRegistry())).build();
        assertThatThrownBy(() -> build(runner(), request)).isInstanceOf(BuildException.class)
                .hasMessageContaining(env.tlsRegistry()).hasMessageNotContaining(env.password());
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void podmanPullsABaseImageBehindALoginWithThePrivateAuthFile() throws Exception {
        Recorder rec = new Recorder("podman");
        String tag = "localhost/" + env.uniqueRepository("rt-base-login") + ":1";
        podmanImages.add(tag);
        BuildRequest request = BuildRequest.builder(kit).tag(tag).runtime(Runtime.PODMAN).runtimePath(rec.script)
                .baseImage(ImageReference.parse(env.registryBaseImage(env.authRegistry())))
                .runtimeOption("--network none").runtimeOption("--pull=always")
                .registryAccess(httpAuth(Runtime.PODMAN)).tempDirectory(temp).build();
        BuildResult result = build(rec.runner(), request);
        assertThat(result.verification().passed()).isTrue();
        List<Call> calls = rec.recorded();
        Call login = calls.stream().filter(c -> c.argv.contains("login")).findFirst().orElseThrow();
        assertThat(login.argv).contains(env.authRegistry(), "--tls-verify=false");
        assertThat(login.stdin).isEqualTo(env.password());
        Call build = calls.stream().filter(c -> c.argv.contains("build")).findFirst().orElseThrow();
        assertThat(build.argv).contains("--tls-verify=false", "--pull=always");
        assertThat(build.argv.get(build.argv.indexOf("--authfile") + 1))
                .isEqualTo(login.argv.get(login.argv.indexOf("--authfile") + 1));
        assertThat(calls).noneMatch(c -> c.argv.contains("push"));
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void podmanGlobalOptionsReachEveryCommandOfTheBuild() throws Exception {
        // a private vfs store: the base must be pulled into it, and inspect, export and push must all use it
        Path store = Files.createDirectories(tmp.resolve("store"));
        String tag = tag(env.plainRegistry(), "rt-vfs");
        Recorder rec = new Recorder("podman");
        BuildRequest request = BuildRequest.builder(kit).tag(tag).runtime(Runtime.PODMAN).runtimePath(rec.script)
                .baseImage(ImageReference.parse(env.registryBaseImage(env.plainRegistry())))
                .runtimeOption("--network none")
                .runtimeOption("--storage-driver vfs --root " + store.resolve("root") + " --runroot " + store.resolve("run"))
                .push(true).registryAccess(RegistryAccess.anonymous().withInsecureHost(env.plainRegistry()))
                .tempDirectory(temp).build();
        // the store is a plain directory tree (vfs: no mounts); the temp dir's cleanup removes it
        BuildResult result = build(rec.runner(), request);
        assertThat(result.verification().passed()).isTrue();
        for (Call c : rec.recorded()) {
            assertThat(c.argv).as(String.join(" ", c.argv)).containsSubsequence("--storage-driver", "vfs", "--root");
            assertThat(c.argv.indexOf("--root")).isLessThan(3);
        }
        assertThat(Files.isDirectory(store.resolve("root/vfs"))).isTrue();
        assertThat(env.podman("image", "exists", tag).exitCode()).as("not in the default store").isNotZero();
    }

    // --- docker ----------------------------------------------------------------------------------------------

    @Test
    void dockerDefaultDockerfilePushedToTheAuthRegistryRunsAsForkliftRunsIt() throws Exception {
        String tag = tag(env.authRegistry(), "rt-docker");
        BuildRequest request = request(Runtime.DOCKER, tag).push(true).registryAccess(httpAuth(Runtime.DOCKER)).build();
        BuildResult result = build(runner(), request);

        assertPushedResult(result, tag, Runtime.DOCKER);
        assertThat(registryDigest(env.authRegistry(), result.references().get(0), null)).isEqualTo(result.digest());
        env.docker("rmi", "--force", tag).assertSuccess();
        runPulledAsForklift("docker", result.pinned().toString(), env.authRegistry(), null);
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void dockerInsecurePushIsRefusedBeforeAnyBuild() throws Exception {
        Recorder rec = new Recorder("docker");
        String tag = tag(env.authRegistry(), "rt-docker-insecure");
        BuildRequest request = request(Runtime.DOCKER, tag).push(true)
                .registryAccess(credentials(env.authRegistry()).withInsecureHost(env.authRegistry()))
                .runtimePath(rec.script).build();
        assertThatThrownBy(() -> build(rec.runner(), request)).isInstanceOf(BuildException.class)
                .hasMessageContaining("docker cannot skip TLS verification")
                .hasMessageContaining(env.authRegistry())
                .hasMessageContaining("--runtime builtin");
        assertThat(rec.calls()).noneMatch(c -> c.contains("build") || c.contains("push") || c.contains("login"));
        assertThat(registryTags(env.authRegistry(), ImageReference.parse(tag))).isEqualTo(404);
        assertThat(temp).isEmptyDirectory();
    }

    // --- custom Dockerfiles ----------------------------------------------------------------------------------

    @Test
    void customDockerfileWithoutTheKitFailsBeforeAnyBuildWithPodmanAndDocker() throws Exception {
        Path dockerfile = Files.writeString(tmp.resolve("Dockerfile.nocopy"), "FROM " + env.podmanBaseImage() + "\n"
                + "# Copy VDDK libraries (will be handled by kubectl-mtv)\n"
                + "USER 1001\n"
                + "ENTRYPOINT [\"cp\", \"-r\", \"/vmware-vix-disklib-distrib\", \"/opt\"]\n");
        for (String runtime : List.of("podman", "docker")) {
            Recorder rec = new Recorder(runtime);
            String tag = tag(env.plainRegistry(), "rt-nocopy-" + runtime);
            BuildRequest request = BuildRequest.builder(kit).tag(tag).runtime(Runtime.parse(runtime))
                    .runtimePath(rec.script).dockerfile(dockerfile).tempDirectory(temp).build();
            assertThatThrownBy(() -> build(rec.runner(), request)).isInstanceOf(BuildException.class)
                    .hasMessageContaining(dockerfile.toString())
                    .hasMessageContaining("COPY vmware-vix-disklib-distrib /vmware-vix-disklib-distrib");
            assertThat(rec.calls()).as(runtime + " calls").noneMatch(c -> c.contains("build"));
            assertThat(temp).isEmptyDirectory();
        }
    }

    @Test
    void customDockerfileWithTheKitBuildsWithBuildArgsAndKeepsTheImageLocal() throws Exception {
        Path dockerfile = Files.writeString(tmp.resolve("Dockerfile.custom"), "ARG BASE=nothing\n"
                + "FROM ${BASE} AS kit\n"
                + "COPY --chown=0:0 \\\n"
                + "    vmware-vix-disklib-distrib /vmware-vix-disklib-distrib\n"
                + "FROM kit\n"
                + "USER 1001\n"
                + "ENTRYPOINT [\"cp\", \"-r\", \"/vmware-vix-disklib-distrib\", \"/opt\"]\n");
        String tag = "localhost/" + env.uniqueRepository("rt-custom") + ":1";
        podmanImages.add(tag);
        BuildRequest request = BuildRequest.builder(kit).tag(tag).runtime(Runtime.PODMAN).dockerfile(dockerfile)
                .buildArg("BASE", env.podmanBaseImage()).runtimeOption("--network none").tempDirectory(temp).build();
        BuildResult result = build(runner(), request);
        assertThat(result.builder()).isEqualTo(Runtime.PODMAN);
        assertThat(result.verification().passed()).isTrue();
        assertThat(result.pinned()).isNull();
        assertThat(result.digest()).startsWith("sha256:");
        env.podman("image", "exists", tag).assertSuccess();
        assertThat(log.text()).contains("Using custom Dockerfile from: " + dockerfile);
    }

    @Test
    void imageWithoutEntrypointIsCheckedAndNeverPushed() throws Exception {
        Path dockerfile = Files.writeString(tmp.resolve("Dockerfile.noentry"), "FROM " + env.podmanBaseImage() + "\n"
                + "COPY vmware-vix-disklib-distrib /vmware-vix-disklib-distrib\n"
                + "CMD [\"/bin/sh\"]\n");
        for (Runtime runtime : List.of(Runtime.PODMAN, Runtime.DOCKER)) {
            String tag = tag(env.authRegistry(), "rt-noentry-" + runtime.cliName());
            Recorder rec = new Recorder(runtime.cliName());
            BuildRequest request = BuildRequest.builder(kit).tag(tag).runtime(runtime).runtimePath(rec.script)
                    .dockerfile(dockerfile).runtimeOption("--network none").push(true)
                    .registryAccess(httpAuth(runtime)).tempDirectory(temp).build();
            assertThatThrownBy(() -> build(rec.runner(), request)).isInstanceOf(BuildException.class)
                    .hasMessageContaining("does not meet Forklift's VDDK image contract")
                    .hasMessageContaining("entrypoint")
                    .hasMessageContaining("not pushed");
            assertThat(rec.calls()).anyMatch(c -> c.contains("build"));
            assertThat(rec.calls()).noneMatch(c -> c.contains("push"));
            assertThat(registryTags(env.authRegistry(), ImageReference.parse(tag))).isEqualTo(404);
            assertThat(temp).isEmptyDirectory();
        }
    }

    // --- secrets ---------------------------------------------------------------------------------------------

    @Test
    void passwordReachesOnlyTheStandardInputOfLogin() throws Exception {
        for (Runtime runtime : List.of(Runtime.PODMAN, Runtime.DOCKER)) {
            Recorder rec = new Recorder(runtime.cliName());
            String tag = tag(env.authRegistry(), "rt-secret-" + runtime.cliName());
            RecordingListener own = new RecordingListener();
            BuildRequest request = request(runtime, tag).runtimePath(rec.script).push(true)
                    .registryAccess(httpAuth(runtime)).build();
            BuildResult result = new ImageBuilders(rec.runner()).select(request).builder().build(request, own);
            assertThat(result.verification().passed()).isTrue();

            String password = env.password();
            List<Call> calls = rec.recorded();
            assertThat(calls).isNotEmpty();
            List<Call> logins = calls.stream().filter(c -> c.argv.contains("login")).toList();
            assertThat(logins).hasSize(1);
            assertThat(logins.get(0).argv).contains("--password-stdin", env.username());
            assertThat(logins.get(0).stdin).isEqualTo(password);
            for (Call c : calls) {
                assertThat(String.join(" ", c.argv)).as("argv of " + c.argv).doesNotContain(password);
                assertThat(c.env).as("environment of " + c.argv).doesNotContain(password);
                if (!c.argv.contains("login")) {
                    assertThat(c.stdin).as("stdin of " + c.argv).isEmpty();
                }
            }
            assertThat(own.text()).doesNotContain(password).contains("Running: ");
            assertThat(result.toString()).doesNotContain(password);
            // the private auth file was used by the push and is gone
            if (runtime == Runtime.PODMAN) {
                Call push = calls.stream().filter(c -> c.argv.contains("push")).findFirst().orElseThrow();
                Path authFile = Path.of(push.argv.get(push.argv.indexOf("--authfile") + 1));
                assertThat(authFile.getParent().getParent()).isEqualTo(temp);
                assertThat(authFile).doesNotExist();
            } else {
                Call push = calls.stream().filter(c -> c.argv.contains("push")).findFirst().orElseThrow();
                String config = push.env.lines().filter(l -> l.startsWith("DOCKER_CONFIG=")).findFirst().orElseThrow();
                Path configDir = Path.of(config.substring("DOCKER_CONFIG=".length()));
                assertThat(configDir.getParent().getParent()).isEqualTo(temp);
                assertThat(configDir).doesNotExist();
            }
            assertThat(temp).isEmptyDirectory();
        }
    }

    // --- build directory -------------------------------------------------------------------------------------

    @Test
    void userBuildDirIsCleanedOnSuccessAndFailure() throws Exception {
        Path buildDir = Files.createDirectories(tmp.resolve("user-build"));
        Files.writeString(buildDir.resolve("notes.txt"), "mine");
        Files.createDirectories(buildDir.resolve(KIT + "/lib64"));
        Files.writeString(buildDir.resolve(KIT + "/lib64/stale-from-an-old-kit.so"), "stale");

        String tag = "localhost/" + env.uniqueRepository("rt-builddir") + ":1";
        podmanImages.add(tag);
        BuildRequest ok = request(Runtime.PODMAN, tag).buildDir(buildDir).build();
        build(runner(), ok);
        // stale content never reached the image
        String files = env.podman("run", "--rm", "--network", "none", "--entrypoint", "ls", tag,
                "/" + KIT + "/lib64").assertSuccess().stdout();
        assertThat(files).doesNotContain("stale-from-an-old-kit.so").contains("libvixDiskLib.so");
        assertThat(buildDir.resolve(KIT)).doesNotExist();
        assertThat(buildDir.resolve("notes.txt")).hasContent("mine");
        try (Stream<Path> s = Files.list(buildDir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
        }

        // a failing build (RUN fails) cleans up too
        Path failing = Files.writeString(tmp.resolve("Dockerfile.fails"), "FROM " + env.podmanBaseImage() + "\n"
                + "COPY vmware-vix-disklib-distrib /vmware-vix-disklib-distrib\n"
                + "RUN exit 3\n");
        BuildRequest bad = BuildRequest.builder(kit).tag(tag).runtime(Runtime.PODMAN).dockerfile(failing)
                .buildDir(buildDir).runtimeOption("--network none").tempDirectory(temp).build();
        assertThatThrownBy(() -> build(runner(), bad)).isInstanceOf(BuildException.class)
                .hasMessageContaining("podman build failed");
        try (Stream<Path> s = Files.list(buildDir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("notes.txt");
        }
        assertThat(temp).isEmptyDirectory();
    }

    @Test
    void interruptKillsTheRuntimeAndCleansUp() throws Exception {
        Path slow = Files.writeString(tmp.resolve("Dockerfile.slow"), "FROM " + env.podmanBaseImage() + "\n"
                + "COPY vmware-vix-disklib-distrib /vmware-vix-disklib-distrib\n"
                + "RUN sleep 120\n");
        String tag = "localhost/" + env.uniqueRepository("rt-interrupt") + ":1";
        podmanImages.add(tag);
        BuildRequest request = BuildRequest.builder(kit).tag(tag).runtime(Runtime.PODMAN).dockerfile(slow)
                .runtimeOption("--network none").tempDirectory(temp).build();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                build(runner(), request);
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        // wait until podman runs the RUN step (its own STEP line, not our echo of the Dockerfile), and the sleep is up
        java.util.regex.Pattern step = java.util.regex.Pattern.compile("STEP \\d+/\\d+: RUN sleep 120");
        long deadline = System.currentTimeMillis() + 60_000;
        while (!step.matcher(log.text()).find() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(log.text()).containsPattern(step);
        while (TestEnvironment.run(List.of("pgrep", "-f", "sleep 120"), Map.of(), null).stdout().isBlank()
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(TestEnvironment.run(List.of("pgrep", "-f", "sleep 120"), Map.of(), null).stdout()).isNotBlank();
        long start = System.currentTimeMillis();
        t.interrupt();
        t.join(30_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(System.currentTimeMillis() - start).isLessThan(20_000);
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(temp).isEmptyDirectory();
        ProcessResult ps = TestEnvironment.run(List.of("pgrep", "-f", "sleep 120"), Map.of(), null);
        assertThat(ps.stdout().strip()).as("sleep processes left").isEmpty();
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private void assertPushedResult(BuildResult result, String tag, Runtime runtime) throws IOException {
        assertThat(result.builder()).isEqualTo(runtime);
        assertThat(result.references().get(0)).isEqualTo(ImageReference.parse(tag));
        assertThat(result.digest()).matches("sha256:[0-9a-f]{64}");
        assertThat(result.pinned().toString()).isEqualTo(ImageReference.parse(tag).name() + "@" + result.digest());
        assertThat(result.verification().passed()).as(String.valueOf(result.verification())).isTrue();
        assertThat(result.totalSize()).isPositive();
        assertThat(result.kitSha256()).isEqualTo(sha256Hex(kit));
        assertThat(result.vddkVersion()).startsWith("8.0.1");
        assertThat(log.text()).contains("Using container runtime: " + runtime.cliName())
                .contains("meets Forklift's contract").doesNotContain(env.password());
    }

    /** Pulls the pinned image back and runs it as Forklift does: user 1001, a writable 0777 volume at /opt. */
    private void runPulledAsForklift(String tool, String pinned, String registry, Path certDir) throws IOException {
        Path opt = Files.createDirectories(tmp.resolve("opt-" + tool));
        Files.setPosixFilePermissions(opt, PosixFilePermissions.fromString("rwxrwxrwx"));
        if (tool.equals("podman")) {
            env.podmanWithStdin(env.password().getBytes(StandardCharsets.UTF_8), certArgs(certDir, "login", "--username",
                    env.username(), "--password-stdin", registry)).assertSuccess();
            env.podman(certArgs(certDir, "pull", pinned)).assertSuccess();
            assertThat(env.podman("image", "inspect", "--format", "{{.Digest}}", pinned).assertSuccess().stdout().strip())
                    .isEqualTo(pinned.substring(pinned.indexOf('@') + 1));
            env.podman("run", "--rm", "--network", "none", "--user", "1001", "-v", opt + ":/opt", pinned).assertSuccess();
        } else {
            env.dockerWithStdin(env.password().getBytes(StandardCharsets.UTF_8), "login", "--username", env.username(),
                    "--password-stdin", registry).assertSuccess();
            env.docker("pull", pinned).assertSuccess();
            env.docker("run", "--rm", "--network", "none", "--user", "1001", "-v", opt + ":/opt", pinned).assertSuccess();
        }
        podmanImages.add(pinned);
        dockerImages.add(pinned);
        Path lib64 = opt.resolve(KIT + "/lib64");
        Path lib = lib64.resolve("libvixDiskLib.so");
        assertThat(Files.isSymbolicLink(lib)).as("libvixDiskLib.so stays a symlink").isTrue();
        assertThat(Files.readSymbolicLink(lib).toString()).isEqualTo("libvixDiskLib.so.8");
        assertThat(Files.isSymbolicLink(lib64.resolve("libvixDiskLib.so.8"))).isTrue();
        assertThat(Files.isRegularFile(lib)).as("the chain resolves to a file").isTrue();
        assertThat(Files.readAllBytes(lib)).startsWith(0x7f, 'E', 'L', 'F');
        assertThat(Files.isRegularFile(opt.resolve(KIT + "/include/vixDiskLib.h"))).isTrue();
    }

    private static String[] certArgs(Path certDir, String command, String... rest) {
        List<String> args = new ArrayList<>();
        args.add(command);
        if (certDir != null) {
            args.add("--cert-dir");
            args.add(certDir.toString());
        } else {
            args.add("--tls-verify=false");
        }
        args.addAll(List.of(rest));
        return args.toArray(String[]::new);
    }

    /** The digest the registry serves for a tag (HEAD manifest), read without any runtime. */
    private String registryDigest(String registry, ImageReference ref, Path ca) throws Exception {
        HttpResponse<Void> r = http(ca).send(HttpRequest.newBuilder(URI.create(scheme(ca) + registry + "/v2/"
                        + ref.repository() + "/manifests/" + ref.tag()))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Authorization", env.basicAuthorization())
                .header("Accept", "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json")
                .build(), HttpResponse.BodyHandlers.discarding());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    private int registryTags(String registry, ImageReference ref) throws Exception {
        return http(null).send(HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/" + ref.repository()
                        + "/tags/list")).header("Authorization", env.basicAuthorization()).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpClient http(Path ca) {
        return ca == null ? HttpClient.newHttpClient() : HttpClient.newBuilder().sslContext(env.tlsContext()).build();
    }

    private static String scheme(Path ca) {
        return ca == null ? "http://" : "https://";
    }

    private static String sha256Hex(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One recorded call of the recording runtime. */
    record Call(List<String> argv, String env, String stdin) {
    }

    /** A runtime executable that records argv, environment and stdin of every call, then runs the real runtime. */
    final class Recorder {
        final Path script;
        final Path dir;
        final String real;

        Recorder(String runtime) throws IOException {
            dir = Files.createDirectories(tmp.resolve("record-" + runtime + "-" + System.nanoTime()));
            script = dir.resolveSibling(dir.getFileName() + "-" + runtime + "-recorder");
            try (InputStream in = RuntimeBuildersIT.class.getResourceAsStream("recording-runtime.sh")) {
                Files.copy(in, script);
            }
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
            real = TestEnvironment.run(List.of("bash", "-c", "command -v " + runtime), Map.of(), null)
                    .assertSuccess().stdout().strip();
        }

        CommandRunner runner() {
            return new ProcessCommandRunner(baseEnvironment(Map.of("FORKLIFT_VDDK_RECORD_DIR", dir.toString(),
                    "FORKLIFT_VDDK_REAL_RUNTIME", real)));
        }

        List<Call> recorded() throws IOException {
            List<Call> calls = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                for (Path argv : s.filter(p -> p.toString().endsWith(".argv")).sorted().toList()) {
                    String base = argv.toString().substring(0, argv.toString().length() - 5);
                    calls.add(new Call(Files.readAllLines(argv), Files.readString(Path.of(base + ".env")),
                            Files.exists(Path.of(base + ".stdin")) ? Files.readString(Path.of(base + ".stdin")) : ""));
                }
            }
            return calls;
        }

        List<List<String>> calls() throws IOException {
            return recorded().stream().map(Call::argv).toList();
        }
    }

    /** Keeps every line the builder reports. */
    static final class RecordingListener implements Listener {
        private final List<String> lines = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void log(Level level, String message) {
            lines.add(level + " " + message);
        }

        String text() {
            synchronized (lines) {
                return String.join("\n", lines);
            }
        }
    }

    static boolean isSymlink(Path p) {
        return Files.isSymbolicLink(p) && Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }
}
