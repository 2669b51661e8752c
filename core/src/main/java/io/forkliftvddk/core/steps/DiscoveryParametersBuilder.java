package io.forkliftvddk.core.steps;

/**
 * The discovery parameters {@code findVddkArchive} and the {@code vddkRelease} trigger share (where to look, which
 * kits, which image repository tells whether a version is built, and that registry's credentials and TLS), set once
 * here for both builders: {@link FindArchiveParameters.Builder} and {@link ReleaseTriggerParameters.Builder}.
 *
 * @param <B> the concrete builder, returned by every setter so calls chain
 */
public abstract class DiscoveryParametersBuilder<B extends DiscoveryParametersBuilder<B>> {
    String source;
    String sourceCredentialsId;
    String newerThan;
    boolean sameMajor;
    String namePattern;
    String imageRepository;
    String tagTemplate;
    String registryCredentialsId;
    boolean registryInsecureSkipTlsVerify;
    String registryCaCertificate;

    DiscoveryParametersBuilder() {
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** Copies the discovery values of {@code p}. */
    B discovery(FindArchiveParameters p) {
        source = p.source();
        sourceCredentialsId = p.sourceCredentialsId();
        newerThan = p.newerThan();
        sameMajor = p.sameMajor();
        namePattern = p.namePattern();
        imageRepository = p.imageRepository();
        tagTemplate = p.tagTemplate();
        registryCredentialsId = p.registryCredentialsId();
        registryInsecureSkipTlsVerify = p.registryInsecureSkipTlsVerify();
        registryCaCertificate = p.registryCaCertificate();
        return self();
    }

    /** The discovery values set so far. */
    FindArchiveParameters discovery() {
        return new FindArchiveParameters(source, sourceCredentialsId, newerThan, sameMajor, namePattern, imageRepository,
                tagTemplate, registryCredentialsId, registryInsecureSkipTlsVerify, registryCaCertificate);
    }

    /** A directory under an allowed root, or an http(s) listing URL. */
    public B source(String value) {
        this.source = value;
        return self();
    }

    /** Credentials for the listing: username/password (basic) or secret text (bearer token). */
    public B sourceCredentialsId(String value) {
        this.sourceCredentialsId = value;
        return self();
    }

    /** Only kits newer than this version. */
    public B newerThan(String value) {
        this.newerThan = value;
        return self();
    }

    /** Only kits with the same major version as newerThan. */
    public B sameMajor(boolean value) {
        this.sameMajor = value;
        return self();
    }

    /** Only kit file names matching this regular expression. */
    public B namePattern(String value) {
        this.namePattern = value;
        return self();
    }

    /** Repository to ask whether the image already exists. */
    public B imageRepository(String value) {
        this.imageRepository = value;
        return self();
    }

    /** Tag for a version: {version} (default), {major}, {build}. */
    public B tagTemplate(String value) {
        this.tagTemplate = value;
        return self();
    }

    /** Username/password credentials for the registry. */
    public B registryCredentialsId(String value) {
        this.registryCredentialsId = value;
        return self();
    }

    /** Skip TLS verification of the registry. */
    public B registryInsecureSkipTlsVerify(boolean value) {
        this.registryInsecureSkipTlsVerify = value;
        return self();
    }

    /** PEM CA certificate of the registry. */
    public B registryCaCertificate(String value) {
        this.registryCaCertificate = value;
        return self();
    }
}
