package io.jenkins.plugins.forkliftvddk;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import hudson.slaves.WorkspaceList;
import io.forkliftvddk.core.build.BuildResult;
import io.forkliftvddk.core.spi.Listener;
import io.forkliftvddk.core.steps.BuildImageParameters;
import io.forkliftvddk.core.steps.BuildImageRunner;
import io.forkliftvddk.core.steps.ForkliftStepRunner;
import io.forkliftvddk.core.steps.SecretMasker;
import io.forkliftvddk.core.steps.StepException;
import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import jenkins.MasterToSlaveFileCallable;

/**
 * The runner shared by {@link BuildVddkImageStep} and {@link BuildVddkImageBuilder}: core prepares the inputs on the
 * controller (defaults, validation, credentials), the build runs <em>on the agent</em> in a
 * {@link MasterToSlaveFileCallable} (kit validation, upload or podman/docker through a {@link LauncherCommandRunner}
 * with the step's environment), the result comes back Serializable; then the controller image is set if asked, the
 * build page gets its summary and freestyle builds their environment variables.
 */
final class BuildVddkImageRunner {

    private BuildVddkImageRunner() {
    }

    static LinkedHashMap<String, Object> run(BuildImageParameters parameters, Run<?, ?> run, FilePath workspace, EnvVars env,
                                             @CheckForNull Launcher launcher, TaskListener listener)
            throws IOException, InterruptedException {
        BuildImageRunner.Inputs inputs;
        try {
            inputs = BuildImageRunner.prepare(parameters, VddkGlobalConfiguration.get().toDefaults(),
                    JenkinsCredentialLookup.forRun(run), env);
        } catch (StepException e) {
            throw new AbortException(e.getMessage());
        }
        FilePath tmp = WorkspaceList.tempDir(workspace);
        if (tmp == null) {
            throw new AbortException("buildVddkImage: the workspace " + workspace.getRemote() + " has no temporary directory");
        }
        SecretMasker masker = new SecretMasker(inputs.secrets());
        BuildResult result;
        try {
            result = workspace.act(new BuildCallable(inputs, tmp.getRemote(), env, listener));
        } catch (IOException e) {
            // core messages carry no secret; runtime output in them is masked once more for the secrets in use
            throw new AbortException("buildVddkImage failed: " + masker.mask(e.getMessage()));
        }
        LinkedHashMap<String, Object> map = BuildImageRunner.resultMap(result);
        if (inputs.parameters().setControllerImage()) {
            Listener log = new TaskListenerAdapter(listener, inputs.parameters().verbose());
            try {
                map.putAll(ForkliftStepRunner.setControllerImage(inputs.parameters(), result,
                        KubeConnections.resolve(inputs.parameters().kube(), JenkinsCredentialLookup.forRun(run), env, workspace),
                        KubeConnections.connector(), log));
            } catch (RuntimeException e) {
                throw new AbortException("buildVddkImage: the image was pushed (" + map.get("imageDigestRef")
                        + ") but setting the ForkliftController's vddk_image failed: " + e.getMessage());
            }
        }
        run.addAction(VddkSummaryAction.image(map, BuildImageRunner.summary(result)));
        return map;
    }

    /** Runs on the agent: the workspace and the processes are there. */
    private static final class BuildCallable extends MasterToSlaveFileCallable<BuildResult> {
        private static final long serialVersionUID = 1L;
        private final BuildImageRunner.Inputs inputs;
        private final String scratchParent;
        private final EnvVars env;
        private final TaskListener listener;

        BuildCallable(BuildImageRunner.Inputs inputs, String scratchParent, EnvVars env, TaskListener listener) {
            this.inputs = inputs;
            this.scratchParent = scratchParent;
            this.env = env;
            this.listener = listener;
        }

        @Override
        public BuildResult invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
            Listener log = new TaskListenerAdapter(listener, inputs.parameters().verbose());
            Launcher.LocalLauncher local = new Launcher.LocalLauncher(listener);
            LauncherCommandRunner runner = new LauncherCommandRunner(local, env, new SecretMasker(inputs.secrets()));
            // a local launcher on the agent answers for the agent's own OS
            return BuildImageRunner.run(inputs, workspace.toPath(), new File(scratchParent).toPath(), runner,
                    !local.isUnix(), log);
        }
    }
}
