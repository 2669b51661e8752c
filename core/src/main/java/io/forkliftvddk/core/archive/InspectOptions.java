package io.forkliftvddk.core.archive;

import java.io.Serializable;
import java.util.Locale;

/**
 * Limits and expectations for reading a VDDK tarball. The defaults accept real kits (about 70-200 MB unpacked, fewer
 * than a thousand entries, compression about 3:1) with a wide margin and stop decompression bombs early.
 *
 * @param maxEntries           most tar entries accepted
 * @param maxUncompressedBytes most bytes the gzip may inflate to
 * @param maxRatio             most uncompressed bytes per compressed byte, checked once {@code ratioCheckAfterBytes}
 *                             have been inflated (small kits of zeros stay acceptable)
 * @param ratioCheckAfterBytes uncompressed size from which the ratio is enforced
 * @param expectedSha256       sha256 the file must have (64 hex digits, with or without {@code sha256:}), or null
 * @param fileName             name to read the version from instead of the path's name (a download saved under a
 *                             temporary name), or null
 */
public record InspectOptions(long maxEntries, long maxUncompressedBytes, long maxRatio, long ratioCheckAfterBytes,
        String expectedSha256, String fileName) implements Serializable {

    public static final long DEFAULT_MAX_ENTRIES = 100_000;
    public static final long DEFAULT_MAX_UNCOMPRESSED_BYTES = 4L * 1024 * 1024 * 1024;
    public static final long DEFAULT_MAX_RATIO = 50;
    public static final long DEFAULT_RATIO_CHECK_AFTER_BYTES = 64L * 1024 * 1024;

    public InspectOptions {
        if (maxEntries < 1 || maxUncompressedBytes < 1 || maxRatio < 1 || ratioCheckAfterBytes < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (expectedSha256 != null) {
            String hex = expectedSha256.strip().toLowerCase(Locale.ROOT);
            if (hex.startsWith("sha256:")) {
                hex = hex.substring("sha256:".length());
            }
            if (!hex.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("invalid expected sha256 '" + expectedSha256
                        + "': expected 64 hexadecimal digits, as printed by sha256sum or VMware's download page");
            }
            expectedSha256 = hex;
        }
    }

    /** The defaults: 100,000 entries, 4 GiB unpacked, ratio 50:1 from 64 MiB on, no expected checksum. */
    public static InspectOptions defaults() {
        return new InspectOptions(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_UNCOMPRESSED_BYTES, DEFAULT_MAX_RATIO,
                DEFAULT_RATIO_CHECK_AFTER_BYTES, null, null);
    }

    /** The sha256 the file must have; a mismatch is an error before anything is reported valid. Null for none. */
    public InspectOptions withExpectedSha256(String hex) {
        return new InspectOptions(maxEntries, maxUncompressedBytes, maxRatio, ratioCheckAfterBytes, hex, fileName);
    }

    /** The original file name when the path is a temporary copy. */
    public InspectOptions withFileName(String name) {
        return new InspectOptions(maxEntries, maxUncompressedBytes, maxRatio, ratioCheckAfterBytes, expectedSha256,
                name);
    }

    public InspectOptions withMaxEntries(long n) {
        return new InspectOptions(n, maxUncompressedBytes, maxRatio, ratioCheckAfterBytes, expectedSha256, fileName);
    }

    public InspectOptions withMaxUncompressedBytes(long n) {
        return new InspectOptions(maxEntries, n, maxRatio, ratioCheckAfterBytes, expectedSha256, fileName);
    }

    public InspectOptions withMaxRatio(long ratio, long checkAfterBytes) {
        return new InspectOptions(maxEntries, maxUncompressedBytes, ratio, checkAfterBytes, expectedSha256, fileName);
    }
}
