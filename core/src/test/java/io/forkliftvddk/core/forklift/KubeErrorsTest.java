package io.forkliftvddk.core.forklift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.forkliftvddk.core.forklift.settings.ForkliftSettings;
import io.forkliftvddk.core.forklift.settings.SettingsRequest;
import io.forkliftvddk.core.spi.Secret;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class KubeErrorsTest {

    private static final String CONTROLLERS = "/apis/forklift.konveyor.io/v1beta1/namespaces/openshift-mtv/forkliftcontrollers";

    private static String status(int code, String reason, String message) {
        return "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"" + reason + "\",\"code\":" + code
                + ",\"message\":\"" + message + "\"}";
    }

    @Test
    void unauthorized() {
        try (MockCluster c = MockCluster.start()) {
            c.server().expect().get().withPath(CONTROLLERS).andReturn(401, status(401, "Unauthorized", "Unauthorized")).always();
            assertThatThrownBy(() -> new ForkliftSettings(c.client(), new RecordingListener()).get("openshift-mtv", null, null, false))
                    .isInstanceOfSatisfying(ForkliftException.class, e -> assertThat(e.kind()).isEqualTo(ForkliftException.Kind.UNAUTHORIZED))
                    .hasMessageContaining("authentication failed (401)");
        }
    }

    @Test
    void forbiddenNamesVerbAndResource() {
        try (MockCluster c = MockCluster.start()) {
            c.server().expect().patch().withPath(CONTROLLERS + "/forklift-controller")
                    .andReturn(403, status(403, "Forbidden", "forkliftcontrollers.forklift.konveyor.io is forbidden: user bob cannot patch"))
                    .always();
            assertThatThrownBy(() -> new ForkliftSettings(c.client(), new RecordingListener())
                    .apply(SettingsRequest.vddkImage("quay.io/org/vddk:8").in("openshift-mtv", null)))
                    .isInstanceOfSatisfying(ForkliftException.class, e -> assertThat(e.kind()).isEqualTo(ForkliftException.Kind.FORBIDDEN))
                    .hasMessageContaining("cannot patch forkliftcontrollers.forklift.konveyor.io \"forklift-controller\" in namespace \"openshift-mtv\"");
        }
    }

    @Test
    void crdsMissingMeansNotInstalled() {
        try (MockCluster c = MockCluster.startEmpty()) {
            c.server().expect().get().withPath(CONTROLLERS)
                    .andReturn(404, status(404, "NotFound", "the server could not find the requested resource")).always();
            assertThatThrownBy(() -> MtvDiscovery.controller(c.client(), "openshift-mtv", null))
                    .isInstanceOfSatisfying(ForkliftException.class, e -> assertThat(e.kind()).isEqualTo(ForkliftException.Kind.NOT_INSTALLED))
                    .hasMessageContaining("MTV/Forklift is not installed on this cluster");
        }
    }

    @Test
    void connectionRefused() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        KubeConnection conn = KubeConnection.ofToken("http://127.0.0.1:" + port, Secret.of("t"), null, false, null)
                .withRequestTimeout(Duration.ofSeconds(5));
        try (KubernetesClient client = conn.connect()) {
            assertThatThrownBy(() -> MtvDiscovery.controller(client, "openshift-mtv", null))
                    .isInstanceOfSatisfying(ForkliftException.class, e -> assertThat(e.kind()).isEqualTo(ForkliftException.Kind.CONNECTION))
                    .hasMessageContaining("cannot connect to the Kubernetes API server");
        }
    }
}
