package io.forkliftvddk.core.discovery;

import io.forkliftvddk.core.archive.VddkVersion;
import io.forkliftvddk.core.spi.Listener;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/** Kits in a local (or mounted) directory, optionally in its subdirectories too. */
public final class DirectorySource implements KitSource {

    private final Path directory;
    private final boolean recursive;

    public DirectorySource(Path directory, boolean recursive) {
        this.directory = directory.toAbsolutePath().normalize();
        this.recursive = recursive;
    }

    @Override
    public String describe() {
        return directory + (recursive ? " (and subdirectories)" : "");
    }

    @Override
    public List<VddkKit> list(Listener listener) throws IOException, InterruptedException {
        if (!Files.exists(directory)) {
            throw new NoSuchFileException(directory.toString(), null, "the kit directory does not exist");
        }
        if (!Files.isDirectory(directory)) {
            throw new IOException(directory + " is not a directory; give the directory that holds the VDDK kits");
        }
        List<VddkKit> kits = new ArrayList<>();
        // following links lets a share hold kits as symlinks; the walker detects link cycles itself
        Files.walkFileTree(directory, EnumSet.of(FileVisitOption.FOLLOW_LINKS), recursive ? Integer.MAX_VALUE : 1,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        if (Thread.currentThread().isInterrupted()) {
                            throw new IOException("interrupted");
                        }
                        if (attrs.isRegularFile()) {
                            String name = file.getFileName().toString();
                            Optional<VddkVersion> v = VddkVersion.fromFileName(name);
                            if (v.isPresent()) {
                                kits.add(new VddkKit(name, v.get(), file.toString(), attrs.size(), null));
                            }
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                        if (file.equals(directory)) {
                            throw exc instanceof AccessDeniedException
                                    ? new AccessDeniedException(directory.toString(), null, "cannot read the kit directory")
                                    : exc;
                        }
                        // one unreadable subdirectory of a share must not hide the kits in the others
                        listener.warn("Skipping " + file + ": " + exc.getClass().getSimpleName()
                                + (exc.getMessage() == null ? "" : " " + exc.getMessage()));
                        return FileVisitResult.CONTINUE;
                    }
                });
        if (Thread.interrupted()) {
            throw new InterruptedException("interrupted while listing " + directory);
        }
        kits.sort(NEWEST_FIRST);
        return kits;
    }

    @Override
    public VddkKit details(VddkKit kit, Listener listener) throws IOException {
        Path file = Path.of(kit.location());
        VddkKit k = kit.size() < 0 ? kit.withSize(Files.size(file)) : kit;
        if (k.sha256() != null) {
            return k;
        }
        for (String suffix : Checksums.PER_KIT_SUFFIXES) {
            Optional<String> d = read(file.resolveSibling(kit.name() + suffix), kit.name(), true, listener);
            if (d.isPresent()) {
                return k.withSha256(d.get());
            }
        }
        for (String sums : Checksums.SUMS_FILES) {
            Optional<String> d = read(file.resolveSibling(sums), kit.name(), false, listener);
            if (d.isPresent()) {
                return k.withSha256(d.get());
            }
        }
        return k;
    }

    private static Optional<String> read(Path checksumFile, String kitName, boolean perKit, Listener listener)
            throws IOException {
        if (!Files.isRegularFile(checksumFile)) {
            return Optional.empty();
        }
        if (Files.size(checksumFile) > Checksums.MAX_SIZE) {
            listener.warn("Ignoring " + checksumFile + ": larger than 1 MiB, not a checksum file");
            return Optional.empty();
        }
        Optional<String> d = Checksums.find(Files.readString(checksumFile, StandardCharsets.UTF_8), kitName, perKit);
        if (d.isEmpty() && perKit) {
            listener.warn("Ignoring " + checksumFile + ": no sha256 for " + kitName + " in it");
        }
        if (d.isPresent()) {
            listener.debug("Checksum of " + kitName + " from " + checksumFile);
        }
        return d;
    }

    @Override
    public Opened open(VddkKit kit) throws IOException {
        return open(Path.of(kit.location()));
    }

    static Opened open(Path file) throws IOException {
        // a channel-backed stream: an interrupt closes it, so a cancelled download stops at once
        InputStream in = Files.newInputStream(file);
        return new Opened(in, Files.size(file));
    }
}
