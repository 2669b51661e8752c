package io.jenkins.plugins.forkliftvddk;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleProject;
import hudson.model.Result;
import hudson.util.FormValidation;
import io.forkliftvddk.core.forklift.MockCluster;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** configureForklift and createVsphereProvider against the Kubernetes mock server (core's MockCluster, CRUD mode). */
@WithJenkins
class ClusterStepsTest {

    private static final String PINNED = "registry.example.com/mtv/vddk@sha256:" + "a".repeat(64);
    private static final String VC_PASSWORD = "vc-s3cr3t-pw";

    @Test
    void configureForkliftOutsideNodeWithAKubeconfigCredential(JenkinsRule j) throws Exception {
        try (MockCluster cluster = MockCluster.start()) {
            TestSupport.kubeconfig("kc", cluster.kubeconfig(null));
            WorkflowJob p = j.createProject(WorkflowJob.class, "configure");
            p.setDefinition(new CpsFlowDefinition(
                    "def r = configureForklift vddkImage: '" + PINNED + "', kubeconfigCredentialsId: 'kc',\n"
                            + "  settings: [forkliftSetting(name: 'controller_vddk_job_active_deadline_sec', value: '600')]\n"
                            + "echo \"CHANGED=${r.changed} NOW=${r.vddk_image} PREV=[${r['previous.vddk_image']}] NS=${r.namespace}\"\n"
                            + "def read = configureForklift kubeconfigCredentialsId: 'kc'\n"
                            + "echo \"READ=${read.vddk_image} READCHANGED=${read.changed}\"", true));
            WorkflowRun b = j.buildAndAssertSuccess(p);
            j.assertLogContains("CHANGED=true NOW=" + PINNED + " PREV=[] NS=openshift-mtv", b);
            j.assertLogContains("READ=" + PINNED + " READCHANGED=false", b);
            j.assertLogNotContains(MockCluster.TOKEN, b);
            assertThat(cluster.controllerSpec()).containsEntry("vddk_image", PINNED)
                    .containsEntry("controller_vddk_job_active_deadline_sec", "600");
            assertThat(b.getAction(VddkSummaryAction.class).getKind()).isEqualTo("controller");
        }
    }

    @Test
    void configureForkliftInstallsPullSecretsWithStoredRegistryCredentials(JenkinsRule j) throws Exception {
        try (MockCluster cluster = MockCluster.start()) {
            cluster.createNamespace("vm-imports");
            cluster.client().serviceAccounts().inNamespace("vm-imports").resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                    .withNewMetadata().withName("default").withNamespace("vm-imports").endMetadata().build()).create();
            TestSupport.kubeconfig("kc", cluster.kubeconfig(null));
            TestSupport.usernamePassword("robot", "mtv+robot", "r0bot-s3cr3t");
            WorkflowJob p = j.createProject(WorkflowJob.class, "pull");
            p.setDefinition(new CpsFlowDefinition(
                    "def r = configureForklift vddkImage: '" + PINNED + "', pullSecretNamespaces: 'vm-imports',\n"
                            + "  registryCredentialsId: 'robot', kubeconfigCredentialsId: 'kc'\n"
                            + "echo \"REG=${r.pullSecretRegistry} PULL=${r.pullSecrets} PC=${r.pullSecretsChanged}\"", true));
            WorkflowRun b = j.buildAndAssertSuccess(p);
            j.assertLogContains("REG=registry.example.com PULL=vm-imports/forklift-vddk-pull: created; ServiceAccount default: appended PC=true", b);
            j.assertLogNotContains("r0bot-s3cr3t", b);
            assertThat(cluster.client().secrets().inNamespace("vm-imports").withName("forklift-vddk-pull").get().getType())
                    .isEqualTo("kubernetes.io/dockerconfigjson");
        }
    }

    @Test
    void aKubeconfigTheBuildSetsIsHonouredOnANodeAndRefusedOutside(JenkinsRule j) throws Exception {
        try (MockCluster cluster = MockCluster.start()) {
            WorkflowJob p = j.createProject(WorkflowJob.class, "kubeconfig-env");
            String yaml = cluster.kubeconfig(null).replace("'", "\\'").replace("\n", "\\n");
            p.setDefinition(new CpsFlowDefinition("node {\n"
                    + "  writeFile file: 'kc.yaml', text: '" + yaml + "'\n"
                    + "  withEnv([\"KUBECONFIG=${pwd()}/kc.yaml\"]) { echo \"NS=${configureForklift().namespace}\" }\n"
                    + "}\n"
                    + "withEnv(['KUBECONFIG=/etc/passwd']) { configureForklift() }", true));
            WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
            j.assertLogContains("NS=openshift-mtv", b);
            j.assertLogContains("runs outside node {}", b);
        }
    }

    @Test
    void configureForkliftRoundTrips(JenkinsRule j) throws Exception {
        ConfigureForkliftStep step = new ConfigureForkliftStep();
        step.setVddkImage(PINNED);
        step.setSettings(List.of(new ForkliftSetting("feature_copy_offload", "false")));
        step.setWait(true);
        step.setTimeoutSeconds(120);
        step.setKubeServerUrl("https://api.example.com:6443");
        step.setKubeTokenCredentialsId("tok");
        step.setPullSecretNamespaces("vm-imports\nvm-imports-dr");
        step.setRegistryCredentialsId("robot");
        j.assertEqualDataBoundBeans(step, new StepConfigTester(j).configRoundTrip(step));
        FreeStyleProject fp = j.createFreeStyleProject();
        ConfigureForkliftBuilder builder = new ConfigureForkliftBuilder();
        builder.setVddkImage(PINNED);
        builder.setUnset("feature_copy_offload");
        fp.getBuildersList().add(builder);
        fp = j.configRoundtrip(fp);
        j.assertEqualDataBoundBeans(builder, fp.getBuildersList().get(0));
    }

    @Test
    void noConnectionIsAClearError(JenkinsRule j) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "noconn");
        p.setDefinition(new CpsFlowDefinition("configureForklift vddkImage: '" + PINNED + "'", true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("No Kubernetes connection", b);
    }

    @Test
    void createVsphereProviderWithStoredCredentials(JenkinsRule j) throws Exception {
        try (MockCluster cluster = MockCluster.start()) {
            cluster.createNamespace("demo");
            TestSupport.kubeconfig("kc", cluster.kubeconfig(null));
            TestSupport.usernamePassword("vc", "administrator@vsphere.local", VC_PASSWORD);
            WorkflowJob p = j.createProject(WorkflowJob.class, "provider");
            p.setDefinition(new CpsFlowDefinition(
                    "def r = createVsphereProvider name: 'vcenter-prod', namespace: 'demo', url: 'https://vc.example.com/sdk',\n"
                            + "  vsphereCredentialsId: 'vc', vsphereInsecureSkipTlsVerify: true, vddkInitImage: '" + PINNED + "',\n"
                            + "  useVddkAioOptimization: true, vddkBufferPreset: 'medium', kubeconfigCredentialsId: 'kc'\n"
                            + "echo \"ACTION=${r.action} SECRET=${r.secret} CONFIG=${r.vddkConfig}\"\n"
                            + "def dry = createVsphereProvider name: 'vc2', namespace: 'demo', url: 'https://vc2.example.com/sdk',\n"
                            + "  vsphereCredentialsId: 'vc', vsphereInsecureSkipTlsVerify: true, dryRun: true\n"
                            + "echo \"DRY=${dry.action}\"", true));
            WorkflowRun b = j.buildAndAssertSuccess(p);
            j.assertLogContains("ACTION=created", b);
            j.assertLogContains("VixDiskLib.nfcAio.Session.BufSizeIn64KB=128", b);
            j.assertLogContains("DRY=dry-run", b);
            j.assertLogNotContains(VC_PASSWORD, b);
            assertThat(b.getAction(VddkSummaryAction.class).getValues()).containsEntry("provider", "vcenter-prod");
        }
    }

    @Test
    void createVsphereProviderRoundTripAndChecks(JenkinsRule j) throws Exception {
        CreateVsphereProviderStep step = new CreateVsphereProviderStep("vcenter-prod", "https://vc.example.com/sdk");
        step.setSecretName("vc-secret");
        step.setVddkBufSizeIn64k(64);
        step.setVddkBufCount(4);
        step.setIfExists("skip");
        j.assertEqualDataBoundBeans(step, new StepConfigTester(j).configRoundTrip(step));
        CreateVsphereProviderStep.DescriptorImpl d = j.jenkins.getDescriptorByType(CreateVsphereProviderStep.DescriptorImpl.class);
        assertThat(d.doCheckVddkBufSizeIn64k(null, "2048").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckUrl(null, "http://vc/sdk", "").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckSecretName(null, "s", "vc").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckVddkBufferPreset(null, "very-large", true, "0", "0", PINNED, false).kind)
                .isEqualTo(FormValidation.Kind.WARNING);
    }
}
