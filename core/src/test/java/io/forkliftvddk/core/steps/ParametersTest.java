package io.forkliftvddk.core.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParametersTest {

    private static final String KIT = "VMware-vix-disklib-8.0.1-21562716.x86_64.tar.gz";
    private static final GlobalDefaults DEFAULTS = new GlobalDefaults("kube-default", "https://api.example.com:6443", null,
            "reg-default", "podman", "/opt/podman/bin/podman", "mirror.example.com/ubi8/ubi-minimal", "mirror-creds", "/srv/vddk");

    @Test
    void buildDefaultsAndTrimming() {
        BuildImageParameters p = BuildImageParameters.builder().archive("  " + KIT + " ").tag("quay.io/x/vddk:8.0.1")
                .runtime(" ").buildDir("").build();
        assertThat(p.archive()).isEqualTo(KIT);
        assertThat(p.push()).isTrue();
        assertThat(p.runtime()).isNull();
        assertThat(p.buildDir()).isNull();
        assertThat(p.kube()).isEqualTo(KubeParameters.none());
        assertThat(p.platforms()).containsExactly("linux/amd64");
        assertThat(p.validate()).isEmpty();

        BuildImageParameters d = p.withDefaults(DEFAULTS);
        assertThat(d.runtime()).isEqualTo("podman");
        assertThat(d.runtimePath()).isEqualTo("/opt/podman/bin/podman");
        assertThat(d.baseImage()).isEqualTo("mirror.example.com/ubi8/ubi-minimal");
        assertThat(d.baseImageCredentialsId()).isEqualTo("mirror-creds");
        assertThat(d.registryCredentialsId()).isEqualTo("reg-default");
        assertThat(p.withDefaults(GlobalDefaults.none()).runtime()).isEqualTo("auto");
    }

    @Test
    void explicitValuesWinOverDefaults() {
        BuildImageParameters p = BuildImageParameters.builder().archive(KIT).tag("quay.io/x/vddk:8").runtime("builtin")
                .baseImage("quay.io/base/img:1").registryCredentialsId("mine").build().withDefaults(DEFAULTS);
        assertThat(p.runtime()).isEqualTo("builtin");
        assertThat(p.baseImage()).isEqualTo("quay.io/base/img:1");
        // the default base image's credentials belong to the default base image only
        assertThat(p.baseImageCredentialsId()).isNull();
        assertThat(p.registryCredentialsId()).isEqualTo("mine");
    }

    @Test
    void buildValidationListsEveryErrorWithItsField() {
        BuildImageParameters p = BuildImageParameters.builder().archive("").tag("Bad/Tag").push(false)
                .setControllerImage(true).runtime("buildah").build();
        assertThatThrownBy(p::validate).isInstanceOf(StepException.class)
                .hasMessageStartingWith("buildVddkImage cannot run: ")
                .hasMessageContaining("archive: Required")
                .hasMessageContaining("tag: invalid image reference")
                .hasMessageContaining("runtime: Unknown runtime 'buildah'")
                .hasMessageContaining("push/output/setControllerImage: Setting the controller image needs push");
    }

    @Test
    void buildWarningsAreReturned() {
        BuildImageParameters p = BuildImageParameters.builder().archive(KIT).tag("quay.io/x/vddk:8").platform("amd64, arm64")
                .buildArgs("A=1\nTOKEN=x").build();
        assertThat(p.validate()).hasSize(2).anySatisfy(w -> assertThat(w).startsWith("platform: "))
                .anySatisfy(w -> assertThat(w).startsWith("buildArgs: ").doesNotContain("=x"));
        assertThat(p.platforms()).containsExactly("linux/amd64", "linux/arm64");
        assertThat(p.buildArgMap()).containsExactly(Map.entry("A", "1"), Map.entry("TOKEN", "x"));
    }

    @Test
    void setControllerImageChecksTheKubeConnection() {
        BuildImageParameters p = BuildImageParameters.builder().archive(KIT).tag("quay.io/x/vddk:8").setControllerImage(true)
                .kube(new KubeParameters("kc", "https://api", null, null, false, null)).build();
        assertThatThrownBy(p::validate).hasMessageContaining("kube: Give either a kubeconfig credential");
        assertThat(p.toBuilder().setControllerImage(false).build().validate()).isEmpty();
    }

    @Test
    void archiveUrl() {
        assertThat(BuildImageParameters.builder().archive("HTTPS://x/" + KIT).build().archiveIsUrl()).isTrue();
        assertThat(BuildImageParameters.builder().archive(KIT).build().archiveIsUrl()).isFalse();
    }

    @Test
    void configureForkliftChangesAndReadOnly() {
        ConfigureForkliftParameters read = ConfigureForkliftParameters.builder().build();
        assertThat(read.readOnly()).isTrue();
        assertThat(read.timeoutSeconds()).isEqualTo(300);
        assertThat(read.settings()).isEmpty();
        assertThat(read.validate()).isEmpty();

        String pinned = "quay.io/x/vddk@sha256:" + "d".repeat(64);
        ConfigureForkliftParameters p = ConfigureForkliftParameters.builder().vddkImage(pinned)
                .settings(List.of(new SettingParameter("controller_vddk_job_active_deadline_sec", "600")))
                .unset("feature_copy_offload").build();
        assertThat(p.readOnly()).isFalse();
        assertThat(p.changes()).containsExactly(Map.entry("vddk_image", pinned),
                Map.entry("controller_vddk_job_active_deadline_sec", "600"));
        assertThat(p.unsetNames()).containsExactly("feature_copy_offload");
        assertThat(p.validate()).isEmpty();
    }

    @Test
    void configureForkliftConflicts() {
        ConfigureForkliftParameters twice = ConfigureForkliftParameters.builder().vddkImage("quay.io/x/vddk:8")
                .settings(List.of(new SettingParameter("vddk_image", "quay.io/x/vddk:9"))).build();
        assertThatThrownBy(twice::validate).hasMessageContaining("settings: The setting vddk_image is given twice (vddkImage");
        ConfigureForkliftParameters setAndUnset = ConfigureForkliftParameters.builder()
                .settings(List.of(new SettingParameter("feature_copy_offload", "false"))).unset("feature_copy_offload").build();
        assertThatThrownBy(setAndUnset::validate).hasMessageContaining("both set and unset");
        ConfigureForkliftParameters noValue = ConfigureForkliftParameters.builder()
                .settings(List.of(new SettingParameter("feature_copy_offload", null))).build();
        assertThatThrownBy(noValue::validate).hasMessageContaining("has no value");
        ConfigureForkliftParameters badImage = ConfigureForkliftParameters.builder()
                .settings(List.of(new SettingParameter("vddk_image", "quay.io/x/VDDK"))).build();
        assertThatThrownBy(badImage::validate).hasMessageContaining("invalid image reference");
        ConfigureForkliftParameters unknown = ConfigureForkliftParameters.builder()
                .settings(List.of(new SettingParameter("no_such_setting", "1"))).build();
        assertThatThrownBy(unknown::validate).hasMessageContaining("Unknown setting no_such_setting").hasMessageContaining("vddk_image");
    }

    @Test
    void createProvider() {
        CreateProviderParameters p = CreateProviderParameters.builder().name("vcenter-prod").url("https://vc.example.com/sdk")
                .vsphereCredentialsId("vc").vsphereInsecureSkipTlsVerify(true).vddkBufferPreset("Large")
                .useVddkAioOptimization(true).pinGlobalVddkImage(true).build();
        assertThat(p.vddkBufferPreset()).isEqualTo("large");
        assertThat(p.effectiveBufSizeIn64k()).isEqualTo(256);
        assertThat(p.effectiveBufCount()).isEqualTo(16);
        assertThat(p.effectiveIfExists()).isEqualTo("update");
        assertThat(p.effectiveDryRunFormat()).isEqualTo("yaml");
        assertThat(p.timeoutSeconds()).isEqualTo(600);
        assertThat(p.validate()).isEmpty();

        CreateProviderParameters explicit = p.toBuilder().vddkBufferPreset(null).vddkBufSizeIn64k(32).vddkBufCount(8).build();
        assertThat(explicit.effectiveBufSizeIn64k()).isEqualTo(32);
        assertThat(explicit.effectiveBufCount()).isEqualTo(8);

        CreateProviderParameters bad = CreateProviderParameters.builder().name("Bad").url("http://vc").build();
        assertThatThrownBy(bad::validate).hasMessageStartingWith("createVsphereProvider cannot run: ")
                .hasMessageContaining("name: Not a valid provider name")
                .hasMessageContaining("url: The vSphere URL must use https")
                .hasMessageContaining("vsphereCredentialsId/secretName: Required")
                .hasMessageContaining("vsphereCaCertificate: Forklift needs the vCenter CA certificate");
    }

    @Test
    void dryRunDoesNotNeedACluster() {
        KubeParameters broken = new KubeParameters(null, null, "tok", null, false, null);
        CreateProviderParameters p = CreateProviderParameters.builder().name("vc").url("https://vc/sdk").secretName("vc-secret")
                .dryRun(true).kube(broken).build();
        assertThat(p.validate()).isEmpty();
        assertThatThrownBy(() -> p.toBuilder().dryRun(false).build().validate()).hasMessageContaining("kube: A token credential");
    }

    @Test
    void findArchiveAndTrigger() {
        FindArchiveParameters f = FindArchiveParameters.builder().source("/srv/vddk/kits").imageRepository("quay.io/x/vddk").build();
        assertThat(f.effectiveTagTemplate()).isEqualTo("{version}");
        assertThat(f.validate(List.of("/srv/vddk"))).isEmpty();
        assertThatThrownBy(() -> f.validate(List.of())).hasMessageContaining("source: Directory sources are not allowed");
        assertThat(f.withDefaults(DEFAULTS).registryCredentialsId()).isEqualTo("reg-default");
        assertThat(f.toBuilder().imageRepository(null).build().withDefaults(DEFAULTS).registryCredentialsId()).isNull();
        assertThatThrownBy(() -> f.toBuilder().sameMajor(true).build().validate(List.of("/srv/vddk")))
                .hasMessageContaining("sameMajor needs newerThan");

        ReleaseTriggerParameters t = ReleaseTriggerParameters.builder().spec("H H/6 * * *").source("https://repo.example.com/vddk/")
                .build();
        assertThat(t.checks(List.of()).get("imageRepository").isError()).isTrue();
        assertThat(t.find().source()).isEqualTo("https://repo.example.com/vddk/");
        assertThat(t.toBuilder().imageRepository("quay.io/x/vddk").build().checks(List.of()).values())
                .allMatch(FormCheck::isOk);
    }

    @Test
    void findArchiveAndTriggerBuildersCopyEveryValue() {
        ReleaseTriggerParameters t = ReleaseTriggerParameters.builder().spec("H/5 * * * *").source(" https://repo.example.com/vddk/ ")
                .sourceCredentialsId("src").newerThan("8.0.1").sameMajor(true).namePattern("VMware-vix.*")
                .imageRepository("quay.io/x/vddk").tagTemplate("{major}").registryCredentialsId("reg")
                .registryInsecureSkipTlsVerify(true).registryCaCertificate("PEM").build();
        assertThat(t).isEqualTo(new ReleaseTriggerParameters("H/5 * * * *", "https://repo.example.com/vddk/", "src", "8.0.1", true,
                "VMware-vix.*", "quay.io/x/vddk", "{major}", "reg", true, "PEM"));
        assertThat(t.toBuilder().build()).isEqualTo(t);
        FindArchiveParameters f = t.find();
        assertThat(f).isEqualTo(new FindArchiveParameters("https://repo.example.com/vddk/", "src", "8.0.1", true, "VMware-vix.*",
                "quay.io/x/vddk", "{major}", "reg", true, "PEM"));
        assertThat(f.toBuilder().build()).isEqualTo(f);
    }
}
