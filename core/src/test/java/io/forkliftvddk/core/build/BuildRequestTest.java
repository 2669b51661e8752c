package io.forkliftvddk.core.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forkliftvddk.core.image.Platform;
import io.forkliftvddk.core.spi.Secret;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BuildRequestTest {

    @Test
    void kitDigestHashesTheArchiveItBelongsTo(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path kit = java.nio.file.Files.writeString(dir.resolve("kit.tar.gz"), "abc");
        KitDigest digest = KitDigest.start(kit);
        assertThat(digest.future().get()).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(BuildRequest.builder(kit).tag("a/b").kitDigest(digest).build().kitDigest()).isSameAs(digest);
        assertThatThrownBy(() -> BuildRequest.builder(dir.resolve("other.tar.gz")).tag("a/b").kitDigest(digest).build())
                .hasMessageContaining("the kit digest is of " + kit + ", not of the archive");
        digest.checkUnchanged();
        java.nio.file.Files.writeString(kit, "abcd");
        assertThatThrownBy(digest::checkUnchanged).hasMessageContaining("changed while the build read it");
        KitDigest missing = KitDigest.start(dir.resolve("missing.tar.gz"));
        assertThatThrownBy(() -> missing.future().get()).hasCauseInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void defaults() {
        BuildRequest r = BuildRequest.builder(Path.of("kit.tar.gz")).tag("quay.io/org/vddk:8.0.1").build();
        assertThat(r.baseImage().toString()).isEqualTo("registry.access.redhat.com/ubi8/ubi-minimal:latest");
        assertThat(r.platforms()).containsExactly(Platform.LINUX_AMD64);
        assertThat(r.runtime()).isEqualTo(Runtime.AUTO);
        assertThat(r.output()).isEqualTo(BuildOutput.REGISTRY);
        assertThat(r.hasDestination()).isFalse();
        assertThat(r.toBuilder().push(true).build().hasDestination()).isTrue();
    }

    @Test
    void needsATagAndAValidChecksum() {
        assertThatThrownBy(() -> BuildRequest.builder(Path.of("k")).build()).hasMessageContaining("at least one tag");
        assertThatThrownBy(() -> BuildRequest.builder(Path.of("k")).tag("quay.io/org/vddk@sha256:" + "a".repeat(64)).build())
                .hasMessageContaining("is a digest reference; give a tag instead, for example quay.io/org/vddk:8.0.1");
        assertThatThrownBy(() -> BuildRequest.builder(Path.of("k")).tag("a/b").expectedSha256("abc").build())
                .hasMessageContaining("64 hex");
        assertThat(BuildRequest.builder(Path.of("k")).tag("a/b").expectedSha256("SHA256:" + "A".repeat(64)).build()
                .expectedSha256()).isEqualTo("a".repeat(64));
    }

    @Test
    void outputsParse() {
        assertThat(BuildOutput.parse("oci:/tmp/x")).isEqualTo(new BuildOutput(BuildOutput.Kind.OCI_LAYOUT, Path.of("/tmp/x")));
        assertThat(BuildOutput.parse("oci-archive:x.tar").kind()).isEqualTo(BuildOutput.Kind.OCI_ARCHIVE);
        assertThat(BuildOutput.parse("oci-archive:x.tar").toString()).isEqualTo("oci-archive:x.tar");
        assertThatThrownBy(() -> BuildOutput.parse("docker-archive:x")).hasMessageContaining("oci:DIRECTORY");
        assertThatThrownBy(() -> BuildOutput.parse("oci:")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void runtimesParse() {
        assertThat(Runtime.parse("")).isEqualTo(Runtime.AUTO);
        assertThat(Runtime.parse("Podman")).isEqualTo(Runtime.PODMAN);
        assertThatThrownBy(() -> Runtime.parse("buildah")).hasMessage("invalid runtime 'buildah': must be 'auto', 'builtin', 'podman' or 'docker'");
    }

    @Test
    void registryAccessNormalisesHostsAndMasks() {
        RegistryAccess a = RegistryAccess.anonymous()
                .withCredentials("Index.Docker.IO", new RegistryAccess.Credentials("u", Secret.of("hunter2")))
                .withInsecureHost("127.0.0.1:5000");
        assertThat(a.credentialsFor("docker.io")).isPresent();
        assertThat(a.isInsecure("127.0.0.1:5000")).isTrue();
        assertThat(a.isInsecure("quay.io")).isFalse();
        assertThat(a.toString()).doesNotContain("hunter2");
    }

    @Test
    void platformsParse() {
        assertThat(Platform.parse("amd64")).isEqualTo(Platform.LINUX_AMD64);
        assertThat(Platform.parse("linux/amd64")).isEqualTo(Platform.LINUX_AMD64);
        assertThat(Platform.parse("x86_64")).isEqualTo(Platform.LINUX_AMD64);
        assertThat(Platform.parse("linux/arm64/v8").toString()).isEqualTo("linux/arm64/v8");
        assertThat(Platform.parse("arm64").isAmd64()).isFalse();
        assertThatThrownBy(() -> Platform.parse("linux/")).hasMessageContaining("expected ARCH or OS/ARCH");
    }
}
