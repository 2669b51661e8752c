package io.forkliftvddk.core.forklift.pullsecret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.forkliftvddk.core.forklift.ForkliftException;
import io.forkliftvddk.core.forklift.MockCluster;
import io.forkliftvddk.core.forklift.RecordingListener;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class PullSecretsTest {

    private static PullSecretRequest request(String... namespaces) {
        return new PullSecretRequest("registry.example.com:5000", "robot", io.forkliftvddk.core.spi.Secret.of("t0k\"en"),
                List.of(namespaces), null, null);
    }

    @Test
    void createsSecretAndAppendsKeepingExistingEntries() throws Exception {
        try (MockCluster c = MockCluster.start()) {
            for (String ns : List.of("target-a", "target-b")) {
                c.createNamespace(ns);
                c.client().serviceAccounts().inNamespace(ns).resource(new ServiceAccountBuilder().withNewMetadata().withName("default")
                        .withNamespace(ns).endMetadata().withImagePullSecrets(new LocalObjectReference("default-dockercfg-xyz")).build()).create();
            }
            PullSecretResult r = new PullSecrets(c.client(), new RecordingListener()).apply(request("target-a", "target-b"));
            assertThat(r.entries()).extracting(PullSecretResult.Entry::secret).containsExactly("created", "created");
            assertThat(r.entries()).allSatisfy(e -> assertThat(e.appended()).isTrue());

            Secret s = c.client().secrets().inNamespace("target-a").withName("forklift-vddk-pull").get();
            assertThat(s.getType()).isEqualTo("kubernetes.io/dockerconfigjson");
            JsonNode cfg = new ObjectMapper().readTree(Base64.getDecoder().decode(s.getData().get(".dockerconfigjson")));
            JsonNode auth = cfg.path("auths").path("registry.example.com:5000");
            assertThat(auth.path("username").asText()).isEqualTo("robot");
            assertThat(auth.path("password").asText()).isEqualTo("t0k\"en");
            assertThat(new String(Base64.getDecoder().decode(auth.path("auth").asText()), StandardCharsets.UTF_8)).isEqualTo("robot:t0k\"en");
            assertThat(c.client().serviceAccounts().inNamespace("target-b").withName("default").get().getImagePullSecrets())
                    .extracting(LocalObjectReference::getName).containsExactly("default-dockercfg-xyz", "forklift-vddk-pull");

            PullSecretResult again = new PullSecrets(c.client(), new RecordingListener()).apply(request("target-a"));
            assertThat(again.entries().get(0).secret()).isEqualTo("unchanged");
            assertThat(again.entries().get(0).appended()).isFalse();
            assertThat(c.client().serviceAccounts().inNamespace("target-a").withName("default").get().getImagePullSecrets()).hasSize(2);
        }
    }

    @Test
    void errors() {
        try (MockCluster c = MockCluster.start()) {
            c.createNamespace("no-sa");
            assertThatThrownBy(() -> new PullSecrets(c.client(), new RecordingListener()).apply(request("no-sa")))
                    .isInstanceOfSatisfying(ForkliftException.class, e -> assertThat(e.kind()).isEqualTo(ForkliftException.Kind.NOT_FOUND))
                    .hasMessageContaining("ServiceAccount no-sa/default does not exist");
            assertThatThrownBy(() -> new PullSecrets(c.client(), new RecordingListener()).apply(new PullSecretRequest("https://quay.io", "u",
                    io.forkliftvddk.core.spi.Secret.of("p"), List.of("x"), null, null))).hasMessageContaining("without scheme");
            assertThatThrownBy(() -> new PullSecrets(c.client(), new RecordingListener()).apply(request()))
                    .hasMessageContaining("at least one namespace");
        }
    }
}
