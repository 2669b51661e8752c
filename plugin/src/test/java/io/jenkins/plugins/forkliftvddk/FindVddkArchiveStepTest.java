package io.jenkins.plugins.forkliftvddk;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Cause;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.StringParameterDefinition;
import io.forkliftvddk.core.steps.PollOutcome;
import io.forkliftvddk.core.testenv.TestEnvironment;
import io.forkliftvddk.core.testkit.VddkKits;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.JenkinsSessionExtension;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** findVddkArchive in a Pipeline and the trigger's Declarative syntax. */
@WithJenkins
class FindVddkArchiveStepTest {

    @TempDir
    Path tmp;

    @Test
    void findVddkArchiveInACronPipeline(JenkinsRule j) throws Exception {
        Path kits = Files.createDirectories(tmp.resolve("kits"));
        VddkKits.kit(VddkKits.V8_0_1).writeTo(kits);
        VddkGlobalConfiguration.get().setAllowedSourceRoots(tmp.toString());
        WorkflowJob p = j.createProject(WorkflowJob.class, "find");
        p.setDefinition(new CpsFlowDefinition("def r = findVddkArchive source: '" + kits + "'\n"
                + "echo \"V=${r.version} EXISTS=${r.imageExists}\"", true));
        WorkflowRun b = j.buildAndAssertSuccess(p);
        j.assertLogContains("V=8.0.1-21562716 EXISTS=false", b);

        VddkGlobalConfiguration.get().setAllowedSourceRoots("/nowhere");
        WorkflowRun refused = j.buildAndAssertStatus(hudson.model.Result.FAILURE, p);
        j.assertLogContains("not under a directory the administrator allowed", refused);
    }

    @Test
    void freestyleBuilderExportsTheKitToLaterSteps(JenkinsRule j) throws Exception {
        Path kits = Files.createDirectories(tmp.resolve("kits"));
        VddkKits.kit(VddkKits.V8_0_1).writeTo(kits);
        VddkGlobalConfiguration.get().setAllowedSourceRoots(tmp.toString());
        FreeStyleProject fp = j.createFreeStyleProject("find-freestyle");
        FindVddkArchiveBuilder builder = new FindVddkArchiveBuilder(kits.toString());
        builder.setNewerThan("8.0.0");
        fp.getBuildersList().add(builder);
        fp.getBuildersList().add(new org.jvnet.hudson.test.CaptureEnvironmentBuilder());
        fp = j.configRoundtrip(fp);
        j.assertEqualDataBoundBeans(builder, fp.getBuildersList().get(FindVddkArchiveBuilder.class));
        FreeStyleBuild b = j.buildAndAssertSuccess(fp);
        var env = fp.getBuildersList().get(org.jvnet.hudson.test.CaptureEnvironmentBuilder.class).getEnvVars();
        assertThat(env.get("VDDK_VERSION")).isEqualTo("8.0.1-21562716");
        assertThat(env.get("VDDK_ARCHIVE")).startsWith(kits.toString());
        assertThat(env.get("VDDK_IMAGE_EXISTS")).isEqualTo("false");
        assertThat(b.getAction(VddkSummaryAction.class).getKind()).isEqualTo("archive");
    }

    @Test
    void declarativeAndScriptedTriggerSyntax(JenkinsRule j) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class, "declarative");
        p.setDefinition(new CpsFlowDefinition("pipeline {\n agent none\n triggers { vddkRelease(spec: 'H H/6 * * *', source: 'https://repo.example.com/vddk/',"
                + " imageRepository: 'registry.example.com/mtv/vddk') }\n stages { stage('x') { steps { echo 'ok' } } }\n}", true));
        j.buildAndAssertSuccess(p);
        VddkReleaseTrigger t = p.getTriggers().values().stream().filter(VddkReleaseTrigger.class::isInstance)
                .map(VddkReleaseTrigger.class::cast).findFirst().orElseThrow();
        assertThat(t.getSource()).isEqualTo("https://repo.example.com/vddk/");
        assertThat(t.getSpec()).isEqualTo("H H/6 * * *");
    }
}
