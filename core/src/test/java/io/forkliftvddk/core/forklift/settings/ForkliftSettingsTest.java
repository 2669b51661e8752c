package io.forkliftvddk.core.forklift.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.forkliftvddk.core.forklift.ForkliftApi;
import io.forkliftvddk.core.forklift.ForkliftException;
import io.forkliftvddk.core.forklift.MockCluster;
import io.forkliftvddk.core.forklift.RecordingListener;
import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ForkliftSettingsTest {

    private static final String PINNED = "quay.io/org/vddk@sha256:" + "a".repeat(64);
    private static final String CONTROLLER_PATH = "/apis/forklift.konveyor.io/v1beta1/namespaces/openshift-mtv/forkliftcontrollers/forklift-controller";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ForkliftSettings settings(MockCluster c, RecordingListener l) {
        return new ForkliftSettings(c.client(), l);
    }

    private static List<MockCluster.Sent> patches(MockCluster c) {
        return c.takeRequests().stream().filter(r -> r.method().equals("PATCH")).toList();
    }

    @Test
    void setsPinnedVddkImageKeepsOtherFieldsAndReportsPreviousValue() throws Exception {
        try (MockCluster c = MockCluster.start()) {
            RecordingListener l = new RecordingListener();
            c.takeRequests();
            SettingsResult r = settings(c, l).apply(SettingsRequest.vddkImage(PINNED));
            assertThat(r.namespace()).isEqualTo("openshift-mtv");
            assertThat(r.namespaceSource()).isEqualTo("forkliftcontroller");
            assertThat(r.controller()).isEqualTo("forklift-controller");
            assertThat(r.changes()).containsExactly(new SettingChange("vddk_image", null, PINNED));
            assertThat(r.warnings()).isEmpty();
            assertThat(c.controllerSpec()).containsEntry("vddk_image", PINNED)
                    .containsEntry("feature_ui_plugin", "true").containsEntry("feature_validation", "true");

            List<MockCluster.Sent> sent = patches(c);
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0).contentType()).startsWith("application/json-patch+json");
            assertThat(JSON.readTree(sent.get(0).body()))
                    .isEqualTo(JSON.readTree("[{\"op\":\"add\",\"path\":\"/spec/vddk_image\",\"value\":\"" + PINNED + "\"}]"));

            String next = "quay.io/org/vddk@sha256:" + "b".repeat(64);
            SettingsResult r2 = settings(c, l).apply(SettingsRequest.vddkImage(next));
            assertThat(r2.changes()).containsExactly(new SettingChange("vddk_image", PINNED, next));
            // the replace is guarded by a test of the value read, so a concurrent change is not overwritten
            assertThat(JSON.readTree(patches(c).get(0).body())).isEqualTo(JSON.readTree(
                    "[{\"op\":\"test\",\"path\":\"/spec/vddk_image\",\"value\":\"" + PINNED + "\"},"
                            + "{\"op\":\"replace\",\"path\":\"/spec/vddk_image\",\"value\":\"" + next + "\"}]"));

            SettingsResult same = settings(c, l).apply(SettingsRequest.vddkImage(next));
            assertThat(same.changed()).isFalse();
            assertThat(same.unchanged()).containsExactly("vddk_image");
            assertThat(patches(c)).isEmpty();
            new ObjectOutputStream(new ByteArrayOutputStream()).writeObject(r2);
        }
    }

    @Test
    void unpinnedImageIsAcceptedWithAWarningAndInvalidOnesAreRefused() throws Exception {
        try (MockCluster c = MockCluster.start()) {
            SettingsResult r = settings(c, new RecordingListener()).apply(SettingsRequest.vddkImage("quay.io/org/vddk:8.0.1"));
            assertThat(r.warnings()).anySatisfy(w -> assertThat(w).contains("not pinned"));
            assertThatThrownBy(() -> settings(c, new RecordingListener()).apply(SettingsRequest.vddkImage("Quay.io/Org/VDDK")))
                    .isInstanceOfSatisfying(ForkliftException.class, e -> assertThat(e.kind()).isEqualTo(ForkliftException.Kind.INVALID_INPUT))
                    .hasMessageContaining("invalid value for setting 'vddk_image'");
            assertThatThrownBy(() -> settings(c, new RecordingListener()).apply(SettingsRequest.vddkImage("")))
                    .hasMessageContaining("use unset");
        }
    }

    @Test
    void boolsAndIntsAreWrittenAsStringsOnAnUntypedSpec() throws Exception {
        try (MockCluster c = MockCluster.start()) {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("controller_vsphere_incremental_backup", "No");
            values.put("controller_vddk_job_active_deadline_sec", "600");
            values.put("virt_v2v_extra_args", "--foo \"bar\"");
            SettingsResult r = settings(c, new RecordingListener()).apply(SettingsRequest.set(values));
            assertThat(r.changes()).extracting(SettingChange::value).containsExactly("false", "600", "--foo \"bar\"");
            assertThat(c.controllerSpec()).containsEntry("controller_vsphere_incremental_backup", "false")
                    .containsEntry("controller_vddk_job_active_deadline_sec", "600")
                    .containsEntry("virt_v2v_extra_args", "--foo \"bar\"");
            List<SettingValue> got = settings(c, new RecordingListener()).get(null, null,
                    List.of("controller_vsphere_incremental_backup", "controller_vddk_job_active_deadline_sec", "vddk_image"), false);
            assertThat(got).extracting(SettingValue::displayValue).containsExactly("false", "600", "(not set)");
            assertThat(got.get(2).displayDefault()).isEqualTo("-");
            assertThat(got.get(1).defaultValue()).isEqualTo("300");
        }
    }

    @Test
    void typedCrdSchemaGetsTypedValues() throws Exception {
        try (MockCluster c = MockCluster.startEmpty()) {
            c.installCrds(true);
            c.createNamespace("openshift-mtv");
            c.createController("openshift-mtv", "forklift-controller", Map.of());
            settings(c, new RecordingListener()).apply(SettingsRequest.set(Map.of(
                    "controller_vsphere_incremental_backup", "TRUE", "controller_vddk_job_active_deadline_sec", "42")));
            Map<String, Object> spec = c.controllerSpec();
            assertThat(spec.get("controller_vsphere_incremental_backup")).isEqualTo(true);
            assertThat(((Number) spec.get("controller_vddk_job_active_deadline_sec")).intValue()).isEqualTo(42);
            // reading coerces native values back to text
            assertThat(settings(c, new RecordingListener()).get(null, null, List.of("controller_vsphere_incremental_backup"), false)
                    .get(0).value()).isEqualTo("true");
        }
    }

    @Test
    void badValuesAndUnknownNamesAreUsageErrors() {
        try (MockCluster c = MockCluster.start()) {
            ForkliftSettings s = settings(c, new RecordingListener());
            assertThatThrownBy(() -> s.apply(SettingsRequest.set(Map.of("feature_copy_offload", "maybe"))))
                    .isInstanceOfSatisfying(ForkliftException.class, e -> assertThat(e.kind()).isEqualTo(ForkliftException.Kind.INVALID_INPUT))
                    .hasMessage("invalid value for setting 'feature_copy_offload': expected boolean value (true/false), got: maybe");
            assertThatThrownBy(() -> s.apply(SettingsRequest.set(Map.of("controller_log_level", "not-a-number"))))
                    .hasMessage("invalid value for setting 'controller_log_level': expected integer value, got: not-a-number");
            assertThatThrownBy(() -> s.apply(SettingsRequest.set(Map.of("nonexistent_setting_xyzzy", "1"))))
                    .hasMessageStartingWith("unknown setting: nonexistent_setting_xyzzy").hasMessageContaining("settings get --all");
            assertThatThrownBy(() -> s.apply(SettingsRequest.set(Map.of("vddk", "x")))).hasMessageContaining("did you mean vddk_image");
            assertThatThrownBy(() -> s.get(null, null, List.of("nope"), false)).hasMessageContaining("unknown setting: nope");
            assertThat(patches(c)).isEmpty();
        }
    }

    @Test
    void unsetRemovesTheKeyWithAJsonPatchRemove() throws Exception {
        try (MockCluster c = MockCluster.start()) {
            settings(c, new RecordingListener()).apply(SettingsRequest.vddkImage(PINNED));
            c.takeRequests();
            SettingsResult r = settings(c, new RecordingListener()).apply(SettingsRequest.unset(List.of("vddk_image")));
            assertThat(r.changes()).containsExactly(new SettingChange("vddk_image", PINNED, null));
            // a real API server and the mock both delete the key on a JSON Patch remove (a merge-patch null is not
            // deleted by the mock), so both the request and the stored state are checked
            assertThat(JSON.readTree(patches(c).get(0).body())).isEqualTo(JSON.readTree(
                    "[{\"op\":\"test\",\"path\":\"/spec/vddk_image\",\"value\":\"" + PINNED + "\"},"
                            + "{\"op\":\"remove\",\"path\":\"/spec/vddk_image\"}]"));
            assertThat(c.controllerSpec()).doesNotContainKey("vddk_image").containsEntry("feature_ui_plugin", "true");

            SettingsResult again = settings(c, new RecordingListener()).apply(SettingsRequest.unset(List.of("vddk_image")));
            assertThat(again.changed()).isFalse();
            assertThat(again.unchanged()).containsExactly("vddk_image");
            assertThat(patches(c)).isEmpty();
        }
    }

    @Test
    void dryRunSendsNothing() throws Exception {
        try (MockCluster c = MockCluster.start()) {
            c.takeRequests();
            SettingsResult r = settings(c, new RecordingListener()).apply(SettingsRequest.vddkImage(PINNED).withDryRun(true));
            assertThat(r.dryRun()).isTrue();
            assertThat(r.changes()).containsExactly(new SettingChange("vddk_image", null, PINNED));
            assertThat(JSON.readTree(r.patch()).get(0).get("op").asText()).isEqualTo("add");
            assertThat(patches(c)).isEmpty();
            assertThat(c.controllerSpec()).doesNotContainKey("vddk_image");
        }
    }

    @Test
    void controllerWithoutSpecGetsOne() throws Exception {
        try (MockCluster c = MockCluster.startEmpty()) {
            c.installCrds(false);
            c.createNamespace("konveyor-forklift");
            ForkliftApi.controllers(c.client()).inNamespace("konveyor-forklift").resource(new GenericKubernetesResourceBuilder()
                    .withApiVersion(ForkliftApi.API_VERSION).withKind("ForkliftController")
                    .withNewMetadata().withName("fc").withNamespace("konveyor-forklift").endMetadata().build()).create();
            SettingsResult r = settings(c, new RecordingListener()).apply(SettingsRequest.vddkImage(PINNED));
            assertThat(r.namespace()).isEqualTo("konveyor-forklift");
            JsonNode patch = JSON.readTree(r.patch());
            assertThat(patch.get(0).get("path").asText()).isEqualTo("/spec");
            assertThat(ForkliftApi.controllers(c.client()).inNamespace("konveyor-forklift").withName("fc").get()
                    .getAdditionalProperties().get("spec")).isEqualTo(Map.of("vddk_image", PINNED));
        }
    }

    @Test
    void aFailedTestOpIsRetriedFromAFreshRead() throws Exception {
        try (MockCluster c = MockCluster.start()) {
            // a real API server answers 422 when a JSON Patch test op fails; the mock cannot, so the answer is injected
            c.server().expect().patch().withPath(CONTROLLER_PATH)
                    .andReturn(422, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":422,"
                            + "\"message\":\"the server rejected our request due to an error in our request\"}").once();
            RecordingListener l = new RecordingListener();
            SettingsResult r = settings(c, l).apply(SettingsRequest.vddkImage(PINNED));
            assertThat(r.changes()).hasSize(1);
            assertThat(c.controllerSpec()).containsEntry("vddk_image", PINNED);
            assertThat(l.all()).contains("retrying from a fresh read");
        }
    }

    @Test
    void providersWithTheirOwnImageAreListedAsWarnings() throws Exception {
        try (MockCluster c = MockCluster.start()) {
            c.createNamespace("migrations");
            for (String[] p : new String[][] {{"own", "quay.io/x/vddk:7"}, {"global", null}}) {
                Map<String, Object> spec = new LinkedHashMap<>();
                spec.put("type", "vsphere");
                spec.put("url", "https://vc/sdk");
                if (p[1] != null) {
                    spec.put("settings", Map.of("vddkInitImage", p[1]));
                }
                ForkliftApi.providers(c.client()).inNamespace("migrations").resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion(ForkliftApi.API_VERSION).withKind("Provider")
                        .withNewMetadata().withName(p[0]).withNamespace("migrations").endMetadata()
                        .withAdditionalProperties(Map.of("spec", spec)).build()).create();
            }
            SettingsResult r = settings(c, new RecordingListener()).apply(SettingsRequest.vddkImage(PINNED));
            assertThat(r.warnings()).singleElement().satisfies(w -> assertThat(w)
                    .contains("provider migrations/own").contains("quay.io/x/vddk:7").contains("does not reach it"));
        }
    }

    @Test
    void catalogHasBothListsInCategoryOrder() {
        assertThat(SettingsCatalog.all().size()).isGreaterThan(SettingsCatalog.supported().size());
        assertThat(SettingsCatalog.require("vddk_image")).satisfies(d -> {
            assertThat(d.type()).isEqualTo(SettingType.STRING);
            assertThat(d.category()).isEqualTo("image");
            assertThat(d.supported()).isTrue();
        });
        assertThat(SettingsCatalog.require("feature_ui_plugin").supported()).isFalse();
        assertThat(SettingsCatalog.find("wait_for_final_snapshot_consolidation")).isPresent();
        assertThat(SettingsCatalog.find("vsphere_osmap_configmap_name").orElseThrow().defaultValue()).isEqualTo("forklift-vsphere-osmap");
        List<String> cats = SettingsCatalog.all().stream().map(SettingDefinition::category).distinct().toList();
        assertThat(cats).isEqualTo(SettingsCatalog.CATEGORY_ORDER.stream().filter(cats::contains).toList());
    }

    @Test
    void boolSpellings() {
        SettingDefinition b = SettingsCatalog.require("feature_copy_offload");
        for (String t : List.of("true", "True", "TRUE", "1", "yes", "Yes", "YES")) {
            assertThat(SettingValues.normalise(b, t)).isEqualTo("true");
        }
        for (String f : List.of("false", "False", "FALSE", "0", "no", "No", "NO")) {
            assertThat(SettingValues.normalise(b, f)).isEqualTo("false");
        }
        assertThatThrownBy(() -> SettingValues.normalise(b, "tRUE")).isInstanceOf(ForkliftException.class);
        assertThat(SettingValues.normalise(SettingsCatalog.require("virt_v2v_extra_args"), "")).isEmpty();
    }
}
