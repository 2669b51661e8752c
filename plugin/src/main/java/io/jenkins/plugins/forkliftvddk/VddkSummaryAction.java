package io.jenkins.plugins.forkliftvddk;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.model.EnvironmentContributingAction;
import hudson.model.Run;
import io.forkliftvddk.core.steps.EnvironmentVariables;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a step did, on the build page ({@code summary.jelly}): the image (version, reference, digest, builder,
 * verification, unchanged or pushed), the kit found, the controller change, or the provider. Image summaries also give
 * later freestyle steps {@code VDDK_IMAGE}, {@code VDDK_IMAGE_DIGEST}, {@code VDDK_IMAGE_PINNED} and {@code VDDK_VERSION};
 * kit summaries the variables of {@link io.forkliftvddk.core.steps.EnvironmentVariables#fromFindResult}. Holds only the
 * result map's text values, which never contain a secret.
 */
public class VddkSummaryAction implements EnvironmentContributingAction {

    private final String kind;
    private final LinkedHashMap<String, String> values;

    VddkSummaryAction(String kind, Map<String, ?> values) {
        this.kind = kind;
        this.values = new LinkedHashMap<>();
        values.forEach((k, v) -> this.values.put(k, v == null ? "" : v.toString()));
    }

    static VddkSummaryAction image(Map<String, Object> result, Map<String, String> summary) {
        LinkedHashMap<String, Object> all = new LinkedHashMap<>(result);
        all.putAll(summary);
        return new VddkSummaryAction("image", all);
    }

    static VddkSummaryAction controller(Map<String, Object> result) {
        return new VddkSummaryAction("controller", result);
    }

    /** The find-archive builder's result; its values become environment variables of later build steps. */
    static VddkSummaryAction archive(Map<String, Object> result) {
        return new VddkSummaryAction("archive", result);
    }

    static VddkSummaryAction provider(Map<String, Object> result) {
        return new VddkSummaryAction("provider", result);
    }

    /** image, archive, controller or provider. */
    public String getKind() {
        return kind;
    }

    public Map<String, String> getValues() {
        return values;
    }

    @Override
    public void buildEnvironment(@NonNull Run<?, ?> run, @NonNull EnvVars env) {
        if (kind.equals("image")) {
            env.putAll(EnvironmentVariables.fromBuildResult(values));
        } else if (kind.equals("archive")) {
            env.putAll(EnvironmentVariables.fromFindResult(values));
        }
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "Forklift VDDK";
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
