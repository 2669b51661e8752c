package io.forkliftvddk.core.archive;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * What one pass over a valid VDDK tarball found. Digests are {@code sha256:<hex>}; {@code diffId} is the sha256 of
 * the uncompressed tar, which is the OCI diff_id when the file is used as an image layer as it is.
 *
 * @param fileName            the archive's file name (or the name given in {@link InspectOptions#fileName()})
 * @param version             the kit's version: lib64's numbers, with the build number from the file name when both
 *                            agree; the file name's when lib64 has no versioned library; null when neither tells
 * @param fileNameVersion     the version in VMware's file name, or null for a renamed file
 * @param libraryVersion      the version of the real {@code lib64/libvixDiskLib.so.X.Y.Z[.W]}, or null
 * @param kitDirectory        the top-level directory, always {@value VddkArchive#KIT_DIRECTORY}
 * @param libraryChain        the paths from {@code .../lib64/libvixDiskLib.so} through its symlinks to the real file
 * @param compressedDigest    sha256 of the file as it is on disk
 * @param compressedSize      bytes on disk
 * @param diffId              sha256 of the uncompressed tar stream
 * @param uncompressedSize    bytes of the uncompressed tar stream
 * @param entries             tar entries (directories, files, links)
 * @param files               regular files
 * @param directories         directories
 * @param symlinks            symbolic links
 * @param hardlinks           hard links
 * @param contentBytes        sum of the regular files' sizes
 * @param newestEntryTime     the latest entry modification time (a reproducible image creation time)
 * @param usableAsLayer       true when the file can be pushed as an image layer as it is
 * @param repackReasons       why it cannot (empty when it can)
 * @param hasSo8Link          {@code lib64/libvixDiskLib.so.8} exists
 * @param vddk9CompatPossible a 9.x kit without {@code libvixDiskLib.so.8}: a compatibility link can be added
 * @param warnings            things the user should know that do not make the kit invalid
 */
public record ArchiveReport(
        String fileName,
        VddkVersion version,
        VddkVersion fileNameVersion,
        VddkVersion libraryVersion,
        String kitDirectory,
        List<String> libraryChain,
        String compressedDigest,
        long compressedSize,
        String diffId,
        long uncompressedSize,
        int entries,
        int files,
        int directories,
        int symlinks,
        int hardlinks,
        long contentBytes,
        Instant newestEntryTime,
        boolean usableAsLayer,
        List<String> repackReasons,
        boolean hasSo8Link,
        boolean vddk9CompatPossible,
        List<String> warnings) implements Serializable {

    public ArchiveReport {
        libraryChain = List.copyOf(libraryChain);
        repackReasons = List.copyOf(repackReasons);
        warnings = List.copyOf(warnings);
    }

    /** The compressed sha256 as 64 hex digits (what {@code sha256sum} prints). */
    public String compressedSha256() {
        return compressedDigest.substring("sha256:".length());
    }

    /** The uncompressed tar's sha256 as 64 hex digits (what {@code gzip -dc FILE | sha256sum} prints). */
    public String diffIdSha256() {
        return diffId.substring("sha256:".length());
    }

    /** The real library file's path in the archive (last element of {@link #libraryChain()}). */
    public String libraryFile() {
        return libraryChain.get(libraryChain.size() - 1);
    }
}
