package io.forkliftvddk.core.archive;

import io.forkliftvddk.core.spi.Listener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Writes validated entries into a private staging directory. The scanner has already refused everything that could
 * leave it (absolute names, "..", entries below links, duplicates), and files are created with CREATE_NEW and
 * NOFOLLOW_LINKS, so nothing is written through a link. Directory modes are applied last (a read-only directory would
 * stop its own extraction).
 */
final class Extractor implements KitScanner.Sink {

    private final Path staging;
    private final Listener listener;
    private final List<KitEntry> directories = new ArrayList<>();
    private final byte[] buffer = new byte[256 * 1024];
    private boolean posix = true;
    private int normalised;

    Extractor(Path staging, Listener listener) {
        this.staging = staging;
        this.listener = listener;
    }

    private Path at(String path) {
        Path p = staging.resolve(path).normalize();
        if (!p.startsWith(staging) || p.equals(staging)) {
            throw new IllegalStateException("validated path leaves the staging directory: " + path);
        }
        return p;
    }

    @Override
    public void entry(KitEntry e, InputStream content) throws IOException {
        Path p = at(e.path());
        Files.createDirectories(p.getParent());
        switch (e.type()) {
            case DIRECTORY -> {
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(p);
                }
                directories.add(e);
            }
            case FILE -> {
                try (OutputStream out = Files.newOutputStream(p, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    long left = e.size();
                    while (left > 0) {
                        int n = content.read(buffer, 0, (int) Math.min(buffer.length, left));
                        if (n < 0) {
                            throw new java.io.EOFException("entry " + e.raw() + " ends early");
                        }
                        out.write(buffer, 0, n);
                        left -= n;
                    }
                }
                permissions(p, e);
                Files.setLastModifiedTime(p, FileTime.from(e.mtime(), TimeUnit.SECONDS));
            }
            case SYMLINK -> Files.createSymbolicLink(p, p.getFileSystem().getPath(e.link()));
            case HARDLINK -> Files.createLink(p, at(e.link()));
            default -> throw new IllegalStateException(e.type().name());
        }
    }

    @Override
    public void finish(ArchiveReport report) throws IOException {
        for (int i = directories.size() - 1; i >= 0; i--) {
            KitEntry d = directories.get(i);
            Path p = at(d.path());
            permissions(p, d);
            Files.setLastModifiedTime(p, FileTime.from(d.mtime(), TimeUnit.SECONDS));
        }
        if (normalised > 0) {
            listener.warn(report.fileName() + ": made " + normalised + " entries readable by all users (Forklift runs"
                    + " the image under a non-root UID) and removed setuid/setgid bits");
        }
    }

    private void permissions(Path p, KitEntry e) throws IOException {
        if (!posix) {
            return;
        }
        int mode = e.normalisedMode();
        if (mode != (e.mode() & 07777)) {
            normalised++;
        }
        try {
            Files.setPosixFilePermissions(p, permissions(mode));
        } catch (UnsupportedOperationException ex) {
            posix = false;
            listener.warn("the file system of " + staging + " has no POSIX permissions: modes are not kept");
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                s.add(order[bit]);
            }
        }
        return s;
    }

    /**
     * Deletes a tree without following links; makes directories writable first (kits may have read-only ones) and
     * tolerates entries that vanished meanwhile.
     */
    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                try {
                    Set<PosixFilePermission> p = Files.getPosixFilePermissions(dir, LinkOption.NOFOLLOW_LINKS);
                    p.addAll(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                            PosixFilePermission.OWNER_EXECUTE));
                    Files.setPosixFilePermissions(dir, p);
                } catch (UnsupportedOperationException ignored) {
                    // not POSIX: nothing to unlock
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof java.nio.file.NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null) {
                    throw exc;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
