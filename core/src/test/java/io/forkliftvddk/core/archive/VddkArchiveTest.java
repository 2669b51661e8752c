package io.forkliftvddk.core.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forkliftvddk.core.archive.VddkArchiveException.Problem;
import io.forkliftvddk.core.spi.Listener;
import io.forkliftvddk.core.testkit.KitSpec;
import io.forkliftvddk.core.testkit.VddkKits;
import io.forkliftvddk.core.testkit.VddkKits.Variant;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VddkArchiveTest {

    private static final String R = "vmware-vix-disklib-distrib/";
    private static final String LIB = R + "lib64/";

    @TempDir
    Path dir;

    /** Records what core tells the user. */
    static final class Recorder implements Listener {
        final List<String> lines = Collections.synchronizedList(new ArrayList<>());
        final List<long[]> progress = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void log(Level level, String message) {
            lines.add(level + " " + message);
        }

        @Override
        public void progress(String step, long done, long total) {
            progress.add(new long[] {done, total});
        }
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] b = new byte[1 << 16];
            int n;
            while ((n = in.read(b)) > 0) {
                md.update(b, 0, n);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static String fileSha(Path f) throws IOException {
        try (InputStream in = Files.newInputStream(f)) {
            return sha256(in);
        }
    }

    private static String tarSha(Path f) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(f), 1 << 16)) {
            return sha256(in);
        }
    }

    private static String shell(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.split("\\s+")[0];
    }

    // ------------------------------------------------------------------------------------------------- realistic

    @ParameterizedTest
    @MethodSource("io.forkliftvddk.core.testkit.VddkKits#allVersions")
    void inspectsEveryRealisticGeneration(KitSpec spec) throws IOException {
        Path kit = spec.writeTo(dir);
        Recorder rec = new Recorder();
        ArchiveReport r = VddkArchive.inspect(kit, rec);

        assertThat(r.fileName()).isEqualTo(spec.fileName());
        assertThat(r.version()).isEqualTo(spec.version());
        assertThat(r.fileNameVersion()).isEqualTo(spec.version());
        assertThat(r.libraryVersion().number()).isEqualTo(spec.version().number());
        assertThat(r.libraryVersion().hasBuild()).isFalse();
        assertThat(r.kitDirectory()).isEqualTo("vmware-vix-disklib-distrib");
        assertThat(r.libraryChain()).containsExactly(LIB + "libvixDiskLib.so", LIB + spec.sonameLink(),
                LIB + spec.libraryFileName());
        assertThat(r.libraryFile()).isEqualTo(LIB + spec.libraryFileName());

        assertThat(r.compressedSha256()).isEqualTo(fileSha(kit));
        assertThat(r.compressedDigest()).isEqualTo("sha256:" + fileSha(kit));
        assertThat(r.diffIdSha256()).isEqualTo(tarSha(kit));
        assertThat(r.compressedSize()).isEqualTo(Files.size(kit));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(kit))) {
            assertThat(r.uncompressedSize()).isEqualTo(in.transferTo(OutputStream.nullOutputStream()));
        }

        List<KitSpec.KitEntry> entries = spec.entries();
        assertThat(r.entries()).isEqualTo(entries.size());
        assertThat(r.files()).isEqualTo(count(entries, KitSpec.KitEntry.Type.FILE));
        assertThat(r.directories()).isEqualTo(count(entries, KitSpec.KitEntry.Type.DIRECTORY));
        assertThat(r.symlinks()).isEqualTo(count(entries, KitSpec.KitEntry.Type.SYMLINK));
        assertThat(r.hardlinks()).isZero();
        assertThat(r.contentBytes()).isEqualTo(entries.stream().mapToLong(KitSpec.KitEntry::size).sum());
        assertThat(r.newestEntryTime()).isEqualTo(java.time.Instant.ofEpochSecond(KitSpec.MTIME_SECONDS));

        assertThat(r.usableAsLayer()).isTrue();
        assertThat(r.repackReasons()).isEmpty();
        assertThat(r.hasSo8Link()).isEqualTo(spec.version().major() == 8);
        if (spec.version().major() >= 9) {
            assertThat(r.vddk9CompatPossible()).isTrue();
            assertThat(r.warnings()).singleElement().asString().contains("libvixDiskLib.so.8", "nbdkit");
        } else {
            assertThat(r.vddk9CompatPossible()).isFalse();
            assertThat(r.warnings()).isEmpty();
        }
        assertThat(rec.lines).anyMatch(l -> l.startsWith("INFO") && l.contains("valid VDDK " + spec.version()));
        assertThat(rec.progress).isNotEmpty();
        assertThat(rec.progress.get(rec.progress.size() - 1)).containsExactly(Files.size(kit), Files.size(kit));
    }

    private static int count(List<KitSpec.KitEntry> entries, KitSpec.KitEntry.Type type) {
        return (int) entries.stream().filter(e -> e.type() == type).count();
    }

    @Test
    void digestsAreWhatSha256sumAndGzipPrint() throws Exception {
        Path kit = VddkKits.kit(VddkKits.V8_0_3).size(3L << 20).writeTo(dir);
        ArchiveReport r = VddkArchive.inspect(kit, Listener.silent());
        assertThat(r.compressedSha256()).isEqualTo(shell("sha256sum '" + kit + "'"));
        assertThat(r.diffIdSha256()).isEqualTo(shell("gzip -dc '" + kit + "' | sha256sum"));
        assertThat(r.uncompressedSize()).isEqualTo(Long.parseLong(shell("gzip -dc '" + kit + "' | wc -c")));
    }

    @Test
    void aDigestComputedElsewhereIsReportedNotComputedAgain() throws Exception {
        Path kit = VddkKits.kit(VddkKits.V8_0_3).size(3L << 20).writeTo(dir);
        String real = shell("sha256sum '" + kit + "'");
        ArchiveReport r = VddkArchive.inspect(kit, InspectOptions.defaults(),
                java.util.concurrent.CompletableFuture.completedFuture(real), Listener.silent());
        assertThat(r.compressedSha256()).isEqualTo(real);
        assertThat(r.diffIdSha256()).isEqualTo(shell("gzip -dc '" + kit + "' | sha256sum"));
        // the pass takes the given value as it is: proof that it did not hash the file itself
        String other = "0".repeat(64);
        assertThat(VddkArchive.inspect(kit, InspectOptions.defaults(),
                java.util.concurrent.CompletableFuture.completedFuture(other), Listener.silent()).compressedSha256())
                .isEqualTo(other);
        // an expected checksum is checked against it
        assertThatThrownBy(() -> VddkArchive.inspect(kit, InspectOptions.defaults().withExpectedSha256(real),
                java.util.concurrent.CompletableFuture.completedFuture(other), Listener.silent()))
                .isInstanceOf(VddkArchiveException.class).hasMessageContaining("was expected");
        // a failed hashing fails the inspection with its cause
        java.util.concurrent.CompletableFuture<String> failed = new java.util.concurrent.CompletableFuture<>();
        failed.completeExceptionally(new java.nio.file.NoSuchFileException(kit.toString()));
        assertThatThrownBy(() -> VddkArchive.inspect(kit, InspectOptions.defaults(), failed, Listener.silent()))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void reportIsSerializable() throws Exception {
        ArchiveReport r = VddkArchive.inspect(VddkKits.kit("9.0").writeTo(dir), Listener.silent());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(r);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(r);
        }
    }

    @Test
    void bigKitStreamsThroughManyBuffers() throws IOException {
        Path kit = VddkKits.kit(VddkKits.V8_0_1).size(12L << 20).writeTo(dir);
        Recorder rec = new Recorder();
        ArchiveReport r = VddkArchive.inspect(kit, rec);
        assertThat(r.diffIdSha256()).isEqualTo(tarSha(kit));
        assertThat(r.compressedSha256()).isEqualTo(fileSha(kit));
        assertThat(rec.progress.size()).isGreaterThan(1);
    }

    // -------------------------------------------------------------------------------------------------- hostile

    static Stream<Arguments> rejected() {
        return Stream.of(
                Arguments.of(Variant.PATH_TRAVERSAL, Problem.PATH_TRAVERSAL, R + "../evil", "'..'"),
                Arguments.of(Variant.ABSOLUTE_PATH, Problem.ABSOLUTE_PATH, VddkKits.ABSOLUTE_PATH_ENTRY, "absolute path"),
                Arguments.of(Variant.SYMLINK_ESCAPE, Problem.SYMLINK_ESCAPE, LIB + "libevil.so", "../../../etc/passwd"),
                Arguments.of(Variant.ABSOLUTE_SYMLINK, Problem.SYMLINK_ESCAPE, LIB + "libvixDiskLib.so", "absolute path"),
                Arguments.of(Variant.HARDLINK_ESCAPE, Problem.HARDLINK_ESCAPE, LIB + "libevil.so", "/etc/passwd"),
                Arguments.of(Variant.DEVICE_NODE, Problem.DEVICE, LIB + "null", "character device (1, 3)"),
                Arguments.of(Variant.FIFO, Problem.FIFO, LIB + "fifo", "named pipe"),
                Arguments.of(Variant.WHITEOUT, Problem.WHITEOUT, LIB + ".wh.libvixDiskLib.so.7", "whiteout"),
                Arguments.of(Variant.NO_KIT_DIRECTORY, Problem.NO_KIT_DIRECTORY, "bin64/", "at the top level"),
                Arguments.of(Variant.OTHER_ROOT_NAME, Problem.NO_KIT_DIRECTORY, "vmware-vix-disklib-distrib-8.0.1/",
                        "rename the directory"),
                Arguments.of(Variant.SECOND_TOP_LEVEL_DIR, Problem.SECOND_TOP_LEVEL_ENTRY, "extras/",
                        "exactly one top-level directory"),
                Arguments.of(Variant.MISSING_LIBVIXDISKLIB, Problem.MISSING_LIBRARY, null,
                        "lib64/libvixDiskLib.so is missing"),
                Arguments.of(Variant.LOST_SYMLINKS, Problem.MISSING_LIBRARY, null, "symbolic links were lost"),
                Arguments.of(Variant.DANGLING_SO_LINK, Problem.DANGLING_LIBRARY_LINK, LIB + "libvixDiskLib.so.8",
                        "libvixDiskLib.so.8.99.99"),
                Arguments.of(Variant.DUPLICATE_ENTRY, Problem.DUPLICATE_ENTRY, R + "include/vixDiskLib.h",
                        "appears a second time"),
                Arguments.of(Variant.WRITE_THROUGH_SYMLINK, Problem.WRITE_THROUGH_SYMLINK, LIB + "sub/evil.h",
                        "write through the link"),
                Arguments.of(Variant.NOT_GZIP, Problem.NOT_GZIP, null, "plain tar archive"),
                Arguments.of(Variant.TRUNCATED_GZIP, Problem.TRUNCATED, null, "download the kit again"),
                Arguments.of(Variant.CORRUPT_GZIP, Problem.CORRUPT_GZIP, null, "damaged"),
                Arguments.of(Variant.CORRUPT_TAR, Problem.CORRUPT_TAR, R + "include/vixMntapi.h", "checksum"),
                Arguments.of(Variant.DECOMPRESSION_BOMB, Problem.COMPRESSION_RATIO, null, "decompression bomb"));
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void rejectsHostileVariantWithPreciseError(Variant variant, Problem problem, String entry, String text)
            throws IOException {
        KitSpec spec = VddkKits.kit(VddkKits.V8_0_1).variant(variant);
        Path kit = spec.writeTo(dir.resolve("in"));
        VddkArchiveException e = org.junit.jupiter.api.Assertions.assertThrows(VddkArchiveException.class,
                () -> VddkArchive.inspect(kit, Listener.silent()));
        assertThat(e.problem()).isEqualTo(problem);
        assertThat(e.entry()).isEqualTo(entry);
        assertThat(e.file()).isEqualTo(spec.fileName());
        assertThat(e.getMessage()).startsWith(spec.fileName() + ": ").containsIgnoringCase(text);
        if (entry != null) {
            assertThat(e.getMessage()).contains("entry '" + entry + "'");
        }
        assertThat(e.hint()).isNotBlank();
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void extractionOfHostileVariantWritesNothing(Variant variant, Problem problem, String entry, String text)
            throws IOException {
        Path kit = VddkKits.kit(VddkKits.V8_0_1).variant(variant).writeTo(dir.resolve("in"));
        Path target = dir.resolve("out");
        Files.createDirectories(target);
        VddkArchiveException e = org.junit.jupiter.api.Assertions.assertThrows(VddkArchiveException.class,
                () -> VddkArchive.extract(kit, target, Listener.silent()));
        assertThat(e.problem()).isEqualTo(problem);
        try (Stream<Path> s = Files.list(target)) {
            assertThat(s).isEmpty();
        }
        assertThat(dir.resolve("evil")).doesNotExist();
        assertThat(Path.of(VddkKits.ABSOLUTE_PATH_ENTRY)).doesNotExist();
    }

    @ParameterizedTest
    @MethodSource("rejected")
    void repackRefusesHostileVariant(Variant variant, Problem problem, String entry, String text) throws IOException {
        Path kit = VddkKits.kit(VddkKits.V8_0_1).variant(variant).writeTo(dir.resolve("in"));
        VddkArchiveException e = org.junit.jupiter.api.Assertions.assertThrows(VddkArchiveException.class,
                () -> VddkArchive.repack(kit, OutputStream.nullOutputStream(), Listener.silent()));
        assertThat(e.problem()).isEqualTo(problem);
    }

    @Test
    void chainedSymlinksThatEscapeAreRejected() throws IOException {
        // each link is inside the kit on its own; through "l" the second one climbs out
        Path kit = handMade("chain.tar.gz", List.of(
                dirEntry(R), dirEntry(R + "a/"), dirEntry(R + "a/b/"), dirEntry(R + "a/b/c/"), dirEntry(LIB),
                link(LIB + "libvixDiskLib.so", "libvixDiskLib.so.8.0.1"), file(LIB + "libvixDiskLib.so.8.0.1"),
                link(R + "a/b/c/l", "../../../x"), link(R + "a/b/c/m", "l/../../../y")));
        VddkArchiveException e = org.junit.jupiter.api.Assertions.assertThrows(VddkArchiveException.class,
                () -> VddkArchive.inspect(kit, Listener.silent()));
        assertThat(e.problem()).isEqualTo(Problem.SYMLINK_ESCAPE);
        assertThat(e.entry()).isEqualTo(R + "a/b/c/m");
    }

    @Test
    void symlinkLoopIsRejected() throws IOException {
        Path kit = handMade("loop.tar.gz", List.of(dirEntry(R), dirEntry(LIB),
                link(LIB + "libvixDiskLib.so", "libvixDiskLib.so.8"), link(LIB + "libvixDiskLib.so.8", "libvixDiskLib.so")));
        VddkArchiveException e = org.junit.jupiter.api.Assertions.assertThrows(VddkArchiveException.class,
                () -> VddkArchive.inspect(kit, Listener.silent()));
        assertThat(e.problem()).isEqualTo(Problem.SYMLINK_LOOP);
    }

    @Test
    void hardlinkInsideTheKitIsFineAndExtracted() throws IOException {
        Path kit = handMade("hard.tar.gz", List.of(dirEntry(R), dirEntry(LIB), file(LIB + "libvixDiskLib.so.8.0.1"),
                hard(LIB + "libvixDiskLib.so", LIB + "libvixDiskLib.so.8.0.1")));
        ArchiveReport r = VddkArchive.inspect(kit, Listener.silent());
        assertThat(r.hardlinks()).isEqualTo(1);
        assertThat(r.libraryChain()).containsExactly(LIB + "libvixDiskLib.so");
        VddkArchive.extract(kit, dir.resolve("x"), Listener.silent());
        Path lib = dir.resolve("x").resolve(LIB);
        assertThat(Files.isSameFile(lib.resolve("libvixDiskLib.so"), lib.resolve("libvixDiskLib.so.8.0.1"))).isTrue();
    }

    @Test
    void hardlinkToALaterOrMissingFileIsRejected() throws IOException {
        Path kit = handMade("hard.tar.gz", List.of(dirEntry(R), dirEntry(LIB),
                hard(LIB + "libvixDiskLib.so", LIB + "libvixDiskLib.so.8.0.1"), file(LIB + "libvixDiskLib.so.8.0.1")));
        VddkArchiveException e = org.junit.jupiter.api.Assertions.assertThrows(VddkArchiveException.class,
                () -> VddkArchive.inspect(kit, Listener.silent()));
        assertThat(e.problem()).isEqualTo(Problem.HARDLINK_ESCAPE);
        assertThat(e.getMessage()).contains("not an earlier regular file");
    }

    @Test
    void fileThatReplacesADirectoryWithContentIsRejected() throws IOException {
        Path kit = handMade("dup.tar.gz", List.of(dirEntry(R), file(LIB + "libvixDiskLib.so"), file(R + "lib64")));
        VddkArchiveException e = org.junit.jupiter.api.Assertions.assertThrows(VddkArchiveException.class,
                () -> VddkArchive.inspect(kit, Listener.silent()));
        assertThat(e.problem()).isEqualTo(Problem.DUPLICATE_ENTRY);
        assertThat(e.entry()).isEqualTo(R + "lib64");
    }

    @Test
    void emptyTarIsRejected() throws IOException {
        Path kit = handMade("empty.tar.gz", List.of());
        VddkArchiveException e = org.junit.jupiter.api.Assertions.assertThrows(VddkArchiveException.class,
                () -> VddkArchive.inspect(kit, Listener.silent()));
        assertThat(e.problem()).isEqualTo(Problem.EMPTY);
        Path empty = Files.createFile(dir.resolve("zero.tar.gz"));
        assertThat(org.junit.jupiter.api.Assertions.assertThrows(VddkArchiveException.class,
                () -> VddkArchive.inspect(empty, Listener.silent())).problem()).isEqualTo(Problem.NOT_GZIP);
    }

    // -------------------------------------------------------------------------------- valid with warnings/repack

    @Test
    void unreadableModesMustBeRepacked() throws IOException {
        Path kit = VddkKits.kit(VddkKits.V8_0_1).variant(Variant.UNREADABLE_MODES).writeTo(dir);
        ArchiveReport r = VddkArchive.inspect(kit, Listener.silent());
        assertThat(r.usableAsLayer()).isFalse();
        assertThat(r.repackReasons()).hasSize(2);
        assertThat(r.repackReasons().get(0)).contains("28 file(s) not readable by other users",
                "'vmware-vix-disklib-distrib/bin64/vmware-vdiskmanager' (mode 0700)");
        assertThat(r.repackReasons().get(1)).contains("directory", "'vmware-vix-disklib-distrib/' (mode 0700)");
    }

    @Test
    void setuidMustBeRepacked() throws IOException {
        Path kit = VddkKits.kit(VddkKits.V8_0_1).variant(Variant.SETUID).writeTo(dir);
        ArchiveReport r = VddkArchive.inspect(kit, Listener.silent());
        assertThat(r.usableAsLayer()).isFalse();
        assertThat(r.repackReasons()).singleElement().asString()
                .contains("setuid", "'" + R + "bin64/vmware-vdiskmanager' (mode 4755)");
    }

    @Test
    void renamedKitTakesItsVersionFromLib64() throws IOException {
        Path kit = VddkKits.kit(VddkKits.V8_0_1).variant(Variant.RENAMED).writeTo(dir);
        ArchiveReport r = VddkArchive.inspect(kit, Listener.silent());
        assertThat(r.fileNameVersion()).isNull();
        assertThat(r.version()).hasToString("8.0.1");
        assertThat(r.usableAsLayer()).isTrue();
        assertThat(r.warnings()).singleElement().asString().contains("does not follow VMware's naming", "8.0.1");

        ArchiveReport named = VddkArchive.inspect(kit,
                InspectOptions.defaults().withFileName("VMware-vix-disklib-8.0.1-21562716.x86_64.tar.gz"),
                Listener.silent());
        assertThat(named.version()).hasToString("8.0.1-21562716");
        assertThat(named.warnings()).isEmpty();
    }

    @Test
    void versionMismatchIsAWarningAndLib64Wins() throws IOException {
        Path kit = VddkKits.kit(VddkKits.V8_0_1).variant(Variant.VERSION_MISMATCH).writeTo(dir);
        Recorder rec = new Recorder();
        ArchiveReport r = VddkArchive.inspect(kit, rec);
        assertThat(r.fileNameVersion()).hasToString("8.0.3-21562716");
        assertThat(r.libraryVersion()).hasToString("8.0.1");
        assertThat(r.version()).hasToString("8.0.1");
        assertThat(r.warnings()).singleElement().asString().contains("8.0.3", "8.0.1", "renamed");
        assertThat(rec.lines).anyMatch(l -> l.startsWith("WARN") && l.contains("8.0.3"));
    }

    @Test
    void vddk9WithCompatLinkHasNoWarning() throws IOException {
        Path kit = VddkKits.kit(VddkKits.V9_0).variant(Variant.VDDK9_WITH_SO8_LINK).writeTo(dir);
        ArchiveReport r = VddkArchive.inspect(kit, Listener.silent());
        assertThat(r.hasSo8Link()).isTrue();
        assertThat(r.vddk9CompatPossible()).isFalse();
        assertThat(r.warnings()).isEmpty();
    }

    @Test
    void nonElfLibrariesAreReported() throws IOException {
        Path kit = handMade("text.tar.gz", List.of(dirEntry(R), dirEntry(LIB),
                link(LIB + "libvixDiskLib.so", "libvixDiskLib.so.8.0.1"), file(LIB + "libvixDiskLib.so.8.0.1")));
        ArchiveReport r = VddkArchive.inspect(kit, Listener.silent());
        assertThat(r.warnings()).anyMatch(w -> w.contains("not ELF") && w.contains("lib64/libvixDiskLib.so.8.0.1"));
    }

    // ------------------------------------------------------------------------------------------- gzip framing

    @Test
    void multiMemberGzipIsAcceptedTrailingZerosNeedARepackGarbageIsRejected() throws IOException {
        Path kit = VddkKits.kit(VddkKits.V8_0_1).writeTo(dir.resolve("k"));
        byte[] tar;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(kit))) {
            tar = in.readAllBytes();
        }
        ByteArrayOutputStream two = new ByteArrayOutputStream();
        two.write(gzip(java.util.Arrays.copyOfRange(tar, 0, 10_000)));
        two.write(gzip(java.util.Arrays.copyOfRange(tar, 10_000, tar.length)));
        Path multi = Files.write(dir.resolve("multi.tar.gz"), two.toByteArray());
        ArchiveReport r = VddkArchive.inspect(multi, Listener.silent());
        assertThat(r.diffIdSha256()).isEqualTo(sha256(new ByteArrayInputStream(tar)));
        assertThat(r.usableAsLayer()).isTrue();

        byte[] padded = java.util.Arrays.copyOf(Files.readAllBytes(kit), (int) Files.size(kit) + 1024);
        ArchiveReport z = VddkArchive.inspect(Files.write(dir.resolve("zeros.tar.gz"), padded), Listener.silent());
        assertThat(z.usableAsLayer()).isFalse();
        assertThat(z.repackReasons()).singleElement().asString().contains("1024 zero bytes");

        padded[padded.length - 10] = 'x';
        Path garbage = Files.write(dir.resolve("garbage.tar.gz"), padded);
        VddkArchiveException e = org.junit.jupiter.api.Assertions.assertThrows(VddkArchiveException.class,
                () -> VddkArchive.inspect(garbage, Listener.silent()));
        assertThat(e.problem()).isEqualTo(Problem.CORRUPT_GZIP);
        assertThat(e.getMessage()).contains("after the end of the gzip stream");
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    // ----------------------------------------------------------------------------------------- checksum, limits

    @Test
    void expectedChecksumMatchesOrFailsFirst() throws IOException {
        Path kit = VddkKits.kit(VddkKits.V8_0_1).writeTo(dir.resolve("k"));
        String sha = fileSha(kit);
        assertThat(VddkArchive.inspect(kit, InspectOptions.defaults().withExpectedSha256(sha.toUpperCase()),
                Listener.silent()).compressedSha256()).isEqualTo(sha);
        assertThat(VddkArchive.inspect(kit, InspectOptions.defaults().withExpectedSha256("sha256:" + sha),
                Listener.silent()).compressedSha256()).isEqualTo(sha);

        String other = "0".repeat(64);
        VddkArchiveException e = org.junit.jupiter.api.Assertions.assertThrows(VddkArchiveException.class,
                () -> VddkArchive.inspect(kit, InspectOptions.defaults().withExpectedSha256(other), Listener.silent()));
        assertThat(e.problem()).isEqualTo(Problem.CHECKSUM_MISMATCH);
        assertThat(e.getMessage()).contains("sha256 is " + sha, other + " was expected", "download the kit again");

        // a hostile kit with the wrong checksum: the checksum is what the user hears about
        Path evil = VddkKits.kit(VddkKits.V8_0_1).variant(Variant.PATH_TRAVERSAL).writeTo(dir.resolve("e"));
        VddkArchiveException ee = org.junit.jupiter.api.Assertions.assertThrows(VddkArchiveException.class,
                () -> VddkArchive.inspect(evil, InspectOptions.defaults().withExpectedSha256(other), Listener.silent()));
        assertThat(ee.problem()).isEqualTo(Problem.CHECKSUM_MISMATCH);
        assertThat(ee.getSuppressed()).singleElement().extracting(t -> ((VddkArchiveException) t).problem())
                .isEqualTo(Problem.PATH_TRAVERSAL);
        // the right checksum for a hostile kit: the structural problem is reported
        VddkArchiveException er = org.junit.jupiter.api.Assertions.assertThrows(VddkArchiveException.class,
                () -> VddkArchive.inspect(evil, InspectOptions.defaults().withExpectedSha256(fileSha(evil)),
                        Listener.silent()));
        assertThat(er.problem()).isEqualTo(Problem.PATH_TRAVERSAL);

        assertThatThrownBy(() -> InspectOptions.defaults().withExpectedSha256("abc"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("64 hexadecimal digits");
    }

    @Test
    void limitsAreConfigurable() throws IOException {
        Path kit = VddkKits.kit(VddkKits.V8_0_1).size(2L << 20).writeTo(dir);
        VddkArchiveException many = org.junit.jupiter.api.Assertions.assertThrows(VddkArchiveException.class,
                () -> VddkArchive.inspect(kit, InspectOptions.defaults().withMaxEntries(10), Listener.silent()));
        assertThat(many.problem()).isEqualTo(Problem.TOO_MANY_ENTRIES);
        assertThat(many.getMessage()).contains("more than 10 entries");

        VddkArchiveException large = org.junit.jupiter.api.Assertions.assertThrows(VddkArchiveException.class,
                () -> VddkArchive.inspect(kit, InspectOptions.defaults().withMaxUncompressedBytes(1L << 20),
                        Listener.silent()));
        assertThat(large.problem()).isEqualTo(Problem.TOO_LARGE);

        VddkArchiveException ratio = org.junit.jupiter.api.Assertions.assertThrows(VddkArchiveException.class,
                () -> VddkArchive.inspect(kit, InspectOptions.defaults().withMaxRatio(2, 0), Listener.silent()));
        assertThat(ratio.problem()).isEqualTo(Problem.COMPRESSION_RATIO);

        Path bomb = VddkKits.kit(VddkKits.V8_0_1).variant(Variant.DECOMPRESSION_BOMB).writeTo(dir.resolve("b"));
        ArchiveReport accepted = VddkArchive.inspect(bomb, InspectOptions.defaults().withMaxRatio(5000, 0),
                Listener.silent());
        assertThat(accepted.uncompressedSize()).isGreaterThan(VddkKits.BOMB_SIZE);
    }

    // ------------------------------------------------------------------------------------------------ extraction

    @ParameterizedTest
    @MethodSource("io.forkliftvddk.core.testkit.VddkKits#allVersions")
    void extractionKeepsTreeSymlinksModesAndContent(KitSpec spec) throws IOException {
        Path kit = spec.writeTo(dir.resolve("in"));
        Path target = dir.resolve("out");
        ArchiveReport r = VddkArchive.extract(kit, target, Listener.silent());
        assertThat(r.version()).isEqualTo(spec.version());
        try (Stream<Path> s = Files.list(target)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("vmware-vix-disklib-distrib");
        }
        for (KitSpec.KitEntry e : spec.entries()) {
            Path p = target.resolve(e.name());
            switch (e.type()) {
                case DIRECTORY -> assertThat(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).as(e.name()).isTrue();
                case SYMLINK -> {
                    assertThat(Files.isSymbolicLink(p)).as(e.name()).isTrue();
                    assertThat(Files.readSymbolicLink(p)).hasToString(e.link());
                }
                case FILE -> {
                    assertThat(Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).as(e.name()).isTrue();
                    assertThat(Files.size(p)).isEqualTo(e.size());
                    assertThat(Files.getLastModifiedTime(p).toMillis()).isEqualTo(KitSpec.MTIME_SECONDS * 1000);
                }
                default -> throw new AssertionError(e);
            }
            if (e.type() != KitSpec.KitEntry.Type.SYMLINK) {
                assertThat(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS)).as(e.name())
                        .isEqualTo(perms(e.mode()));
            }
        }
        Path lib = target.resolve(LIB + "libvixDiskLib.so");
        assertThat(lib.toRealPath()).isEqualTo(target.resolve(LIB + spec.libraryFileName()).toRealPath());
        try (InputStream in = Files.newInputStream(lib)) {
            assertThat(in.readNBytes(4)).containsExactly(0x7f, 'E', 'L', 'F');
        }
        assertThat(Files.readString(target.resolve(R + "doc/samples/diskLib/Makefile"))).contains("LIBDIR=../../../lib64");
    }

    private static Set<PosixFilePermission> perms(int mode) {
        return java.nio.file.attribute.PosixFilePermissions.fromString(
                String.format("%s%s%s", rwx(mode >> 6), rwx(mode >> 3), rwx(mode)));
    }

    private static String rwx(int m) {
        return ((m & 4) != 0 ? "r" : "-") + ((m & 2) != 0 ? "w" : "-") + ((m & 1) != 0 ? "x" : "-");
    }

    @Test
    void extractionMakesUnreadableModesReadable() throws IOException {
        Path kit = VddkKits.kit(VddkKits.V8_0_1).variant(Variant.UNREADABLE_MODES).writeTo(dir.resolve("in"));
        Recorder rec = new Recorder();
        VddkArchive.extract(kit, dir.resolve("out"), rec);
        Path out = dir.resolve("out");
        assertThat(Files.getPosixFilePermissions(out.resolve(LIB))).isEqualTo(perms(0755));
        assertThat(Files.getPosixFilePermissions(out.resolve(R + "include/vixDiskLib.h"))).isEqualTo(perms(0644));
        assertThat(Files.getPosixFilePermissions(out.resolve(LIB + "libvixDiskLib.so.8.0.1"))).isEqualTo(perms(0755));
        assertThat(rec.lines).anyMatch(l -> l.startsWith("WARN") && l.contains("readable by all users"));
    }

    @Test
    void extractionRefusesAnExistingKitDirectoryAndLeavesItAlone() throws IOException {
        Path kit = VddkKits.kit(VddkKits.V8_0_1).writeTo(dir.resolve("in"));
        Path target = dir.resolve("out");
        Path existing = Files.createDirectories(target.resolve("vmware-vix-disklib-distrib"));
        Files.writeString(existing.resolve("mine"), "keep");
        assertThatThrownBy(() -> VddkArchive.extract(kit, target, Listener.silent()))
                .isInstanceOf(java.nio.file.FileAlreadyExistsException.class).hasMessageContaining("already exists");
        try (Stream<Path> s = Files.list(existing)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("mine");
        }
        try (Stream<Path> s = Files.list(target)) {
            assertThat(s).hasSize(1);
        }
    }

    @Test
    void extractionNextToOtherFilesLeavesThemAlone() throws IOException {
        Path kit = VddkKits.kit(VddkKits.V8_0_1).writeTo(dir.resolve("in"));
        Path target = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(target.resolve("Dockerfile"), "FROM x\n");
        VddkArchive.extract(kit, target, Listener.silent());
        try (Stream<Path> s = Files.list(target)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("Dockerfile",
                    "vmware-vix-disklib-distrib");
        }
    }

    @Test
    void kitsPackedByGnuTarInEveryFormatAreAccepted() throws Exception {
        KitSpec spec = VddkKits.kit(VddkKits.V8_0_3);
        Path out = dir.resolve("x");
        VddkArchive.extract(spec.writeTo(dir.resolve("in")), out, Listener.silent());
        for (String cmd : List.of(
                "tar -C '" + out + "' -czf '" + dir + "/gnu.tar.gz' vmware-vix-disklib-distrib",
                "tar -C '" + out + "' --format=posix -czf '" + dir + "/pax.tar.gz' vmware-vix-disklib-distrib",
                "tar -C '" + out + "' --format=ustar -czf '" + dir + "/ustar.tar.gz' vmware-vix-disklib-distrib",
                "tar -C '" + out + "' -czf '" + dir + "/dot.tar.gz' .")) {
            shell(cmd);
        }
        for (String f : List.of("gnu", "pax", "ustar", "dot")) {
            Path kit = dir.resolve(f + ".tar.gz");
            ArchiveReport r = VddkArchive.inspect(kit,
                    InspectOptions.defaults().withFileName(spec.fileName()), Listener.silent());
            assertThat(r.version()).as(f).isEqualTo(spec.version());
            assertThat(r.libraryFile()).isEqualTo(LIB + spec.libraryFileName());
            assertThat(r.usableAsLayer()).as(f).isTrue();
            assertThat(r.diffIdSha256()).isEqualTo(tarSha(kit));
            assertThat(r.files() + r.directories() + r.symlinks()).isEqualTo(spec.entries().size());
        }
    }

    // ---------------------------------------------------------------------------------------------------- repack

    @Test
    void repackIsDeterministicValidAndDigestsAreRight() throws IOException {
        Path kit = VddkKits.kit(VddkKits.V8_0_1).variant(Variant.UNREADABLE_MODES).writeTo(dir.resolve("in"));
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        RepackResult ra = VddkArchive.repack(kit, a, Listener.silent());
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        VddkArchive.repack(kit, b, Listener.silent());
        assertThat(a.toByteArray()).isEqualTo(b.toByteArray());
        assertThat(ra.source().usableAsLayer()).isFalse();
        assertThat(ra.compressedSize()).isEqualTo(a.size());
        assertThat(ra.compressedDigest()).isEqualTo("sha256:" + sha256(new ByteArrayInputStream(a.toByteArray())));
        assertThat(ra.diffId()).isEqualTo("sha256:" + sha256(new GZIPInputStream(new ByteArrayInputStream(a.toByteArray()))));
        assertThat(ra.changes()).anyMatch(c -> c.contains("readable by all"));

        Path out = Files.write(dir.resolve("VMware-vix-disklib-8.0.1-21562716.x86_64.tar.gz"), a.toByteArray());
        ArchiveReport again = VddkArchive.inspect(out, Listener.silent());
        assertThat(again.usableAsLayer()).isTrue();
        assertThat(again.compressedDigest()).isEqualTo(ra.compressedDigest());
        assertThat(again.diffId()).isEqualTo(ra.diffId());
        assertThat(again.uncompressedSize()).isEqualTo(ra.uncompressedSize());
        assertThat(again.entries()).isEqualTo(ra.source().entries());
        assertThat(again.version()).hasToString("8.0.1-21562716");
        assertThat(a.toByteArray()[9] & 0xff).isEqualTo(255);
    }

    @Test
    void repackStripsSetuidAndKeepsLinks() throws IOException {
        Path kit = VddkKits.kit(VddkKits.V8_0_1).variant(Variant.SETUID).writeTo(dir.resolve("in"));
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        VddkArchive.repack(kit, a, Listener.silent());
        Path out = Files.write(dir.resolve("r.tar.gz"), a.toByteArray());
        ArchiveReport r = VddkArchive.inspect(out, Listener.silent());
        assertThat(r.usableAsLayer()).isTrue();
        VddkArchive.extract(out, dir.resolve("x"), Listener.silent());
        assertThat(Files.getPosixFilePermissions(dir.resolve("x").resolve(R + "bin64/vmware-vdiskmanager")))
                .isEqualTo(perms(0755));
        assertThat(Files.readSymbolicLink(dir.resolve("x").resolve(LIB + "libvixDiskLib.so"))).hasToString("libvixDiskLib.so.8");
    }

    @Test
    void repackCanAddTheVddk9CompatLink() throws IOException {
        Path kit = VddkKits.kit(VddkKits.V9_0).writeTo(dir.resolve("in"));
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        RepackResult rr = VddkArchive.repack(kit, a, RepackOptions.defaults().withVddk9CompatLink(true),
                Listener.silent());
        assertThat(rr.compatLinkAdded()).isTrue();
        Path out = Files.write(dir.resolve("VMware-vix-disklib-9.0.0.0.24742305.x86_64.tar.gz"), a.toByteArray());
        ArchiveReport r = VddkArchive.inspect(out, Listener.silent());
        assertThat(r.hasSo8Link()).isTrue();
        assertThat(r.vddk9CompatPossible()).isFalse();
        VddkArchive.extract(out, dir.resolve("x"), Listener.silent());
        assertThat(Files.readSymbolicLink(dir.resolve("x").resolve(LIB + "libvixDiskLib.so.8")))
                .hasToString("libvixDiskLib.so.9");

        RepackResult plain = VddkArchive.repack(kit, OutputStream.nullOutputStream(), Listener.silent());
        assertThat(plain.compatLinkAdded()).isFalse();
    }

    // ------------------------------------------------------------------------------------------ hand-made tars

    private record Hand(String name, char type, String link) {
    }

    private static Hand dirEntry(String name) {
        return new Hand(name, 'd', null);
    }

    private static Hand file(String name) {
        return new Hand(name, 'f', null);
    }

    private static Hand link(String name, String target) {
        return new Hand(name, 'l', target);
    }

    private static Hand hard(String name, String target) {
        return new Hand(name, 'h', target);
    }

    private Path handMade(String fileName, List<Hand> entries) throws IOException {
        Path f = dir.resolve(fileName);
        try (OutputStream out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(f));
             org.apache.commons.compress.archivers.tar.TarArchiveOutputStream tar =
                     new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(out)) {
            for (Hand h : entries) {
                byte flag = switch (h.type()) {
                    case 'd' -> org.apache.commons.compress.archivers.tar.TarConstants.LF_DIR;
                    case 'l' -> org.apache.commons.compress.archivers.tar.TarConstants.LF_SYMLINK;
                    case 'h' -> org.apache.commons.compress.archivers.tar.TarConstants.LF_LINK;
                    default -> org.apache.commons.compress.archivers.tar.TarConstants.LF_NORMAL;
                };
                var e = new org.apache.commons.compress.archivers.tar.TarArchiveEntry(h.name(), flag);
                byte[] content = h.type() == 'f' ? "not an ELF file\n".getBytes(StandardCharsets.UTF_8) : new byte[0];
                e.setSize(content.length);
                e.setMode(h.type() == 'd' ? 0755 : 0644);
                if (h.link() != null) {
                    e.setLinkName(h.link());
                }
                tar.putArchiveEntry(e);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return f;
    }
}
