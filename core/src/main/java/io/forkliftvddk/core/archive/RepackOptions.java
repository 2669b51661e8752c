package io.forkliftvddk.core.archive;

import java.io.Serializable;
import java.util.Objects;

/**
 * How {@link VddkArchive#repack} writes its output.
 *
 * @param inspect          limits and expected checksum for reading the input
 * @param addVddk9CompatLink add {@code lib64/libvixDiskLib.so.8 -> libvixDiskLib.so.9} to a 9.x kit that lacks it
 * @param compressionLevel gzip level 1-9 (default 6, like gzip)
 */
public record RepackOptions(InspectOptions inspect, boolean addVddk9CompatLink, int compressionLevel)
        implements Serializable {

    public RepackOptions {
        Objects.requireNonNull(inspect, "inspect");
        if (compressionLevel < 1 || compressionLevel > 9) {
            throw new IllegalArgumentException("gzip level must be 1-9: " + compressionLevel);
        }
    }

    public static RepackOptions defaults() {
        return new RepackOptions(InspectOptions.defaults(), false, 6);
    }

    public RepackOptions withInspect(InspectOptions options) {
        return new RepackOptions(options, addVddk9CompatLink, compressionLevel);
    }

    public RepackOptions withVddk9CompatLink(boolean add) {
        return new RepackOptions(inspect, add, compressionLevel);
    }

    public RepackOptions withCompressionLevel(int level) {
        return new RepackOptions(inspect, addVddk9CompatLink, level);
    }
}
