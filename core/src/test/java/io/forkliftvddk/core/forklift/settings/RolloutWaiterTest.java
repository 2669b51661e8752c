package io.forkliftvddk.core.forklift.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.forkliftvddk.core.forklift.ForkliftException;
import io.forkliftvddk.core.forklift.MockCluster;
import io.forkliftvddk.core.forklift.RecordingListener;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RolloutWaiterTest {

    private static final String PINNED = "quay.io/org/vddk@sha256:" + "c".repeat(64);

    private static void deployment(MockCluster c, String vddkImage) {
        var env = vddkImage == null ? new io.fabric8.kubernetes.api.model.EnvVar[0]
                : new io.fabric8.kubernetes.api.model.EnvVar[] {new io.fabric8.kubernetes.api.model.EnvVar("VDDK_IMAGE", vddkImage, null)};
        Deployment d = new DeploymentBuilder().withNewMetadata().withName("forklift-controller").withNamespace("openshift-mtv").endMetadata()
                .withNewSpec().withReplicas(1).withNewTemplate().withNewSpec()
                .addNewContainer().withName("main").withImage("quay.io/kubev2v/forklift-controller:latest").withEnv(env).endContainer()
                .endSpec().endTemplate().endSpec().build();
        c.client().apps().deployments().inNamespace("openshift-mtv").resource(d).create();
        rolledOut(c);
    }

    /** What the operator and the deployment controller do: new template, then the status catches up. */
    private static void rolledOut(MockCluster c) {
        var res = c.client().apps().deployments().inNamespace("openshift-mtv").withName("forklift-controller");
        Deployment cur = res.get();
        long gen = cur.getMetadata().getGeneration() == null ? 1 : cur.getMetadata().getGeneration();
        res.editStatus(d -> new DeploymentBuilder(d).withNewStatus().withObservedGeneration(gen).withReplicas(1)
                .withUpdatedReplicas(1).withAvailableReplicas(1).withReadyReplicas(1).endStatus().build());
    }

    private static void operatorSetsImage(MockCluster c, String image) {
        c.client().apps().deployments().inNamespace("openshift-mtv").withName("forklift-controller").edit(d -> new DeploymentBuilder(d)
                .editSpec().editTemplate().editSpec().editFirstContainer()
                .withEnv(image == null ? java.util.List.of() : java.util.List.of(new io.fabric8.kubernetes.api.model.EnvVar("VDDK_IMAGE", image, null)))
                .endContainer().endSpec().endTemplate().endSpec().build());
        rolledOut(c);
    }

    @Test
    void waitEndsWhenTheDeploymentCarriesTheImageAndIsRolledOut() throws Exception {
        try (MockCluster c = MockCluster.start()) {
            deployment(c, "quay.io/old/vddk:7");
            CompletableFuture<Void> operator = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(700);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                operatorSetsImage(c, PINNED);
            });
            RecordingListener l = new RecordingListener();
            SettingsResult r = new ForkliftSettings(c.client(), l).apply(SettingsRequest.vddkImage(PINNED)
                    .withWait(Duration.ofSeconds(20), Duration.ofMillis(100)));
            operator.join();
            assertThat(r.rollout().complete()).isTrue();
            assertThat(r.rollout().vddkImageEnv()).isEqualTo(PINNED);
            assertThat(l.all()).contains("VDDK_IMAGE=quay.io/old/vddk:7 (want " + PINNED + ")");
        }
    }

    @Test
    void unsetWaitsUntilTheEnvIsGone() throws Exception {
        try (MockCluster c = MockCluster.start()) {
            deployment(c, PINNED);
            new ForkliftSettings(c.client(), new RecordingListener()).apply(SettingsRequest.vddkImage(PINNED));
            CompletableFuture<Void> operator = CompletableFuture.runAsync(() -> operatorSetsImage(c, null));
            SettingsResult r = new ForkliftSettings(c.client(), new RecordingListener()).apply(SettingsRequest.unset(java.util.List.of("vddk_image"))
                    .withWait(Duration.ofSeconds(20), Duration.ofMillis(100)));
            operator.join();
            assertThat(r.rollout().complete()).isTrue();
            assertThat(r.rollout().vddkImageEnv()).isNull();
        }
    }

    @Test
    void timeoutSaysWhatWasObserved() {
        try (MockCluster c = MockCluster.start()) {
            deployment(c, "quay.io/old/vddk:7");
            assertThatThrownBy(() -> new ForkliftSettings(c.client(), new RecordingListener()).apply(SettingsRequest.vddkImage(PINNED)
                    .withWait(Duration.ofMillis(600), Duration.ofMillis(100))))
                    .isInstanceOfSatisfying(ForkliftException.class, e -> assertThat(e.kind()).isEqualTo(ForkliftException.Kind.TIMEOUT))
                    .hasMessageContaining("within 600ms")
                    .hasMessageContaining("VDDK_IMAGE=quay.io/old/vddk:7 (want " + PINNED + ")");
        }
    }

    @Test
    void incompleteRolloutIsNotDone() {
        try (MockCluster c = MockCluster.start()) {
            deployment(c, PINNED);
            var res = c.client().apps().deployments().inNamespace("openshift-mtv").withName("forklift-controller");
            res.editStatus(d -> new DeploymentBuilder(d).editStatus().withReplicas(2).withUpdatedReplicas(1).endStatus().build());
            RolloutStatus s = RolloutWaiter.observe(c.client(), "openshift-mtv", PINNED, true);
            assertThat(s.complete()).isFalse();
            assertThat(s.observation()).contains("1 old replica(s) pending termination");
            RolloutStatus missing = RolloutWaiter.observe(c.client(), "konveyor-forklift", PINNED, true);
            assertThat(missing.observation()).contains("does not exist yet");
        }
    }
}
