package io.forkliftvddk.core.archive;

import io.forkliftvddk.core.spi.Listener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Future;

/**
 * A VMware VDDK tarball ({@code VMware-vix-disklib-*.x86_64.tar.gz}): inspection, safe extraction and repacking.
 *
 * <p>Every operation reads the file once, streaming, with constant memory: the file is read and the gzip inflated on
 * threads of their own while the tar is checked, and both digests are computed on the way. Anything unsafe or not a kit is rejected with a
 * {@link VddkArchiveException} that names the entry, what is wrong and what to do.
 *
 * <pre>{@code
 * ArchiveReport r = VddkArchive.inspect(kit, InspectOptions.defaults().withExpectedSha256(hex), listener);
 * r.version();        // 8.0.1-21562716
 * r.diffId();         // sha256:... of the uncompressed tar
 * r.usableAsLayer();  // or r.repackReasons()
 * }</pre>
 */
public final class VddkArchive {

    /** The kit's only top-level directory; Forklift expects it at {@code /opt/vmware-vix-disklib-distrib}. */
    public static final String KIT_DIRECTORY = "vmware-vix-disklib-distrib";

    private VddkArchive() {
    }

    /** {@link #inspect(Path, InspectOptions, Listener)} with the default limits and no expected checksum. */
    public static ArchiveReport inspect(Path tarGz, Listener listener) throws IOException {
        return inspect(tarGz, InspectOptions.defaults(), listener);
    }

    /**
     * Checks the kit in one pass and reports on it.
     *
     * @throws VddkArchiveException when the kit is rejected (a wrong expected checksum takes precedence over any other
     *                              problem)
     * @throws IOException          when the file cannot be read
     */
    public static ArchiveReport inspect(Path tarGz, InspectOptions options, Listener listener) throws IOException {
        return inspect(tarGz, options, null, listener);
    }

    /**
     * {@link #inspect(Path, InspectOptions, Listener)} for a file whose sha256 is being computed elsewhere already (a
     * build hashes the kit first, to tell a no-op from a build): this pass does not hash the file again and reports
     * that digest (lower-case hex), waited for at its end. The caller answers for the file not changing in between.
     *
     * @param sha256 the file's sha256 being computed, or null to compute it in this pass
     */
    public static ArchiveReport inspect(Path tarGz, InspectOptions options, Future<String> sha256, Listener listener)
            throws IOException {
        listener.info("Inspecting " + tarGz + " (" + Files.size(tarGz) + " bytes)");
        KitScanner scanner = new KitScanner(tarGz, options, listener, null);
        scanner.knownSha256(sha256);
        return run(scanner, tarGz, options);
    }

    /** {@link #extract(Path, Path, InspectOptions, Listener)} with the default limits. */
    public static ArchiveReport extract(Path tarGz, Path targetDir, Listener listener) throws IOException {
        return extract(tarGz, targetDir, InspectOptions.defaults(), listener);
    }

    /**
     * Extracts the kit to {@code targetDir/vmware-vix-disklib-distrib} for a Dockerfile build, validating it exactly as
     * {@link #inspect} does. Symbolic links, the directory tree, modes and mtimes are kept, except that modes are made
     * readable by all and setuid/setgid bits removed (the image runs under a non-root UID), as {@link #repack} does.
     * The kit is unpacked into a hidden staging directory inside {@code targetDir} and renamed into place only when it
     * is valid; on any failure the staging directory is removed and {@code targetDir} is as it was.
     *
     * @throws FileAlreadyExistsException when {@code targetDir/vmware-vix-disklib-distrib} exists
     */
    public static ArchiveReport extract(Path tarGz, Path targetDir, InspectOptions options, Listener listener)
            throws IOException {
        Path target = targetDir.toAbsolutePath().normalize();
        Files.createDirectories(target);
        Path kit = target.resolve(KIT_DIRECTORY);
        if (Files.exists(kit, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(kit.toString(), null,
                    "already exists; remove it or extract into another directory");
        }
        listener.info("Extracting " + tarGz + " into " + target);
        Path staging = Files.createTempDirectory(target, ".vddk-extract-");
        try {
            ArchiveReport report = run(new KitScanner(tarGz, options, listener, new Extractor(staging, listener)),
                    tarGz, options);
            Files.move(staging.resolve(KIT_DIRECTORY), kit);
            Extractor.deleteTree(staging);
            return report;
        } catch (IOException | RuntimeException | Error e) {
            try {
                Extractor.deleteTree(staging);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** {@link #repack(Path, OutputStream, RepackOptions, Listener)} with the default options. */
    public static RepackResult repack(Path tarGz, OutputStream out, Listener listener) throws IOException {
        return repack(tarGz, out, RepackOptions.defaults(), listener);
    }

    /**
     * Writes a normalised copy of the kit to {@code out} (not closed): owner 0:0, modes readable by all, no
     * setuid/setgid, deterministic gzip; optionally the VDDK 9 {@code libvixDiskLib.so.8} link. The input is validated
     * in the same pass, so on an exception {@code out} holds an incomplete stream the caller must discard.
     */
    public static RepackResult repack(Path tarGz, OutputStream out, RepackOptions options, Listener listener)
            throws IOException {
        listener.info("Repacking " + tarGz);
        Repacker repacker = new Repacker(out, options.addVddk9CompatLink(), options.compressionLevel());
        ArchiveReport source = run(new KitScanner(tarGz, options.inspect(), listener, repacker), tarGz,
                options.inspect());
        List<String> changes = new ArrayList<>();
        changes.add("owner set to 0:0");
        if (repacker.modesChanged() > 0) {
            changes.add(repacker.modesChanged() + " mode(s) made readable by all users, setuid/setgid removed");
        }
        if (repacker.compatLinkAdded()) {
            changes.add("added lib64/libvixDiskLib.so.8 for older nbdkit/CDI builds");
        }
        RepackResult result = new RepackResult(repacker.compressedDigest(), repacker.compressedSize(),
                repacker.diffId(), repacker.uncompressedSize(), source, changes, repacker.compatLinkAdded());
        listener.info("Repacked " + source.fileName() + ": " + result.compressedDigest() + " ("
                + result.compressedSize() + " bytes), " + String.join(", ", changes));
        return result;
    }

    /** Runs a scan; when it fails and a checksum was expected, a checksum mismatch is the error reported. */
    /**
     * Removes a directory tree such as an extracted kit or a build context: never follows links out of it, makes
     * read-only directories (kits have them) writable first, and tolerates entries that vanished meanwhile.
     */
    public static void deleteTree(Path root) throws IOException {
        Extractor.deleteTree(root);
    }

    private static ArchiveReport run(KitScanner scanner, Path file, InspectOptions options) throws IOException {
        try {
            return scanner.scan();
        } catch (VddkArchiveException e) {
            String expected = options.expectedSha256();
            if (expected != null && e.problem() != VddkArchiveException.Problem.CHECKSUM_MISMATCH) {
                String actual = sha256(file);
                if (!actual.equals("sha256:" + expected)) {
                    VddkArchiveException mismatch = KitScanner.checksumMismatch(scanner.name(), expected, actual);
                    mismatch.addSuppressed(e);
                    throw mismatch;
                }
            }
            throw e;
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest md = GzipPipe.sha256();
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }
}
