package io.forkliftvddk.core.image;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A container image reference, parsed and normalised the way the container tools do (distribution's reference
 * grammar): {@code [registry[:port]/]repository[:tag][@algorithm:hex]}.
 *
 * <p>The first path component is a registry host when it contains a dot or a colon or is {@code localhost};
 * otherwise the registry is {@code docker.io}, and a one-component repository there gets {@code library/}. The tag
 * defaults to {@code latest} only when there is neither a tag nor a digest ({@link #tagOrLatest()}).
 */
public record ImageReference(String registry, String repository, String tag, String digest) implements Serializable {

    public static final String DEFAULT_REGISTRY = "docker.io";
    /** Where {@code docker.io} really serves the distribution API. */
    public static final String DOCKER_HUB_API_HOST = "registry-1.docker.io";

    private static final int MAX_NAME_LENGTH = 255;

    public ImageReference {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(repository, "repository");
        if (tag == null && digest == null) {
            // keep the record canonical: no tag and no digest means latest
            tag = "latest";
        }
    }

    /**
     * Parses a reference.
     *
     * @throws InvalidImageReferenceException naming what is wrong and how a valid reference looks
     */
    public static ImageReference parse(String text) {
        if (text == null || text.isBlank()) {
            throw invalid(text, "it is empty");
        }
        if (!text.equals(text.strip())) {
            throw invalid(text, "it has leading or trailing spaces");
        }
        for (char c : text.toCharArray()) {
            if (Character.isWhitespace(c)) {
                throw invalid(text, "it contains a space");
            }
            if (c == '"' || c == '\'' || c == '`') {
                throw invalid(text, "it contains a quote character (" + c + "); remove the quotes");
            }
            if (c < 0x21 || c > 0x7e) {
                throw invalid(text, "it contains a character that is not printable ASCII");
            }
        }
        if (text.contains("://")) {
            throw invalid(text, "it has a URL scheme; write host/repository without http:// or https://");
        }

        String rest = text;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (digest.startsWith("sha256:") && !ReferenceSyntax.isSha256(digest)) {
                throw invalid(text, "a sha256 digest needs exactly 64 lower-case hex digits");
            }
            if (!ReferenceSyntax.isDigest(digest)) {
                throw invalid(text, "the digest '" + digest + "' is not of the form algorithm:hex (sha256:<64 hex digits>)");
            }
        }

        String tag = null;
        int slash = rest.lastIndexOf('/');
        int colon = rest.lastIndexOf(':');
        if (colon > slash) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!ReferenceSyntax.isTag(tag)) {
                throw invalid(text, "the tag '" + tag + "' is invalid: up to 128 letters, digits, '_', '.' and '-', not starting with '.' or '-'");
            }
        }
        if (rest.isEmpty()) {
            throw invalid(text, "the repository name is missing");
        }

        String registry;
        String path;
        int firstSlash = rest.indexOf('/');
        String first = firstSlash < 0 ? rest : rest.substring(0, firstSlash);
        if (firstSlash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost")
                || !first.equals(first.toLowerCase(Locale.ROOT)))) {
            registry = first;
            path = rest.substring(firstSlash + 1);
            if (!ReferenceSyntax.isHost(registry)) {
                throw invalid(text, "the registry host '" + registry + "' is not a valid host[:port]");
            }
            int portSep = registry.lastIndexOf(':');
            if (portSep > registry.lastIndexOf(']')) {
                int port = Integer.parseInt(registry.substring(portSep + 1));
                if (port < 1 || port > 65535) {
                    throw invalid(text, "the registry port " + port + " is out of range 1-65535");
                }
            }
        } else {
            registry = DEFAULT_REGISTRY;
            path = rest;
        }
        if (registry.equals("index.docker.io") || registry.equals(DOCKER_HUB_API_HOST)) {
            registry = DEFAULT_REGISTRY;
        }
        if (path.isEmpty()) {
            throw invalid(text, "the repository name is missing after the registry host");
        }
        for (String component : path.split("/", -1)) {
            if (component.isEmpty()) {
                throw invalid(text, "the repository path has an empty component (two slashes or a trailing slash)");
            }
            if (!component.equals(component.toLowerCase(Locale.ROOT))) {
                throw invalid(text, "the repository path must be lower case ('" + component + "' has upper-case letters)");
            }
            if (!ReferenceSyntax.isComponent(component)) {
                throw invalid(text, "the repository path component '" + component
                        + "' may only hold lower-case letters, digits and single '.', '_', '__' or '-' separators between them");
            }
        }
        if (registry.equals(DEFAULT_REGISTRY) && !path.contains("/")) {
            path = "library/" + path;
        }
        if (registry.length() + 1 + path.length() > MAX_NAME_LENGTH) {
            throw invalid(text, "the name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        return new ImageReference(registry, path, tag, digest);
    }

    /** Like {@link #parse} but returns the problem instead of throwing; for form checks. */
    public static Optional<String> problem(String text) {
        try {
            parse(text);
            return Optional.empty();
        } catch (InvalidImageReferenceException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static InvalidImageReferenceException invalid(String text, String why) {
        return new InvalidImageReferenceException("invalid image reference '" + text + "': " + why
                + " (expected [registry[:port]/]repository[:tag][@sha256:digest], for example quay.io/org/vddk:8.0.1)");
    }

    /** Whether {@code digest} is {@code sha256:} and 64 lower-case hex digits. */
    public static boolean isSha256Digest(String digest) {
        return ReferenceSyntax.isSha256(digest);
    }

    /** Whether {@code hex} is 64 lower-case hex digits, a sha256 as sha256sum prints it. */
    public static boolean isSha256Hex(String hex) {
        return ReferenceSyntax.isSha256Hex(hex);
    }

    /** The tag, or {@code latest} when the reference has neither tag nor digest. */
    public String tagOrLatest() {
        return tag != null ? tag : (digest == null ? "latest" : null);
    }

    public boolean hasDigest() {
        return digest != null;
    }

    /** The host to talk the distribution API to ({@code registry-1.docker.io} for Docker Hub). */
    public String apiHost() {
        return registry.equals(DEFAULT_REGISTRY) ? DOCKER_HUB_API_HOST : registry;
    }

    /** {@code registry/repository}. */
    public String name() {
        return registry + "/" + repository;
    }

    /** The same repository with another tag and no digest. */
    public ImageReference withTag(String newTag) {
        if (!ReferenceSyntax.isTag(newTag)) {
            throw invalid(name() + ":" + newTag, "the tag '" + newTag + "' is invalid");
        }
        return new ImageReference(registry, repository, newTag, null);
    }

    /** The pinned form {@code registry/repository@digest}, which Forklift prefers for {@code vddk_image}. */
    public ImageReference pinned(String newDigest) {
        if (!ReferenceSyntax.isSha256(newDigest)) {
            throw new IllegalArgumentException("not a sha256 digest: " + newDigest);
        }
        return new ImageReference(registry, repository, null, newDigest);
    }

    /** What the registry API calls the reference: the digest when there is one, else the tag. */
    public String apiReference() {
        return digest != null ? digest : tagOrLatest();
    }

    // Written out, not left to the record: the generated ones bootstrap java.lang.runtime.ObjectMethods through
    // method handles on first use (~20 ms of a CLI run's start-up), and references key the build's maps.
    @Override
    public boolean equals(Object o) {
        return o instanceof ImageReference r && Objects.equals(registry, r.registry)
                && Objects.equals(repository, r.repository) && Objects.equals(tag, r.tag) && Objects.equals(digest, r.digest);
    }

    @Override
    public int hashCode() {
        return Objects.hash(registry, repository, tag, digest);
    }

    /** The full, normalised form: always with the registry. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name());
        if (tag != null) {
            sb.append(':').append(tag);
        }
        if (digest != null) {
            sb.append('@').append(digest);
        }
        return sb.toString();
    }

    /** The short form the docker CLI shows: without {@code docker.io/} and {@code library/}. */
    public String familiar() {
        String full = toString();
        if (registry.equals(DEFAULT_REGISTRY)) {
            String shortName = repository.startsWith("library/") && repository.indexOf('/', 8) < 0
                    ? repository.substring(8) : repository;
            return shortName + full.substring(name().length());
        }
        return full;
    }
}
