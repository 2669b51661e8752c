package io.forkliftvddk.core.build;

import io.forkliftvddk.core.archive.ArchiveReport;
import io.forkliftvddk.core.archive.InspectOptions;
import io.forkliftvddk.core.archive.RepackOptions;
import io.forkliftvddk.core.archive.RepackResult;
import io.forkliftvddk.core.archive.VddkArchive;
import io.forkliftvddk.core.archive.VddkArchiveException;
import io.forkliftvddk.core.spi.Listener;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The built-in builder's use of the archive engine: one streaming pass that validates the kit (entry safety, layout,
 * limits, expected checksum) and yields both digests, the version and whether the tar.gz can be the layer as it is;
 * and the normalised repack when it cannot.
 */
final class KitInspector {

    private KitInspector() {
    }

    /** Inspects the kit; {@code sha256} is its digest being computed elsewhere (not computed again), or null. */
    static KitFacts inspect(Path kit, String expectedSha256, java.util.concurrent.Future<String> sha256, Listener listener)
            throws IOException {
        ArchiveReport r = run(() -> VddkArchive.inspect(kit, options(expectedSha256), sha256, listener));
        return new KitFacts(r.compressedSha256(), r.compressedSize(), r.diffId(), r.uncompressedSize(),
                r.version() == null ? null : r.version().toString(), r.usableAsLayer(), r.repackReasons(),
                r.newestEntryTime(), r.vddk9CompatPossible(), String.join(" -> ", r.libraryChain()), List.of());
    }

    /** A normalised copy of the kit in {@code dir}: owner 0:0, modes readable by all, deterministic gzip. */
    static Repacked repack(Path kit, String expectedSha256, Path dir, Listener listener) throws IOException {
        Path file = Files.createTempFile(dir, "kit-repacked-", ".tar.gz");
        try {
            RepackResult r;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                r = run2(() -> VddkArchive.repack(kit, out, RepackOptions.defaults().withInspect(options(expectedSha256)), listener));
            }
            return new Repacked(file, r.compressedDigest(), r.compressedSize(), r.diffId(), r.changes());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** A repacked kit file and its digests. */
    record Repacked(Path file, String digest, long size, String diffId, List<String> changes) { }

    private static InspectOptions options(String expectedSha256) {
        InspectOptions o = InspectOptions.defaults();
        return expectedSha256 == null ? o : o.withExpectedSha256(expectedSha256);
    }

    private interface Step<T> {
        T run() throws IOException;
    }

    private static ArchiveReport run(Step<ArchiveReport> step) throws IOException {
        return run2(step);
    }

    private static <T> T run2(Step<T> step) throws IOException {
        try {
            return step.run();
        } catch (VddkArchiveException e) {
            // the archive engine names the file, the entry and what to do: that is the build's failure
            throw new BuildException(e.getMessage(), e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
