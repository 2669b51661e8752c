package io.forkliftvddk.core.registry;

import io.forkliftvddk.core.image.Platform;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A manifest or index as the registry stored it: the exact bytes (whose sha256 is the digest), the media type and
 * the digest. Parsed views ({@link #config()}, {@link #layers()}, {@link #manifests()}) are read from the bytes.
 *
 * @param mediaType one of {@link MediaTypes}' manifest or index types
 * @param digest    {@code sha256:<hex>} of {@link #bytes()}
 */
public record Manifest(String mediaType, String digest, byte[] bytes) implements Serializable {

    public Manifest {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        bytes = bytes.clone();
    }

    /** A manifest from its bytes; the digest is computed, the media type taken from the JSON when not given. */
    public static Manifest of(byte[] bytes, String mediaType) {
        String type = mediaType;
        if (type == null || type.isBlank() || !(MediaTypes.isIndex(type) || MediaTypes.isImageManifest(type))) {
            JsonNode mt = Json.parseObject(bytes, "manifest").get("mediaType");
            if (mt != null && mt.isTextual()) {
                type = mt.asText();
            } else if (Json.parseObject(bytes, "manifest").has("manifests")) {
                type = MediaTypes.OCI_INDEX;
            } else {
                type = MediaTypes.OCI_MANIFEST;
            }
        }
        return new Manifest(MediaTypes.strip(type), Digests.sha256(bytes), bytes);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public long size() {
        return bytes.length;
    }

    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType);
    }

    /** The parsed JSON (a fresh copy each call, free to change). */
    public ObjectNode json() {
        return Json.parseObject(bytes, "manifest " + digest);
    }

    /** This manifest as a descriptor (for an index entry or {@code putManifest}). */
    public Descriptor descriptor() {
        return new Descriptor(mediaType, digest, bytes.length);
    }

    /** The config descriptor of an image manifest. */
    public Descriptor config() {
        requireImageManifest();
        return Descriptor.fromJson(json().get("config"));
    }

    /** The layers of an image manifest, base first. */
    public List<Descriptor> layers() {
        requireImageManifest();
        return descriptors("layers");
    }

    /** The entries of an index (manifest list). */
    public List<Descriptor> manifests() {
        if (!isIndex()) {
            throw new IllegalStateException("manifest " + digest + " (" + mediaType + ") is not an index");
        }
        return descriptors("manifests");
    }

    /**
     * The entry of this index for {@code platform}: an exact variant match first, then one that {@link #matches}.
     * Empty when no entry fits (the caller names the platforms on offer: {@link #platforms()}).
     */
    public Optional<Descriptor> selectPlatform(Platform platform) {
        List<Descriptor> entries = manifests();
        for (Descriptor d : entries) {
            if (platform.equals(d.platform())) {
                return Optional.of(d);
            }
        }
        for (Descriptor d : entries) {
            if (matches(platform, d.platform())) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether an index entry for {@code candidate} runs on {@code wanted}: same OS and architecture, and the same
     * variant where both name one; {@code arm64} without a variant means {@code v8}, {@code arm} means {@code v7}.
     */
    static boolean matches(Platform wanted, Platform candidate) {
        if (candidate == null || !wanted.os().equals(candidate.os()) || !wanted.architecture().equals(candidate.architecture())) {
            return false;
        }
        String mine = wanted.variant() != null ? wanted.variant() : defaultVariant(wanted.architecture());
        String theirs = candidate.variant() != null ? candidate.variant() : defaultVariant(candidate.architecture());
        return mine == null || theirs == null || mine.equals(theirs);
    }

    private static String defaultVariant(String arch) {
        return switch (arch) {
            case "arm64" -> "v8";
            case "arm" -> "v7";
            default -> null;
        };
    }

    /** Convenience for {@link #selectPlatform(Platform)}. */
    public Optional<Descriptor> selectPlatform(String os, String architecture) {
        return selectPlatform(new Platform(os, Platform.parse(architecture).architecture(), null));
    }

    /** The platforms an index offers (for error messages). */
    public List<Platform> platforms() {
        List<Platform> out = new ArrayList<>();
        for (Descriptor d : manifests()) {
            if (d.platform() != null) {
                out.add(d.platform());
            }
        }
        return out;
    }

    private List<Descriptor> descriptors(String field) {
        JsonNode array = json().get(field);
        if (array == null || !array.isArray()) {
            throw new IllegalArgumentException("manifest " + digest + " has no '" + field + "' array");
        }
        List<Descriptor> out = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            out.add(Descriptor.fromJson(n));
        }
        return Collections.unmodifiableList(out);
    }

    private void requireImageManifest() {
        if (!MediaTypes.isImageManifest(mediaType)) {
            throw new IllegalStateException("manifest " + digest + " (" + mediaType + ") is not an image manifest");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Manifest m && mediaType.equals(m.mediaType) && digest.equals(m.digest)
                && Arrays.equals(bytes, m.bytes);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return "Manifest[" + mediaType + ", " + digest + ", " + bytes.length + " bytes]";
    }
}
