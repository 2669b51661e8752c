package io.forkliftvddk.core.archive;

import java.io.Serializable;
import java.util.List;

/**
 * The normalised tar.gz {@link VddkArchive#repack} wrote, with its digests (what a registry needs for the layer).
 *
 * @param compressedDigest  sha256 of the bytes written ({@code sha256:<hex>}), the layer digest
 * @param compressedSize    bytes written
 * @param diffId            sha256 of the uncompressed tar written, the layer's diff_id
 * @param uncompressedSize  bytes of the uncompressed tar
 * @param source            the report on the input archive
 * @param changes           what normalisation changed, for the log
 * @param compatLinkAdded   {@code lib64/libvixDiskLib.so.8} was added
 */
public record RepackResult(String compressedDigest, long compressedSize, String diffId, long uncompressedSize,
        ArchiveReport source, List<String> changes, boolean compatLinkAdded) implements Serializable {

    public RepackResult {
        changes = List.copyOf(changes);
    }
}
