package io.forkliftvddk.core.build;

import static org.assertj.core.api.Assertions.assertThat;

import io.forkliftvddk.core.image.ImageReference;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetWarningsTest {

    @Test
    void warnsForDockerHubTargetsOnly() {
        assertThat(TargetWarnings.publicHub(List.of(ImageReference.parse("quay.io/org/vddk:8"),
                ImageReference.parse("org/vddk:8")))).get().asString()
                .startsWith("docker.io/org/vddk:8 is on Docker Hub").contains("VMware's licence");
        assertThat(TargetWarnings.publicHub(List.of(ImageReference.parse("127.0.0.1:5000/vddk:8"),
                ImageReference.parse("registry.example.com/mtv/vddk:8")))).isEmpty();
    }
}
