package io.forkliftvddk.core.steps;


import java.io.Serializable;
import java.util.List;

/**
 * The configuration of the {@code vddkRelease} trigger: where to look for new kits, and which image repository tells
 * whether a version is already built.
 *
 * <p>Component names are the step's parameter names (the plugin's fields map one to one; a core test checks it).
 * Text values are trimmed, empty means "not set".
 */
public record ReleaseTriggerParameters(
        String spec,
        String source,
        String sourceCredentialsId,
        String newerThan,
        boolean sameMajor,
        String namePattern,
        String imageRepository,
        String tagTemplate,
        String registryCredentialsId,
        boolean registryInsecureSkipTlsVerify,
        String registryCaCertificate) implements Serializable {

    public ReleaseTriggerParameters {
        spec = StepValues.trimToNull(spec);
        source = StepValues.trimToNull(source);
        sourceCredentialsId = StepValues.trimToNull(sourceCredentialsId);
        newerThan = StepValues.trimToNull(newerThan);
        namePattern = StepValues.trimToNull(namePattern);
        imageRepository = StepValues.trimToNull(imageRepository);
        tagTemplate = StepValues.trimToNull(tagTemplate);
        registryCredentialsId = StepValues.trimToNull(registryCredentialsId);
        registryCaCertificate = StepValues.trimToNull(registryCaCertificate);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding the current values. */
    public Builder toBuilder() {
        return new Builder().discovery(find()).spec(spec);
    }

    /** The trigger for a schedule and the discovery values (as {@code findVddkArchive} takes them). */
    private static ReleaseTriggerParameters of(String spec, FindArchiveParameters f) {
        return new ReleaseTriggerParameters(spec, f.source(), f.sourceCredentialsId(), f.newerThan(), f.sameMajor(),
                f.namePattern(), f.imageRepository(), f.tagTemplate(), f.registryCredentialsId(),
                f.registryInsecureSkipTlsVerify(), f.registryCaCertificate());
    }

    /** The discovery part, shared with {@code findVddkArchive}. */
    public FindArchiveParameters find() {
        return new FindArchiveParameters(source, sourceCredentialsId, newerThan, sameMajor, namePattern, imageRepository,
                tagTemplate, registryCredentialsId, registryInsecureSkipTlsVerify, registryCaCertificate);
    }

    /** The field checks except {@code spec} (cron syntax is checked by the front end's scheduler). */
    public java.util.Map<String, FormCheck> checks(List<String> allowedRoots) {
        java.util.Map<String, FormCheck> c = find().checks(allowedRoots);
        c.put("imageRepository", FormChecks.imageRepository(imageRepository, true));
        return c;
    }

    /** Fluent construction with the step's defaults; the plugin sets every field from its getters. */
    public static final class Builder extends DiscoveryParametersBuilder<Builder> {
        private String spec;

        private Builder() {
        }

        /** Cron schedule of the polls (Jenkins syntax, H allowed). */
        public Builder spec(String value) {
            this.spec = value;
            return this;
        }

        public ReleaseTriggerParameters build() {
            return ReleaseTriggerParameters.of(spec, discovery());
        }
    }
}
