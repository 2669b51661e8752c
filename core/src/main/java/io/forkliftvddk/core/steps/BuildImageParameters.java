package io.forkliftvddk.core.steps;


import java.io.Serializable;
import java.util.List;

/**
 * The parameters of {@code buildVddkImage} (Pipeline step and freestyle builder): build a VDDK image from a kit and
 * push it (or write it to an OCI layout), optionally pointing the ForkliftController at it.
 *
 * <p>Component names are the step's parameter names (the plugin's fields map one to one; a core test checks it).
 * Text values are trimmed, empty means "not set".
 */
public record BuildImageParameters(
        String archive,
        String expectedSha256,
        String tag,
        String additionalTags,
        String runtime,
        String runtimePath,
        String dockerfile,
        String buildDir,
        String platform,
        String baseImage,
        String baseImageCredentialsId,
        boolean push,
        String output,
        String registryCredentialsId,
        String registryEndpointUrl,
        boolean registryInsecureSkipTlsVerify,
        String registryCaCertificate,
        String buildArgs,
        String runtimeOptions,
        boolean vddk9Compat,
        boolean immutableTag,
        boolean verbose,
        boolean setControllerImage,
        String controllerImageRef,
        String forkliftNamespace,
        String forkliftController,
        KubeParameters kube) implements Serializable {

    public BuildImageParameters {
        archive = StepValues.trimToNull(archive);
        expectedSha256 = StepValues.trimToNull(expectedSha256);
        tag = StepValues.trimToNull(tag);
        additionalTags = StepValues.trimToNull(additionalTags);
        runtime = StepValues.lower(runtime);
        runtimePath = StepValues.trimToNull(runtimePath);
        dockerfile = StepValues.trimToNull(dockerfile);
        buildDir = StepValues.trimToNull(buildDir);
        platform = StepValues.trimToNull(platform);
        baseImage = StepValues.trimToNull(baseImage);
        baseImageCredentialsId = StepValues.trimToNull(baseImageCredentialsId);
        output = StepValues.trimToNull(output);
        registryCredentialsId = StepValues.trimToNull(registryCredentialsId);
        registryEndpointUrl = StepValues.trimToNull(registryEndpointUrl);
        registryCaCertificate = StepValues.trimToNull(registryCaCertificate);
        buildArgs = StepValues.trimToNull(buildArgs);
        runtimeOptions = StepValues.trimToNull(runtimeOptions);
        controllerImageRef = StepValues.lower(controllerImageRef);
        forkliftNamespace = StepValues.trimToNull(forkliftNamespace);
        forkliftController = StepValues.trimToNull(forkliftController);
        kube = kube == null ? KubeParameters.none() : kube;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding the current values. */
    public Builder toBuilder() {
        Builder b = new Builder();
            b.archive = archive;
            b.expectedSha256 = expectedSha256;
            b.tag = tag;
            b.additionalTags = additionalTags;
            b.runtime = runtime;
            b.runtimePath = runtimePath;
            b.dockerfile = dockerfile;
            b.buildDir = buildDir;
            b.platform = platform;
            b.baseImage = baseImage;
            b.baseImageCredentialsId = baseImageCredentialsId;
            b.push = push;
            b.output = output;
            b.registryCredentialsId = registryCredentialsId;
            b.registryEndpointUrl = registryEndpointUrl;
            b.registryInsecureSkipTlsVerify = registryInsecureSkipTlsVerify;
            b.registryCaCertificate = registryCaCertificate;
            b.buildArgs = buildArgs;
            b.runtimeOptions = runtimeOptions;
            b.vddk9Compat = vddk9Compat;
            b.immutableTag = immutableTag;
            b.verbose = verbose;
            b.setControllerImage = setControllerImage;
            b.controllerImageRef = controllerImageRef;
            b.forkliftNamespace = forkliftNamespace;
            b.forkliftController = forkliftController;
            b.kube = kube;
        return b;
    }

    /** The record with the administrator's defaults filled in where a parameter is empty. */
    public BuildImageParameters withDefaults(GlobalDefaults defaults) {
        Builder b = toBuilder();
        b.runtime(StepValues.firstSet(runtime, defaults.runtime(), Choices.RUNTIME_AUTO));
        b.runtimePath(StepValues.firstSet(runtimePath, defaults.runtimePath()));
        if (baseImage == null) {
            b.baseImage(defaults.baseImage());
            b.baseImageCredentialsId(StepValues.firstSet(baseImageCredentialsId, defaults.baseImageCredentialsId()));
        }
        b.registryCredentialsId(StepValues.firstSet(registryCredentialsId, defaults.registryCredentialsId()));
        return b.build();
    }

    /** Every field check, keyed by the parameter(s) it is about, in form order. */
    public java.util.Map<String, FormCheck> checks() {
        java.util.Map<String, FormCheck> c = new java.util.LinkedHashMap<>();
        c.put("archive", FormChecks.archive(archive));
        c.put("expectedSha256", FormChecks.sha256(expectedSha256));
        c.put("tag", FormChecks.tag(tag));
        c.put("additionalTags", FormChecks.additionalTags(additionalTags));
        c.put("runtime", FormChecks.runtime(runtime));
        c.put("runtimePath", FormChecks.runtimePath(runtimePath, runtime));
        c.put("dockerfile", FormChecks.dockerfile(dockerfile, runtime));
        c.put("platform", FormChecks.platform(platform));
        c.put("baseImage", FormChecks.image(baseImage, false));
        c.put("push/output/setControllerImage", FormChecks.pushOptions(push, output, setControllerImage));
        c.put("output", FormChecks.output(output));
        c.put("registry", registryEndpointUrl == null ? FormCheck.ok() : FormChecks.httpUrl(registryEndpointUrl, "registry URL"));
        c.put("registryCaCertificate", FormChecks.tls(registryInsecureSkipTlsVerify, registryCaCertificate));
        c.put("buildArgs", FormChecks.buildArgs(buildArgs));
        c.put("runtimeOptions", FormChecks.runtimeOptions(runtimeOptions, runtime));
        c.put("controllerImageRef", FormChecks.controllerImageRef(controllerImageRef));
        c.put("forkliftNamespace", FormChecks.namespace(forkliftNamespace));
        c.put("forkliftController", FormChecks.resourceName(forkliftController, false));
        c.put("kube", setControllerImage ? kube.check() : FormCheck.ok());
        return c;
    }

    /**
     * Validates all parameters.
     *
     * @return the warnings, for the log
     * @throws StepException listing every error
     */
    public List<String> validate() {
        return Validation.validate("buildVddkImage", checks());
    }

    /** The build arguments as KEY → VALUE, in order. */
    public java.util.Map<String, String> buildArgMap() {
        java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
        for (String line : StepValues.lines(buildArgs)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                map.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return map;
    }

    /** The platforms, normalised to {@code linux/ARCH}; amd64 when none is given. */
    public List<String> platforms() {
        List<String> words = StepValues.words(platform);
        if (words.isEmpty()) {
            return List.of("linux/amd64");
        }
        return words.stream().map(p -> p.contains("/") ? p.toLowerCase(java.util.Locale.ROOT)
                : "linux/" + p.toLowerCase(java.util.Locale.ROOT)).distinct().toList();
    }

    /** True when the archive is a URL to download first. */
    public boolean archiveIsUrl() {
        return archive != null && archive.toLowerCase(java.util.Locale.ROOT).matches("https?://.*");
    }

    /** Fluent construction with the step's defaults; the plugin sets every field from its getters. */
    public static final class Builder {
        private String archive;
        private String expectedSha256;
        private String tag;
        private String additionalTags;
        private String runtime;
        private String runtimePath;
        private String dockerfile;
        private String buildDir;
        private String platform;
        private String baseImage;
        private String baseImageCredentialsId;
        private boolean push = true;
        private String output;
        private String registryCredentialsId;
        private String registryEndpointUrl;
        private boolean registryInsecureSkipTlsVerify;
        private String registryCaCertificate;
        private String buildArgs;
        private String runtimeOptions;
        private boolean vddk9Compat;
        private boolean immutableTag;
        private boolean verbose;
        private boolean setControllerImage;
        private String controllerImageRef;
        private String forkliftNamespace;
        private String forkliftController;
        private KubeParameters kube;

        private Builder() {
        }

        /** The kit: a workspace path, or an http(s) URL that is downloaded first. */
        public Builder archive(String value) {
            this.archive = value;
            return this;
        }

        /** The sha256 the kit must have (VMware's download page); optional. */
        public Builder expectedSha256(String value) {
            this.expectedSha256 = value;
            return this;
        }

        /** The image to build, {@code registry/repository:tag}. */
        public Builder tag(String value) {
            this.tag = value;
            return this;
        }

        /** More tags for the same image (tag names separated by spaces, commas or new lines). */
        public Builder additionalTags(String value) {
            this.additionalTags = value;
            return this;
        }

        /** auto, builtin, podman or docker; empty means the global default, else auto. */
        public Builder runtime(String value) {
            this.runtime = value;
            return this;
        }

        /** The podman/docker executable on the agent when it is not on PATH. */
        public Builder runtimePath(String value) {
            this.runtimePath = value;
            return this;
        }

        /** A custom Dockerfile in the workspace (podman/docker only); it must COPY the kit. */
        public Builder dockerfile(String value) {
            this.dockerfile = value;
            return this;
        }

        /** The build context directory for podman/docker (default: a private temp dir). */
        public Builder buildDir(String value) {
            this.buildDir = value;
            return this;
        }

        /** amd64 (default) or linux/amd64; several separated by commas. */
        public Builder platform(String value) {
            this.platform = value;
            return this;
        }

        /** The base image (default: the documented ubi8/ubi-minimal, or the global default). */
        public Builder baseImage(String value) {
            this.baseImage = value;
            return this;
        }

        /** Username/password credentials for the base image's registry. */
        public Builder baseImageCredentialsId(String value) {
            this.baseImageCredentialsId = value;
            return this;
        }

        /** Push to the registry (default true). */
        public Builder push(boolean value) {
            this.push = value;
            return this;
        }

        /** Instead of pushing: oci:DIR or oci-archive:FILE in the workspace. */
        public Builder output(String value) {
            this.output = value;
            return this;
        }

        /** Username/password credentials for the target registry. */
        public Builder registryCredentialsId(String value) {
            this.registryCredentialsId = value;
            return this;
        }

        /** The registry URL of a docker-commons registry endpoint ({@code registry: [url:, credentialsId:]}). */
        public Builder registryEndpointUrl(String value) {
            this.registryEndpointUrl = value;
            return this;
        }

        /** Skip TLS verification of the target registry. */
        public Builder registryInsecureSkipTlsVerify(boolean value) {
            this.registryInsecureSkipTlsVerify = value;
            return this;
        }

        /** PEM CA certificate of the target registry. */
        public Builder registryCaCertificate(String value) {
            this.registryCaCertificate = value;
            return this;
        }

        /** Dockerfile build arguments, KEY=VALUE, one per line. */
        public Builder buildArgs(String value) {
            this.buildArgs = value;
            return this;
        }

        /** Raw options for the runtime's build command, one per line. */
        public Builder runtimeOptions(String value) {
            this.runtimeOptions = value;
            return this;
        }

        /** Add the libvixDiskLib.so.8 compatibility link for VDDK 9 kits. */
        public Builder vddk9Compat(boolean value) {
            this.vddk9Compat = value;
            return this;
        }

        /** Also tag {@code <tag>-<first 12 hex of the kit sha256>}. */
        public Builder immutableTag(boolean value) {
            this.immutableTag = value;
            return this;
        }

        /** Log every registry or runtime step. */
        public Builder verbose(boolean value) {
            this.verbose = value;
            return this;
        }

        /** Set the ForkliftController's global vddk_image to the pushed image. */
        public Builder setControllerImage(boolean value) {
            this.setControllerImage = value;
            return this;
        }

        /** digest (default: repo@sha256:…) or tag: which reference setControllerImage writes. */
        public Builder controllerImageRef(String value) {
            this.controllerImageRef = value;
            return this;
        }

        /** MTV namespace for setControllerImage (default: discovered). */
        public Builder forkliftNamespace(String value) {
            this.forkliftNamespace = value;
            return this;
        }

        /** ForkliftController name for setControllerImage (default: the only one). */
        public Builder forkliftController(String value) {
            this.forkliftController = value;
            return this;
        }

        /** The Kubernetes connection for setControllerImage. */
        public Builder kube(KubeParameters value) {
            this.kube = value;
            return this;
        }

        public BuildImageParameters build() {
            return new BuildImageParameters(archive, expectedSha256, tag, additionalTags, runtime, runtimePath, dockerfile, buildDir, platform, baseImage, baseImageCredentialsId, push, output, registryCredentialsId, registryEndpointUrl, registryInsecureSkipTlsVerify, registryCaCertificate, buildArgs, runtimeOptions, vddk9Compat, immutableTag, verbose, setControllerImage, controllerImageRef, forkliftNamespace, forkliftController, kube);
        }
    }
}
