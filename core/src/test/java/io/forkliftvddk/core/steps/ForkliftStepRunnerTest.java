package io.forkliftvddk.core.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import io.forkliftvddk.core.build.BuildResult;
import io.forkliftvddk.core.build.Runtime;
import io.forkliftvddk.core.forklift.ForkliftApi;
import io.forkliftvddk.core.forklift.KubeConnection;
import io.forkliftvddk.core.forklift.MockCluster;
import io.forkliftvddk.core.forklift.RecordingListener;
import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.image.Platform;
import io.forkliftvddk.core.spi.Secret;
import io.forkliftvddk.core.steps.CredentialLookup.Resolved;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The forklift steps end to end against the Kubernetes mock server (CRUD mode, Forklift CRDs registered). */
class ForkliftStepRunnerTest {

    private static final String PINNED = "127.0.0.1:5000/mtv/vddk@sha256:" + "c".repeat(64);
    private static final String VC_PW = "vc-s3cr3t";
    private static final String REG_PW = "reg-s3cr3t";
    private final CredentialLookup lookup = id -> id.equals("vc")
            ? Resolved.usernamePassword("vc", "administrator@vsphere.local", Secret.of(VC_PW))
            : id.equals("reg") ? Resolved.usernamePassword("reg", "robot", Secret.of(REG_PW)) : null;

    @Test
    void connectionFromAccess() {
        KubeConnection k = ForkliftStepRunner.connection(KubeAccess.kubeconfig(Secret.of("apiVersion: v1\nkind: Config\n"), "ctx", "d"));
        assertThat(k.kubeconfig().reveal()).startsWith("apiVersion");
        assertThat(k.context()).isEqualTo("ctx");
        KubeConnection t = ForkliftStepRunner.connection(KubeAccess.token("https://api:6443", Secret.of("tok"), null, true, "d"));
        assertThat(t.server()).isEqualTo("https://api:6443");
        assertThat(t.insecureSkipTlsVerify()).isTrue();
        assertThatThrownBy(() -> ForkliftStepRunner.connection(KubeAccess.kubeconfigFile("/x", null, "d")))
                .hasMessageContaining("has not been read");
    }

    @Test
    void configureReadsWhenNothingIsRequested() throws Exception {
        try (MockCluster c = MockCluster.start()) {
            AtomicInteger connects = new AtomicInteger();
            Map<String, Object> m = ForkliftStepRunner.configure(ConfigureForkliftParameters.builder().build(), lookup, GlobalDefaults.none(), c.connection(),
                    k -> {
                        connects.incrementAndGet();
                        return k.connect();
                    }, new RecordingListener());
            assertThat(connects).hasValue(1);
            assertThat(m).containsEntry("namespace", "openshift-mtv").containsEntry("controller", "forklift-controller")
                    .containsEntry("changed", false).containsEntry("vddk_image", "").containsEntry("overridingProviders", "");
            assertThat(c.takeRequests()).noneMatch(r -> r.method().equals("PATCH"));
        }
    }

    @Test
    void configureSetsTheImageAndReportsThePreviousValue() throws Exception {
        try (MockCluster c = MockCluster.start()) {
            ConfigureForkliftParameters p = ConfigureForkliftParameters.builder().vddkImage(PINNED)
                    .settings(List.of(new SettingParameter("controller_vddk_job_active_deadline_sec", "600"))).build();
            Map<String, Object> m = ForkliftStepRunner.configure(p, lookup, GlobalDefaults.none(), c.connection(), ForkliftStepRunner.directConnector(),
                    new RecordingListener());
            assertThat(m).containsEntry("changed", true).containsEntry("vddk_image", PINNED).containsEntry("previous.vddk_image", "")
                    .containsEntry("controller_vddk_job_active_deadline_sec", "600").containsEntry("dryRun", false);
            assertThat(c.controllerSpec()).containsEntry("vddk_image", PINNED).containsEntry("feature_ui_plugin", "true");
            assertThat(m.values()).allMatch(v -> v instanceof String || v instanceof Boolean);

            String next = "127.0.0.1:5000/mtv/vddk@sha256:" + "d".repeat(64);
            Map<String, Object> m2 = ForkliftStepRunner.configure(ConfigureForkliftParameters.builder().vddkImage(next).build(),
                    lookup, GlobalDefaults.none(), c.connection(), ForkliftStepRunner.directConnector(), new RecordingListener());
            assertThat(m2).containsEntry("previous.vddk_image", PINNED).containsEntry("vddk_image", next);

            Map<String, Object> dry = ForkliftStepRunner.configure(ConfigureForkliftParameters.builder().unset("vddk_image")
                    .dryRun(true).build(), lookup, GlobalDefaults.none(), c.connection(), ForkliftStepRunner.directConnector(), new RecordingListener());
            assertThat(dry).containsEntry("dryRun", true);
            assertThat((String) dry.get("patch")).contains("/spec/vddk_image");
            assertThat(c.controllerSpec()).containsEntry("vddk_image", next);
        }
    }

