package io.forkliftvddk.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BuildPlanTest {

    private static final String SHA = "0123456789abcdef".repeat(4);

    @Test
    void documentedDockerfileAsData() {
        BuildPlan p = BuildPlan.of(ImageReference.parse("registry.access.redhat.com/ubi8/ubi-minimal"),
                List.of(ImageReference.parse("quay.io/org/vddk:8.0.1")), List.of(), SHA, "8.0.1",
                Instant.parse("2023-03-01T10:00:00Z"), false, false);
        assertThat(p.user()).isEqualTo("1001");
        assertThat(p.entrypoint()).containsExactly("cp", "-r", "/vmware-vix-disklib-distrib", "/opt");
        assertThat(p.platforms()).containsExactly(Platform.LINUX_AMD64);
        assertThat(p.targets()).extracting(Object::toString).containsExactly("quay.io/org/vddk:8.0.1");
        assertThat(p.labels()).containsEntry("io.forkliftvddk.kit.sha256", SHA)
                .containsEntry("org.opencontainers.image.version", "8.0.1")
                .containsEntry("org.opencontainers.image.created", "2023-03-01T10:00:00Z")
                .doesNotContainKey("io.forkliftvddk.vddk9-compat");
        assertThat(List.copyOf(p.labels().keySet())).isSorted();
        assertThat(p.hasNonAmd64()).isFalse();
    }

    @Test
    void immutableTagsAndCompat() {
        BuildPlan p = BuildPlan.of(ImageReference.parse("busybox"),
                List.of(ImageReference.parse("r/vddk:9.0"), ImageReference.parse("r/vddk")), List.of(Platform.parse("arm64")),
                SHA, null, Instant.EPOCH, true, true);
        assertThat(p.targets()).extracting(Object::toString).containsExactly("docker.io/r/vddk:9.0", "docker.io/r/vddk:latest",
                "docker.io/r/vddk:9.0-0123456789ab", "docker.io/r/vddk:latest-0123456789ab");
        assertThat(p.labels()).containsEntry("io.forkliftvddk.vddk9-compat", "true").doesNotContainKey("org.opencontainers.image.version");
        assertThat(p.hasNonAmd64()).isTrue();
        assertThat(BuildPlan.immutableTag(ImageReference.parse("r/v:" + "x".repeat(128)), SHA).tag()).hasSize(128).endsWith("-0123456789ab");
    }
}
