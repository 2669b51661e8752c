package io.forkliftvddk.core.testenv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import io.forkliftvddk.core.testkit.KitSpec;
import io.forkliftvddk.core.testkit.VddkKits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves the test environment end to end with the Forklift-documented Dockerfile: build from a small kit on the
 * busybox base, push to every registry, remove the local copies, pull back, and run the image as Forklift does
 * (non-root user, writable emptyDir-like volume at /opt), then check that the copied {@code libvixDiskLib.so}
 * resolves. A broken registry, runtime, credential or CA makes it fail.
 */
@ExtendWith(TestEnvironment.class)
class EnvironmentSmokeIT {

    private static final String KIT = "vmware-vix-disklib-distrib";
    private static final String LIB = "/opt/" + KIT + "/lib64/libvixDiskLib.so";
    private static final KitSpec SPEC = VddkKits.kit(VddkKits.V8_0_1); // small by default (256 KiB)

    private final TestEnvironment env = TestEnvironment.get();
    private final List<String> podmanImages = new ArrayList<>();
    private final List<String> dockerImages = new ArrayList<>();

    @TempDir
    Path tmp;
    private Path context;

    @BeforeEach
    void buildContext() throws IOException {
        context = Files.createDirectories(tmp.resolve("context"));
        unpack(SPEC.writeTo(tmp), context);
        // The documented Dockerfile (forklift-api.md §6); only FROM differs, since no public registry is reachable.
        Files.writeString(context.resolve("Dockerfile"), "FROM " + env.podmanBaseImage() + "\n"
                + "USER 1001\n"
                + "COPY " + KIT + " /" + KIT + "\n"
                + "RUN mkdir -p /opt\n"
                + "ENTRYPOINT [\"cp\", \"-r\", \"/" + KIT + "\", \"/opt\"]\n");
    }

    @AfterEach
    void removeLocalImages() {
        for (String image : podmanImages) {
            env.podman("rmi", "--force", "--ignore", image);
        }
        for (String image : dockerImages) {
            env.docker("rmi", "--force", image);
        }
    }

    @Test
    void podmanBuildsPushesToEveryRegistryPullsAndRuns() throws IOException {
        String repo = env.uniqueRepository("smoke/podman-vddk");
        String local = "localhost/" + repo + ":8.0.1";
        podmanImages.add(local);
        env.podman("build", "--network", "none", "-t", local, context.toString()).assertSuccess();

        String plain = env.plainRegistry() + "/" + repo + ":8.0.1";
        String auth = env.authRegistry() + "/" + repo + ":8.0.1";
        String tls = env.tlsRegistry() + "/" + repo + ":8.0.1";
        podmanImages.addAll(List.of(plain, auth, tls));

        // Private to this test: no login leaks in or out. podman wants the file to exist.
        Path authFile = Files.writeString(tmp.resolve("auth.json"), "{\"auths\":{}}\n");
        String authFileArg = "--authfile=" + authFile;

        env.podman("push", "--tls-verify=false", local, "docker://" + plain).assertSuccess();

        // Without credentials the auth registry must refuse, otherwise this test would prove nothing about auth.
        ProcessResult refused = env.podman("push", authFileArg, "--tls-verify=false", local, "docker://" + auth)
                .assertFailure();
        assertThat(refused.stderr()).containsIgnoringCase("authentication required");
        env.podmanWithStdin(env.password().getBytes(StandardCharsets.UTF_8), "login", authFileArg,
                "--tls-verify=false", "--username", env.username(), "--password-stdin", env.authRegistry())
                .assertSuccess();
        env.podman("push", authFileArg, "--tls-verify=false", local, "docker://" + auth).assertSuccess();

        // TLS verified against the test CA (no --tls-verify=false): a wrong certificate fails the push.
        env.podmanWithStdin(env.password().getBytes(StandardCharsets.UTF_8), "login", authFileArg,
                "--cert-dir", env.tlsCertDir().toString(), "--username", env.username(), "--password-stdin",
                env.tlsRegistry()).assertSuccess();
        env.podman("push", authFileArg, "--cert-dir", env.tlsCertDir().toString(), local, "docker://" + tls)
                .assertSuccess();

        // Forget every local copy, so what runs below really comes from the registries.
        env.podman("rmi", "--force", local).assertSuccess();
        assertThat(env.podman("image", "exists", local).exitCode()).isEqualTo(1);

        env.podman("pull", "--tls-verify=false", plain).assertSuccess();
        assertRunsAndCopiesKit("podman", plain);
        env.podman("rmi", "--force", plain).assertSuccess();

        env.podman("pull", authFileArg, "--tls-verify=false", auth).assertSuccess();
        assertRunsAndCopiesKit("podman", auth);
        env.podman("rmi", "--force", auth).assertSuccess();

        env.podman("pull", authFileArg, "--cert-dir", env.tlsCertDir().toString(), tls).assertSuccess();
        assertRunsAndCopiesKit("podman", tls);
    }

