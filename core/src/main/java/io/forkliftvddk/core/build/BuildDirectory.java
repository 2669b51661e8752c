package io.forkliftvddk.core.build;

import io.forkliftvddk.core.archive.VddkArchive;
import io.forkliftvddk.core.image.Dockerfiles;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The build context of a runtime build: a private temp directory removed afterwards, or a user's directory (for
 * Dockerfiles that COPY more files from it). A user's directory is never trusted for stale content: our own entries
 * (the kit directory and our Dockerfile) are removed before extraction and again afterwards; nothing else in it is
 * touched. Our Dockerfile has its own name so a user's {@code Dockerfile} there is never overwritten.
 */
final class BuildDirectory implements AutoCloseable {

    /** Name of the Dockerfile we write into the context. */
    static final String DOCKERFILE = ".forklift-vddk.Dockerfile";

    private final Path dir;
    private final boolean temporary;

    private BuildDirectory(Path dir, boolean temporary) {
        this.dir = dir;
        this.temporary = temporary;
    }

    /**
     * A fresh context: {@code userDir} emptied of our entries, or a new 0700 directory under {@code tempParent}.
     *
     * @throws BuildException when the user's directory is not a directory or not writable
     */
    static BuildDirectory open(Path userDir, Path tempParent) throws IOException {
        if (userDir == null) {
            if (tempParent == null) {
                throw new IllegalArgumentException("a temp directory is needed (BuildRequest.tempDirectory)");
            }
            Files.createDirectories(tempParent);
            Path dir = Files.createTempDirectory(tempParent, "vddk-build-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            return new BuildDirectory(dir, true);
        }
        if (Files.exists(userDir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(userDir)) {
            throw new BuildException("build directory " + userDir + " is not a directory (--build-dir)");
        }
        Files.createDirectories(userDir);
        if (!Files.isWritable(userDir)) {
            throw new BuildException("build directory " + userDir + " is not writable (--build-dir)");
        }
        BuildDirectory bd = new BuildDirectory(userDir, false);
        bd.removeOurEntries();
        return bd;
    }

    Path dir() {
        return dir;
    }

    boolean temporary() {
        return temporary;
    }

    Path kitDirectory() {
        return dir.resolve(Dockerfiles.KIT_DIRECTORY);
    }

    Path dockerfile() {
        return dir.resolve(DOCKERFILE);
    }

    /**
     * Fails when the file system lacks room for the extracted kit (plus a margin for the runtime's own copy of the
     * context, which podman and docker stream from it).
     */
    void checkFreeSpace(long uncompressedBytes) throws IOException {
        FileStore store = Files.getFileStore(dir);
        long free = store.getUsableSpace();
        long needed = uncompressedBytes + uncompressedBytes / 10 + 1024 * 1024;
        if (free < needed) {
            throw new BuildException("not enough free space in build directory " + dir + " for the extracted kit: "
                    + mib(needed) + " MiB needed, " + mib(free) + " MiB free; free some space or point --build-dir at a"
                    + " larger file system");
        }
    }

    /**
     * Fails when extraction lost the {@code lib64/libvixDiskLib.so} symlink: some file systems (network shares, FAT)
     * replace symlinks by copies or drop them, and Forklift needs the chain (MTV-805).
     */
    void checkSymlinkKept() throws IOException {
        Path lib = kitDirectory().resolve("lib64").resolve("libvixDiskLib.so");
        if (!Files.isSymbolicLink(lib)) {
            throw new BuildException("after extraction into " + dir + ", " + Dockerfiles.KIT_DIRECTORY
                    + "/lib64/libvixDiskLib.so is " + (Files.exists(lib, LinkOption.NOFOLLOW_LINKS) ? "no longer a symlink"
                    : "missing") + ": the build directory's file system does not keep symlinks, and Forklift needs them"
                    + " (MTV-805); use --build-dir on a local file system such as ext4, xfs or tmpfs");
        }
    }

    private void removeOurEntries() throws IOException {
        VddkArchive.deleteTree(kitDirectory());
        Files.deleteIfExists(dockerfile());
    }

    @Override
    public void close() throws IOException {
        if (temporary) {
            VddkArchive.deleteTree(dir);
        } else {
            removeOurEntries();
        }
    }

    private static long mib(long bytes) {
        return (bytes + 1024 * 1024 - 1) / (1024 * 1024);
    }
}
