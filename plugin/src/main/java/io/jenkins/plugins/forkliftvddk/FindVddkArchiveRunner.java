package io.jenkins.plugins.forkliftvddk;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.forkliftvddk.core.steps.DiscoveryStepRunner;
import io.forkliftvddk.core.steps.FindArchiveParameters;
import io.forkliftvddk.core.steps.StepException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import jenkins.model.Jenkins;

/**
 * {@link FindVddkArchiveStep}: runs on the controller, so a directory source is a controller directory and must be
 * under a root the administrator allowed (core checks it).
 */
final class FindVddkArchiveRunner {

    private FindVddkArchiveRunner() {
    }

    static LinkedHashMap<String, Object> run(FindArchiveParameters parameters, Run<?, ?> run, TaskListener listener)
            throws IOException, InterruptedException {
        try {
            return DiscoveryStepRunner.find(parameters, VddkGlobalConfiguration.get().toDefaults(), JenkinsCredentialLookup.forRun(run),
                    scratchParent(), new TaskListenerAdapter(listener, false));
        } catch (StepException e) {
            throw new AbortException(e.getMessage());
        }
    }

    /** Where private scratch directories (a registry CA file) go on the controller. */
    static Path scratchParent() throws IOException {
        Path dir = Jenkins.get().getRootDir().toPath().resolve("forklift-vddk-tmp");
        Files.createDirectories(dir);
        return dir;
    }
}