    private static void targetNamespace(MockCluster c, String ns) {
        c.createNamespace(ns);
        c.client().serviceAccounts().inNamespace(ns).resource(new ServiceAccountBuilder().withNewMetadata().withName("default")
                .withNamespace(ns).endMetadata().withImagePullSecrets(new LocalObjectReference("default-dockercfg-1")).build()).create();
    }

    @Test
    void configureInstallsPullSecretsForTheImageRegistryBeforeSettingTheImage() throws Exception {
        try (MockCluster c = MockCluster.start()) {
            targetNamespace(c, "target-a");
            targetNamespace(c, "target-b");
            ConfigureForkliftParameters p = ConfigureForkliftParameters.builder().vddkImage(PINNED)
                    .pullSecretNamespaces("target-a, target-b\ntarget-a").registryCredentialsId("reg").build();
            RecordingListener log = new RecordingListener();
            Map<String, Object> m = ForkliftStepRunner.configure(p, lookup, GlobalDefaults.none(), c.connection(),
                    ForkliftStepRunner.directConnector(), log);
            assertThat(m).containsEntry("vddk_image", PINNED).containsEntry("pullSecretRegistry", "127.0.0.1:5000")
                    .containsEntry("pullSecretsChanged", true)
                    .containsEntry("pullSecrets", "target-a/forklift-vddk-pull: created; ServiceAccount default: appended\n"
                            + "target-b/forklift-vddk-pull: created; ServiceAccount default: appended");
            assertThat(m.values()).allMatch(v -> v instanceof String || v instanceof Boolean)
                    .noneMatch(v -> v.toString().contains(REG_PW));
            assertThat(log.all()).doesNotContain(REG_PW);
            io.fabric8.kubernetes.api.model.Secret s = c.client().secrets().inNamespace("target-b").withName("forklift-vddk-pull").get();
            String json = new String(Base64.getDecoder().decode(s.getData().get(".dockerconfigjson")), StandardCharsets.UTF_8);
            assertThat(json).contains("\"127.0.0.1:5000\"").contains("\"robot\"").contains(REG_PW);
            assertThat(c.client().serviceAccounts().inNamespace("target-a").withName("default").get().getImagePullSecrets())
                    .extracting(LocalObjectReference::getName).containsExactly("default-dockercfg-1", "forklift-vddk-pull");
            // the secrets are written before the controller is patched
            List<MockCluster.Sent> sent = c.takeRequests();
            int secretPost = indexOf(sent, r -> r.method().equals("POST") && r.path().contains("/secrets"));
            int patch = indexOf(sent, r -> r.method().equals("PATCH") && r.path().contains("forkliftcontrollers"));
            assertThat(secretPost).isNotNegative();
            assertThat(patch).isGreaterThan(secretPost);

            // again, with only the pull secrets and the registry from the controller's current image: nothing changes
            Map<String, Object> again = ForkliftStepRunner.configure(ConfigureForkliftParameters.builder().pullSecretNamespaces("target-a")
                    .build(), lookup, new GlobalDefaults(null, null, null, "reg", null, null, null, null, null), c.connection(),
                    ForkliftStepRunner.directConnector(), new RecordingListener());
            assertThat(again).containsEntry("changed", false).containsEntry("pullSecretsChanged", false)
                    .containsEntry("pullSecretRegistry", "127.0.0.1:5000")
                    .containsEntry("pullSecrets", "target-a/forklift-vddk-pull: unchanged; ServiceAccount default: already listed");
            assertThat(c.takeRequests()).noneMatch(r -> r.method().equals("PATCH") || r.method().equals("PUT") || r.method().equals("POST"));
        }
    }

