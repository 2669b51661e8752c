package io.forkliftvddk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.forkliftvddk.core.testenv.ProcessResult;
import io.forkliftvddk.core.testenv.TestEnvironment;
import io.forkliftvddk.core.testkit.VddkKits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code build-image --runtime builtin} and {@code verify-image} as whole processes of the shaded jar. */
@ExtendWith(TestEnvironment.class)
class BuildImageCommandIT {

    private final TestEnvironment env = TestEnvironment.get();
    private final List<String> podmanImages = new ArrayList<>();

    @TempDir
    Path tmp;
    private Path kit;

    @BeforeEach
    void writeKit() throws IOException {
        kit = VddkKits.kit(VddkKits.V8_0_1).writeTo(tmp.resolve("kits"));
    }

    @AfterEach
    void removeLocalImages() {
        for (String image : podmanImages) {
            env.podman("rmi", "--force", "--ignore", image);
        }
    }

    private ProcessResult cli(byte[] stdin, String... args) {
        String jar = System.getProperty("forkliftvddk.cliJar");
        assertThat(jar).as("system property forkliftvddk.cliJar (set by the cli pom for failsafe)").isNotNull();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        cmd.addAll(List.of(args));
        return TestEnvironment.run(cmd, Map.of(), stdin);
    }

    @Test
    void pushesWithPasswordFromStdinThenReportsUnchangedAndVerifies() {
        String reg = env.authRegistry();
        String tag = reg + "/" + env.uniqueRepository("cli/vddk") + ":8.0.1";
        byte[] password = (env.password() + "\n").getBytes(StandardCharsets.UTF_8);
        String[] args = {"build-image", "--tar", kit.toString(), "--tag", tag, "--runtime", "builtin", "--push",
                "--base-image", env.registryBaseImage(reg), "--registry-username", env.username(),
                "--registry-password-stdin", "-o", "json", "-v"};
        ProcessResult cold = cli(password, args);
        assertThat(cold.exitCode()).as(cold.stderr()).isZero();
        assertThat(cold.stdout()).contains("\"unchanged\": false").contains("\"builder\": \"builtin\"")
                .contains("\"vddkVersion\": \"8.0.1-21562716\"").contains("\"passed\": true");
        assertThat(cold.stderr()).contains("Using builtin builder").contains("PUT " + reg);
        assertThat(cold.stdout() + cold.stderr()).doesNotContain(env.password());

        ProcessResult warm = cli(password, args);
        assertThat(warm.exitCode()).as(warm.stderr()).isZero();
        assertThat(warm.stdout()).contains("\"unchanged\": true");
        String digest = field(cold.stdout(), "digest");
        assertThat(field(warm.stdout(), "digest")).isEqualTo(digest);

        ProcessResult verify = cli(password, "verify-image", tag, "--registry-username", env.username(), "--registry-password-stdin");
        assertThat(verify.exitCode()).as(verify.stderr()).isZero();
        assertThat(verify.stdout()).contains("Forklift contract: met").contains("[ok] kit has lib64/libvixDiskLib.so resolving to a file");
    }

    @Test
    void setsTheControllersVddkImageToThePinnedDigestAfterThePush() throws IOException {
        String reg = env.plainRegistry();
        String tag = reg + "/" + env.uniqueRepository("cli/vddk-ctl") + ":8.0.1";
        try (io.forkliftvddk.core.forklift.MockCluster cluster = io.forkliftvddk.core.forklift.MockCluster.start()) {
            Path kubeconfig = cluster.writeKubeconfig(tmp.resolve("kubeconfig"));
            ProcessResult r = cli(null, "build-image", "--tar", kit.toString(), "--tag", tag, "--runtime", "builtin",
                    "--push", "--base-image", env.registryBaseImage(reg), "--set-controller-image",
                    "--kubeconfig", kubeconfig.toString(), "-o", "json");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            String digest = field(r.stdout(), "digest");
            assertThat(cluster.controllerSpec().get("vddk_image")).isEqualTo(tag.substring(0, tag.lastIndexOf(':')) + "@" + digest);

            ProcessResult noPush = cli(null, "build-image", "--tar", kit.toString(), "--tag", tag, "--runtime", "builtin",
                    "--output", "oci:" + tmp.resolve("layout"), "--set-controller-image", "--kubeconfig", kubeconfig.toString());
            assertThat(noPush.exitCode()).isEqualTo(2);
            assertThat(noPush.stderr()).contains("--set-controller-image requires --push");
        }
    }

