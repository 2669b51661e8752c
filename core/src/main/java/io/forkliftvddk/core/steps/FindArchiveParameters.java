package io.forkliftvddk.core.steps;


import io.forkliftvddk.core.discovery.TagTemplate;
import java.io.Serializable;
import java.util.List;

/**
 * The parameters of {@code findVddkArchive}: the newest kit in a source and whether its image already exists.
 *
 * <p>Component names are the step's parameter names (the plugin's fields map one to one; a core test checks it).
 * Text values are trimmed, empty means "not set".
 */
public record FindArchiveParameters(
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

    public FindArchiveParameters {
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
        return new Builder().discovery(this);
    }

    /** Fills the registry credentials from the global default when a repository is checked. */
    public FindArchiveParameters withDefaults(GlobalDefaults defaults) {
        Builder b = toBuilder();
        if (imageRepository != null) {
            b.registryCredentialsId(StepValues.firstSet(registryCredentialsId, defaults.registryCredentialsId()));
        }
        return b.build();
    }

    public String effectiveTagTemplate() {
        return StepValues.firstSet(tagTemplate, TagTemplate.DEFAULT);
    }

    public java.util.Map<String, FormCheck> checks(List<String> allowedRoots) {
        java.util.Map<String, FormCheck> c = new java.util.LinkedHashMap<>();
        c.put("source", FormChecks.source(source, allowedRoots));
        c.put("newerThan", FormChecks.newerThan(newerThan));
        c.put("sameMajor", sameMajor && newerThan == null
                ? FormCheck.error("sameMajor needs newerThan (the major version to stay on).") : FormCheck.ok());
        c.put("namePattern", FormChecks.namePattern(namePattern));
        c.put("imageRepository", FormChecks.imageRepository(imageRepository, false));
        c.put("tagTemplate", FormChecks.tagTemplate(tagTemplate));
        c.put("registryCaCertificate", FormChecks.tls(registryInsecureSkipTlsVerify, registryCaCertificate));
        return c;
    }

    /** @return warnings; @throws StepException listing every error */
    public List<String> validate(List<String> allowedRoots) {
        return Validation.validate("findVddkArchive", checks(allowedRoots));
    }

    /** Fluent construction with the step's defaults; the plugin sets every field from its getters. */
    public static final class Builder extends DiscoveryParametersBuilder<Builder> {
        private Builder() {
        }

        public FindArchiveParameters build() {
            return discovery();
        }
    }
}
