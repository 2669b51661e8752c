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

/** The vddkRelease trigger on a directory source and the real plain registry, across a restart. */
class VddkReleaseTriggerTest {

    @RegisterExtension
    JenkinsSessionExtension sessions = new JenkinsSessionExtension();

    @TempDir
    Path tmp;

    @Test
    void triggerSchedulesOnceWithParametersAndCauseAndSurvivesARestart() throws Throwable {
        TestEnvironment env = TestEnvironment.get();
        Path kits = Files.createDirectories(tmp.resolve("share/vddk"));
        Path kit = VddkKits.kit(VddkKits.V8_0_3).writeTo(kits);
        String repository = env.plainRegistry() + "/" + env.uniqueRepository("plugin/trigger");
        sessions.then(j -> {
            VddkGlobalConfiguration.get().setAllowedSourceRoots(tmp.resolve("share").toString());
            FreeStyleProject job = j.createFreeStyleProject("release");
            job.addProperty(new ParametersDefinitionProperty(new StringParameterDefinition("VDDK_VERSION", "none"),
                    new StringParameterDefinition("VCENTERS", "vc1,vc2")));
            job.setQuietPeriod(3600); // stays queued: a second poll must not queue it twice
            VddkReleaseTrigger trigger = new VddkReleaseTrigger("H/5 * * * *");
            trigger.setSource(kits.toString());
            trigger.setImageRepository(repository);
            job.addTrigger(trigger);
            trigger.start(job, true);

            PollOutcome first = trigger.poll(job);
            assertThat(first.scheduled()).as(first.summary()).isTrue();
            PollOutcome second = trigger.poll(job);
            assertThat(second.scheduled()).isFalse();
            assertThat(second.reason()).contains("already queued");
            assertThat(j.jenkins.getQueue().getItems(job)).hasSize(1);

            hudson.model.Queue.Item item = j.jenkins.getQueue().getItems(job).get(0);
            ParametersAction params = item.getAction(ParametersAction.class);
            assertThat(params.getParameter("VDDK_VERSION").getValue()).isEqualTo("8.0.3-23950268");
            assertThat(params.getParameter("VCENTERS").getValue()).isEqualTo("vc1,vc2");
            j.jenkins.getQueue().cancel(item);

            job.setQuietPeriod(0);
            trigger.poll(job);
            j.waitUntilNoActivity();
            FreeStyleBuild b = job.getLastBuild();
            assertThat(b).isNotNull();
            assertThat(b.getCause(VddkReleaseCause.class).getShortDescription()).isEqualTo("New VDDK 8.0.3-23950268 found at " + kit);
            assertThat(b.getAction(VddkReleaseAction.class).getParameters()).containsEntry("VDDK_ARCHIVE", kit.toString())
                    .containsEntry("VDDK_IMAGE_TAG", repository + ":8.0.3");
            assertThat(VddkReleaseTrigger.stateFile(job).exists()).isTrue();
        });
        sessions.then(j -> {
            FreeStyleProject job = j.jenkins.getItemByFullName("release", FreeStyleProject.class);
            VddkPollState state = VddkPollState.load(job);
            assertThat(state).isNotNull();
            assertThat(state.isScheduled()).isTrue();
            VddkReleaseTrigger trigger = job.getTrigger(VddkReleaseTrigger.class);
            assertThat(trigger.getImageRepository()).isEqualTo(repository);
        });
    }

    @Test
    void existingImageSchedulesNothingAndAnUnreachableSourceIsLogged() throws Throwable {
        TestEnvironment env = TestEnvironment.get();
        sessions.then(j -> {
            VddkGlobalConfiguration.get().setAllowedSourceRoots(tmp.toString());
            WorkflowJob p = j.createProject(WorkflowJob.class, "pipeline");
            p.setDefinition(new CpsFlowDefinition("echo 'built'", true));
            VddkReleaseTrigger unreachable = new VddkReleaseTrigger("H H/6 * * *");
            unreachable.setSource("http://127.0.0.1:1/vddk/");
            unreachable.setImageRepository(env.plainRegistry() + "/x/vddk");
            unreachable.start(p, true);
            PollOutcome o = unreachable.poll(p);
            assertThat(o.scheduled()).isFalse();
            assertThat(o.error()).contains("127.0.0.1:1");
            assertThat(p.getLastBuild()).isNull();

            VddkReleaseTrigger missingRepo = new VddkReleaseTrigger("H H/6 * * *");
            missingRepo.setSource(tmp.toString());
            missingRepo.start(p, true);
            assertThat(missingRepo.poll(p).error()).contains("imageRepository");
        });
    }
}
