package io.forkliftvddk.cli;

import io.forkliftvddk.core.archive.ArchiveReport;
import io.forkliftvddk.core.archive.InspectOptions;
import io.forkliftvddk.core.archive.VddkArchive;
import io.forkliftvddk.core.archive.VddkArchiveException;
import io.forkliftvddk.core.archive.VddkVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code forklift-vddk inspect FILE}: validates a VDDK tarball and prints its version, layout and digests. */
@Command(name = "inspect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks a VMware VDDK tarball (VMware-vix-disklib-*.x86_64.tar.gz) in one pass: safe entries,"
                + " the vmware-vix-disklib-distrib/ layout, lib64/libvixDiskLib.so resolving to the library, the"
                + " version, the sha256 of the file and of the uncompressed tar (the image layer's diff_id), and"
                + " whether it can be an image layer as it is."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:a valid kit", "1:rejected (the reason is on stderr) or unreadable", "2:invalid usage"})
public final class InspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "FILE", description = "The kit (.tar.gz).")
    Path file;

    @Option(names = {"--expected-sha256", "--expect-sha256"}, paramLabel = "HEX",
            description = "The sha256 the file must have (from VMware's download page); a mismatch fails first.")
    String expectedSha256;

    @Option(names = "--file-name", paramLabel = "NAME",
            description = "Read the version from NAME instead of FILE's name (a download saved under another name).")
    String fileName;

    @Option(names = "--max-size", paramLabel = "BYTES",
            description = "Most bytes the kit may inflate to (default: ${DEFAULT-VALUE}).", defaultValue = "4294967296")
    long maxSize;

    @Option(names = "--max-entries", paramLabel = "N",
            description = "Most tar entries (default: ${DEFAULT-VALUE}).", defaultValue = "100000")
    long maxEntries;

    @Option(names = "--max-ratio", paramLabel = "N",
            description = "Most uncompressed bytes per compressed byte once 64 MiB are inflated (default: ${DEFAULT-VALUE}).",
            defaultValue = "50")
    long maxRatio;

    @Mixin
    OutputFormat format = new OutputFormat();

    @Override
    public Integer call() {
        InspectOptions options;
        try {
            options = InspectOptions.defaults().withExpectedSha256(expectedSha256).withFileName(fileName)
                    .withMaxEntries(maxEntries).withMaxUncompressedBytes(maxSize)
                    .withMaxRatio(maxRatio, InspectOptions.DEFAULT_RATIO_CHECK_AFTER_BYTES);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!Files.isRegularFile(file)) {
            return fail(file + (Files.exists(file) ? " is not a regular file" : ": no such file"), null);
        }
        TerminalListener listener = main.listener(spec.commandLine().getErr());
        try {
            ArchiveReport report = VddkArchive.inspect(file, options, listener);
            format.print(spec.commandLine().getOut(), view(report));
            return 0;
        } catch (VddkArchiveException e) {
            return fail(e.getMessage(), e);
        } catch (NoSuchFileException e) {
            return fail(file + ": no such file", null);
        } catch (IOException e) {
            return fail("cannot read " + file + ": " + e.getMessage(), null);
        }
    }

    private int fail(String message, VddkArchiveException e) {
        if (format.json()) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("file", fileName != null ? fileName : String.valueOf(file.getFileName()));
            f.put("valid", false);
            f.put("problem", e == null ? "UNREADABLE" : e.problem().name());
            f.put("entry", e == null ? null : e.entry());
            f.put("error", message);
            f.put("hint", e == null ? null : e.hint());
            spec.commandLine().getOut().println(Json.write(f));
            spec.commandLine().getOut().flush();
        }
        return main.fail(spec, message);
    }

    static ResultView view(ArchiveReport r) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("file", r.fileName());
        f.put("valid", true);
        f.put("version", text(r.version()));
        f.put("versionFromFileName", text(r.fileNameVersion()));
        f.put("versionFromLibrary", text(r.libraryVersion()));
        f.put("kitDirectory", r.kitDirectory());
        f.put("library", r.libraryFile());
        f.put("libraryChain", r.libraryChain());
        f.put("sha256", r.compressedSha256());
        f.put("compressedDigest", r.compressedDigest());
        f.put("compressedSize", r.compressedSize());
        f.put("diffId", r.diffId());
        f.put("uncompressedSize", r.uncompressedSize());
        Map<String, Object> entries = new LinkedHashMap<>();
        entries.put("total", r.entries());
        entries.put("files", r.files());
        entries.put("directories", r.directories());
        entries.put("symlinks", r.symlinks());
        entries.put("hardlinks", r.hardlinks());
        f.put("entries", entries);
        f.put("contentBytes", r.contentBytes());
        f.put("newestEntryTime", r.newestEntryTime().toString());
        f.put("usableAsLayer", r.usableAsLayer());
        f.put("repackReasons", r.repackReasons());
        f.put("hasSo8Link", r.hasSo8Link());
        f.put("vddk9CompatPossible", r.vddk9CompatPossible());
        f.put("warnings", r.warnings());

        StringBuilder t = new StringBuilder();
        t.append("Valid VDDK kit: ").append(r.fileName()).append('\n');
        t.append("Version:      ").append(r.version() == null ? "unknown" : r.version().toString());
        t.append(" (file name: ").append(r.fileNameVersion() == null ? "not VMware's naming" : r.fileNameVersion())
                .append(", lib64: ").append(r.libraryVersion() == null ? "unversioned" : r.libraryVersion().number())
                .append(")\n");
        t.append("Library:      ").append(r.libraryChain().get(0));
        for (int i = 1; i < r.libraryChain().size(); i++) {
            String p = r.libraryChain().get(i);
            t.append(" -> ").append(p.substring(p.lastIndexOf('/') + 1));
        }
        t.append('\n');
        t.append("sha256:       ").append(r.compressedSha256()).append('\n');
        t.append("diff_id:      ").append(r.diffId()).append('\n');
        t.append("Size:         ").append(TerminalListener.bytes(r.compressedSize())).append(" compressed, ")
                .append(TerminalListener.bytes(r.uncompressedSize())).append(" uncompressed\n");
        t.append("Entries:      ").append(r.entries()).append(" (").append(r.files()).append(" files, ")
                .append(r.directories()).append(" directories, ").append(r.symlinks()).append(" symlinks, ")
                .append(r.hardlinks()).append(" hard links)\n");
        t.append("Image layer:  ").append(r.usableAsLayer() ? "usable as it is" : "must be repacked:");
        for (String reason : r.repackReasons()) {
            t.append("\n  - ").append(reason);
        }
        if (r.vddk9CompatPossible()) {
            t.append("\nVDDK 9:       no libvixDiskLib.so.8; a compatibility link can be added to the image");
        }
        if (!r.warnings().isEmpty()) {
            t.append("\nWarnings:");
            for (String w : r.warnings()) {
                t.append("\n  - ").append(w);
            }
        }
        return new ResultView(f, t.toString());
    }

    private static String text(VddkVersion v) {
        return v == null ? null : v.toString();
    }
}
