package io.jenkins.plugins.forkliftvddk;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.InvisibleAction;
import hudson.model.Run;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carries the version a {@code vddkRelease} build was scheduled for: the trigger finds queued builds by it (no
 * duplicates), and jobs that do not declare {@code VDDK_VERSION}, {@code VDDK_ARCHIVE}, {@code VDDK_IMAGE_TAG} as
 * parameters still get them as environment variables (undeclared parameters are dropped by Jenkins).
 */
public class VddkReleaseAction extends InvisibleAction implements EnvironmentContributingAction {

    private final String version;
    private final LinkedHashMap<String, String> parameters;

    public VddkReleaseAction(String version, Map<String, String> parameters) {
        this.version = version;
        this.parameters = new LinkedHashMap<>(parameters);
    }

    public String getVersion() {
        return version;
    }

    public Map<String, String> getParameters() {
        return parameters;
    }

    @Override
    public void buildEnvironment(@NonNull Run<?, ?> run, @NonNull EnvVars env) {
        parameters.forEach(env::putIfAbsent);
    }
}
