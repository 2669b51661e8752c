package io.forkliftvddk.core.archive;

import java.io.IOException;
import java.util.Objects;

/**
 * A VDDK tarball that is rejected: the message names the file, the entry (when one is at fault), what is wrong and
 * what to do. Nothing was written when this is thrown (extraction cleans up what it staged).
 */
public class VddkArchiveException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Why the archive is rejected; stable names for callers and tests. */
    public enum Problem {
        /** The file is empty or not gzip (a plain tar, zip, xz, ...). */
        NOT_GZIP,
        /** The gzip data ends before the end of the stream (incomplete download). */
        TRUNCATED,
        /** Invalid deflate data, a wrong CRC/length, or unexpected bytes after the gzip stream. */
        CORRUPT_GZIP,
        /** The tar inside is damaged (bad header, checksum mismatch, cut entry). */
        CORRUPT_TAR,
        /** An entry name starts with {@code /}. */
        ABSOLUTE_PATH,
        /** An entry name has a {@code ..} component. */
        PATH_TRAVERSAL,
        /** A symbolic link is absolute or resolves outside the kit directory. */
        SYMLINK_ESCAPE,
        /** A chain of symbolic links that never ends. */
        SYMLINK_LOOP,
        /** A hard link to something outside the kit or that is not an earlier file of the kit. */
        HARDLINK_ESCAPE,
        /** A character or block device. */
        DEVICE,
        /** A named pipe. */
        FIFO,
        /** An entry type a VDDK kit never has (sparse, volume header, ...). */
        UNSUPPORTED_ENTRY,
        /** A name with a {@code .wh.} component: an image layer would delete files instead. */
        WHITEOUT,
        /** Two entries for the same path, or an entry that replaces a directory with content. */
        DUPLICATE_ENTRY,
        /** An entry below a symbolic link or a file of the same archive. */
        WRITE_THROUGH_SYMLINK,
        /** The archive has no entries. */
        EMPTY,
        /** No {@code vmware-vix-disklib-distrib/} top-level directory. */
        NO_KIT_DIRECTORY,
        /** Something next to {@code vmware-vix-disklib-distrib/} at the top level. */
        SECOND_TOP_LEVEL_ENTRY,
        /** No {@code lib64/libvixDiskLib.so}. */
        MISSING_LIBRARY,
        /** {@code lib64/libvixDiskLib.so} does not resolve to a regular file of the kit. */
        DANGLING_LIBRARY_LINK,
        /** More entries than {@link InspectOptions#maxEntries()}. */
        TOO_MANY_ENTRIES,
        /** More uncompressed bytes than {@link InspectOptions#maxUncompressedBytes()}. */
        TOO_LARGE,
        /** Inflates more than {@link InspectOptions#maxRatio()} times its compressed size: a decompression bomb. */
        COMPRESSION_RATIO,
        /** The sha256 differs from the expected one. */
        CHECKSUM_MISMATCH
    }

    private final String file;
    private final String entry;
    private final Problem problem;
    private final String detail;
    private final String hint;

    public VddkArchiveException(String file, String entry, Problem problem, String detail, String hint) {
        super(format(file, entry, detail, hint));
        this.file = file;
        this.entry = entry;
        this.problem = Objects.requireNonNull(problem);
        this.detail = detail;
        this.hint = hint;
    }

    private static String format(String file, String entry, String detail, String hint) {
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(": ");
        if (entry != null) {
            sb.append("entry '").append(entry).append("': ");
        }
        sb.append(detail);
        if (hint != null && !hint.isEmpty()) {
            sb.append(". ").append(hint);
        }
        return sb.toString();
    }

    /** The file name of the rejected archive. */
    public String file() {
        return file;
    }

    /** The entry at fault as written in the archive, or null when the archive as a whole is at fault. */
    public String entry() {
        return entry;
    }

    public Problem problem() {
        return problem;
    }

    /** What is wrong, without file and entry. */
    public String detail() {
        return detail;
    }

    /** What to do about it. */
    public String hint() {
        return hint;
    }
}