    /*
     * dockerd treats every 127.0.0.0/8 registry as insecure, so it would talk to the TLS registry without checking
     * its certificate: a TLS check through dockerd would prove nothing. TLS is proven with podman above.
     */
    @Test
    void dockerBuildsPushesToPlainAndAuthRegistriesPullsAndRuns() throws IOException {
        String repo = env.uniqueRepository("smoke/docker-vddk");
        String local = "localhost/" + repo + ":8.0.1";
        String plain = env.plainRegistry() + "/" + repo + ":8.0.1";
        String auth = env.authRegistry() + "/" + repo + ":8.0.1";
        dockerImages.addAll(List.of(local, plain, auth));
        Path config = Files.createDirectories(tmp.resolve("docker-config")); // private logins

        env.dockerWithConfig(config, null, "build", "--network", "none", "-t", local, context.toString())
                .assertSuccess();
        env.dockerWithConfig(config, null, "tag", local, plain).assertSuccess();
        env.dockerWithConfig(config, null, "tag", local, auth).assertSuccess();
        env.dockerWithConfig(config, null, "push", plain).assertSuccess();

        ProcessResult refused = env.dockerWithConfig(config, null, "push", auth).assertFailure();
        assertThat(refused.stdout() + refused.stderr()).containsIgnoringCase("no basic auth credentials");
        env.dockerWithConfig(config, env.password().getBytes(StandardCharsets.UTF_8), "login", "--username",
                env.username(), "--password-stdin", env.authRegistry()).assertSuccess();
        env.dockerWithConfig(config, null, "push", auth).assertSuccess();

        env.dockerWithConfig(config, null, "rmi", local, plain, auth).assertSuccess();
        assertThat(env.dockerWithConfig(config, null, "image", "inspect", plain).exitCode()).isNotZero();

        env.dockerWithConfig(config, null, "pull", plain).assertSuccess();
        assertRunsAndCopiesKit("docker", plain);
        env.dockerWithConfig(config, null, "rmi", plain).assertSuccess();

        env.dockerWithConfig(config, null, "pull", auth).assertSuccess();
        assertRunsAndCopiesKit("docker", auth);
    }

    /** Runs the image's entrypoint as uid 1001 with a 0777 volume at /opt, then checks the copy from both sides. */
    private void assertRunsAndCopiesKit(String runtime, String image) throws IOException {
        Path opt = Files.createTempDirectory(tmp, "opt-");
        Files.setPosixFilePermissions(opt, PosixFilePermissions.fromString("rwxrwxrwx"));
        String volume = opt + ":/opt";

        run(runtime, "run", "--rm", "--network", "none", "--user", "1001", "-v", volume, image).assertSuccess();

        // Inside the container: the path Forklift's validator checks exists and resolves to the real library.
        ProcessResult inside = run(runtime, "run", "--rm", "--network", "none", "--user", "1001", "-v", volume,
                "--entrypoint", "sh", image, "-c", "test -f " + LIB + " && readlink -f " + LIB).assertSuccess();
        assertThat(inside.stdout().strip()).isEqualTo("/opt/" + KIT + "/lib64/" + SPEC.libraryFileName());

        // On the host volume: the symlink chain survived (cp -r keeps links) and the bytes are the kit's.
        Path lib64 = opt.resolve(KIT).resolve("lib64");
        assertThat(Files.readSymbolicLink(lib64.resolve("libvixDiskLib.so"))).hasToString(SPEC.sonameLink());
        assertThat(Files.readSymbolicLink(lib64.resolve(SPEC.sonameLink()))).hasToString(SPEC.libraryFileName());
        Path real = lib64.resolve("libvixDiskLib.so").toRealPath();
        assertThat(real).isEqualTo(lib64.resolve(SPEC.libraryFileName()).toRealPath());
        assertThat(Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS)).isTrue();
        assertThat(Files.readAllBytes(real)).isEqualTo(Files.readAllBytes(
                context.resolve(KIT).resolve("lib64").resolve(SPEC.libraryFileName())));
        assertThat(Files.readAllBytes(real)).startsWith(0x7f, 'E', 'L', 'F');
        assertThat(Files.getOwner(real).getName()).as("copied by the non-root entrypoint").isEqualTo("1001");
    }

    private ProcessResult run(String runtime, String... args) {
        return runtime.equals("podman") ? env.podman(args) : env.docker(args);
    }

    /** The kit's tar.gz unpacked with the system tar, as the documented flow does before {@code podman build}. */
    private static void unpack(Path kit, Path dir) {
        TestEnvironment.run(List.of("tar", "-C", dir.toString(), "-xzf", kit.toString()), Map.of(), null)
                .assertSuccess();
    }
}
