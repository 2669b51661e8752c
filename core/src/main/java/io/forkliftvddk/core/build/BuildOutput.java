package io.forkliftvddk.core.build;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the image goes: a registry (the tags), an OCI image layout directory ({@code oci:DIR}), or a tar of such a
 * layout ({@code oci-archive:FILE}, loadable with {@code podman load} and {@code skopeo copy}).
 */
public record BuildOutput(Kind kind, Path path) {

    public enum Kind { REGISTRY, OCI_LAYOUT, OCI_ARCHIVE }

    public static final BuildOutput REGISTRY = new BuildOutput(Kind.REGISTRY, null);

    public BuildOutput {
        Objects.requireNonNull(kind, "kind");
        if (kind != Kind.REGISTRY) {
            Objects.requireNonNull(path, "path");
        }
    }

    /**
     * Parses {@code oci:DIR} or {@code oci-archive:FILE} ({@code registry} for the registry).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static BuildOutput parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.equals("registry")) {
            return REGISTRY;
        }
        if (t.startsWith("oci:") && t.length() > 4) {
            return new BuildOutput(Kind.OCI_LAYOUT, Path.of(t.substring(4)));
        }
        if (t.startsWith("oci-archive:") && t.length() > 12) {
            return new BuildOutput(Kind.OCI_ARCHIVE, Path.of(t.substring(12)));
        }
        throw new IllegalArgumentException("invalid output '" + text
                + "': expected oci:DIRECTORY (an OCI image layout) or oci-archive:FILE (a tar of one)");
    }

    @Override
    public String toString() {
        return switch (kind) {
            case REGISTRY -> "registry";
            case OCI_LAYOUT -> "oci:" + path;
            case OCI_ARCHIVE -> "oci-archive:" + path;
        };
    }
}
