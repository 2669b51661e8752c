package io.forkliftvddk.core.build;

import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.image.Platform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What to build: one VDDK kit into an image with one or more tags. Immutable; make one with {@link #builder(Path)}.
 *
 * @param archive         the VDDK {@code .tar.gz}
 * @param expectedSha256  the sha256 the kit must have (VMware's download page), lower-case hex, or null
 * @param tags            target references (at least one); all in one repository or not, each is written
 * @param baseImage       the image to build on (default {@link #DEFAULT_BASE_IMAGE}, as the documented Dockerfile)
 * @param platforms       image platforms (default linux/amd64); several give an OCI index
 * @param push            push to the registry of the tags
 * @param output          where the image goes ({@link BuildOutput#REGISTRY} with push; or an OCI layout / archive)
 * @param registryAccess  credentials, auth file, TLS and proxy for every registry involved
 * @param runtime         which builder ({@link Runtime#AUTO} by default)
 * @param runtimePath     the podman/docker executable when it is not on PATH, or null
 * @param dockerfile      a custom Dockerfile (runtime builders only), or null for the documented one
 * @param buildDir        build context directory for runtime builders, or null for a private temp dir
 * @param buildArgs       Dockerfile build arguments (runtime builders), in the user's order
 * @param runtimeOptions  raw options for the runtime's build command ({@code --network none}, ...)
 * @param vddk9Compat     add {@code lib64/libvixDiskLib.so.8 -> libvixDiskLib.so.9} for VDDK 9 kits
 * @param immutableTag    also write {@code <tag>-<first 12 hex of the kit sha256>} for every tag
 * @param tempDirectory   private temp root given by the front end (core never reads {@code java.io.tmpdir})
 * @param kitDigest       the archive's sha256, being computed already (the CLI starts it early), or null
 */
public record BuildRequest(Path archive, String expectedSha256, List<ImageReference> tags, ImageReference baseImage,
                           List<Platform> platforms, boolean push, BuildOutput output, RegistryAccess registryAccess,
                           Runtime runtime, Path runtimePath, Path dockerfile, Path buildDir,
                           Map<String, String> buildArgs, List<String> runtimeOptions, boolean vddk9Compat,
                           boolean immutableTag, Path tempDirectory, KitDigest kitDigest) {

    /** The base image of the documented Dockerfile (forklift-api.md §6). */
    public static final ImageReference DEFAULT_BASE_IMAGE = ImageReference.parse("registry.access.redhat.com/ubi8/ubi-minimal");

    public BuildRequest {
        Objects.requireNonNull(archive, "archive");
        if (kitDigest != null && !kitDigest.file().equals(archive)) {
            throw new IllegalArgumentException("the kit digest is of " + kitDigest.file() + ", not of the archive " + archive);
        }
        tags = List.copyOf(tags);
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("at least one tag is needed");
        }
        for (ImageReference tag : tags) {
            if (tag.hasDigest()) {
                // the digest is what the build produces; a target has to be a tag the image can be written to
                throw new IllegalArgumentException("the target " + tag + " is a digest reference; give a tag instead,"
                        + " for example " + tag.withTag(tag.tag() != null ? tag.tag() : "8.0.1"));
            }
        }
        Objects.requireNonNull(baseImage, "baseImage");
        platforms = platforms == null || platforms.isEmpty() ? List.of(Platform.LINUX_AMD64) : List.copyOf(platforms);
        if (output == null) {
            output = BuildOutput.REGISTRY;
        }
        if (registryAccess == null) {
            registryAccess = RegistryAccess.anonymous();
        }
        if (runtime == null) {
            runtime = Runtime.AUTO;
        }
        buildArgs = buildArgs == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(buildArgs));
        runtimeOptions = runtimeOptions == null ? List.of() : List.copyOf(runtimeOptions);
        if (expectedSha256 != null) {
            expectedSha256 = expectedSha256.strip().toLowerCase(Locale.ROOT);
            if (expectedSha256.startsWith("sha256:")) {
                expectedSha256 = expectedSha256.substring(7);
            }
            if (!ImageReference.isSha256Hex(expectedSha256)) {
                throw new IllegalArgumentException("invalid expected sha256 '" + expectedSha256 + "': 64 hex digits expected");
            }
        }
    }

    /** True when the image leaves the builder: pushed, or written to an OCI layout / archive. */
    public boolean hasDestination() {
        return push || output.kind() != BuildOutput.Kind.REGISTRY;
    }

    public static Builder builder(Path archive) {
        return new Builder(archive);
    }

    public Builder toBuilder() {
        Builder b = new Builder(archive);
        b.expectedSha256 = expectedSha256;
        b.tags = new ArrayList<>(tags);
        b.baseImage = baseImage;
        b.platforms = new ArrayList<>(platforms);
        b.push = push;
        b.output = output;
        b.registryAccess = registryAccess;
        b.runtime = runtime;
        b.runtimePath = runtimePath;
        b.dockerfile = dockerfile;
        b.buildDir = buildDir;
        b.buildArgs = new LinkedHashMap<>(buildArgs);
        b.runtimeOptions = new ArrayList<>(runtimeOptions);
        b.vddk9Compat = vddk9Compat;
        b.immutableTag = immutableTag;
        b.tempDirectory = tempDirectory;
        b.kitDigest = kitDigest;
        return b;
    }

    /** Collects the many options of a request. */
    public static final class Builder {
        private final Path archive;
        private String expectedSha256;
        private List<ImageReference> tags = new ArrayList<>();
        private ImageReference baseImage = DEFAULT_BASE_IMAGE;
        private List<Platform> platforms = new ArrayList<>();
        private boolean push;
        private BuildOutput output = BuildOutput.REGISTRY;
        private RegistryAccess registryAccess = RegistryAccess.anonymous();
        private Runtime runtime = Runtime.AUTO;
        private Path runtimePath;
        private Path dockerfile;
        private Path buildDir;
        private Map<String, String> buildArgs = new LinkedHashMap<>();
        private List<String> runtimeOptions = new ArrayList<>();
        private boolean vddk9Compat;
        private boolean immutableTag;
        private Path tempDirectory;
        private KitDigest kitDigest;

        private Builder(Path archive) {
            this.archive = Objects.requireNonNull(archive, "archive");
        }

        public Builder expectedSha256(String hex) {
            this.expectedSha256 = hex;
            return this;
        }

        public Builder tag(ImageReference ref) {
            this.tags.add(Objects.requireNonNull(ref));
            return this;
        }

        public Builder tag(String ref) {
            return tag(ImageReference.parse(ref));
        }

        public Builder tags(List<ImageReference> refs) {
            this.tags = new ArrayList<>(refs);
            return this;
        }

        public Builder baseImage(ImageReference ref) {
            this.baseImage = ref == null ? DEFAULT_BASE_IMAGE : ref;
            return this;
        }

        public Builder platform(Platform p) {
            this.platforms.add(Objects.requireNonNull(p));
            return this;
        }

        public Builder platforms(List<Platform> ps) {
            this.platforms = new ArrayList<>(ps);
            return this;
        }

        public Builder push(boolean value) {
            this.push = value;
            return this;
        }

        public Builder output(BuildOutput value) {
            this.output = value == null ? BuildOutput.REGISTRY : value;
            return this;
        }

        public Builder registryAccess(RegistryAccess value) {
            this.registryAccess = value == null ? RegistryAccess.anonymous() : value;
            return this;
        }

        public Builder runtime(Runtime value) {
            this.runtime = value == null ? Runtime.AUTO : value;
            return this;
        }

        public Builder runtimePath(Path value) {
            this.runtimePath = value;
            return this;
        }

        public Builder dockerfile(Path value) {
            this.dockerfile = value;
            return this;
        }

        public Builder buildDir(Path value) {
            this.buildDir = value;
            return this;
        }

        public Builder buildArg(String key, String value) {
            this.buildArgs.put(key, value);
            return this;
        }

        public Builder buildArgs(Map<String, String> value) {
            this.buildArgs = new LinkedHashMap<>(value);
            return this;
        }

        public Builder runtimeOption(String value) {
            this.runtimeOptions.add(value);
            return this;
        }

        public Builder runtimeOptions(List<String> value) {
            this.runtimeOptions = new ArrayList<>(value);
            return this;
        }

        public Builder vddk9Compat(boolean value) {
            this.vddk9Compat = value;
            return this;
        }

        public Builder immutableTag(boolean value) {
            this.immutableTag = value;
            return this;
        }

        public Builder tempDirectory(Path value) {
            this.tempDirectory = value;
            return this;
        }

        /** The archive's sha256 when the front end started computing it already ({@link KitDigest#start}). */
        public Builder kitDigest(KitDigest value) {
            this.kitDigest = value;
            return this;
        }

        public BuildRequest build() {
            return new BuildRequest(archive, expectedSha256, tags, baseImage, platforms, push, output, registryAccess,
                    runtime, runtimePath, dockerfile, buildDir, buildArgs, runtimeOptions, vddk9Compat, immutableTag,
                    tempDirectory, kitDigest);
        }
    }
}
