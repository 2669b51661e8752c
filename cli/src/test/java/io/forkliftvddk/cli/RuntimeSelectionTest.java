package io.forkliftvddk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forkliftvddk.core.build.BuildException;
import io.forkliftvddk.core.build.BuildRequest;
import io.forkliftvddk.core.build.ImageBuilders;
import io.forkliftvddk.core.build.Runtime;
import io.forkliftvddk.core.testkit.VddkKits;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runtime selection and the checks before any build, with small executables standing in for podman and docker on a
 * PATH the test controls (real processes through the CLI's runner; no container runtime is needed).
 */
class RuntimeSelectionTest {

    @TempDir
    Path tmp;
    private Path bin;
    private Path kit;
    private Path calls;

    @BeforeEach
    void setUp() throws IOException {
        bin = Files.createDirectories(tmp.resolve("bin"));
        kit = VddkKits.kit(VddkKits.V8_0_1).writeTo(Files.createDirectories(tmp.resolve("kits")));
        calls = tmp.resolve("calls.log");
    }

    /** An executable that logs its arguments and answers {@code version} with {@code output}, exiting with {@code code}. */
    private Path tool(String name, int code, String output) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\necho \"" + name + " $*\" >> '" + calls + "'\n"
                + "case \"$1\" in version|--version) echo '" + output + "'; exit " + code + ";; esac\nexit 0\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    private ProcessCommandRunner runner() {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", bin.toString());
        return new ProcessCommandRunner(env);
    }

    private BuildRequest.Builder request() {
        return BuildRequest.builder(kit).tag("127.0.0.1:5000/vddk:1").tempDirectory(tmp.resolve("temp"));
    }

    @Test
    void autoWithoutPushPrefersPodman() throws Exception {
        tool("podman", 0, "4.3.1");
        tool("docker", 0, "20.10");
        ImageBuilders.Selection s = new ImageBuilders(runner()).select(request().build());
        assertThat(s.builder().runtime()).isEqualTo(Runtime.PODMAN);
        assertThat(s.reason()).contains("auto").contains("local store").contains("podman is preferred")
                .contains(bin.resolve("podman").toString());
    }

    @Test
    void autoFallsBackToDockerWhenPodmanIsMissingOrBroken() throws Exception {
        tool("docker", 0, "20.10.24");
        ImageBuilders.Selection s = new ImageBuilders(runner()).select(request().build());
        assertThat(s.builder().runtime()).isEqualTo(Runtime.DOCKER);
        assertThat(s.reason()).contains("'podman' is not on the PATH").contains("docker was found");

        tool("podman", 125, "Error: cannot re-exec process");
        s = new ImageBuilders(runner()).select(request().build());
        assertThat(s.builder().runtime()).isEqualTo(Runtime.DOCKER);
        assertThat(s.reason()).contains("does not work").contains("cannot re-exec process");
    }

    @Test
    void autoWithACustomDockerfileNeedsARuntimeEvenWithPush() throws Exception {
        tool("podman", 0, "4.3.1");
        Path dockerfile = Files.writeString(tmp.resolve("Dockerfile"), "FROM x\n");
        ImageBuilders.Selection s = new ImageBuilders(runner()).select(request().push(true).dockerfile(dockerfile).build());
        assertThat(s.builder().runtime()).isEqualTo(Runtime.PODMAN);
        assertThat(s.reason()).contains("custom Dockerfile");
    }

    @Test
    void noRuntimeNamesWhatWasLookedForAndWhatToDo() {
        assertThatThrownBy(() -> new ImageBuilders(runner()).select(request().build()))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("looked for podman, then docker")
                .hasMessageContaining("https://podman.io/getting-started/installation")
                .hasMessageContaining("https://docs.docker.com/get-docker/")
                .hasMessageContaining("--runtime-path")
                .hasMessageContaining("--runtime builtin");
        assertThatThrownBy(() -> new ImageBuilders(runner()).select(request().runtime(Runtime.DOCKER).build()))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("--runtime docker: 'docker' is not on the PATH")
                .hasMessageContaining("--runtime-path");
    }

    @Test
    void dockerWithoutDaemonIsUnusable() throws Exception {
        tool("docker", 1, "Cannot connect to the Docker daemon at unix:///var/run/docker.sock");
        assertThatThrownBy(() -> new ImageBuilders(runner()).select(request().runtime(Runtime.DOCKER).build()))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("does not work")
                .hasMessageContaining("Cannot connect to the Docker daemon");
    }

    @Test
    void runtimePathOutsideThePathIsUsedAndItsKindRecognised() throws Exception {
        Path elsewhere = Files.createDirectories(tmp.resolve("opt/tools"));
        Path custom = elsewhere.resolve("container-tool");
        Files.writeString(custom, "#!/bin/sh\ncase \"$1\" in --version) echo 'podman version 4.3.1';; "
                + "version) echo 4.3.1;; esac\n");
        Files.setPosixFilePermissions(custom, PosixFilePermissions.fromString("rwx------"));
        ImageBuilders.Selection s = new ImageBuilders(runner()).select(request().runtimePath(custom).build());
        assertThat(s.builder().runtime()).isEqualTo(Runtime.PODMAN);
        assertThat(s.reason()).contains(custom.toString());

        Path missing = tmp.resolve("nope/podman");
        assertThatThrownBy(() -> new ImageBuilders(runner()).select(request().runtime(Runtime.PODMAN).runtimePath(missing).build()))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("--runtime-path " + missing)
                .hasMessageContaining("does not work");
    }

    @Test
    void windowsAgentsAreRefused() throws Exception {
        tool("podman", 0, "4.3.1");
        assertThatThrownBy(() -> new ImageBuilders(runner(), true).select(request().runtime(Runtime.PODMAN).build()))
                .isInstanceOf(BuildException.class)
                .hasMessageContaining("Windows agents")
                .hasMessageContaining("--runtime builtin");
    }

    @Test
    void cliRefusesACustomDockerfileWithoutTheKitBeforeBuildingAndExitsOne() throws Exception {
        Path podman = tool("podman", 0, "4.3.1");
        Path dockerfile = Files.writeString(tmp.resolve("Dockerfile"), "FROM registry.access.redhat.com/ubi8/ubi-minimal\n"
                + "USER 1001\nENTRYPOINT [\"cp\", \"-r\", \"/vmware-vix-disklib-distrib\", \"/opt\"]\n");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"build-image", "--tar", kit.toString(), "--tag", "127.0.0.1:5000/vddk:1",
                "--runtime", "podman", "--runtime-path", podman.toString(), "--dockerfile", dockerfile.toString(),
                "--runtime-opt=--network none", "--build-arg", "A=1"}, new PrintWriter(out), new PrintWriter(err));
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains(dockerfile.toString())
                .contains("COPY vmware-vix-disklib-distrib /vmware-vix-disklib-distrib");
        assertThat(Files.readAllLines(calls)).allMatch(l -> l.equals("podman version --format {{.Client.Version}}"));
    }

    @Test
    void cliUsageErrorsForRuntimeOptions() {
        for (List<String> args : List.of(List.of("--build-arg", "=x"), List.of("--build-arg", "NOT_SET_ANYWHERE_X1"),
                List.of("--runtime", "kaniko"))) {
            StringWriter err = new StringWriter();
            List<String> all = new java.util.ArrayList<>(List.of("build-image", "--tar", kit.toString(), "--tag", "r/v:1"));
            all.addAll(args);
            int code = Main.run(all.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err));
            assertThat(code).as(String.join(" ", args) + ": " + err).isEqualTo(2);
        }
    }

    @Test
    void cliRuntimeOptionsMayLookLikeOptions() {
        picocli.CommandLine cl = Main.commandLine();
        picocli.CommandLine.ParseResult r = cl.parseArgs("build-image", "--tar", kit.toString(), "--tag", "r/v:1",
                "--runtime-opt", "--isolation=chroot", "--runtime-opt=--network none", "--runtime-opt", "--storage-driver vfs",
                "--build-arg", "A=x=y", "--build-arg", "B=");
        BuildImageCommand command = (BuildImageCommand) r.subcommand().commandSpec().userObject();
        assertThat(command.runtimeOptions.runtimeOptions)
                .containsExactly("--isolation=chroot", "--network none", "--storage-driver vfs");
        assertThat(command.runtimeOptions.buildArgs(new PicocliInvocation(command.spec), Map.of())).containsExactly(
                Map.entry("A", "x=y"), Map.entry("B", ""));
    }

    @Test
    void cliHelpListsTheRuntimeOptions() {
        StringWriter out = new StringWriter();
        Main.run(new String[] {"build-image", "--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertThat(out.toString()).contains("--runtime=RUNTIME").contains("--dockerfile=FILE").contains("--build-dir=DIR")
                .contains("--runtime-path=PATH").contains("--build-arg=KEY=VALUE").contains("--runtime-opt=OPT");
    }
}