    private static int indexOf(List<MockCluster.Sent> sent, java.util.function.Predicate<MockCluster.Sent> p) {
        for (int i = 0; i < sent.size(); i++) {
            if (p.test(sent.get(i))) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void pullSecretsNeedCredentialsAndAnImageAndADryRunWritesNothing() throws Exception {
        try (MockCluster c = MockCluster.start()) {
            targetNamespace(c, "target-a");
            ConfigureForkliftParameters noCreds = ConfigureForkliftParameters.builder().vddkImage(PINNED).pullSecretNamespaces("target-a").build();
            assertThatThrownBy(() -> ForkliftStepRunner.configure(noCreds, lookup, GlobalDefaults.none(), c.connection(), k -> {
                throw new AssertionError("credentials are resolved before connecting");
            }, new RecordingListener())).isInstanceOf(StepException.class).hasMessageContaining("registryCredentialsId");
            ConfigureForkliftParameters wrongKind = noCreds.toBuilder().registryCredentialsId("nope").build();
            assertThatThrownBy(() -> ForkliftStepRunner.configure(wrongKind, lookup, GlobalDefaults.none(), c.connection(),
                    ForkliftStepRunner.directConnector(), new RecordingListener())).isInstanceOf(StepException.class)
                    .hasMessageContaining("registryCredentialsId");
            // no image given and none set on the controller: no registry to write a secret for
            ConfigureForkliftParameters noImage = ConfigureForkliftParameters.builder().pullSecretNamespaces("target-a")
                    .registryCredentialsId("reg").build();
            assertThatThrownBy(() -> ForkliftStepRunner.configure(noImage, lookup, GlobalDefaults.none(), c.connection(),
                    ForkliftStepRunner.directConnector(), new RecordingListener())).isInstanceOf(StepException.class)
                    .hasMessageContaining("set vddkImage");
            c.takeRequests();
            Map<String, Object> dry = ForkliftStepRunner.configure(noCreds.toBuilder().registryCredentialsId("reg").dryRun(true).build(),
                    lookup, GlobalDefaults.none(), c.connection(), ForkliftStepRunner.directConnector(), new RecordingListener());
            assertThat(dry).containsEntry("dryRun", true).containsEntry("pullSecretsChanged", false)
                    .containsEntry("pullSecrets", "target-a/forklift-vddk-pull: would be created or updated; ServiceAccount default: would list it");
            assertThat(c.takeRequests()).noneMatch(r -> r.method().equals("POST") || r.method().equals("PUT"));
            assertThat(c.client().secrets().inNamespace("target-a").withName("forklift-vddk-pull").get()).isNull();
        }
    }

    @Test
    void pullSecretParametersAreChecked() {
        assertThatThrownBy(() -> ConfigureForkliftParameters.builder().pullSecretNamespaces("Bad_NS").registryCredentialsId("reg")
                .build().validate()).isInstanceOf(StepException.class).hasMessageContaining("pullSecretNamespaces");
        assertThat(ConfigureForkliftParameters.builder().registryCredentialsId("reg").build().checks().get("registryCredentialsId").kind() == FormCheck.Kind.WARNING)
                .isTrue();
        assertThat(ConfigureForkliftParameters.builder().pullSecretNamespaces("a b").build().readOnly()).isFalse();
        assertThat(ConfigureForkliftParameters.builder().pullSecretNamespaces("a, b,a").build().pullSecretNamespaceList()).containsExactly("a", "b");
    }

    @Test
    void configureRefusesInvalidParametersBeforeConnecting() {
        ConfigureForkliftParameters p = ConfigureForkliftParameters.builder().unset("vddkImage").build();
        assertThatThrownBy(() -> ForkliftStepRunner.configure(p, lookup, GlobalDefaults.none(), null, k -> {
            throw new AssertionError("no connection expected");
        }, new RecordingListener())).isInstanceOf(StepException.class).hasMessageContaining("unset:");
    }

    @Test
    void setControllerImageWritesThePinnedDigestByDefault() throws Exception {
        ImageReference tag = ImageReference.parse("127.0.0.1:5000/mtv/vddk:8.0.1");
        String digest = "sha256:" + "e".repeat(64);
        BuildResult r = new BuildResult(List.of(tag), digest, tag.pinned(digest), "8.0.1", "a".repeat(64),
                List.of(Platform.LINUX_AMD64), 1, 2, false, null, Runtime.BUILTIN, "registry", List.of(), null);
        BuildImageParameters p = BuildImageParameters.builder().archive("k.tar.gz").tag(tag.toString()).setControllerImage(true).build();
        assertThat(ForkliftStepRunner.controllerImage(p, r)).isEqualTo("127.0.0.1:5000/mtv/vddk@" + digest);
        assertThat(ForkliftStepRunner.controllerImage(p.toBuilder().controllerImageRef("tag").build(), r)).isEqualTo(tag.toString());
        try (MockCluster c = MockCluster.start()) {
            Map<String, Object> m = ForkliftStepRunner.setControllerImage(p, r, c.connection(), ForkliftStepRunner.directConnector(),
                    new RecordingListener());
            assertThat(m).containsEntry("controllerConfigured", true).containsEntry("controller", "forklift-controller")
                    .containsEntry("previousControllerImage", "");
            assertThat(c.controllerSpec()).containsEntry("vddk_image", "127.0.0.1:5000/mtv/vddk@" + digest);
        }
    }

    @Test
    void providerDryRunNeedsNoClusterAndShowsNoPassword() throws Exception {
        CreateProviderParameters p = CreateProviderParameters.builder().name("vcenter-prod").namespace("demo")
                .url("https://vc.example.com/sdk").vsphereCredentialsId("vc").vsphereInsecureSkipTlsVerify(true)
                .vddkInitImage(PINNED).useVddkAioOptimization(true).vddkBufferPreset("medium").dryRun(true).build();
        Map<String, Object> m = ForkliftStepRunner.createProvider(p, lookup, null, k -> {
            throw new AssertionError("no connection for a dry run");
        }, new RecordingListener());
        assertThat(m).containsEntry("provider", "vcenter-prod").containsEntry("namespace", "demo").containsEntry("action", "dry-run");
        String rendered = (String) m.get("rendered");
        assertThat(rendered).contains("kind: \"Provider\"").contains("VixDiskLib.nfcAio.Session.BufSizeIn64KB=128")
                .doesNotContain(VC_PW).doesNotContain(java.util.Base64.getEncoder().encodeToString(VC_PW.getBytes()));
        assertThat(m.toString()).doesNotContain(VC_PW);
        assertThatThrownBy(() -> ForkliftStepRunner.createProvider(p.toBuilder().namespace(null).build(), lookup, null,
                ForkliftStepRunner.directConnector(), new RecordingListener())).hasMessageContaining("needs the namespace");
        assertThatThrownBy(() -> ForkliftStepRunner.createProvider(p.toBuilder().vsphereCredentialsId("missing").build(), lookup,
                null, ForkliftStepRunner.directConnector(), new RecordingListener())).hasMessageContaining("'missing'");
    }

    @Test
    void providerIsCreatedWithItsSecretAndSettingsReadBack() throws Exception {
        try (MockCluster c = MockCluster.start()) {
            c.createNamespace("demo");
            CreateProviderParameters p = CreateProviderParameters.builder().name("vcenter-prod").namespace("demo")
                    .url("https://vc.example.com/sdk").vsphereCredentialsId("vc").vsphereInsecureSkipTlsVerify(true)
                    .sdkEndpoint("vcenter").vddkInitImage(PINNED).useVddkAioOptimization(true).vddkBufSizeIn64k(32).vddkBufCount(8)
                    .build();
            RecordingListener log = new RecordingListener();
            Map<String, Object> m = ForkliftStepRunner.createProvider(p, lookup, c.connection(), ForkliftStepRunner.directConnector(), log);
            assertThat(m).containsEntry("provider", "vcenter-prod").containsEntry("namespace", "demo").containsEntry("action", "created")
                    .containsEntry("vddkInitImage", PINNED).containsEntry("sdkEndpoint", "vcenter")
                    .containsEntry("useVddkAioOptimization", "true").containsEntry("esxiCloneMethod", "");
            assertThat((String) m.get("vddkConfig")).contains("VixDiskLib.nfcAio.Session.BufSizeIn64KB=32")
                    .contains("VixDiskLib.nfcAio.Session.BufCount=8");
            assertThat((String) m.get("secret")).isNotEmpty();
            GenericKubernetesResource provider = ForkliftApi.providers(c.client()).inNamespace("demo").withName("vcenter-prod").get();
            assertThat(provider).isNotNull();
            assertThat(c.client().secrets().inNamespace("demo").withName((String) m.get("secret")).get().getData())
                    .containsKeys("user", "password", "url");
            assertThat(m.toString()).doesNotContain(VC_PW);
            assertThat(log.all()).doesNotContain(VC_PW);

            Map<String, Object> again = ForkliftStepRunner.createProvider(p, lookup, c.connection(), ForkliftStepRunner.directConnector(),
                    new RecordingListener());
            assertThat(again.get("action")).isIn("updated", "unchanged");

            // configureForklift names the providers that keep their own image, on a read and on a change
            Map<String, Object> read = ForkliftStepRunner.configure(ConfigureForkliftParameters.builder().build(), lookup,
                    GlobalDefaults.none(), c.connection(), ForkliftStepRunner.directConnector(), new RecordingListener());
            assertThat(read).containsEntry("overridingProviders", "demo/vcenter-prod " + PINNED);
            String other = "127.0.0.1:5000/mtv/vddk@sha256:" + "f".repeat(64);
            Map<String, Object> set = ForkliftStepRunner.configure(ConfigureForkliftParameters.builder().vddkImage(other).build(), lookup,
                    GlobalDefaults.none(), c.connection(), ForkliftStepRunner.directConnector(), new RecordingListener());
            assertThat(set).containsEntry("overridingProviders", "demo/vcenter-prod " + PINNED);
            assertThat((String) set.get("warnings")).contains("demo/vcenter-prod sets its own vddkInitImage");
        }
    }
}
