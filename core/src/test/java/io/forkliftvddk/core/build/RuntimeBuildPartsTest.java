package io.forkliftvddk.core.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts of the runtime builders that need no process: command lines, private auth dir, build directory. */
class RuntimeBuildPartsTest {

    @TempDir
    Path tmp;

    @Test
    void podmanCommandsCarryAuthFileTlsAndDigestFileButNoPassword() {
        ContainerCli.Access access = new ContainerCli.Access(Path.of("/p/auth.json"), Path.of("/p/docker"),
                Path.of("/p/certs"), false);
        assertThat(ContainerCli.PODMAN.login("podman", "quay.io", "bob", access)).containsExactly(
                "podman", "login", "--authfile", "/p/auth.json", "--cert-dir", "/p/certs", "--username", "bob",
                "--password-stdin", "quay.io");
        ContainerCli.Access insecure = new ContainerCli.Access(Path.of("/p/auth.json"), null, Path.of("/p/certs"), true);
        assertThat(ContainerCli.PODMAN.push("podman", "r:5000/a:1", insecure, Path.of("/p/d"))).containsExactly(
                "podman", "push", "--authfile", "/p/auth.json", "--tls-verify=false", "--digestfile", "/p/d", "r:5000/a:1");
        assertThat(ContainerCli.PODMAN.environment(access)).isEmpty();
    }

    @Test
    void dockerCommandsTakeCredentialsFromAPrivateDockerConfig() {
        ContainerCli.Access access = new ContainerCli.Access(Path.of("/p/auth.json"), Path.of("/p/docker"), null, false);
        assertThat(ContainerCli.DOCKER.login("docker", "quay.io", "bob", access)).containsExactly(
                "docker", "login", "--username", "bob", "--password-stdin", "quay.io");
        assertThat(ContainerCli.DOCKER.push("docker", "quay.io/a:1", access, Path.of("/p/d")))
                .containsExactly("docker", "push", "quay.io/a:1");
        assertThat(ContainerCli.DOCKER.environment(access)).containsExactly(Map.entry("DOCKER_CONFIG", "/p/docker"));
        assertThat(ContainerCli.DOCKER.canSkipTlsPerCommand()).isFalse();
    }

    @Test
    void buildCommandOrder() {
        Map<String, String> args = new LinkedHashMap<>();
        args.put("A", "1");
        args.put("B", "x y");
        List<String> cmd = ContainerCli.PODMAN.build("/usr/bin/podman", Path.of("/ctx/.forklift-vddk.Dockerfile"),
                List.of("r/a:1", "r/a:2"), "linux/amd64", args, Map.of("l", "v"),
                new ContainerCli.Access(Path.of("/p/auth.json"), null, null, false), List.of("--network", "none"),
                Path.of("/ctx"));
        assertThat(cmd).containsExactly("/usr/bin/podman", "build", "--file", "/ctx/.forklift-vddk.Dockerfile",
                "--tag", "r/a:1", "--tag", "r/a:2", "--platform", "linux/amd64", "--build-arg", "A=1",
                "--build-arg", "B=x y", "--label", "l=v", "--authfile", "/p/auth.json", "--network", "none", "/ctx");
        List<String> docker = ContainerCli.DOCKER.build("docker", Path.of("/ctx/D"), List.of("r/a:1"), "linux/amd64",
                Map.of(), Map.of(), new ContainerCli.Access(Path.of("/p/auth.json"), Path.of("/p/docker"), null, false),
                List.of(), Path.of("/ctx"));
        assertThat(docker).containsExactly("docker", "build", "--file", "/ctx/D", "--tag", "r/a:1", "--platform",
                "linux/amd64", "/ctx");
    }

    @Test
    void runtimeOptionsAreSplitAtSpacesAndTargetIsFound() {
        assertThat(RuntimeImageBuilder.splitOptions(List.of("--network none", " --isolation=chroot ")))
                .containsExactly("--network", "none", "--isolation=chroot");
        assertThat(RuntimeImageBuilder.targetStage(List.of("--target kit"))).isEqualTo("kit");
        assertThat(RuntimeImageBuilder.targetStage(List.of("--network=none", "--target=final"))).isEqualTo("final");
        assertThat(RuntimeImageBuilder.targetStage(List.of("--network=none"))).isNull();
    }

