package io.forkliftvddk.core.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.image.Platform;
import io.forkliftvddk.core.registry.BlobSource;
import io.forkliftvddk.core.registry.Descriptor;
import io.forkliftvddk.core.registry.FaultInjectingProxy;
import io.forkliftvddk.core.registry.ImageConfig;
import io.forkliftvddk.core.registry.Manifest;
import io.forkliftvddk.core.registry.RegistryClient;
import io.forkliftvddk.core.registry.RegistryOptions;
import io.forkliftvddk.core.spi.Listener;
import io.forkliftvddk.core.spi.Secret;
import io.forkliftvddk.core.testenv.ProcessResult;
import io.forkliftvddk.core.testenv.TestEnvironment;
import io.forkliftvddk.core.testkit.KitSpec;
import io.forkliftvddk.core.testkit.VddkKits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The built-in builder against the real registries of the test environment, results pulled and run by podman. */
@ExtendWith(TestEnvironment.class)
class BuiltinImageBuilderIT {

    private static final String KIT = "vmware-vix-disklib-distrib";

    private final TestEnvironment env = TestEnvironment.get();
    private final List<String> podmanImages = new ArrayList<>();
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Listener listener = (level, message) -> lines.add(level + " " + message);

    @TempDir
    Path tmp;

    @AfterEach
    void removeLocalImages() {
        for (String image : podmanImages) {
            env.podman("rmi", "--force", "--ignore", image);
        }
    }

    private Path kit(KitSpec spec) throws IOException {
        return spec.writeTo(Files.createDirectories(tmp.resolve("kits").resolve(Long.toHexString(System.nanoTime()))));
    }

    private BuildRequest.Builder request(Path kit, String registry, String repo, String tag) {
        return BuildRequest.builder(kit)
                .tag(registry + "/" + repo + ":" + tag)
                .baseImage(ImageReference.parse(env.registryBaseImage(registry)))
                .push(true)
                .tempDirectory(tmp);
    }

    private static RegistryAccess auth(TestEnvironment env, String registry) {
        return RegistryAccess.anonymous().withCredentials(registry,
                new RegistryAccess.Credentials(env.username(), Secret.of(env.password())));
    }

    @Test
    void coldPushWarmNoOpAndThePulledImageRunsAsForkliftRunsIt() throws Exception {
        Path kit = kit(VddkKits.kit(VddkKits.V8_0_1));
        String repo = env.uniqueRepository("builtin/vddk");
        BuildRequest req = request(kit, env.plainRegistry(), repo, "8.0.1").build();

        BuildResult cold = new BuiltinImageBuilder().build(req, listener);
        assertThat(cold.unchanged()).isFalse();
        assertThat(cold.previousDigest()).isNull();
        assertThat(cold.digest()).startsWith("sha256:");
        assertThat(cold.pinned().toString()).isEqualTo(env.plainRegistry() + "/" + repo + "@" + cold.digest());
        assertThat(cold.vddkVersion()).isEqualTo("8.0.1-21562716");
        assertThat(cold.kitSha256()).isEqualTo(sha256(kit));
        assertThat(cold.layerSize()).isEqualTo(Files.size(kit));
        assertThat(cold.totalSize()).isGreaterThan(cold.layerSize());
        assertThat(cold.builder()).isEqualTo(Runtime.BUILTIN);
        assertThat(cold.verification().passed()).isTrue();
        assertThat(cold.warnings()).isEmpty();

        lines.clear();
        BuildResult warm = new BuiltinImageBuilder().build(req, listener);
        assertThat(warm.unchanged()).isTrue();
        assertThat(warm.digest()).isEqualTo(cold.digest());
        assertThat(warm.previousDigest()).isNull();
        assertThat(warm.vddkVersion()).isEqualTo("8.0.1-21562716");
        assertThat(warm.verification().passed()).isTrue();
        assertThat(lines).noneMatch(l -> l.contains("Inspecting"));

        String image = env.plainRegistry() + "/" + repo + ":8.0.1";
        podmanImages.add(image);
        env.podman("pull", "--tls-verify=false", image).assertSuccess();
        ProcessResult inspect = env.podman("image", "inspect", "--format", "{{.Config.User}} {{.Config.Entrypoint}} {{.Config.Cmd}}", image).assertSuccess();
        assertThat(inspect.stdout().strip()).isEqualTo("1001 [cp -r /vmware-vix-disklib-distrib /opt] []");
        assertRunsAndCopiesKit(image, kit);

        // the tag is digest-identical across the registry's own view
        ProcessResult digest = env.skopeo("inspect", "--tls-verify=false", "--format", "{{.Digest}}", "docker://" + image).assertSuccess();
        assertThat(digest.stdout().strip()).isEqualTo(cold.digest());
    }

