package io.forkliftvddk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.Config;
import io.forkliftvddk.core.forklift.ForkliftException;
import io.forkliftvddk.core.forklift.KubeConnection;
import io.forkliftvddk.core.forklift.RecordingListener;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeOptionsTest {

    @TempDir
    Path tmp;

    private static final String KUBECONFIG = """
            apiVersion: v1
            kind: Config
            clusters:
            - name: a
              cluster:
                server: https://a.example.com:6443
                certificate-authority: certs/ca.pem
            - name: b
              cluster:
                server: https://b.example.com:6443
                insecure-skip-tls-verify: true
            contexts:
            - name: ctx-a
              context: {cluster: a, user: ua, namespace: team-a}
            - name: ctx-b
              context: {cluster: b, user: ub}
            current-context: ctx-a
            users:
            - name: ua
              user:
                tokenFile: token.txt
            - name: ub
              user:
                token: tok-b
            """;

    private Path writeKubeconfig(Path dir) throws Exception {
        Files.createDirectories(dir.resolve("certs"));
        Files.writeString(dir.resolve("certs/ca.pem"), "PEM-A");
        Files.writeString(dir.resolve("token.txt"), "tok-a\n");
        return Files.writeString(dir.resolve("config"), KUBECONFIG);
    }

    private static ByteArrayInputStream stdin(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void kubeconfigFileReferencesAreInlinedAndContextsHonoured() throws Exception {
        Path kc = writeKubeconfig(tmp.resolve("kube"));
        KubeOptions o = new KubeOptions();
        o.kubeconfig = kc;
        KubeConnection conn = o.resolve(Map.of(), tmp, tmp.resolve("nosa"), stdin(""), new RecordingListener());
        Config c = conn.toConfig();
        assertThat(c.getMasterUrl()).startsWith("https://a.example.com:6443");
        assertThat(c.getOauthToken()).isEqualTo("tok-a");
        assertThat(new String(Base64.getDecoder().decode(c.getCaCertData()), StandardCharsets.UTF_8)).isEqualTo("PEM-A");
        assertThat(conn.defaultNamespace()).contains("team-a");
        assertThat(conn.toString()).doesNotContain("tok-a");

        o.context = "ctx-b";
        Config b = o.resolve(Map.of(), tmp, tmp.resolve("nosa"), stdin(""), new RecordingListener()).toConfig();
        assertThat(b.getMasterUrl()).startsWith("https://b.example.com:6443");
        assertThat(b.isTrustCerts()).isTrue();
        assertThat(b.getOauthToken()).isEqualTo("tok-b");

        o.context = "nope";
        assertThatThrownBy(() -> o.resolve(Map.of(), tmp, tmp.resolve("nosa"), stdin(""), new RecordingListener()).toConfig())
                .hasMessageContaining("context 'nope' does not exist").hasMessageContaining("ctx-a, ctx-b");
    }

    @Test
    void kubeconfigEnvUsesTheFirstFileAndSaysSo() throws Exception {
        Path kc = writeKubeconfig(tmp.resolve("kube"));
        KubeOptions o = new KubeOptions();
        RecordingListener l = new RecordingListener();
        KubeConnection conn = o.resolve(Map.of("KUBECONFIG", kc + File.pathSeparator + tmp.resolve("other")), tmp, tmp.resolve("nosa"),
                stdin(""), l);
        assertThat(conn.toConfig().getOauthToken()).isEqualTo("tok-a");
        assertThat(l.all()).contains("KUBECONFIG lists 2 files; using the first one, " + kc);
    }

    @Test
    void homeKubeconfigThenServiceAccount() throws Exception {
        writeKubeconfig(tmp.resolve("home/.kube"));
        KubeOptions o = new KubeOptions();
        assertThat(o.resolve(Map.of(), tmp.resolve("home"), tmp.resolve("nosa"), stdin(""), new RecordingListener()).toConfig().getOauthToken())
                .isEqualTo("tok-a");

        Path sa = Files.createDirectories(tmp.resolve("sa"));
        Files.writeString(sa.resolve("token"), "sa-token\n");
        Files.writeString(sa.resolve("namespace"), "openshift-mtv");
        Files.writeString(sa.resolve("ca.crt"), "SA-CA");
        KubeConnection conn = o.resolve(Map.of("KUBERNETES_SERVICE_HOST", "10.0.0.1", "KUBERNETES_SERVICE_PORT", "443"),
                tmp.resolve("empty-home"), sa, stdin(""), new RecordingListener());
        Config c = conn.toConfig();
        assertThat(c.getMasterUrl()).startsWith("https://10.0.0.1:443");
        assertThat(c.getOauthToken()).isEqualTo("sa-token");
        assertThat(conn.defaultNamespace()).contains("openshift-mtv");

        assertThatThrownBy(() -> o.resolve(Map.of(), tmp.resolve("empty-home"), tmp.resolve("nosa"), stdin(""), new RecordingListener()))
                .isInstanceOfSatisfying(ForkliftException.class, e -> assertThat(e.kind()).isEqualTo(ForkliftException.Kind.INVALID_INPUT))
                .hasMessageContaining("no Kubernetes connection");
    }

    @Test
    void serverWithTokenFromStdin() throws Exception {
        KubeOptions o = new KubeOptions();
        o.server = "https://api.example.com:6443";
        assertThatThrownBy(() -> o.resolve(Map.of(), tmp, tmp, stdin("t"), new RecordingListener())).hasMessageContaining("--token-stdin");
        o.tokenStdin = true;
        o.certificateAuthority = Files.writeString(tmp.resolve("ca.pem"), "CA");
        Config c = o.resolve(Map.of(), tmp, tmp, stdin("the-token\n"), new RecordingListener()).toConfig();
        assertThat(c.getOauthToken()).isEqualTo("the-token");
        assertThat(new String(Base64.getDecoder().decode(c.getCaCertData()), StandardCharsets.UTF_8)).isEqualTo("CA");
        assertThatThrownBy(() -> o.resolve(Map.of(), tmp, tmp, stdin(""), new RecordingListener())).hasMessageContaining("empty");
    }

    @Test
    void execPluginsAreRefusedWithAnAlternative() throws Exception {
        Path kc = Files.writeString(tmp.resolve("exec"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://c:6443"}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                current-context: x
                users: [{name: u, user: {exec: {apiVersion: client.authentication.k8s.io/v1, command: aws}}}]
                """);
        KubeOptions o = new KubeOptions();
        o.kubeconfig = kc;
        assertThatThrownBy(() -> o.resolve(Map.of(), tmp, tmp, stdin(""), new RecordingListener()).toConfig())
                .hasMessageContaining("exec plugin (aws)").hasMessageContaining("--token-stdin");
    }
}
