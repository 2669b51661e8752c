package io.jenkins.plugins.forkliftvddk;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Result;
import hudson.tasks.Shell;
import hudson.util.FormValidation;
import io.forkliftvddk.core.testenv.TestEnvironment;
import io.forkliftvddk.core.testkit.VddkKits;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.cps.SnippetizerTester;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.BuildWatcherExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** buildVddkImage and its freestyle builder; the builds use the real registries of scripts/testenv.sh. */
@WithJenkins
class BuildVddkImageStepTest {

    @RegisterExtension
    static BuildWatcherExtension buildWatcher = new BuildWatcherExtension();

    @TempDir
    Path tmp;

    @Test
    void stepRoundTripAndSnippet(JenkinsRule j) throws Exception {
        BuildVddkImageStep step = new BuildVddkImageStep("kits/VMware-vix-disklib-8.0.1-21562716.x86_64.tar.gz",
                "registry.example.com/mtv/vddk:8.0.1");
        step.setRegistryCredentialsId("reg");
        step.setRuntime("builtin");
        step.setPush(false);
        step.setOutput("oci:layout");
        step.setAdditionalTags("latest");
        j.assertEqualDataBoundBeans(step, new StepConfigTester(j).configRoundTrip(step));
        new SnippetizerTester(j).assertRoundTrip(new BuildVddkImageStep("k.tar.gz", "registry.example.com/mtv/vddk:8"),
                "buildVddkImage archive: 'k.tar.gz', tag: 'registry.example.com/mtv/vddk:8'");
    }

    @Test
    void builderRoundTrip(JenkinsRule j) throws Exception {
        FreeStyleProject fp = j.createFreeStyleProject();
        BuildVddkImageBuilder builder = new BuildVddkImageBuilder("k.tar.gz", "registry.example.com/mtv/vddk:8");
        builder.setPlatform("amd64");
        builder.setVddk9Compat(true);
        fp.getBuildersList().add(builder);
        fp = j.configRoundtrip(fp);
        j.assertEqualDataBoundBeans(builder, fp.getBuildersList().get(0));
    }

    @Test
    void pipelineOnAnAgentPushesWithStoredCredentialsAndKeepsThePasswordOutOfTheLog(JenkinsRule j) throws Exception {
        TestEnvironment env = TestEnvironment.get();
        TestSupport.usernamePassword("reg", env.username(), env.password());
        Path kit = VddkKits.kit(VddkKits.V8_0_1).writeTo(Files.createDirectories(tmp.resolve("kits")));
        String image = env.authRegistry() + "/" + env.uniqueRepository("plugin/vddk") + ":8.0.1";
        j.createOnlineSlave(Label.get("linux"));
        WorkflowJob p = j.createProject(WorkflowJob.class, "p");
        p.setDefinition(new CpsFlowDefinition("node('linux') {\n"
                + "  def r = buildVddkImage archive: '" + kit + "', tag: '" + image + "', runtime: 'builtin', registryCredentialsId: 'reg',"
                + " baseImage: '" + env.registryBaseImage(env.authRegistry()) + "'\n"
                + "  echo \"IMG=${r.image} PIN=${r.imageDigestRef} UNCHANGED=${r.unchanged} BUILDER=${r.builder}\"\n"
                + "  if (r.unchanged) { error 'first build cannot be unchanged' }\n"
                + "}", true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("IMG=" + image, b);
        j.assertLogContains("UNCHANGED=false BUILDER=builtin", b);
        j.assertLogNotContains(env.password(), b);
        VddkSummaryAction action = b.getAction(VddkSummaryAction.class);
        assertThat(action.getValues()).containsEntry("image", image).containsEntry("verification", "passed");

        WorkflowRun again = j.buildAndAssertSuccess(p);
        j.assertLogContains("UNCHANGED=true", again);
    }

    @Test
    void builtinBuilderWritesAnOciLayoutInTheWorkspace(JenkinsRule j) throws Exception {
        TestEnvironment env = TestEnvironment.get();
        Path kit = VddkKits.kit(VddkKits.V8_0_3).writeTo(Files.createDirectories(tmp.resolve("kits")));
        j.createOnlineSlave(Label.get("agent"));
        WorkflowJob p = j.createProject(WorkflowJob.class, "oci");
        p.setDefinition(new CpsFlowDefinition("node('agent') {\n"
                + "  def r = buildVddkImage archive: '" + kit + "', tag: 'registry.example.com/mtv/vddk:8.0.3', runtime: 'builtin',"
                + " push: false, output: 'oci:layout', baseImage: '" + env.registryBaseImage(env.plainRegistry()) + "'\n"
                + "  echo \"DIGEST=${r.digest}\"\n"
                + "  if (!fileExists('layout/index.json')) { error 'no OCI layout' }\n"
                + "}", true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("DIGEST=sha256:", b);
    }

    @Test
    void freestyleBuildExposesTheImageToLaterSteps(JenkinsRule j) throws Exception {
        TestEnvironment env = TestEnvironment.get();
        Path kit = VddkKits.kit(VddkKits.V8_0_1).writeTo(Files.createDirectories(tmp.resolve("kits")));
        FreeStyleProject fp = j.createFreeStyleProject();
        BuildVddkImageBuilder builder = new BuildVddkImageBuilder(kit.toString(),
                env.plainRegistry() + "/" + env.uniqueRepository("plugin/fs") + ":8.0.1");
        builder.setRuntime("builtin");
        builder.setBaseImage(env.registryBaseImage(env.plainRegistry()));
        fp.getBuildersList().add(builder);
        fp.getBuildersList().add(new Shell("echo \"PINNED=$VDDK_IMAGE_PINNED VERSION=$VDDK_VERSION\""));
        FreeStyleBuild b = j.buildAndAssertSuccess(fp);
        j.assertLogContains("VERSION=8.0.1-21562716", b);
        j.assertLogContains("PINNED=" + env.plainRegistry(), b);
    }

    @Test
    void invalidParametersFailTheBuildWithAllErrors(JenkinsRule j) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "bad");
        p.setDefinition(new CpsFlowDefinition("node { buildVddkImage archive: '', tag: 'Bad/Tag', runtime: 'buildah' }", true));
        WorkflowRun b = j.buildAndAssertStatus(Result.FAILURE, p);
        j.assertLogContains("archive: Required", b);
        j.assertLogContains("runtime: Unknown runtime 'buildah'", b);
    }

    @Test
    void formValidationCallsCore(JenkinsRule j) {
        BuildVddkImageStep.DescriptorImpl d = j.jenkins.getDescriptorByType(BuildVddkImageStep.DescriptorImpl.class);
        assertThat(d.doCheckTag(null, "Registry/X").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckTag(null, "vddk:8").kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(d.doCheckTag(null, "registry.example.com/mtv/vddk:8").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(d.doCheckPush(null, false, null, true).kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(d.doCheckPlatform(null, "arm64").kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(d.doFillRuntimeItems().size()).isEqualTo(5);
        assertThat(d.doCheckRegistryCredentialsId(null, "does-not-exist").kind).isEqualTo(FormValidation.Kind.ERROR);
    }
}