    @Test
    void sameKitSameDigestAcrossBuildsAndRepositories() throws Exception {
        Path kit = kit(VddkKits.kit(VddkKits.V8_0_3));
        BuildResult a = new BuiltinImageBuilder().build(request(kit, env.plainRegistry(), env.uniqueRepository("builtin/a"), "x").build(), listener);
        BuildResult b = new BuiltinImageBuilder().build(request(kit, env.plainRegistry(), env.uniqueRepository("builtin/b"), "y").build(), listener);
        assertThat(b.digest()).isEqualTo(a.digest());
        assertThat(b.unchanged()).isFalse();
    }

    @Test
    void aMovedTagNamesThePreviousDigestAndImmutableTagsAreAdded() throws Exception {
        String repo = env.uniqueRepository("builtin/move");
        Path first = kit(VddkKits.kit(VddkKits.V8_0_1));
        Path second = kit(VddkKits.kit(VddkKits.V8_0_3));
        BuildResult one = new BuiltinImageBuilder().build(request(first, env.plainRegistry(), repo, "latest").build(), listener);
        BuildResult two = new BuiltinImageBuilder().build(request(second, env.plainRegistry(), repo, "latest")
                .tag(env.plainRegistry() + "/" + repo + ":8.0") .immutableTag(true).build(), listener);
        assertThat(two.digest()).isNotEqualTo(one.digest());
        assertThat(two.previousDigest()).isEqualTo(one.digest());
        String shortSha = sha256(second).substring(0, 12);
        assertThat(two.references()).extracting(Object::toString).containsExactly(
                env.plainRegistry() + "/" + repo + ":latest", env.plainRegistry() + "/" + repo + ":8.0",
                env.plainRegistry() + "/" + repo + ":latest-" + shortSha, env.plainRegistry() + "/" + repo + ":8.0-" + shortSha);
        for (ImageReference r : two.references()) {
            ProcessResult d = env.skopeo("inspect", "--tls-verify=false", "--format", "{{.Digest}}", "docker://" + r).assertSuccess();
            assertThat(d.stdout().strip()).isEqualTo(two.digest());
        }
    }

    @Test
    void authRegistryNeedsCredentialsAndNeverShowsThem() throws Exception {
        Path kit = kit(VddkKits.kit(VddkKits.V8_0_1));
        String repo = env.uniqueRepository("builtin/auth");
        BuildRequest wrong = request(kit, env.authRegistry(), repo, "8.0.1")
                .registryAccess(RegistryAccess.anonymous().withCredentials(env.authRegistry(),
                        new RegistryAccess.Credentials(env.username(), Secret.of("wrong-password-123"))))
                .build();
        assertThatThrownBy(() -> new BuiltinImageBuilder().build(wrong, listener))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(env.authRegistry())
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-password-123"));
        assertThat(String.join("\n", lines)).doesNotContain("wrong-password-123");
        assertThat(env.skopeo("inspect", "--tls-verify=false", "--creds", env.username() + ":" + env.password(),
                "docker://" + env.authRegistry() + "/" + repo + ":8.0.1").exitCode()).as("no tag after a failure").isNotZero();

        BuildResult ok = new BuiltinImageBuilder().build(request(kit, env.authRegistry(), repo, "8.0.1")
                .registryAccess(auth(env, env.authRegistry())).build(), listener);
        assertThat(ok.verification().passed()).isTrue();
    }

