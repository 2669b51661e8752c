package io.forkliftvddk.core.build;

import io.forkliftvddk.core.archive.ArchiveReport;
import io.forkliftvddk.core.archive.InspectOptions;
import io.forkliftvddk.core.archive.VddkArchive;
import io.forkliftvddk.core.archive.VddkArchiveException;
import io.forkliftvddk.core.spi.Listener;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The runtime builders' use of the archive engine: the same validation as every builder (entry safety, layout,
 * limits, expected checksum), and extraction that keeps symlinks and makes modes readable for a non-root user.
 */
final class ArchiveKitSupport implements RuntimeImageBuilder.KitSupport {

    @Override
    public RuntimeImageBuilder.Kit inspect(BuildRequest request, Listener listener) throws IOException {
        ArchiveReport report = run(() -> VddkArchive.inspect(request.archive(), options(request), listener), request);
        listener.debug("kit sha256:" + report.compressedSha256() + ", " + report.uncompressedSize() + " bytes unpacked, "
                + "lib64/libvixDiskLib.so: " + String.join(" -> ", report.libraryChain()));
        // the archive engine has already reported its warnings through the listener
        return new RuntimeImageBuilder.Kit(report.compressedSha256(),
                report.version() == null ? null : report.version().toString(), report.uncompressedSize(),
                report.libraryChain().size() > 1, report.version() != null && report.version().major() >= 9,
                report.newestEntryTime(), reported(report));
    }

    @Override
    public void extract(BuildRequest request, RuntimeImageBuilder.Kit kit, Path dir, Listener listener) throws IOException {
        // extraction scans the kit again; its warnings were shown by the inspection, so only other lines pass
        Listener once = (level, message) -> {
            if (level != Listener.Level.WARN || !kit.reportedWarnings().contains(message)) {
                listener.log(level, message);
            }
        };
        ArchiveReport report = run(() -> VddkArchive.extract(request.archive(), dir, options(request), once), request);
        if (!report.compressedSha256().equals(kit.sha256())) {
            // the file changed between inspection and extraction
            throw new BuildException("kit " + request.archive() + " changed while it was being built (sha256 "
                    + kit.sha256() + ", then " + report.compressedSha256() + "); build again");
        }
    }

    /** The warning lines the archive engine logs for a report (the file name, then the warning). */
    private static java.util.List<String> reported(ArchiveReport report) {
        return report.warnings().stream().map(w -> report.fileName() + ": " + w).toList();
    }

    private static InspectOptions options(BuildRequest request) {
        InspectOptions o = InspectOptions.defaults();
        return request.expectedSha256() == null ? o : o.withExpectedSha256(request.expectedSha256());
    }

    private interface Step {
        ArchiveReport run() throws IOException;
    }

    private static ArchiveReport run(Step step, BuildRequest request) throws IOException {
        try {
            return step.run();
        } catch (VddkArchiveException e) {
            // the archive engine's message names the file and the entry; keep it as the build's failure
            throw new BuildException(e.getMessage(), e);
        }
    }
}