    @Test
    void globalRuntimeOptionsAreSeparatedFromBuildOptions() throws Exception {
        ContainerCli.Options podman = ContainerCli.PODMAN.options(RuntimeImageBuilder.splitOptions(List.of(
                "--network none", "--storage-driver vfs", "--root=/s/root", "--runroot /s/run", "--isolation=chroot",
                "--remote", "--pull=always")));
        assertThat(podman.global()).containsExactly("--storage-driver", "vfs", "--root=/s/root", "--runroot", "/s/run",
                "--remote");
        assertThat(podman.build()).containsExactly("--network", "none", "--isolation=chroot", "--pull=always");
        assertThat(ContainerCli.withGlobal(List.of("podman", "push", "x"), podman.global())).containsExactly("podman",
                "--storage-driver", "vfs", "--root=/s/root", "--runroot", "/s/run", "--remote", "push", "x");

        ContainerCli.Options docker = ContainerCli.DOCKER.options(List.of("-H", "unix:///run/d.sock", "--network", "none",
                "--tlsverify"));
        assertThat(docker.global()).containsExactly("-H", "unix:///run/d.sock", "--tlsverify");
        assertThat(docker.build()).containsExactly("--network", "none");
        assertThatThrownBy(() -> ContainerCli.DOCKER.options(List.of("--config=/home/me/.docker")))
                .isInstanceOf(BuildException.class).hasMessageContaining("--authfile");
    }

