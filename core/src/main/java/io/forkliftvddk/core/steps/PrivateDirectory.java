package io.forkliftvddk.core.steps;

import io.forkliftvddk.core.archive.VddkArchive;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A 0700 directory for secret files (auth files, CA bundles) and build scratch, under a parent the front end chooses
 * (Jenkins: the workspace's {@code @tmp} sibling, visible to containers sharing the workspace). Deleted on close.
 */
public final class PrivateDirectory implements AutoCloseable {

    private final Path path;

    private PrivateDirectory(Path path) {
        this.path = path;
    }

    public static PrivateDirectory create(Path parent) throws IOException {
        Files.createDirectories(parent);
        // The safety is in creating the directory atomically, 0700, and never using one that exists already: its name
        // need not be unpredictable. So not UUID.randomUUID(): its first call seeds SecureRandom, ~10 ms of every CLI run.
        for (int attempt = 0; ; attempt++) {
            Path dir = parent.resolve("forklift-vddk-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
            try {
                try {
                    Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (UnsupportedOperationException e) {
                    Files.createDirectory(dir); // not POSIX (Windows): the ACLs of the parent apply
                }
                return new PrivateDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                if (attempt == 100) {
                    throw e;
                }
            }
        }
    }

    public Path path() {
        return path;
    }

    /** Writes a file readable by the owner only. */
    public Path write(String name, byte[] content) throws IOException {
        Path file = path.resolve(name);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.write(file, content);
        return file;
    }

    @Override
    public void close() throws IOException {
        VddkArchive.deleteTree(path);
    }
}