    @Test
    void verifyImageFailsForAnImageWithoutTheKit() {
        ProcessResult r = cli(null, "verify-image", env.registryBaseImage(env.plainRegistry()));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stdout()).contains("Forklift contract: NOT met").contains("[FAIL] entrypoint copies the kit to /opt")
                .contains("[FAIL] kit has lib64/libvixDiskLib.so");
    }

    @Test
    void usageErrorsExitTwoAndFailuresExitOne() {
        ProcessResult noTag = cli(null, "build-image", "--tar", kit.toString(), "--push");
        assertThat(noTag.exitCode()).isEqualTo(2);
        assertThat(noTag.stderr()).contains("Missing required option: '--tag=REF'");

        ProcessResult userOnly = cli(null, "build-image", "--tar", kit.toString(), "--tag", "127.0.0.1:5000/x:1", "--push",
                "--registry-username", "u");
        assertThat(userOnly.exitCode()).isEqualTo(2);
        assertThat(userOnly.stderr()).contains("--registry-username needs --registry-password-stdin");

        ProcessResult badTag = cli(null, "build-image", "--tar", kit.toString(), "--tag", "127.0.0.1:5000/Upper:1", "--push");
        assertThat(badTag.exitCode()).isEqualTo(2);
        assertThat(badTag.stderr()).contains("lower case");

        ProcessResult noBase = cli(null, "build-image", "--tar", kit.toString(), "--runtime", "builtin", "--push",
                "--tag", env.plainRegistry() + "/" + env.uniqueRepository("cli/nobase") + ":1",
                "--base-image", env.plainRegistry() + "/no/such-base:1");
        assertThat(noBase.exitCode()).isEqualTo(1);
        assertThat(noBase.stderr()).contains("Error: base image " + env.plainRegistry() + "/no/such-base:1 not found");
        assertThat(noBase.stderr()).doesNotContain("\tat ");
    }

    @Test
    void ociArchiveOutputLoadsIntoPodmanAndTraceShowsTheDocuments() {
        String name = "localhost/" + env.uniqueRepository("cli/oci") + ":8.0.1";
        Path archive = tmp.resolve("vddk-oci.tar");
        ProcessResult r = cli(null, "-vv", "build-image", "--tar", kit.toString(), "--tag", name, "--runtime", "builtin",
                "--base-image", env.registryBaseImage(env.plainRegistry()), "--output", "oci-archive:" + archive);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        assertThat(r.stderr()).contains("\"Entrypoint\": [").contains("\"User\": \"1001\"");
        podmanImages.add(name);
        ProcessResult load = env.podman("load", "-i", archive.toString()).assertSuccess();
        assertThat(load.stdout() + load.stderr()).contains(name);
        ProcessResult inspect = env.podman("image", "inspect", "--format", "{{.Config.User}} {{.Config.Entrypoint}}", name).assertSuccess();
        assertThat(inspect.stdout().strip()).isEqualTo("1001 [cp -r /vmware-vix-disklib-distrib /opt]");
    }

    /** A string field of the JSON result (the CLI writes one field per line). */
    private static String field(String json, String name) {
        for (String line : json.split("\n")) {
            String t = line.strip();
            if (t.startsWith("\"" + name + "\": \"")) {
                return t.substring(name.length() + 5, t.lastIndexOf('"'));
            }
        }
        throw new AssertionError("no field " + name + " in " + json);
    }
}
