package io.forkliftvddk.core.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forkliftvddk.core.build.BuildException;
import io.forkliftvddk.core.build.BuildOutput;
import io.forkliftvddk.core.build.BuildRequest;
import io.forkliftvddk.core.build.BuildResult;
import io.forkliftvddk.core.build.ContractCheck;
import io.forkliftvddk.core.build.Runtime;
import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.image.Platform;
import io.forkliftvddk.core.spi.CommandRunner;
import io.forkliftvddk.core.spi.Listener;
import io.forkliftvddk.core.spi.Secret;
import io.forkliftvddk.core.steps.CredentialLookup.Resolved;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildImageRunnerTest {

    private static final String KIT = "VMware-vix-disklib-8.0.1-21562716.x86_64.tar.gz";
    private static final String PW = "s3cr3t-pw";

    @TempDir
    Path tmp;

    private final CredentialLookup lookup = id -> switch (id) {
        case "reg" -> Resolved.usernamePassword("reg", "robot", Secret.of(PW));
        case "base" -> Resolved.usernamePassword("base", "rh-user", Secret.of("base-pw"));
        case "tok" -> Resolved.secretText("tok", Secret.of("t"));
        default -> null;
    };

    private BuildImageParameters.Builder params() {
        return BuildImageParameters.builder().archive(KIT).tag("127.0.0.1:5001/mtv/vddk:8.0.1");
    }

    @Test
    void prepareResolvesCredentialsAndIsSerializableWithoutLeakingSecrets() throws Exception {
        BuildImageRunner.Inputs in = BuildImageRunner.prepare(params().registryCredentialsId("reg").baseImageCredentialsId("base")
                .baseImage("registry.redhat.io/ubi8/ubi-minimal").build(), GlobalDefaults.none(), lookup, Map.of("DOCKER_CONFIG", "/x"));
        assertThat(in.registry().username()).isEqualTo("robot");
        assertThat(in.registry().password().reveal()).isEqualTo(PW);
        assertThat(in.baseImage().username()).isEqualTo("rh-user");
        assertThat(in.dockerConfig()).isEqualTo("/x");
        assertThat(in.parameters().runtime()).isEqualTo("auto");
        assertThat(in.toString()).doesNotContain(PW).doesNotContain("base-pw");
        ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream());
        out.writeObject(in);
    }

    @Test
    void prepareFailsOnWrongCredentialKindAndInvalidParameters() {
        assertThatThrownBy(() -> BuildImageRunner.prepare(params().registryCredentialsId("tok").build(), GlobalDefaults.none(),
                lookup, Map.of())).isInstanceOf(StepException.class).hasMessageContaining("registryCredentialsId: credentials 'tok' are secret text");
        assertThatThrownBy(() -> BuildImageRunner.prepare(params().registryCredentialsId("missing").build(), GlobalDefaults.none(),
                lookup, Map.of())).hasMessageContaining("no credentials with id 'missing'");
        CredentialLookup never = id -> {
            throw new AssertionError("credentials looked up before validation");
        };
        assertThatThrownBy(() -> BuildImageRunner.prepare(params().tag("").registryCredentialsId("reg").build(),
                GlobalDefaults.none(), never, Map.of())).hasMessageContaining("tag: Required.");
    }

    @Test
    void requestMapsEveryParameter() throws Exception {
        Path ws = Files.createDirectory(tmp.resolve("ws"));
        Path config = Files.createDirectories(tmp.resolve("docker"));
        Files.writeString(config.resolve("config.json"), "{\"auths\":{}}");
        BuildImageParameters p = params().additionalTags("latest 8.0.1 8").expectedSha256("AB".repeat(32)).runtime("podman")
                .runtimePath("/opt/podman").dockerfile("ci/Dockerfile").buildDir("ctx").platform("amd64")
                .baseImage("localhost/busybox-base:latest").push(true).registryCredentialsId("reg")
                .registryCaCertificate(TestCertificates.PEM).buildArgs("A=1\nB=two words").runtimeOptions("--network none\n--isolation chroot")
                .vddk9Compat(true).immutableTag(true).build();
        BuildImageRunner.Inputs in = BuildImageRunner.prepare(p, GlobalDefaults.none(), lookup, Map.of("DOCKER_CONFIG", config.toString()));
        try (PrivateDirectory scratch = PrivateDirectory.create(tmp.resolve("ws@tmp"))) {
            BuildRequest r = BuildImageRunner.toRequest(in, ws, ws.resolve(KIT), scratch);
            assertThat(r.archive()).isEqualTo(ws.resolve(KIT));
            assertThat(r.expectedSha256()).isEqualTo("ab".repeat(32));
            assertThat(r.tags()).extracting(ImageReference::toString).containsExactly("127.0.0.1:5001/mtv/vddk:8.0.1",
                    "127.0.0.1:5001/mtv/vddk:latest", "127.0.0.1:5001/mtv/vddk:8");
            assertThat(r.runtime()).isEqualTo(Runtime.PODMAN);
            assertThat(r.runtimePath()).isEqualTo(Path.of("/opt/podman"));
            assertThat(r.dockerfile()).isEqualTo(ws.resolve("ci/Dockerfile"));
            assertThat(r.buildDir()).isEqualTo(ws.resolve("ctx"));
            assertThat(r.platforms()).containsExactly(Platform.LINUX_AMD64);
            assertThat(r.baseImage().toString()).isEqualTo("localhost/busybox-base:latest");
            assertThat(r.push()).isTrue();
            assertThat(r.output()).isEqualTo(BuildOutput.REGISTRY);
            assertThat(r.buildArgs()).containsExactly(Map.entry("A", "1"), Map.entry("B", "two words"));
            assertThat(r.runtimeOptions()).containsExactly("--network none", "--isolation chroot");
            assertThat(r.vddk9Compat()).isTrue();
            assertThat(r.immutableTag()).isTrue();
            assertThat(r.tempDirectory()).isEqualTo(scratch.path());
            assertThat(r.registryAccess().credentialsFor("127.0.0.1:5001")).get()
                    .satisfies(c -> assertThat(c.password().reveal()).isEqualTo(PW));
            assertThat(r.registryAccess().authFile()).isEqualTo(config.resolve("config.json"));
            Path ca = r.registryAccess().caCertificates().get(0);
            assertThat(ca.getParent()).isEqualTo(scratch.path());
            assertThat(Files.readString(ca)).isEqualTo(TestCertificates.PEM.strip());
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(ca))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(scratch.path()))).isEqualTo("rwx------");
        }
        assertThat(Files.list(tmp.resolve("ws@tmp"))).isEmpty();
    }

    @Test
    void endpointInsecureOutputAndBaseCredentials() throws Exception {
        Path ws = Files.createDirectory(tmp.resolve("ws"));
        BuildImageParameters p = params().registryCredentialsId("reg").registryEndpointUrl("https://mirror.example.com:8443/")
                .registryInsecureSkipTlsVerify(true).push(false).output("oci:out/layout").baseImageCredentialsId("base").build();
        BuildImageRunner.Inputs in = BuildImageRunner.prepare(p, GlobalDefaults.none(), lookup, Map.of("DOCKER_CONFIG", tmp.resolve("none").toString()));
        try (PrivateDirectory scratch = PrivateDirectory.create(tmp)) {
            BuildRequest r = BuildImageRunner.toRequest(in, ws, ws.resolve(KIT), scratch);
            assertThat(r.registryAccess().credentialsFor("mirror.example.com:8443")).isPresent();
            assertThat(r.registryAccess().credentialsFor("127.0.0.1:5001")).isEmpty();
            // the default base image's registry gets the base credentials
            assertThat(r.registryAccess().credentialsFor("registry.access.redhat.com")).get()
                    .satisfies(c -> assertThat(c.username()).isEqualTo("rh-user"));
            assertThat(r.registryAccess().isInsecure("127.0.0.1:5001")).isTrue();
            assertThat(r.registryAccess().authFile()).as("DOCKER_CONFIG without config.json").isNull();
            assertThat(r.output()).isEqualTo(new BuildOutput(BuildOutput.Kind.OCI_LAYOUT, ws.resolve("out/layout")));
        }
        assertThat(BuildImageRunner.endpointHost("https://index.docker.io/v1/")).isEqualTo("index.docker.io");
        assertThat(BuildImageRunner.endpointHost("registry.example.com/x")).isEqualTo("registry.example.com");
    }

    @Test
    void runRemovesItsScratchDirectoryWhenTheBuildFails() throws Exception {
        Path ws = Files.createDirectory(tmp.resolve("ws"));
        Path parent = tmp.resolve("ws@tmp");
        BuildImageParameters p = params().runtime("builtin").dockerfile("Dockerfile").registryCredentialsId("reg").build();
        // a Dockerfile with builtin is refused by validation already
        assertThatThrownBy(() -> BuildImageRunner.prepare(p, GlobalDefaults.none(), lookup, Map.of()))
                .hasMessageContaining("dockerfile: The built-in builder does not run Dockerfiles");
        BuildImageRunner.Inputs in = BuildImageRunner.prepare(p.toBuilder().dockerfile(null).push(false).build(),
                GlobalDefaults.none(), lookup, Map.of());
        List<String> log = new ArrayList<>();
        CommandRunner noProcesses = new CommandRunner() {
            @Override
            public Result run(Command command, Listener lines) {
                throw new AssertionError("no process expected");
            }

            @Override
            public Optional<Path> which(String executable) {
                return Optional.empty();
            }
        };
        assertThatThrownBy(() -> BuildImageRunner.run(in, ws, parent, noProcesses,
                (level, message) -> log.add(level + " " + message))).isInstanceOf(BuildException.class)
                .hasMessageContaining("built-in builder keeps no local image store");
        assertThat(log).anyMatch(l -> l.startsWith("WARN push/output/setControllerImage: Without push"));
        assertThat(Files.list(parent)).isEmpty();
    }

    @Test
    void runtimeBuildsAreRefusedOnAWindowsAgentBeforeAnyProcess() throws Exception {
        Path ws = Files.createDirectory(tmp.resolve("ws"));
        Files.write(ws.resolve(KIT), new byte[0]);
        Path parent = tmp.resolve("ws@tmp");
        BuildImageRunner.Inputs in = BuildImageRunner.prepare(params().runtime("podman").registryCredentialsId("reg").build(),
                GlobalDefaults.none(), lookup, Map.of());
        CommandRunner noProcesses = new CommandRunner() {
            @Override
            public Result run(Command command, Listener lines) {
                throw new AssertionError("no process expected on a Windows agent");
            }

            @Override
            public Optional<Path> which(String executable) {
                throw new AssertionError("no runtime lookup expected on a Windows agent");
            }
        };
        assertThatThrownBy(() -> BuildImageRunner.run(in, ws, parent, noProcesses, true, (level, message) -> { }))
                .hasMessageContaining("Windows");
        assertThat(Files.list(parent)).isEmpty();
    }

    @Test
    void resultMapFromBuildResult() {
        ImageReference tag = ImageReference.parse("127.0.0.1:5001/mtv/vddk:8.0.1");
        String digest = "sha256:" + "f".repeat(64);
        BuildResult r = new BuildResult(List.of(tag, tag.withTag("latest")), digest, tag.pinned(digest), "8.0.1-21562716",
                "a".repeat(64), List.of(Platform.LINUX_AMD64), 100, 200, false, "sha256:" + "0".repeat(64), Runtime.BUILTIN,
                "registry", List.of("w1", "w2"), new ContractCheck(tag.toString(), List.of(ContractCheck.Item.pass("x", "ok"))));
        Map<String, Object> m = BuildImageRunner.resultMap(r);
        assertThat(m).containsEntry("image", "127.0.0.1:5001/mtv/vddk:8.0.1").containsEntry("digest", digest)
                .containsEntry("imageDigestRef", "127.0.0.1:5001/mtv/vddk@" + digest)
                .containsEntry("previousDigest", "sha256:" + "0".repeat(64)).containsEntry("vddkVersion", "8.0.1-21562716")
                .containsEntry("unchanged", false).containsEntry("builder", "builtin")
                .containsEntry("tags", "127.0.0.1:5001/mtv/vddk:8.0.1\n127.0.0.1:5001/mtv/vddk:latest");
        assertThat(BuildImageRunner.summary(r)).containsEntry("verification", "passed").containsEntry("warnings", "w1\nw2");
    }

    @Test
    void maskerMasksLongestFirst() {
        SecretMasker m = new SecretMasker(List.of(Secret.of("abc"), Secret.of("abcdef"), Secret.of("x")));
        assertThat(m.mask("pw=abcdef and abc and x")).isEqualTo("pw=**** and **** and x");
        List<String> seen = new ArrayList<>();
        m.wrap((level, msg) -> seen.add(msg)).info("login abcdef");
        assertThat(seen).containsExactly("login ****");
    }
}