    @Test
    void privateAuthIsOwnerOnlyAndGoneAfterClose() throws Exception {
        Path seed = tmp.resolve("user-auth.json");
        Files.writeString(seed, "{\"auths\":{\"quay.io\":{\"auth\":\"eDp5\"}}}");
        Path ca = tmp.resolve("ca.pem");
        Files.writeString(ca, "-----BEGIN CERTIFICATE-----\n");
        Path dir;
        try (PrivateAuth auth = PrivateAuth.create(tmp.resolve("t"), seed, List.of(ca))) {
            dir = auth.dir();
            ContainerCli.Access a = auth.access(false, true);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(a.authFile()))).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(a.dockerConfigDir()))).isEqualTo("rwx------");
            Path dockerConfig = a.dockerConfigDir().resolve("config.json");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dockerConfig))).isEqualTo("rw-------");
            assertThat(Files.readString(a.authFile())).isEqualTo(Files.readString(seed));
            assertThat(Files.readString(dockerConfig)).isEqualTo(Files.readString(seed));
            assertThat(a.certDir().resolve("ca-0.crt")).hasSameTextualContentAs(ca);
            assertThat(auth.access(true, true).certDir()).isEqualTo(a.certDir());
            assertThat(auth.access(false, false).certDir()).isNull();
        }
        assertThat(dir).doesNotExist();
        assertThat(seed).exists();
    }

    @Test
    void privateAuthWithAnUnreadableSeedFailsAndLeavesNothing() {
        assertThatThrownBy(() -> PrivateAuth.create(tmp.resolve("t"), tmp.resolve("missing.json"), List.of()))
                .isInstanceOf(BuildException.class).hasMessageContaining("missing.json");
        assertThat(tmp.resolve("t")).isEmptyDirectory();
    }

    @Test
    void temporaryBuildDirectoryIsRemoved() throws Exception {
        Path dir;
        try (BuildDirectory bd = BuildDirectory.open(null, tmp.resolve("t"))) {
            dir = bd.dir();
            assertThat(bd.temporary()).isTrue();
            Files.createDirectories(bd.kitDirectory().resolve("lib64"));
            Files.createSymbolicLink(bd.kitDirectory().resolve("lib64/libvixDiskLib.so"), Path.of("libvixDiskLib.so.8"));
            // a read-only directory as some kits ship must not stop the cleanup
            Files.setPosixFilePermissions(bd.kitDirectory().resolve("lib64"), PosixFilePermissions.fromString("r-xr-xr-x"));
            Files.writeString(bd.dockerfile(), "FROM x\n");
        }
        assertThat(dir).doesNotExist();
    }

    @Test
    void userBuildDirectoryIsEmptiedOfOurEntriesOnlyBeforeAndAfter() throws Exception {
        Path user = tmp.resolve("user");
        Files.createDirectories(user.resolve("vmware-vix-disklib-distrib/lib64"));
        Files.writeString(user.resolve("vmware-vix-disklib-distrib/lib64/stale.so"), "stale");
        Files.writeString(user.resolve(BuildDirectory.DOCKERFILE), "FROM stale\n");
        Files.writeString(user.resolve("Dockerfile"), "FROM mine\n");
        Files.writeString(user.resolve("extra.conf"), "keep");
        try (BuildDirectory bd = BuildDirectory.open(user, tmp.resolve("t"))) {
            assertThat(bd.temporary()).isFalse();
            assertThat(bd.kitDirectory()).doesNotExist();
            assertThat(bd.dockerfile()).doesNotExist();
            Files.createDirectories(bd.kitDirectory());
            Files.writeString(bd.dockerfile(), "FROM x\n");
        }
        assertThat(user.resolve("vmware-vix-disklib-distrib")).doesNotExist();
        assertThat(user.resolve(BuildDirectory.DOCKERFILE)).doesNotExist();
        assertThat(user.resolve("Dockerfile")).hasContent("FROM mine\n");
        assertThat(user.resolve("extra.conf")).hasContent("keep");
    }

    @Test
    void buildDirectoryThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        assertThatThrownBy(() -> BuildDirectory.open(file, tmp.resolve("t")))
                .isInstanceOf(BuildException.class).hasMessageContaining("is not a directory");
    }

    @Test
    void lostSymlinkAndMissingSpaceAreReported() throws Exception {
        try (BuildDirectory bd = BuildDirectory.open(null, tmp.resolve("t"))) {
            Path lib64 = Files.createDirectories(bd.kitDirectory().resolve("lib64"));
            Files.writeString(lib64.resolve("libvixDiskLib.so"), "copy instead of link");
            assertThatThrownBy(bd::checkSymlinkKept).isInstanceOf(BuildException.class)
                    .hasMessageContaining("no longer a symlink").hasMessageContaining("MTV-805");
            Files.delete(lib64.resolve("libvixDiskLib.so"));
            Files.createSymbolicLink(lib64.resolve("libvixDiskLib.so"), Path.of("libvixDiskLib.so.8"));
            bd.checkSymlinkKept();
            assertThat(Files.isSymbolicLink(lib64.resolve("libvixDiskLib.so"))).isTrue();
            assertThat(Files.exists(lib64.resolve("libvixDiskLib.so"), LinkOption.NOFOLLOW_LINKS)).isTrue();
            bd.checkFreeSpace(1024);
            assertThatThrownBy(() -> bd.checkFreeSpace(Long.MAX_VALUE / 4)).isInstanceOf(BuildException.class)
                    .hasMessageContaining("not enough free space").hasMessageContaining("--build-dir");
        }
    }

    @Test
    void localConfigParsesBothRuntimesOutput() throws Exception {
        LocalConfig c = LocalConfig.parse("{\"User\":\"1001\",\"Entrypoint\":[\"cp\",\"-r\",\"/vmware-vix-disklib-distrib\","
                + "\"/opt\"],\"Labels\":{\"a\":\"b\"}}\n");
        assertThat(c.entrypoint()).containsExactly("cp", "-r", "/vmware-vix-disklib-distrib", "/opt");
        assertThat(c.cmd()).isEmpty();
        assertThat(c.user()).isEqualTo("1001");
        LocalConfig none = LocalConfig.parse("{\"Cmd\":[\"/bin/sh\"],\"Entrypoint\":null}");
        assertThat(none.entrypoint()).isEmpty();
        assertThat(none.cmd()).containsExactly("/bin/sh");
        assertThatThrownBy(() -> LocalConfig.parse("Error: no such image")).isInstanceOf(BuildException.class);
    }
}
