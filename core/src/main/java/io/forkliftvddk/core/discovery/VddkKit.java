package io.forkliftvddk.core.discovery;

import io.forkliftvddk.core.archive.VddkVersion;
import io.forkliftvddk.core.image.ImageReference;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A VDDK kit found in a source.
 *
 * @param name     the file name, e.g. {@code VMware-vix-disklib-8.0.3-23950268.x86_64.tar.gz}
 * @param version  parsed from the name
 * @param location an absolute local path, or an http(s) URL
 * @param size     bytes, or -1 when the source does not tell
 * @param sha256   lower-case hex from a checksum file next to the kit, or null when there is none
 */
public record VddkKit(String name, VddkVersion version, String location, long size, String sha256)
        implements Serializable {

    public VddkKit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(location, "location");
        if (sha256 != null) {
            sha256 = sha256.toLowerCase(Locale.ROOT);
            if (!ImageReference.isSha256Hex(sha256)) {
                throw new IllegalArgumentException("not a sha256 hex digest for " + name + ": " + sha256);
            }
        }
    }

    /** True when {@link #location()} is an http(s) URL rather than a local path. */
    public boolean isRemote() {
        String l = location.toLowerCase(Locale.ROOT);
        return l.startsWith("http://") || l.startsWith("https://");
    }

    public Optional<String> checksum() {
        return Optional.ofNullable(sha256);
    }

    VddkKit withSize(long newSize) {
        return new VddkKit(name, version, location, newSize, sha256);
    }

    VddkKit withSha256(String newSha256) {
        return new VddkKit(name, version, location, size, newSha256);
    }
}
