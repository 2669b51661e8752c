package io.forkliftvddk.core.forklift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.forkliftvddk.core.spi.Secret;
import org.junit.jupiter.api.Test;

class KubeConnectionTest {

    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters: [{name: c, cluster: {server: "https://api.example.com:6443", certificate-authority-data: UEVN}}]
            contexts: [{name: x, context: {cluster: c, user: u, namespace: team}}]
            current-context: x
            users: [{name: u, user: {token: tok-secret-123}}]
            """;

    @Test
    void configComesFromTheInputsOnlyNotFromSystemProperties() {
        // fabric8's auto-configuration would take these; the connection must not
        System.setProperty("kubernetes.master", "https://elsewhere.example.com");
        System.setProperty("kubernetes.namespace", "elsewhere");
        System.setProperty("kubernetes.auth.token", "other-token");
        try {
            Config c = KubeConnection.ofKubeconfig(KUBECONFIG, null).toConfig();
            assertThat(c.getMasterUrl()).startsWith("https://api.example.com:6443");
            assertThat(c.getNamespace()).isEqualTo("team");
            assertThat(c.getOauthToken()).isEqualTo("tok-secret-123");
            assertThat(c.getCaCertData()).isEqualTo("UEVN");
            Config t = KubeConnection.ofToken("https://api2.example.com", Secret.of("t2"), null, true, null).toConfig();
            assertThat(t.getMasterUrl()).startsWith("https://api2.example.com");
            assertThat(t.getOauthToken()).isEqualTo("t2");
            assertThat(t.isTrustCerts()).isTrue();
            assertThat(t.getNamespace()).isNull();
        } finally {
            System.clearProperty("kubernetes.master");
            System.clearProperty("kubernetes.namespace");
            System.clearProperty("kubernetes.auth.token");
        }
    }

    @Test
    void badInputsAreUsageErrorsWithoutLeakingTheKubeconfig() {
        assertThatThrownBy(() -> KubeConnection.ofToken("api.example.com", Secret.of("t"), null, false, null))
                .isInstanceOfSatisfying(ForkliftException.class, e -> assertThat(e.kind()).isEqualTo(ForkliftException.Kind.INVALID_INPUT))
                .hasMessageContaining("must be absolute");
        assertThatThrownBy(() -> KubeConnection.ofToken("https://a", Secret.of("t"), "PEM", true, null)).hasMessageContaining("not both");
        assertThatThrownBy(() -> KubeConnection.ofKubeconfig("users: [{name: u, user: {token: s3cr3t}}]\n: : :", null).toConfig())
                .isInstanceOf(ForkliftException.class).satisfies(e -> assertThat(e.getMessage()).doesNotContain("s3cr3t"));
        assertThat(KubeConnection.ofKubeconfig(KUBECONFIG, null).toString()).doesNotContain("tok-secret-123");
    }
}