    @Test
    void tlsRegistryWithoutCaFailsClearlyWithCaOrInsecureWorks() throws Exception {
        Path kit = kit(VddkKits.kit(VddkKits.V8_0_1));
        String repo = env.uniqueRepository("builtin/tls");
        String reg = env.tlsRegistry();
        BuildRequest noCa = request(kit, reg, repo, "a").registryAccess(auth(env, reg)).build();
        assertThatThrownBy(() -> new BuiltinImageBuilder().build(noCa, listener))
                .isInstanceOf(IOException.class).hasMessageContaining(reg).hasMessageContaining("certificate");

        BuildResult withCa = new BuiltinImageBuilder().build(request(kit, reg, repo, "a")
                .registryAccess(auth(env, reg).withCaCertificate(env.tlsCaFile())).build(), listener);
        assertThat(withCa.verification().passed()).isTrue();
        BuildResult insecure = new BuiltinImageBuilder().build(request(kit, reg, repo, "b")
                .registryAccess(auth(env, reg).withInsecureHost(reg)).build(), listener);
        assertThat(insecure.digest()).isEqualTo(withCa.digest());
    }

    @Test
    void ociArchiveLoadsIntoPodmanAndRuns() throws Exception {
        Path kit = kit(VddkKits.kit(VddkKits.V8_0_1));
        String name = "localhost/" + env.uniqueRepository("builtin/oci") + ":8.0.1";
        Path archive = tmp.resolve("out").resolve("vddk.tar");
        BuildResult r = new BuiltinImageBuilder().build(BuildRequest.builder(kit).tag(name)
                .baseImage(ImageReference.parse(env.registryBaseImage(env.plainRegistry())))
                .output(new BuildOutput(BuildOutput.Kind.OCI_ARCHIVE, archive)).tempDirectory(tmp).build(), listener);
        assertThat(r.verification().passed()).isTrue();
        podmanImages.add(name);
        ProcessResult load = env.podman("load", "-i", archive.toString()).assertSuccess();
        assertThat(load.stdout() + load.stderr()).contains(name);
        assertRunsAndCopiesKit(name, kit);

        Path layout = tmp.resolve("layout");
        BuildResult dir = new BuiltinImageBuilder().build(BuildRequest.builder(kit).tag(name)
                .baseImage(ImageReference.parse(env.registryBaseImage(env.plainRegistry())))
                .output(new BuildOutput(BuildOutput.Kind.OCI_LAYOUT, layout)).tempDirectory(tmp).build(), listener);
        assertThat(dir.digest()).isEqualTo(r.digest());
        ProcessResult inspect = env.skopeo("inspect", "--format", "{{.Digest}}", "oci:" + layout + ":" + name).assertSuccess();
        assertThat(inspect.stdout().strip()).isEqualTo(r.digest());
    }

    @Test
    void vddk9CompatLinkAndMultiPlatformWarning() throws Exception {
        Path kit = kit(VddkKits.kit(VddkKits.V9_0));
        String repo = env.uniqueRepository("builtin/v9");
        BuildResult r = new BuiltinImageBuilder().build(request(kit, env.plainRegistry(), repo, "9").vddk9Compat(true).build(), listener);
        String image = env.plainRegistry() + "/" + repo + ":9";
        podmanImages.add(image);
        env.podman("pull", "--tls-verify=false", image).assertSuccess();
        ProcessResult link = env.podman("run", "--rm", "--network", "none", "--entrypoint", "readlink", image,
                "/" + KIT + "/lib64/libvixDiskLib.so.8").assertSuccess();
        assertThat(link.stdout().strip()).isEqualTo("libvixDiskLib.so.9");
        BuildResult warm = new BuiltinImageBuilder().build(request(kit, env.plainRegistry(), repo, "9").vddk9Compat(true).build(), listener);
        assertThat(warm.unchanged()).isTrue();
        assertThat(warm.digest()).isEqualTo(r.digest());
    }

