package io.jenkins.plugins.forkliftvddk;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.forkliftvddk.core.forklift.ForkliftException;
import io.forkliftvddk.core.forklift.KubeConnection;
import io.forkliftvddk.core.steps.CreateProviderParameters;
import io.forkliftvddk.core.steps.CredentialLookup;
import io.forkliftvddk.core.steps.ForkliftStepRunner;
import io.forkliftvddk.core.steps.StepException;
import java.io.IOException;
import java.util.LinkedHashMap;

/** The runner shared by {@link CreateVsphereProviderStep} and {@link CreateVsphereProviderBuilder}; runs on the controller. */
final class CreateVsphereProviderRunner {

    private CreateVsphereProviderRunner() {
    }

    static LinkedHashMap<String, Object> run(CreateProviderParameters parameters, Run<?, ?> run, @CheckForNull EnvVars env,
                                             @CheckForNull FilePath workspace, TaskListener listener)
            throws IOException, InterruptedException {
        EnvVars environment = env != null ? env : run.getEnvironment(listener);
        CredentialLookup lookup = JenkinsCredentialLookup.forRun(run);
        try {
            parameters.validate();
            // a dry run renders without any cluster access (it then needs the namespace parameter)
            KubeConnection connection = parameters.dryRun() ? null
                    : KubeConnections.resolve(parameters.kube(), lookup, environment, workspace);
            LinkedHashMap<String, Object> map = ForkliftStepRunner.createProvider(parameters, lookup, connection,
                    KubeConnections.connector(), new TaskListenerAdapter(listener, false));
            if (!parameters.dryRun()) {
                run.addAction(VddkSummaryAction.provider(map));
            } else {
                listener.getLogger().println(map.get("rendered"));
            }
            return map;
        } catch (StepException | ForkliftException e) {
            throw new AbortException("createVsphereProvider: " + e.getMessage());
        }
    }
}
