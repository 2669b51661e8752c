package io.forkliftvddk.core.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forkliftvddk.core.testkit.VddkKits.Fill;
import io.forkliftvddk.core.testkit.VddkKits.Variant;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class VddkKitsTest {

    @TempDir
    Path dir;

    /** Reads a written kit back with commons-compress: name -> entry, and the first bytes of each file. */
    private record Listing(Map<String, TarArchiveEntry> entries, Map<String, byte[]> heads) {
    }

    private static Listing list(Path kit) throws IOException {
        Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
        Map<String, byte[]> heads = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(kit));
             TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                entries.put(e.getName(), e);
                if (e.isFile()) {
                    heads.put(e.getName(), tar.readNBytes(4));
                }
            }
        }
        return new Listing(entries, heads);
    }

    private static String sha256(Path f) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(f)) {
            byte[] b = new byte[1 << 16];
            int n;
            while ((n = in.read(b)) > 0) {
                md.update(b, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void realistic801HasVmwaresLayout() throws IOException {
        Path kit = VddkKits.kit("8.0.1-21562716").writeTo(dir);
        assertThat(kit.getFileName()).hasToString("VMware-vix-disklib-8.0.1-21562716.x86_64.tar.gz");
        Listing l = list(kit);
        String r = "vmware-vix-disklib-distrib/";
        assertThat(l.entries()).containsKeys(r, r + "bin64/vmware-vdiskmanager", r + "include/vixDiskLib.h",
                r + "doc/samples/diskLib/Makefile", r + "lib32/", r + "lib64/libvixDiskLib.so.8.0.1",
                r + "lib64/libvixMntapi.so.1.1.0", r + "lib64/libvim-types.so");
        assertThat(l.entries().keySet()).allMatch(n -> n.startsWith(r));
        assertThat(l.entries().get(r + "lib64/libvixDiskLib.so").getLinkName()).isEqualTo("libvixDiskLib.so.8");
        assertThat(l.entries().get(r + "lib64/libvixDiskLib.so.8").getLinkName()).isEqualTo("libvixDiskLib.so.8.0.1");
        assertThat(l.entries().get(r + "lib64/libvddkVimAccess.so.8").getLinkName())
                .isEqualTo("libvddkVimAccess.so.8.0.1");
        assertThat(l.entries().get(r + "lib64/libvixMntapi.so.1").getLinkName()).isEqualTo("libvixMntapi.so.1.1.0");
        assertThat(l.entries().get(r + "lib64/libvixDiskLib.so").isSymbolicLink()).isTrue();
        assertThat(l.heads().get(r + "lib64/libvixDiskLib.so.8.0.1")).containsExactly(0x7f, 'E', 'L', 'F');
        assertThat(l.heads().get(r + "bin64/vmware-vdiskmanager")).containsExactly(0x7f, 'E', 'L', 'F');
        assertThat(l.entries().get(r + "lib64/libvixDiskLib.so.8.0.1").getMode() & 07777).isEqualTo(0755);
        assertThat(l.entries().get(r + "lib64/libgcc_s.so.1").getMode() & 07777).isEqualTo(0644);
        assertThat(l.entries().get(r + "include/vixDiskLib.h").getMode() & 07777).isEqualTo(0644);
        assertThat(l.entries().get(r + "lib64/").getMode() & 07777).isEqualTo(0755);
        for (TarArchiveEntry e : l.entries().values()) {
            assertThat(e.getLongUserId()).isZero();
            assertThat(e.getLongGroupId()).isZero();
            assertThat(e.getModTime().getTime()).isEqualTo(KitSpec.MTIME_SECONDS * 1000);
        }
        assertThat(new String(Files.readAllBytes(kit), 0, 2, java.nio.charset.StandardCharsets.ISO_8859_1))
                .isEqualTo("\u001f\u008b");
    }

    @Test
    void vddk9HasFourPartVersionAndNoSo8() throws IOException {
        Path kit = VddkKits.kit("9.0.0.0.24742305").writeTo(dir);
        assertThat(kit.getFileName()).hasToString("VMware-vix-disklib-9.0.0.0.24742305.x86_64.tar.gz");
        Listing l = list(kit);
        String lib = "vmware-vix-disklib-distrib/lib64/";
        assertThat(l.entries().get(lib + "libvixDiskLib.so").getLinkName()).isEqualTo("libvixDiskLib.so.9");
        assertThat(l.entries().get(lib + "libvixDiskLib.so.9").getLinkName()).isEqualTo("libvixDiskLib.so.9.0.0.0");
        assertThat(l.entries().get(lib + "libvixDiskLib.so.9.0.0.0").isFile()).isTrue();
        assertThat(l.entries()).doesNotContainKey(lib + "libvixDiskLib.so.8");

        Path compat = VddkKits.kit("9.0").variant(Variant.VDDK9_WITH_SO8_LINK).writeTo(dir.resolve("c"));
        assertThat(list(compat).entries().get(lib + "libvixDiskLib.so.8").getLinkName())
                .isEqualTo("libvixDiskLib.so.9");
    }

    @ParameterizedTest
    @ValueSource(strings = {"6.7", "7.0.3", "8.0.1", "8.0.3", "9.0.0.0"})
    void everyGenerationHasItsLibraryChain(String v) throws IOException {
        KitSpec spec = VddkKits.kit(v);
        Listing l = list(spec.writeTo(dir));
        String lib = "vmware-vix-disklib-distrib/lib64/";
        int major = spec.version().major();
        assertThat(spec.libraryFileName()).startsWith("libvixDiskLib.so." + major + ".");
        assertThat(l.entries().get(lib + "libvixDiskLib.so").getLinkName()).isEqualTo("libvixDiskLib.so." + major);
        assertThat(l.entries().get(lib + "libvixDiskLib.so." + major).getLinkName()).isEqualTo(spec.libraryFileName());
        assertThat(l.entries().get(lib + spec.libraryFileName()).isFile()).isTrue();
        assertThat(spec.fileName()).isEqualTo(spec.version().kitFileName());
    }

    @Test
    void versionsGetVmwareBuildsAndFullNumbers() {
        assertThat(VddkKits.kit("6.7").version()).hasToString("6.7.0-8173251");
        assertThat(VddkKits.kit("6.7").libraryFileName()).isEqualTo("libvixDiskLib.so.6.7.0");
        assertThat(VddkKits.kit("7.0.3").fileName()).isEqualTo("VMware-vix-disklib-7.0.3-20134304.x86_64.tar.gz");
        assertThat(VddkKits.kit("9.0").fileName()).isEqualTo("VMware-vix-disklib-9.0.0.0.24742305.x86_64.tar.gz");
        assertThat(VddkKits.kit("8.0.2-22388865").fileName()).isEqualTo("VMware-vix-disklib-8.0.2-22388865.x86_64.tar.gz");
        assertThat(VddkKits.kit("8.0.1").variant(Variant.VERSION_MISMATCH).fileName())
                .isEqualTo("VMware-vix-disklib-8.0.3-21562716.x86_64.tar.gz");
        assertThat(VddkKits.kit("8.0.1").variant(Variant.RENAMED).fileName()).isEqualTo("vddk-kit.tar.gz");
        assertThat(VddkKits.kit("8.0.1").fileName("x.tgz").fileName()).isEqualTo("x.tgz");
        assertThatThrownBy(() -> VddkKits.kit("8.0.1").variant(Variant.VDDK9_WITH_SO8_LINK))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sameSpecSameBytesOtherSeedOtherBytes() throws Exception {
        KitSpec spec = VddkKits.kit("8.0.3").size(300_000);
        String a = sha256(spec.writeTo(dir.resolve("a")));
        String b = sha256(spec.writeTo(dir.resolve("b")));
        String c = sha256(spec.seed(42).writeTo(dir.resolve("c")));
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        ByteArrayOutputStream mem = new ByteArrayOutputStream();
        spec.writeTo(mem);
        assertThat(mem.toByteArray()).isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(spec.fileName())));
    }

    @Test
    void sizeIsApproximatelyTheUncompressedTarSizeAndElfLikeCompressesLikeALibrary() throws IOException {
        long want = 8L << 20;
        Path kit = VddkKits.kit("8.0.1").size(want).writeTo(dir);
        long tarSize;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(kit))) {
            tarSize = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertThat(tarSize).isBetween(want * 95 / 100, want * 105 / 100);
        double ratio = (double) Files.size(kit) / tarSize;
        assertThat(ratio).isBetween(0.30, 0.55);

        Path random = VddkKits.kit("8.0.1").size(1 << 20).fill(Fill.RANDOM).writeTo(dir.resolve("r"));
        assertThat(Files.size(random)).isGreaterThan(900_000);
        Path zeros = VddkKits.kit("8.0.1").size(1 << 20).fill(Fill.ZEROS).writeTo(dir.resolve("z"));
        assertThat(Files.size(zeros)).isLessThan(100_000);
    }

    @Test
    void tinyKitStillHasElfStubs() throws IOException {
        Listing l = list(VddkKits.kit("8.0.1").size(0).writeTo(dir));
        assertThat(l.entries().get("vmware-vix-disklib-distrib/lib64/libvim-types.so").getSize()).isEqualTo(64);
        assertThat(l.heads().get("vmware-vix-disklib-distrib/lib64/libvim-types.so")).containsExactly(0x7f, 'E', 'L', 'F');
    }

    @Test
    void entriesDescribeWhatIsWritten() throws IOException {
        KitSpec spec = VddkKits.kit("7.0.3");
        Listing l = list(spec.writeTo(dir));
        List<String> names = new ArrayList<>(l.entries().keySet());
        assertThat(names).containsExactlyElementsOf(spec.entries().stream().map(KitSpec.KitEntry::name).toList());
        assertThat(names).contains("vmware-vix-disklib-distrib/bin64/vmware-mount");
    }

    @ParameterizedTest
    @EnumSource(value = Variant.class, names = {"NOT_GZIP", "TRUNCATED_GZIP", "CORRUPT_GZIP", "CORRUPT_TAR",
        "DECOMPRESSION_BOMB", "DUPLICATE_ENTRY"}, mode = EnumSource.Mode.EXCLUDE)
    void everyOtherVariantIsAReadableTar(Variant v) throws IOException {
        KitSpec spec = v == Variant.VDDK9_WITH_SO8_LINK ? VddkKits.kit("9.0") : VddkKits.kit("8.0.1");
        Listing l = list(spec.variant(v).writeTo(dir));
        Map<String, TarArchiveEntry> e = l.entries();
        String r = "vmware-vix-disklib-distrib/";
        String lib = r + "lib64/";
        switch (v) {
            case PATH_TRAVERSAL -> assertThat(e).containsKey(r + "../evil");
            case ABSOLUTE_PATH -> assertThat(e).containsKey(VddkKits.ABSOLUTE_PATH_ENTRY);
            case SYMLINK_ESCAPE -> assertThat(e.get(lib + "libevil.so").getLinkName()).isEqualTo("../../../etc/passwd");
            case ABSOLUTE_SYMLINK -> assertThat(e.get(lib + "libvixDiskLib.so").getLinkName()).startsWith("/");
            case HARDLINK_ESCAPE -> assertThat(e.get(lib + "libevil.so").isLink()).isTrue();
            case DEVICE_NODE -> assertThat(e.get(lib + "null").isCharacterDevice()).isTrue();
            case FIFO -> assertThat(e.get(lib + "fifo").isFIFO()).isTrue();
            case WHITEOUT -> assertThat(e).containsKey(lib + ".wh.libvixDiskLib.so.7");
            case NO_KIT_DIRECTORY -> assertThat(e).containsKey("lib64/libvixDiskLib.so").doesNotContainKey(r);
            case OTHER_ROOT_NAME -> assertThat(e).containsKey("vmware-vix-disklib-distrib-8.0.1/lib64/libvixDiskLib.so");
            case SECOND_TOP_LEVEL_DIR -> assertThat(e).containsKeys(r, "extras/", "extras/README.txt");
            case MISSING_LIBVIXDISKLIB -> assertThat(e.keySet()).noneMatch(n -> n.contains("libvixDiskLib"));
            case LOST_SYMLINKS -> assertThat(e.values()).noneMatch(TarArchiveEntry::isSymbolicLink);
            case DANGLING_SO_LINK -> assertThat(e).doesNotContainKey(lib + e.get(lib + "libvixDiskLib.so.8").getLinkName());
            case WRITE_THROUGH_SYMLINK -> assertThat(e).containsKeys(lib + "sub", lib + "sub/evil.h");
            case UNREADABLE_MODES -> {
                assertThat(e.get(lib).getMode() & 07777).isEqualTo(0700);
                assertThat(e.get(r + "include/vixDiskLib.h").getMode() & 07777).isEqualTo(0600);
            }
            case SETUID -> assertThat(e.get(r + "bin64/vmware-vdiskmanager").getMode() & 07777).isEqualTo(04755);
            case RENAMED, VERSION_MISMATCH, REALISTIC -> assertThat(e).containsKey(lib + "libvixDiskLib.so.8.0.1");
            case VDDK9_WITH_SO8_LINK -> assertThat(e).containsKey(lib + "libvixDiskLib.so.8");
            default -> throw new AssertionError("unhandled " + v);
        }
    }

    @Test
    void duplicateEntryAppearsTwice() throws IOException {
        Path kit = VddkKits.kit("8.0.1").variant(Variant.DUPLICATE_ENTRY).writeTo(dir);
        int count = 0;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(Files.newInputStream(kit)))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.getName().equals("vmware-vix-disklib-distrib/include/vixDiskLib.h")) {
                    count++;
                }
            }
        }
        assertThat(count).isEqualTo(2);
    }

    @Test
    void brokenContainersAreBroken() throws IOException {
        Path notGzip = VddkKits.kit("8.0.1").variant(Variant.NOT_GZIP).writeTo(dir.resolve("n"));
        byte[] head = Files.readAllBytes(notGzip);
        assertThat(new String(head, 257, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ustar");

        Path good = VddkKits.kit("8.0.1").writeTo(dir.resolve("g"));
        Path truncated = VddkKits.kit("8.0.1").variant(Variant.TRUNCATED_GZIP).writeTo(dir.resolve("t"));
        assertThat(Files.size(truncated)).isEqualTo(Files.size(good) * 6 / 10);
        assertThatThrownBy(() -> drain(truncated)).isInstanceOf(IOException.class);

        Path corrupt = VddkKits.kit("8.0.1").variant(Variant.CORRUPT_GZIP).writeTo(dir.resolve("c"));
        assertThat(Files.size(corrupt)).isEqualTo(Files.size(good));
        assertThatThrownBy(() -> drain(corrupt)).isInstanceOf(IOException.class);

        Path corruptTar = VddkKits.kit("8.0.1").variant(Variant.CORRUPT_TAR).writeTo(dir.resolve("ct"));
        try (InputStream in = new GZIPInputStream(Files.newInputStream(corruptTar))) {
            in.transferTo(java.io.OutputStream.nullOutputStream()); // the gzip layer is fine
        }
        // commons-compress does not verify header checksums by itself; GNU tar says "Skipping to next header"
        assertThat(list(corruptTar).entries().get("vmware-vix-disklib-distrib/include/vixMntapi.h").isCheckSumOK())
                .isFalse();
        assertThat(list(good).entries().values()).allMatch(TarArchiveEntry::isCheckSumOK);
    }

    @Test
    void bombIsSmallOnDiskAndHugeInflated() throws IOException {
        Path bomb = VddkKits.kit("8.0.1").variant(Variant.DECOMPRESSION_BOMB).writeTo(dir);
        assertThat(Files.size(bomb)).isLessThan(VddkKits.BOMB_SIZE / 500);
        long inflated;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(bomb), 1 << 16)) {
            inflated = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        assertThat(inflated).isGreaterThan(VddkKits.BOMB_SIZE);
    }

    @Test
    void mainWritesAKit() throws IOException {
        VddkKits.main(new String[] {"--version", "9.0.0.0.24742305", "--size", "128k", "--out", dir.toString()});
        assertThat(dir.resolve("VMware-vix-disklib-9.0.0.0.24742305.x86_64.tar.gz")).isRegularFile();
        assertThat(VddkKits.parseSize("1g")).isEqualTo(1L << 30);
        assertThat(VddkKits.parseSize("72m")).isEqualTo(72L << 20);
        assertThat(VddkKits.parseSize("4096")).isEqualTo(4096);
    }

    private static void drain(Path gz) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }
}
