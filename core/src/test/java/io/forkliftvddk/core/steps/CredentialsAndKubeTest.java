package io.forkliftvddk.core.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forkliftvddk.core.spi.Secret;
import io.forkliftvddk.core.steps.CredentialLookup.Kind;
import io.forkliftvddk.core.steps.CredentialLookup.Resolved;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialsAndKubeTest {

    private static final String KUBECONFIG = "apiVersion: v1\nkind: Config\n";
    private final Map<String, Resolved> store = Map.of(
            "reg", Resolved.usernamePassword("reg", "robot", Secret.of("s3cr3t-pw")),
            "tok", Resolved.secretText("tok", Secret.of("tok-value")),
            "kc", Resolved.secretFile("kc", Secret.of(KUBECONFIG)));
    private final CredentialLookup lookup = store::get;

    @Test
    void resolveByKind() {
        assertThat(Credentials.resolve(lookup, "registryCredentialsId", "reg", Kind.USERNAME_PASSWORD).username()).isEqualTo("robot");
        assertThat(Credentials.resolve(lookup, "registryCredentialsId", "  ", Kind.USERNAME_PASSWORD)).isNull();
        assertThat(Credentials.resolve(lookup, "registryCredentialsId", null, Kind.USERNAME_PASSWORD)).isNull();
        assertThatThrownBy(() -> Credentials.resolve(lookup, "registryCredentialsId", "nope", Kind.USERNAME_PASSWORD))
                .isInstanceOf(StepException.class)
                .hasMessage("registryCredentialsId: no credentials with id 'nope' are visible to this build; add a username with"
                        + " password credential with that id (or fix the id)");
        assertThatThrownBy(() -> Credentials.resolve(lookup, "kubeconfigCredentialsId", "tok", Kind.SECRET_FILE))
                .hasMessage("kubeconfigCredentialsId: credentials 'tok' are secret text, but this parameter needs secret file");
        assertThat(Credentials.resolve(lookup, "x", "tok", Kind.SECRET_FILE, Kind.SECRET_TEXT).kind()).isEqualTo(Kind.SECRET_TEXT);
    }

    @Test
    void resolvedNeverPrintsItsSecret() {
        assertThat(store.get("reg").toString()).doesNotContain("s3cr3t-pw").contains("robot");
        assertThat(store.get("kc").toString()).doesNotContain("apiVersion");
    }

    @Test
    void kubeconfigCredentialFirst() {
        KubeAccess a = new KubeParameters("kc", null, null, null, false, "prod").resolve(lookup, GlobalDefaults.none(),
                Map.of("KUBECONFIG", "/tmp/other"), Map.of(), true);
        assertThat(a.source()).isEqualTo(KubeAccess.Source.KUBECONFIG);
        assertThat(a.kubeconfig().reveal()).isEqualTo(KUBECONFIG);
        assertThat(a.context()).isEqualTo("prod");
        assertThat(a.description()).isEqualTo("kubeconfig from credentials 'kc'");
        assertThat(a.toString()).doesNotContain("apiVersion");
    }

    @Test
    void serverAndToken() {
        KubeAccess a = new KubeParameters(null, "https://api:6443", "tok", TestCertificates.PEM, false, null)
                .resolve(lookup, GlobalDefaults.none(), Map.of(), Map.of(), true);
        assertThat(a.source()).isEqualTo(KubeAccess.Source.TOKEN);
        assertThat(a.serverUrl()).isEqualTo("https://api:6443");
        assertThat(a.token().reveal()).isEqualTo("tok-value");
        assertThat(a.caCertificate()).isEqualTo(TestCertificates.PEM.strip());
        assertThat(a.toString()).doesNotContain("tok-value");
        assertThatThrownBy(() -> new KubeParameters(null, "https://api:6443", null, null, false, null)
                .resolve(lookup, GlobalDefaults.none(), Map.of(), Map.of(), true)).hasMessageContaining("kubeTokenCredentialsId");
        assertThatThrownBy(() -> new KubeParameters(null, "https://api:6443", "reg", null, false, null)
                .resolve(lookup, GlobalDefaults.none(), Map.of(), Map.of(), true)).hasMessageContaining("username with password");
    }

    @Test
    void environmentKubeconfigBeforeGlobalDefault() {
        GlobalDefaults defaults = new GlobalDefaults("kc", null, null, null, null, null, null, null, null);
        KubeAccess env = KubeParameters.none().resolve(lookup, defaults, Map.of("KUBECONFIG", "/ws/.kube/config:/other"), Map.of(), true);
        assertThat(env.source()).isEqualTo(KubeAccess.Source.KUBECONFIG_FILE);
        assertThat(env.kubeconfigPath()).isEqualTo("/ws/.kube/config");
        assertThat(env.withKubeconfigContent(Secret.of(KUBECONFIG)).source()).isEqualTo(KubeAccess.Source.KUBECONFIG);
        assertThat(env.withKubeconfigContent(Secret.of(KUBECONFIG)).kubeconfig().reveal()).isEqualTo(KUBECONFIG);

        KubeAccess def = KubeParameters.none().resolve(lookup, defaults, Map.of(), Map.of(), true);
        assertThat(def.source()).isEqualTo(KubeAccess.Source.KUBECONFIG);
        assertThat(def.description()).startsWith("default kubeconfig");
    }

    @Test
    void onlyAKubeconfigTheBuildSetIsHonouredAndOnlyOnANode() {
        GlobalDefaults defaults = new GlobalDefaults("kc", null, null, null, null, null, null, null, null);
        Map<String, String> controllerEnv = Map.of("KUBECONFIG", "/var/lib/jenkins/.kube/config", "HOME", "/var/lib/jenkins");
        // the node's own KUBECONFIG (the controller's process environment on the built-in node) is not the build's: skipped
        KubeAccess own = KubeParameters.none().resolve(lookup, defaults, controllerEnv, controllerEnv, true);
        assertThat(own.source()).isEqualTo(KubeAccess.Source.KUBECONFIG);
        assertThat(own.description()).startsWith("default kubeconfig");
        assertThatThrownBy(() -> KubeParameters.none().resolve(lookup, GlobalDefaults.none(), controllerEnv, controllerEnv, true))
                .hasMessageContaining("No Kubernetes connection").hasMessageContaining("node's own environment is not used");
        // withKubeConfig on that node sets another file: honoured
        Map<String, String> build = Map.of("KUBECONFIG", "/ws@tmp/.kube1234config");
        KubeAccess set = KubeParameters.none().resolve(lookup, defaults, build, controllerEnv, true);
        assertThat(set.source()).isEqualTo(KubeAccess.Source.KUBECONFIG_FILE);
        assertThat(set.kubeconfigPath()).isEqualTo("/ws@tmp/.kube1234config");
        // outside node {} a KUBECONFIG (withEnv, a parameter) would name a controller file: refused, even with a default
        assertThatThrownBy(() -> KubeParameters.none().resolve(lookup, defaults, build, controllerEnv, false))
                .isInstanceOf(StepException.class).hasMessageContaining("outside node {}").hasMessageContaining("kubeconfigCredentialsId");
        // a credential parameter wins over any KUBECONFIG, on a node or not
        assertThat(new KubeParameters("kc", null, null, null, false, null).resolve(lookup, GlobalDefaults.none(), build, controllerEnv,
                false).description()).isEqualTo("kubeconfig from credentials 'kc'");
        assertThat(KubeParameters.contributedKubeconfig(build, Map.of())).isEqualTo("/ws@tmp/.kube1234config");
        assertThat(KubeParameters.contributedKubeconfig(Map.of("KUBECONFIG", " "), Map.of())).isNull();
        assertThat(KubeParameters.contributedKubeconfig(null, controllerEnv)).isNull();
    }

    @Test
    void globalDefaultToken() {
        GlobalDefaults defaults = new GlobalDefaults("tok", "https://api.example.com", TestCertificates.PEM, null, null, null,
                null, null, null);
        KubeAccess a = KubeParameters.none().resolve(lookup, defaults, null, Map.of(), true);
        assertThat(a.source()).isEqualTo(KubeAccess.Source.TOKEN);
        assertThat(a.serverUrl()).isEqualTo("https://api.example.com");
        GlobalDefaults noServer = new GlobalDefaults("tok", null, null, null, null, null, null, null, null);
        assertThatThrownBy(() -> KubeParameters.none().resolve(lookup, noServer, Map.of(), Map.of(), true)).hasMessageContaining("no API server URL");
    }

    @Test
    void nothingConfigured() {
        assertThatThrownBy(() -> KubeParameters.none().resolve(lookup, GlobalDefaults.none(), Map.of(), Map.of(), true))
                .isInstanceOf(StepException.class).hasMessageContaining("No Kubernetes connection").hasMessageContaining("withKubeConfig");
    }

    @Test
    void invalidCombinationFailsBeforeAnyLookup() {
        CredentialLookup failing = id -> {
            throw new AssertionError("no lookup expected");
        };
        assertThatThrownBy(() -> new KubeParameters("kc", "https://api", "tok", null, false, null)
                .resolve(failing, GlobalDefaults.none(), Map.of(), Map.of(), true)).hasMessageStartingWith("Kubernetes connection: ");
    }
}
