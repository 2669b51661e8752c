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
        Builder b = new Builder();
            b.spec = spec;
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
    public static final class Builder {
        private String spec;
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

        /** Cron schedule of the polls (Jenkins syntax, H allowed). */
        public Builder spec(String value) {
            this.spec = value;
            return this;
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

        public ReleaseTriggerParameters build() {
            return new ReleaseTriggerParameters(spec, source, sourceCredentialsId, newerThan, sameMajor, namePattern, imageRepository, tagTemplate, registryCredentialsId, registryInsecureSkipTlsVerify, registryCaCertificate);
        }
    }
}
