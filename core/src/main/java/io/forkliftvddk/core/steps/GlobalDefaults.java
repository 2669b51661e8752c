package io.forkliftvddk.core.steps;

import java.io.Serializable;
import java.util.List;

/**
 * What an administrator configured once for every job (Jenkins: the global configuration). Steps fall back to these
 * when a parameter is empty. {@code allowedSourceRoots} are the directories kit sources may be read from on the
 * controller (one per line); empty means no directory source is allowed, only http(s) listings.
 */
public record GlobalDefaults(String kubeCredentialsId, String kubeServerUrl, String kubeCaCertificate,
                             String registryCredentialsId, String runtime, String runtimePath, String baseImage,
                             String baseImageCredentialsId, String allowedSourceRoots) implements Serializable {

    public GlobalDefaults {
        kubeCredentialsId = StepValues.trimToNull(kubeCredentialsId);
        kubeServerUrl = StepValues.trimToNull(kubeServerUrl);
        kubeCaCertificate = StepValues.trimToNull(kubeCaCertificate);
        registryCredentialsId = StepValues.trimToNull(registryCredentialsId);
        runtime = StepValues.lower(runtime);
        runtimePath = StepValues.trimToNull(runtimePath);
        baseImage = StepValues.trimToNull(baseImage);
        baseImageCredentialsId = StepValues.trimToNull(baseImageCredentialsId);
        allowedSourceRoots = StepValues.trimToNull(allowedSourceRoots);
    }

    /** No defaults at all. */
    public static GlobalDefaults none() {
        return new GlobalDefaults(null, null, null, null, null, null, null, null, null);
    }

    /** The allowed roots, one per line. */
    public List<String> allowedRoots() {
        return StepValues.lines(allowedSourceRoots);
    }

    /** Problems an administrator must fix, one per field, for the global configuration page. */
    public FormCheck check() {
        return FormCheck.worst(List.of(
                FormChecks.kubeServerUrl(kubeServerUrl),
                FormChecks.certificate(kubeCaCertificate),
                FormChecks.runtime(runtime),
                FormChecks.image(baseImage, false),
                FormChecks.allowedSourceRoots(allowedSourceRoots)));
    }
}