    @Test
    void aKitWithUnreadableModesIsRepackedReproduciblyAndRunsAsNonRoot() throws Exception {
        Path kit = kit(VddkKits.kit(VddkKits.V8_0_1).variant(VddkKits.Variant.UNREADABLE_MODES));
        String repo = env.uniqueRepository("builtin/repack");
        BuildRequest req = request(kit, env.plainRegistry(), repo, "8.0.1").build();
        BuildResult r = new BuiltinImageBuilder().build(req, listener);
        assertThat(r.warnings()).anyMatch(w -> w.contains("repacking it normalised"));
        assertThat(r.verification().passed()).isTrue();
        String image = env.plainRegistry() + "/" + repo + ":8.0.1";
        ProcessResult raw = env.skopeo("inspect", "--tls-verify=false", "--raw", "docker://" + image).assertSuccess();
        assertThat(raw.stdout()).as("the kit layer is the repack, not the original").doesNotContain(sha256(kit));
        podmanImages.add(image);
        env.podman("pull", "--tls-verify=false", image).assertSuccess();
        assertRunsAndCopiesKit(image, kit);

        // a second repository gets the same bytes (deterministic repack), and the first tag is a warm no-op
        BuildResult other = new BuiltinImageBuilder().build(request(kit, env.plainRegistry(), env.uniqueRepository("builtin/repack2"), "8.0.1").build(), listener);
        assertThat(other.digest()).isEqualTo(r.digest());
        lines.clear();
        BuildResult warm = new BuiltinImageBuilder().build(req, listener);
        assertThat(warm.unchanged()).isTrue();
        assertThat(warm.digest()).isEqualTo(r.digest());
        assertThat(lines).noneMatch(l -> l.contains("Repack"));
    }

    @Test
    void aRejectedKitLeavesNothingTagged() throws Exception {
        Path kit = kit(VddkKits.kit(VddkKits.V8_0_1).variant(VddkKits.Variant.SYMLINK_ESCAPE));
        String repo = env.uniqueRepository("builtin/bad");
        assertThatThrownBy(() -> new BuiltinImageBuilder().build(request(kit, env.plainRegistry(), repo, "x").build(), listener))
                .isInstanceOf(BuildException.class).hasMessageContaining("libevil.so");
        assertThat(env.skopeo("inspect", "--tls-verify=false", "docker://" + env.plainRegistry() + "/" + repo + ":x").exitCode()).isNotZero();
    }

