package io.forkliftvddk.core.forklift.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.forkliftvddk.core.forklift.ForkliftApi;
import io.forkliftvddk.core.forklift.ForkliftException;
import io.forkliftvddk.core.forklift.MockCluster;
import io.forkliftvddk.core.forklift.RecordingListener;
import io.forkliftvddk.core.forklift.provider.VsphereProviderResult.Outcome;
import io.forkliftvddk.core.forklift.settings.ForkliftSettings;
import io.forkliftvddk.core.forklift.settings.SettingsRequest;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class VsphereProvidersTest {

    private static final String NS = "migrations";
    private static final String URL = "https://vcenter.example.com/sdk";
    private static final String IMAGE = "quay.io/org/vddk@sha256:" + "d".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static VsphereProviderRequest.Builder base() {
        return VsphereProviderRequest.builder("vs", NS, URL).credentials("administrator@vsphere.local",
                io.forkliftvddk.core.spi.Secret.of("p@ss\"word")).caPem(TestCa.PEM);
    }

    private static MockCluster cluster() {
        MockCluster c = MockCluster.start();
        c.createNamespace(NS);
        return c;
    }

    private static VsphereProviderResult run(MockCluster c, VsphereProviderRequest r) throws InterruptedException {
        return new VsphereProviders(c.client(), new RecordingListener()).createOrUpdate(r);
    }

    private static Secret secret(MockCluster c, String name) {
        return c.client().secrets().inNamespace(NS).withName(name).get();
    }

    private static String data(Secret s, String key) {
        String v = s.getData().get(key);
        return v == null ? null : new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8);
    }

    private static GenericKubernetesResource provider(MockCluster c, String name) {
        return ForkliftApi.providers(c.client()).inNamespace(NS).withName(name).get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource p) {
        return (Map<String, Object>) p.getAdditionalProperties().get("spec");
    }

    @Test
    void createsSecretAndProviderWithEveryFieldMapped() throws Exception {
        try (MockCluster c = cluster()) {
            VsphereProviderResult r = run(c, base().vddkInitImage(IMAGE).sdkEndpoint(SdkEndpoint.VCENTER).useVddkAioOptimization(true)
                    .buffers(128, 16).esxiCloneMethod(EsxiCloneMethod.SSH).build());
            assertThat(r.outcome()).isEqualTo(Outcome.CREATED);
            assertThat(r.secretOutcome()).isEqualTo(Outcome.CREATED);
            assertThat(r.secretName()).isEqualTo("vs-vsphere-credentials");

            Secret s = secret(c, "vs-vsphere-credentials");
            assertThat(s.getType()).isEqualTo("Opaque");
            assertThat(s.getMetadata().getLabels()).containsEntry("createdForProviderType", "vsphere")
                    .containsEntry("createdForResourceType", "providers");
            assertThat(s.getData()).containsOnlyKeys("user", "password", "url", "ca.crt", "cacert");
            assertThat(data(s, "user")).isEqualTo("administrator@vsphere.local");
            assertThat(data(s, "password")).isEqualTo("p@ss\"word");
            assertThat(data(s, "url")).isEqualTo(URL);
            assertThat(data(s, "ca.crt")).isEqualTo(TestCa.PEM);
            assertThat(data(s, "cacert")).isEqualTo(TestCa.PEM);

            GenericKubernetesResource p = provider(c, "vs");
            assertThat(p.getApiVersion()).isEqualTo("forklift.konveyor.io/v1beta1");
            assertThat(spec(p)).containsEntry("type", "vsphere").containsEntry("url", URL)
                    .containsEntry("secret", Map.of("name", "vs-vsphere-credentials", "namespace", NS));
            assertThat(spec(p).get("settings")).isEqualTo(Map.of(
                    "vddkInitImage", IMAGE,
                    "sdkEndpoint", "vcenter",
                    "useVddkAioOptimization", "true",
                    "vddkConfig", "VixDiskLib.nfcAio.Session.BufSizeIn64KB=128\nVixDiskLib.nfcAio.Session.BufCount=16",
                    "esxiCloneMethod", "ssh"));

            assertThat(s.getMetadata().getOwnerReferences()).singleElement().satisfies(o -> {
                assertThat(o.getApiVersion()).isEqualTo("forklift.konveyor.io/v1beta1");
                assertThat(o.getKind()).isEqualTo("Provider");
                assertThat(o.getName()).isEqualTo("vs");
                assertThat(o.getUid()).isEqualTo(p.getMetadata().getUid()).isNotBlank();
            });
            assertThat(r.uid()).isEqualTo(p.getMetadata().getUid());
            assertThat(r.effectiveSettings()).containsEntry("vddkInitImage", IMAGE).hasSize(5);
            assertThat(r.warnings()).isEmpty();
            assertThat(r.toString()).doesNotContain("p@ss");
            new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(r);
        }
    }

    @Test
    void insecureWithoutSettingsWritesNoSettingsAndNoCa() throws Exception {
        try (MockCluster c = cluster()) {
            c.takeRequests();
            run(c, base().caPem(null).insecureSkipVerify(true).build());
            Secret s = secret(c, "vs-vsphere-credentials");
            assertThat(s.getData()).containsOnlyKeys("user", "password", "url", "insecureSkipVerify");
            assertThat(data(s, "insecureSkipVerify")).isEqualTo("true");
            assertThat(spec(provider(c, "vs"))).doesNotContainKey("settings");
            // the order kubectl-mtv and the UI use: Secret, Provider, then the Secret's owner reference
            List<String> writes = c.takeRequests().stream().filter(q -> !q.method().equals("GET")).map(q -> q.method() + " " + q.path()).toList();
            assertThat(writes).containsExactly(
                    "POST /api/v1/namespaces/migrations/secrets",
                    "POST /apis/forklift.konveyor.io/v1beta1/namespaces/migrations/providers",
                    "PUT /api/v1/namespaces/migrations/secrets/vs-vsphere-credentials");
        }
    }

    @Test
    void ownerReferenceIsAppendedAndOtherOwnersKept() throws Exception {
        try (MockCluster c = cluster()) {
            OwnerReference other = new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap").withName("keeper")
                    .withUid("11111111-2222-3333-4444-555555555555").build();
            c.client().secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("vs-vsphere-credentials")
                    .withNamespace(NS).withLabels(VsphereProviders.SECRET_LABELS).withOwnerReferences(other).endMetadata()
                    .withType("Opaque").addToData("user", "b2xk").addToData("thumbprint", "a2VlcA==").build()).create();
            VsphereProviderResult r = run(c, base().build());
            assertThat(r.secretOutcome()).isEqualTo(Outcome.UPDATED);
            Secret s = secret(c, "vs-vsphere-credentials");
            assertThat(s.getMetadata().getOwnerReferences()).hasSize(2).contains(other);
            assertThat(s.getMetadata().getOwnerReferences().get(1).getKind()).isEqualTo("Provider");
            assertThat(data(s, "user")).isEqualTo("administrator@vsphere.local");
            assertThat(data(s, "thumbprint")).isEqualTo("keep");
            // a second run finds the reference in place and adds no duplicate
            VsphereProviderResult again = run(c, base().build());
            assertThat(again.outcome()).isEqualTo(Outcome.UNCHANGED);
            assertThat(again.secretOutcome()).isEqualTo(Outcome.UNCHANGED);
            assertThat(secret(c, "vs-vsphere-credentials").getMetadata().getOwnerReferences()).hasSize(2);
        }
    }

    @Test
    void ownerReferenceUpdateIsRetriedOnConflict() throws Exception {
        try (MockCluster c = cluster()) {
            // someone else updated the Secret between our get and update: a real API server answers 409
            c.server().expect().put().withPath("/api/v1/namespaces/migrations/secrets/vs-vsphere-credentials")
                    .andReturn(409, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Conflict\",\"code\":409,"
                            + "\"message\":\"the object has been modified; please apply your changes to the latest version\"}").once();
            VsphereProviderResult r = run(c, base().build());
            assertThat(secret(c, "vs-vsphere-credentials").getMetadata().getOwnerReferences()).singleElement()
                    .satisfies(o -> assertThat(o.getUid()).isEqualTo(r.uid()));
            assertThat(c.takeRequests().stream().filter(q -> q.method().equals("PUT")).count()).isEqualTo(2);
        }
    }

    @Test
    void foreignSecretWithOurNameIsNotTaken() {
        try (MockCluster c = cluster()) {
            c.client().secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("vs-vsphere-credentials")
                    .withNamespace(NS).endMetadata().addToData("x", "eQ==").build()).create();
            assertThatThrownBy(() -> run(c, base().build()))
                    .isInstanceOfSatisfying(ForkliftException.class, e -> assertThat(e.kind()).isEqualTo(ForkliftException.Kind.CONFLICT))
                    .hasMessageContaining("--secret vs-vsphere-credentials");
            assertThat(provider(c, "vs")).isNull();
        }
    }

    @Test
    void updateKeepsUnknownSettingsAndOtherFields() throws Exception {
        try (MockCluster c = cluster()) {
            run(c, base().sdkEndpoint(SdkEndpoint.ESXI).build());
            ForkliftApi.providers(c.client()).inNamespace(NS).withName("vs").edit(p -> {
                Map<String, Object> spec = spec(p);
                spec.put("settings", new LinkedHashMap<>(Map.of("sdkEndpoint", "esxi", "futureSetting", "keep-me")));
                spec.put("futureField", "kept");
                return p;
            });
            VsphereProviderResult r = run(c, base().url("https://vcenter2.example.com/sdk").vddkInitImage(IMAGE).build());
            assertThat(r.outcome()).isEqualTo(Outcome.UPDATED);
            assertThat(r.secretOutcome()).isEqualTo(Outcome.UPDATED);
            Map<String, Object> spec = spec(provider(c, "vs"));
            assertThat(spec).containsEntry("url", "https://vcenter2.example.com/sdk").containsEntry("futureField", "kept");
            assertThat(spec.get("settings")).isEqualTo(Map.of("sdkEndpoint", "esxi", "futureSetting", "keep-me", "vddkInitImage", IMAGE));
            assertThat(data(secret(c, "vs-vsphere-credentials"), "url")).isEqualTo("https://vcenter2.example.com/sdk");
            assertThat(r.effectiveSettings()).containsEntry("futureSetting", "keep-me");

            assertThat(run(c, base().url("https://vcenter2.example.com/sdk").vddkInitImage(IMAGE).build()).outcome())
                    .isEqualTo(Outcome.UNCHANGED);
            assertThatThrownBy(() -> run(c, base().ifExists(IfExists.FAIL).build()))
                    .isInstanceOfSatisfying(ForkliftException.class, e -> assertThat(e.kind()).isEqualTo(ForkliftException.Kind.CONFLICT))
                    .hasMessageContaining("already exists");
            VsphereProviderResult skipped = run(c, base().url("https://other/sdk").ifExists(IfExists.SKIP).build());
            assertThat(skipped.outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(spec(provider(c, "vs"))).containsEntry("url", "https://vcenter2.example.com/sdk");
        }
    }

    @Test
    void existingSecretIsUsedAsItIs() throws Exception {
        try (MockCluster c = cluster()) {
            Secret mine = c.client().secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("my-creds")
                    .withNamespace(NS).endMetadata().addToData("user", "dQ==").addToData("password", "cA==")
                    .addToData("insecureSkipVerify", "dHJ1ZQ==").build()).create();
            VsphereProviderResult r = run(c, VsphereProviderRequest.builder("vs", NS, URL).existingSecret("my-creds").build());
            assertThat(r.secretOutcome()).isEqualTo(Outcome.EXISTING);
            assertThat(r.secretName()).isEqualTo("my-creds");
            assertThat(spec(provider(c, "vs")).get("secret")).isEqualTo(Map.of("name", "my-creds", "namespace", NS));
            Secret after = secret(c, "my-creds");
            // the caller's Secret is not touched: no data change, no owner reference (deleting the Provider must not delete it)
            assertThat(after.getData()).isEqualTo(mine.getData());
            assertThat(after.getMetadata().getOwnerReferences()).isNullOrEmpty();
            assertThat(secret(c, "vs-vsphere-credentials")).isNull();

            assertThatThrownBy(() -> run(c, VsphereProviderRequest.builder("vs2", NS, URL).existingSecret("missing").build()))
                    .isInstanceOfSatisfying(ForkliftException.class, e -> assertThat(e.kind()).isEqualTo(ForkliftException.Kind.NOT_FOUND))
                    .hasMessageContaining("Secret migrations/missing does not exist");
            c.client().secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("half")
                    .withNamespace(NS).endMetadata().addToData("user", "dQ==").build()).create();
            assertThatThrownBy(() -> run(c, VsphereProviderRequest.builder("vs3", NS, URL).existingSecret("half").build()))
                    .hasMessageContaining("lacks the keys [password]");
            assertThat(provider(c, "vs3")).isNull();
        }
    }

    @Test
    void failedProviderCreationDeletesTheSecretJustCreated() {
        try (MockCluster c = cluster()) {
            c.server().expect().post().withPath("/apis/forklift.konveyor.io/v1beta1/namespaces/migrations/providers")
                    .andReturn(400, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":400,"
                            + "\"message\":\"admission webhook \\\"provider-validate\\\" denied the request: webhook said no\"}")
                    .always();
            assertThatThrownBy(() -> run(c, base().build()))
                    .isInstanceOf(ForkliftException.class)
                    .hasMessageContaining("failed to create Provider migrations/vs").hasMessageContaining("webhook said no")
                    .hasMessageContaining("nothing is left");
            assertThat(c.client().secrets().inNamespace(NS).list().getItems()).isEmpty();
        }
    }

    @Test
    void failedCleanupSaysWhatIsLeft() {
        try (MockCluster c = cluster()) {
            c.server().expect().post().withPath("/apis/forklift.konveyor.io/v1beta1/namespaces/migrations/providers")
                    .andReturn(400, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":400,\"message\":\"boom\"}").always();
            c.server().expect().delete().withPath("/api/v1/namespaces/migrations/secrets/vs-vsphere-credentials")
                    .andReturn(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":403,\"message\":\"no\"}").always();
            assertThatThrownBy(() -> run(c, base().build()))
                    .hasMessageContaining("could NOT be deleted")
                    .hasMessageContaining("kubectl delete secret -n migrations vs-vsphere-credentials");
        }
    }

    private static void setStatus(MockCluster c, String phase, Map<String, Object>... conditions) {
        ForkliftApi.providers(c.client()).inNamespace(NS).withName("vs").editStatus(p -> {
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("phase", phase);
            st.put("conditions", List.of(conditions));
            p.setAdditionalProperty("status", st);
            return p;
        });
    }

    private static Map<String, Object> cond(String type, String status, String category, String message) {
        return Map.of("type", type, "status", status, "category", category, "message", message);
    }

    @Test
    @SuppressWarnings("unchecked")
    void waitEndsOnReady() throws Exception {
        try (MockCluster c = cluster()) {
            CompletableFuture<Void> controller = CompletableFuture.runAsync(() -> {
                try {
                    while (provider(c, "vs") == null) {
                        Thread.sleep(50);
                    }
                    Thread.sleep(300);
                    setStatus(c, "Ready", cond("ConnectionTestSucceeded", "True", "Required", "Connection test, succeeded."),
                            cond("InventoryCreated", "True", "Required", "The inventory has been loaded."),
                            cond("Ready", "True", "Required", "The provider is ready."));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            VsphereProviderResult r = run(c, base().waitForReady(Duration.ofSeconds(20), Duration.ofMillis(100)).build());
            controller.join();
            assertThat(r.phase()).isEqualTo("Ready");
            assertThat(r.conditions()).contains("Ready=True (Required): The provider is ready.");
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void waitFailsEarlyOnACriticalCondition() {
        try (MockCluster c = cluster()) {
            CompletableFuture<Void> controller = CompletableFuture.runAsync(() -> {
                try {
                    while (provider(c, "vs") == null) {
                        Thread.sleep(50);
                    }
                    setStatus(c, "ConnectionFailed", cond("ConnectionAuthFailed", "True", "Critical", "Authentication failed: 401."));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> run(c, base().waitForReady(Duration.ofSeconds(30), Duration.ofMillis(100)).build()))
                    .isInstanceOfSatisfying(ForkliftException.class, e -> assertThat(e.kind()).isEqualTo(ForkliftException.Kind.FAILED))
                    .hasMessageContaining("ConnectionAuthFailed (Critical): Authentication failed: 401.")
                    .hasMessageContaining("phase ConnectionFailed");
            controller.join();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void waitTimesOutWithWhatItSaw() {
        try (MockCluster c = cluster()) {
            assertThatThrownBy(() -> run(c, base().waitForReady(Duration.ofMillis(500), Duration.ofMillis(100)).build()))
                    .isInstanceOfSatisfying(ForkliftException.class, e -> assertThat(e.kind()).isEqualTo(ForkliftException.Kind.TIMEOUT))
                    .hasMessageContaining("was not Ready within 500ms").hasMessageContaining("phase null");
        }
    }

    @Test
    void dryRunYamlParsesBackWithSecretsRedactedUnlessAsked() throws Exception {
        VsphereProviderRequest r = base().vddkInitImage(IMAGE).useVddkAioOptimization(true).preset(BufferPreset.MEDIUM).build();
        VsphereProviders.Rendering yaml = VsphereProviders.render(r, VsphereProviders.Format.YAML, false);
        ObjectMapper y = new ObjectMapper(new YAMLFactory());
        List<JsonNode> docs = y.readerFor(JsonNode.class).<JsonNode>readValues(yaml.text()).readAll();
        assertThat(docs).hasSize(2);
        assertThat(docs.get(0).path("kind").asText()).isEqualTo("Secret");
        assertThat(docs.get(0).path("metadata").path("name").asText()).isEqualTo("vs-vsphere-credentials");
        assertThat(decode(docs.get(0), "password")).isEqualTo(VsphereProviders.REDACTED);
        assertThat(decode(docs.get(0), "ca.crt")).isEqualTo(VsphereProviders.REDACTED);
        assertThat(decode(docs.get(0), "user")).isEqualTo("administrator@vsphere.local");
        assertThat(yaml.text()).doesNotContain(Base64.getEncoder().encodeToString("p@ss\"word".getBytes(StandardCharsets.UTF_8)));
        assertThat(docs.get(1).path("kind").asText()).isEqualTo("Provider");
        assertThat(docs.get(1).path("spec").path("settings").path("vddkConfig").asText())
                .isEqualTo("VixDiskLib.nfcAio.Session.BufSizeIn64KB=128\nVixDiskLib.nfcAio.Session.BufCount=8");
        assertThat(docs.get(1).path("spec").path("secret").path("name").asText()).isEqualTo("vs-vsphere-credentials");

        VsphereProviders.Rendering shown = VsphereProviders.render(r, VsphereProviders.Format.JSON, true);
        JsonNode list = JSON.readTree(shown.text());
        assertThat(list.path("kind").asText()).isEqualTo("List");
        assertThat(list.path("items")).hasSize(2);
        assertThat(decode(list.path("items").get(0), "password")).isEqualTo("p@ss\"word");
        assertThat(decode(list.path("items").get(0), "cacert")).isEqualTo(TestCa.PEM);

        VsphereProviders.Rendering existing = VsphereProviders.render(VsphereProviderRequest.builder("vs", NS, URL)
                .existingSecret("my-creds").build(), VsphereProviders.Format.JSON, false);
        JsonNode only = JSON.readTree(existing.text()).path("items");
        assertThat(only).hasSize(1);
        assertThat(only.get(0).path("spec").path("secret").path("name").asText()).isEqualTo("my-creds");
    }

    private static String decode(JsonNode secret, String key) {
        return new String(Base64.getDecoder().decode(secret.path("data").path(key).asText()), StandardCharsets.UTF_8);
    }

    @Test
    void warnings() throws Exception {
        assertThat(VsphereProviders.validate(base().useVddkAioOptimization(true).build()).warnings())
                .anySatisfy(w -> assertThat(w).contains("without a per-provider vddkInitImage are removed by Forklift's webhook"));
        assertThat(VsphereProviders.validate(base().vddkInitImage(IMAGE).buffers(64, 4).build()).warnings())
                .anySatisfy(w -> assertThat(w).contains("buffer settings without AIO"));
        assertThat(VsphereProviders.validate(base().vddkInitImage(IMAGE).useVddkAioOptimization(true).preset(BufferPreset.VERY_LARGE).build())
                .warnings()).anySatisfy(w -> assertThat(w).contains("1024 MiB per disk").contains("exceed 256 MiB"));
        assertThat(VsphereProviders.validate(base().vddkInitImage(IMAGE).useVddkAioOptimization(true).preset(BufferPreset.LARGE).build())
                .warnings()).isEmpty();
        assertThat(VsphereProviders.validate(VsphereProviderRequest.builder("vs", NS, "https://vc.example.com")
                .credentials("u", io.forkliftvddk.core.spi.Secret.of("p")).insecureSkipVerify(true).build()).warnings())
                .anySatisfy(w -> assertThat(w).contains("does not end in /sdk"));
        try (MockCluster c = cluster()) {
            VsphereProviderResult r = run(c, base().build());
            assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("no VDDK image is configured"));
        }
    }

    @Test
    void pinGlobalImageCopiesTheControllersImage() throws Exception {
        try (MockCluster c = cluster()) {
            assertThatThrownBy(() -> run(c, base().useVddkAioOptimization(true).pinGlobalImage(true).build()))
                    .hasMessageContaining("has no vddk_image to pin");
            new ForkliftSettings(c.client(), new RecordingListener()).apply(SettingsRequest.vddkImage(IMAGE));
            VsphereProviderResult r = run(c, base().useVddkAioOptimization(true).pinGlobalImage(true).build());
            assertThat(r.effectiveSettings()).containsEntry("vddkInitImage", IMAGE).containsEntry("useVddkAioOptimization", "true");
            assertThat(r.warnings()).isEmpty();
        }
    }

    @Test
    void validation() {
        assertThatThrownBy(() -> VsphereProviders.validate(base().url("http://vc/sdk").build())).hasMessageContaining("absolute https URL");
        assertThatThrownBy(() -> VsphereProviders.validate(base().url("vc.example.com/sdk").build())).hasMessageContaining("absolute https URL");
        assertThatThrownBy(() -> VsphereProviders.validate(base().caPem("-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n").build()))
                .hasMessageContaining("not a valid PEM X.509 certificate");
        assertThatThrownBy(() -> VsphereProviders.validate(base().caPem("hello").build())).hasMessageContaining("not PEM");
        assertThatThrownBy(() -> VsphereProviders.validate(base().insecureSkipVerify(true).build())).hasMessageContaining("not both");
        assertThatThrownBy(() -> VsphereProviders.validate(base().caPem(null).build()))
                .hasMessageContaining("either a CA certificate (--cacert FILE) or insecure skip TLS");
        assertThatThrownBy(() -> VsphereProviders.validate(base().existingSecret("s").build()))
                .hasMessageContaining("either an existing Secret or a username and password");
        assertThatThrownBy(() -> VsphereProviders.validate(VsphereProviderRequest.builder("vs", NS, URL).build()))
                .hasMessageContaining("give a username and a password");
        assertThatThrownBy(() -> VsphereProviders.validate(base().buffers(1025, 0).build())).hasMessageContaining("1-1024");
        assertThatThrownBy(() -> VsphereProviders.validate(base().buffers(0, 65).build())).hasMessageContaining("1-64");
        assertThatThrownBy(() -> VsphereProviders.validate(base().buffers(-1, 0).build())).hasMessageContaining("1-1024");
        assertThatThrownBy(() -> VsphereProviders.validate(base().buffers(8, 0).preset(BufferPreset.SMALL).build())).hasMessageContaining("not both");
        assertThatThrownBy(() -> VsphereProviders.validate(base().vddkInitImage("Bad Image").build())).hasMessageContaining("--vddk-init-image");
        assertThat(VsphereProviders.validate(base().build().toBuilder().build()).request()).isEqualTo(base().build());
        assertThatThrownBy(() -> VsphereProviders.validate(VsphereProviderRequest.builder("Bad_Name", NS, URL).build()))
                .hasMessageContaining("invalid provider name");
        assertThat(BufferPreset.parse("very-large")).isEqualTo(BufferPreset.VERY_LARGE);
        assertThatThrownBy(() -> SdkEndpoint.parse("cloud")).hasMessage("invalid SDK endpoint type: cloud. Valid types are: vcenter, esxi");
        assertThatThrownBy(() -> EsxiCloneMethod.parse("scp")).hasMessage("invalid ESXi clone method: scp. Valid methods are: vib, ssh");
    }
}
