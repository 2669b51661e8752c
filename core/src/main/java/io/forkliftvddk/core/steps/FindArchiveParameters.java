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
        Builder b = new Builder();
            b.source = source;
            b.sourceCredentialsId = sourceCredentialsId;
            b.newerThan = newerThan;
            b.sameMajor = sameMajor;
            b.namePattern = namePattern;
            b.imageRepository = imageRepository;
            b.tagTemplate = tagTemplate;
            b.registryCredentialsId = registryCredentialsId;
            b.registryInsecureSkipTlsVerify = registryInsecureSkipTlsVerify;
            b.registryCaCertificate = registryCaCertificate;
        return b;
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
    public static final class Builder {
        private String source;
        private String sourceCredentialsId;
        private String newerThan;
        private boolean sameMajor;
        private String namePattern;
        private String imageRepository;
        private String tagTemplate;
        private String registryCredentialsId;
        private boolean registryInsecureSkipTlsVerify;
        private String registryCaCertificate;

        private Builder() {
        }

        /** A directory under an allowed root, or an http(s) listing URL. */
        public Builder source(String value) {
            this.source = value;
            return this;
        }

        /** Credentials for the listing: username/password (basic) or secret text (bearer token). */
        public Builder sourceCredentialsId(String value) {
            this.sourceCredentialsId = value;
            return this;
        }

        /** Only kits newer than this version. */
        public Builder newerThan(String value) {
            this.newerThan = value;
            return this;
        }

        /** Only kits with the same major version as newerThan. */
        public Builder sameMajor(boolean value) {
            this.sameMajor = value;
            return this;
        }

        /** Only kit file names matching this regular expression. */
        public Builder namePattern(String value) {
            this.namePattern = value;
            return this;
        }

        /** Repository to ask whether the image already exists. */
        public Builder imageRepository(String value) {
            this.imageRepository = value;
            return this;
        }

        /** Tag for a version: {version} (default), {major}, {build}. */
        public Builder tagTemplate(String value) {
            this.tagTemplate = value;
            return this;
        }

        /** Username/password credentials for the registry. */
        public Builder registryCredentialsId(String value) {
            this.registryCredentialsId = value;
            return this;
        }

        /** Skip TLS verification of the registry. */
        public Builder registryInsecureSkipTlsVerify(boolean value) {
            this.registryInsecureSkipTlsVerify = value;
            return this;
        }

        /** PEM CA certificate of the registry. */
        public Builder registryCaCertificate(String value) {
            this.registryCaCertificate = value;
            return this;
        }

        public FindArchiveParameters build() {
            return new FindArchiveParameters(source, sourceCredentialsId, newerThan, sameMajor, namePattern, imageRepository, tagTemplate, registryCredentialsId, registryInsecureSkipTlsVerify, registryCaCertificate);
        }
    }
}
