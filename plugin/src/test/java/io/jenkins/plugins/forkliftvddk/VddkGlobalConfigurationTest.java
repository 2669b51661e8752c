package io.jenkins.plugins.forkliftvddk;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.forkliftvddk.core.steps.GlobalDefaults;
import org.junit.jupiter.api.Test;

/** The global configuration through JCasC ({@code unclassified: forkliftVddk:}). */
@WithJenkinsConfiguredWithCode
class VddkGlobalConfigurationTest {

    @Test
    @ConfiguredWithCode("casc.yml")
    void configuredWithCode(JenkinsConfiguredWithCodeRule j) {
        GlobalDefaults d = VddkGlobalConfiguration.get().toDefaults();
        assertThat(d.kubeCredentialsId()).isEqualTo("cluster-kubeconfig");
        assertThat(d.registryCredentialsId()).isEqualTo("registry");
        assertThat(d.runtime()).isEqualTo("builtin");
        assertThat(d.baseImage()).isEqualTo("mirror.example.com/ubi8/ubi-minimal");
        assertThat(d.allowedRoots()).containsExactly("/srv/vddk", "/mnt/share/vddk");
    }
}