    @Test
    void aConnectionDroppedOnceInTheKitUploadIsRetried() throws Exception {
        Path kit = kit(VddkKits.kit(VddkKits.V8_0_1).size(8L * 1024 * 1024));
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(env.plainRegistry())) {
            proxy.dropOnce(Files.size(kit) / 2);
            String repo = env.uniqueRepository("builtin/drop-once");
            BuildResult r = new BuiltinImageBuilder().build(BuildRequest.builder(kit).tag(proxy.address() + "/" + repo + ":1")
                    .baseImage(ImageReference.parse(env.registryBaseImage(proxy.address()))).push(true).tempDirectory(tmp).build(), listener);
            assertThat(proxy.faults()).isEqualTo(1);
            assertThat(r.verification().passed()).isTrue();
            ProcessResult d = env.skopeo("inspect", "--tls-verify=false", "--format", "{{.Digest}}",
                    "docker://" + env.plainRegistry() + "/" + repo + ":1").assertSuccess();
            assertThat(d.stdout().strip()).isEqualTo(r.digest());
        }
    }

    @Test
    void aConnectionThatAlwaysDropsFailsNamingRegistryAndStepAndLeavesNoTag() throws Exception {
        Path kit = kit(VddkKits.kit(VddkKits.V8_0_1).size(4L * 1024 * 1024));
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(env.plainRegistry())) {
            proxy.dropAlways(Files.size(kit) / 2);
            String repo = env.uniqueRepository("builtin/drop-always");
            BuildRequest req = BuildRequest.builder(kit).tag(proxy.address() + "/" + repo + ":1")
                    .baseImage(ImageReference.parse(env.registryBaseImage(proxy.address()))).push(true).tempDirectory(tmp).build();
            assertThatThrownBy(() -> new BuiltinImageBuilder().build(req, listener))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("registry " + proxy.address())
                    .hasMessageContaining("uploading blob sha256:" + sha256(kit).substring(0, 12));
            assertThat(proxy.faults()).isGreaterThanOrEqualTo(2);
            assertThat(env.skopeo("inspect", "--tls-verify=false", "docker://" + env.plainRegistry() + "/" + repo + ":1").exitCode()).isNotZero();
        }
    }

    @Test
    void anInterruptStopsTheUploadPromptlyAndLeavesNoTag() throws Exception {
        Path kit = kit(VddkKits.kit(VddkKits.V8_0_1).size(8L * 1024 * 1024));
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(env.plainRegistry())) {
            proxy.stallOnce(Files.size(kit) / 2);
            String repo = env.uniqueRepository("builtin/interrupt");
            BuildRequest req = BuildRequest.builder(kit).tag(proxy.address() + "/" + repo + ":1")
                    .baseImage(ImageReference.parse(env.registryBaseImage(proxy.address()))).push(true).tempDirectory(tmp).build();
            java.util.concurrent.atomic.AtomicReference<Throwable> outcome = new java.util.concurrent.atomic.AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    new BuiltinImageBuilder().build(req, listener);
                    outcome.set(new AssertionError("finished although stalled"));
                } catch (Throwable e) {
                    outcome.set(e);
                }
            });
            t.start();
            assertThat(proxy.awaitFault(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            long t0 = System.nanoTime();
            t.interrupt();
            t.join(10_000);
            assertThat(t.isAlive()).as("build still running 10 s after the interrupt").isFalse();
            assertThat((System.nanoTime() - t0) / 1_000_000).isLessThan(10_000);
            assertThat(outcome.get()).isInstanceOfAny(InterruptedException.class, java.io.InterruptedIOException.class);
            assertThat(env.skopeo("inspect", "--tls-verify=false", "docker://" + env.plainRegistry() + "/" + repo + ":1").exitCode()).isNotZero();
        }
    }

    @Test
    void severalPlatformsGiveOneIndexAndAWarning() throws Exception {
        String baseRepo = env.uniqueRepository("builtin/mp-base");
        ImageReference multiBase = ImageReference.parse(env.plainRegistry() + "/" + baseRepo + ":latest");
        pushTwoPlatformBase(ImageReference.parse(env.registryBaseImage(env.plainRegistry())), multiBase);
        Path kit = kit(VddkKits.kit(VddkKits.V8_0_1));
        String repo = env.uniqueRepository("builtin/mp");
        BuildRequest req = request(kit, env.plainRegistry(), repo, "8.0.1").baseImage(multiBase)
                .platforms(List.of(Platform.LINUX_AMD64, Platform.parse("arm64"))).build();
        BuildResult r = new BuiltinImageBuilder().build(req, listener);
        assertThat(r.platforms()).extracting(Object::toString).containsExactly("linux/amd64", "linux/arm64");
        assertThat(r.warnings()).anyMatch(w -> w.contains("x86_64 only"));
        String image = env.plainRegistry() + "/" + repo + ":8.0.1";
        ProcessResult raw = env.skopeo("inspect", "--tls-verify=false", "--raw", "docker://" + image).assertSuccess();
        assertThat(raw.stdout()).contains("application/vnd.oci.image.index.v1+json").contains("\"arm64\"").contains("\"amd64\"");
        podmanImages.add(image);
        env.podman("pull", "--tls-verify=false", image).assertSuccess();
        assertRunsAndCopiesKit(image, kit);
        BuildResult warm = new BuiltinImageBuilder().build(req, listener);
        assertThat(warm.unchanged()).isTrue();
        assertThat(warm.digest()).isEqualTo(r.digest());
    }

    /** A base index with the busybox image for amd64 and the same layers labelled arm64 (content does not matter here). */
    private void pushTwoPlatformBase(ImageReference busybox, ImageReference target) throws Exception {
        try (RegistryClient client = RegistryClient.create(RegistryOptions.builder().build())) {
            Manifest amd = client.getManifest(busybox);
            for (Descriptor l : amd.layers()) {
                client.copyBlob(busybox, target, l.digest(), l.size(), null);
            }
            client.copyBlob(busybox, target, amd.config().digest(), amd.config().size(), null);
            client.putManifest(target.pinned(amd.digest()), amd.mediaType(), amd.bytes());
            ImageConfig arm = ImageConfig.parse(client.getBlobBytes(busybox, amd.config().digest(), 1 << 20));
            JNode armJson = JNode.parse(arm.toBytes(), "config");
            armJson.put("architecture", "arm64");
            byte[] armConfig = armJson.bytes();
            String armConfigDigest = ImageJson.sha256(armConfig);
            client.uploadBlob(target, armConfigDigest, armConfig.length, BlobSource.of(armConfig), null);
            JNode m = JNode.parse(amd.bytes(), "manifest");
            m.set("config", new ImageJson.Blob(m.path("config").path("mediaType").asText(), armConfigDigest, armConfig.length).toJson());
            byte[] armManifest = m.bytes();
            client.putManifest(target.pinned(ImageJson.sha256(armManifest)), amd.mediaType(), armManifest);
            byte[] index = ImageJson.index(List.of(new ImageJson.Blob(amd.mediaType(), amd.digest(), amd.size()),
                    new ImageJson.Blob(amd.mediaType(), ImageJson.sha256(armManifest), armManifest.length)),
                    List.of(Platform.LINUX_AMD64, Platform.parse("arm64")));
            client.putManifest(target, ImageJson.OCI_INDEX, index);
        }
    }

    /** Runs the entrypoint as uid 1001 with a 0777 /opt volume: the kit lands there, links intact, bytes equal. */
    private void assertRunsAndCopiesKit(String image, Path kit) throws IOException {
        Path opt = Files.createTempDirectory(tmp, "opt-");
        Files.setPosixFilePermissions(opt, PosixFilePermissions.fromString("rwxrwxrwx"));
        env.podman("run", "--rm", "--network", "none", "--user", "1001", "-v", opt + ":/opt", image).assertSuccess();
        Path root = opt.resolve(KIT);
        Path lib64 = root.resolve("lib64");
        assertThat(Files.readSymbolicLink(lib64.resolve("libvixDiskLib.so"))).hasToString("libvixDiskLib.so.8");
        assertThat(Files.isRegularFile(lib64.resolve("libvixDiskLib.so"))).isTrue();
        Map<String, String> expected = new TreeMap<>();
        Map<String, String> links = new TreeMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(kit));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String name = e.getName().replaceFirst("/$", "");
                if (e.isSymbolicLink()) {
                    links.put(name, e.getLinkName());
                } else if (e.isFile()) {
                    expected.put(name, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tar.readAllBytes())));
                }
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        assertThat(expected).isNotEmpty();
        for (Map.Entry<String, String> f : expected.entrySet()) {
            Path p = opt.resolve(f.getKey());
            assertThat(Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).as(f.getKey()).isTrue();
            assertThat(sha256(p)).as(f.getKey()).isEqualTo(f.getValue());
        }
        for (Map.Entry<String, String> l : links.entrySet()) {
            assertThat(Files.readSymbolicLink(opt.resolve(l.getKey()))).as(l.getKey()).hasToString(l.getValue());
        }
    }

    static String sha256(Path file) throws IOException {
        return KitDigest.sha256Hex(file);
    }

    static Platform amd64() {
        return Platform.LINUX_AMD64;
    }
}
