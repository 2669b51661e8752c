package io.jenkins.plugins.forkliftvddk;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.forkliftvddk.core.forklift.ForkliftException;
import io.forkliftvddk.core.steps.ConfigureForkliftParameters;
import io.forkliftvddk.core.steps.CredentialLookup;
import io.forkliftvddk.core.steps.ForkliftStepRunner;
import io.forkliftvddk.core.steps.StepException;
import java.io.IOException;
import java.util.LinkedHashMap;

/** The runner shared by {@link ConfigureForkliftStep} and {@link ConfigureForkliftBuilder}; runs on the controller. */
final class ConfigureForkliftRunner {

    private ConfigureForkliftRunner() {
    }

    static LinkedHashMap<String, Object> run(ConfigureForkliftParameters parameters, Run<?, ?> run, @CheckForNull EnvVars env,
                                             @CheckForNull FilePath workspace, TaskListener listener)
            throws IOException, InterruptedException {
        EnvVars environment = env != null ? env : run.getEnvironment(listener);
        try {
            parameters.validate();
            CredentialLookup lookup = JenkinsCredentialLookup.forRun(run);
            LinkedHashMap<String, Object> map = ForkliftStepRunner.configure(parameters, lookup, VddkGlobalConfiguration.get().toDefaults(),
                    KubeConnections.resolve(parameters.kube(), lookup, environment, workspace),
                    KubeConnections.connector(), new TaskListenerAdapter(listener, false));
            if (!parameters.readOnly()) {
                run.addAction(VddkSummaryAction.controller(map));
            }
            return map;
        } catch (StepException | ForkliftException e) {
            throw new AbortException("configureForklift: " + e.getMessage());
        }
    }
}
