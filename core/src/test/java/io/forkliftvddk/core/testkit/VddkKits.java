package io.forkliftvddk.core.testkit;

import io.forkliftvddk.core.archive.VddkVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Deterministic VDDK test kits: {@code .tar.gz} files with the real layout of VMware's kit (single root
 * {@code vmware-vix-disklib-distrib/}, {@code bin64}, {@code doc}, {@code include}, {@code lib32}, {@code lib64} with
 * relative symlink chains), stub binaries starting with {@code \x7fELF}, and hostile variants. The same spec always
 * gives the same bytes (same sha256). Kits are written streaming, so 1 GB kits need no memory.
 *
 * <pre>{@code
 * Path kit = VddkKits.kit("8.0.1-21562716").size(72L << 20).writeTo(dir);
 * Path evil = VddkKits.kit("8.0.1").variant(VddkKits.Variant.SYMLINK_ESCAPE).writeTo(dir);
 * }</pre>
 *
 * From a script (the CLI jar bundles core and commons-compress): {@code java -cp
 * core/target/test-classes:cli/target/forklift-vddk.jar io.forkliftvddk.core.testkit.VddkKits --version
 * 8.0.1-21562716 --size 1g --out DIR} prints the written path (see {@code bench/archive-inspect.sh}).
 */
public final class VddkKits {

    /** Versions with the build numbers VMware published. */
    public static final String V6_7 = "6.7.0-8173251";
    public static final String V7_0_3 = "7.0.3-20134304";
    public static final String V8_0_1 = "8.0.1-21562716";
    public static final String V8_0_3 = "8.0.3-23950268";
    public static final String V9_0 = "9.0.0.0.24742305";

    /** Every realistic generation: 6.7, 7.0.3, 8.0.1, 8.0.3, 9.0.0.0. */
    public static final List<String> ALL_VERSIONS = List.of(V6_7, V7_0_3, V8_0_1, V8_0_3, V9_0);

    /** Roughly the uncompressed size of a real 8.0.1 kit (lib64 alone is about 66 MiB). */
    public static final long REALISTIC_SIZE = 72L * 1024 * 1024;

    /** The single top-level directory of every real kit. */
    public static final String ROOT = "vmware-vix-disklib-distrib/";

    private static final Map<String, String> DEFAULT_BUILDS = Map.of(
            "6.7.0", "8173251", "7.0.3", "20134304", "8.0.1", "21562716", "8.0.3", "23950268",
            "9.0.0.0", "24742305");

    /** What the stub binaries contain. */
    public enum Fill {
        /** Compresses like real shared libraries (gzip about 40 %). */
        ELF_LIKE,
        /** Incompressible. */
        RANDOM,
        /** All zeros after the ELF header (compresses about 1000:1). */
        ZEROS
    }

    /** The realistic kit or one defect. Defects are described at each constant; all others are like REALISTIC. */
    public enum Variant {
        /** A valid kit as VMware ships it. */
        REALISTIC,
        /** An entry {@code vmware-vix-disklib-distrib/../evil}. */
        PATH_TRAVERSAL,
        /** An entry with an absolute name {@link #ABSOLUTE_PATH_ENTRY}. */
        ABSOLUTE_PATH,
        /** {@code lib64/libevil.so -> ../../../etc/passwd}. */
        SYMLINK_ESCAPE,
        /** {@code lib64/libvixDiskLib.so -> /usr/lib64/libvixDiskLib.so.8} (absolute symlink target). */
        ABSOLUTE_SYMLINK,
        /** A hard link {@code lib64/libevil.so} to {@code /etc/passwd}. */
        HARDLINK_ESCAPE,
        /** A character device {@code lib64/null} (1, 3). */
        DEVICE_NODE,
        /** A FIFO {@code lib64/fifo}. */
        FIFO,
        /** A whiteout file {@code lib64/.wh.libvixDiskLib.so.7}. */
        WHITEOUT,
        /** The kit's content at the top level, without {@code vmware-vix-disklib-distrib/}. */
        NO_KIT_DIRECTORY,
        /** The kit under {@code vmware-vix-disklib-distrib-8.0.1/} (what kubectl-mtv's prefix match accepts). */
        OTHER_ROOT_NAME,
        /** A second top-level directory {@code extras/} next to the kit. */
        SECOND_TOP_LEVEL_DIR,
        /** No {@code libvixDiskLib} files at all in lib64. */
        MISSING_LIBVIXDISKLIB,
        /** Every symlink lost (a kit re-packed on a file system without symlinks): no {@code lib64/libvixDiskLib.so}. */
        LOST_SYMLINKS,
        /** {@code libvixDiskLib.so.N} points to a file that is not in the kit. */
        DANGLING_SO_LINK,
        /** {@code include/vixDiskLib.h} appears twice. */
        DUPLICATE_ENTRY,
        /** {@code lib64/sub -> ../include} followed by a file {@code lib64/sub/evil.h} written through that link. */
        WRITE_THROUGH_SYMLINK,
        /** A plain tar under a {@code .tar.gz} name. */
        NOT_GZIP,
        /** The gzip cut at 60 % of its length. */
        TRUNCATED_GZIP,
        /** A few bytes in the middle of the deflate stream flipped. */
        CORRUPT_GZIP,
        /** Valid gzip, but a tar header in the middle has a wrong checksum. */
        CORRUPT_TAR,
        /** A small gzip holding {@link #BOMB_SIZE} bytes of zeros in one file (ratio about 1000:1). */
        DECOMPRESSION_BOMB,
        /** Files 0600 (binaries 0700), directories 0700: unusable by a non-root UID. */
        UNREADABLE_MODES,
        /** {@code bin64/vmware-vdiskmanager} mode 04755. */
        SETUID,
        /** Valid kit saved as {@code vddk-kit.tar.gz} (no version in the name). */
        RENAMED,
        /** File name two patch versions above the version in lib64 (8.0.1 kit named 8.0.3). */
        VERSION_MISMATCH,
        /** A 9.x kit that already has the {@code libvixDiskLib.so.8 -> libvixDiskLib.so.9} compatibility link. */
        VDDK9_WITH_SO8_LINK
    }

    /** The name of the absolute entry of {@link Variant#ABSOLUTE_PATH}; tests check that it is never created. */
    public static final String ABSOLUTE_PATH_ENTRY = "/tmp/forklift-vddk-testkit-absolute-evil";

    /** Uncompressed size of the zero file in {@link Variant#DECOMPRESSION_BOMB} unless a larger size is set. */
    public static final long BOMB_SIZE = 256L * 1024 * 1024;

    private VddkKits() {
    }

    /**
     * A kit spec for a version: {@code 8.0.1-21562716}, {@code 9.0.0.0.24742305}, or without build ({@code 8.0.1},
     * {@code 6.7}); missing numbers are filled in (6.7 -> 6.7.0, 9.0 -> 9.0.0.0) and a missing build comes from
     * VMware's published builds (or 10000000 for unknown versions).
     */
    public static KitSpec kit(String version) {
        return new KitSpec(normalise(VddkVersion.parse(version)));
    }

    /** A spec for every realistic generation, same size and fill. */
    public static List<KitSpec> allVersions() {
        List<KitSpec> out = new ArrayList<>();
        for (String v : ALL_VERSIONS) {
            out.add(kit(v));
        }
        return out;
    }

    static VddkVersion normalise(VddkVersion v) {
        List<Integer> n = new ArrayList<>(v.numbers());
        int wanted = v.major() >= 9 ? 4 : 3;
        while (n.size() < wanted) {
            n.add(0);
        }
        while (n.size() > wanted) {
            n.remove(n.size() - 1);
        }
        String number = String.join(".", n.stream().map(String::valueOf).toList());
        long build = v.hasBuild() ? v.build() : Long.parseLong(DEFAULT_BUILDS.getOrDefault(number, "10000000"));
        return new VddkVersion(n, build);
    }

    /** Parses sizes such as {@code 4096}, {@code 64k}, {@code 72m}, {@code 1g} (binary units). */
    public static long parseSize(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        long unit = 1;
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        if (last == 'b') {
            t = t.substring(0, t.length() - 1);
            last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        }
        switch (last) {
            case 'k' -> unit = 1L << 10;
            case 'm' -> unit = 1L << 20;
            case 'g' -> unit = 1L << 30;
            default -> unit = 1;
        }
        if (unit != 1) {
            t = t.substring(0, t.length() - 1);
        }
        return Long.parseLong(t) * unit;
    }

    /**
     * Writes a kit from a script. Options: {@code --version V} (default 8.0.1-21562716), {@code --size N[k|m|g]},
     * {@code --fill elf_like|random|zeros}, {@code --variant NAME}, {@code --file-name NAME}, {@code --seed N},
     * {@code --level 0-9}, {@code --out DIR} (default current directory). Prints the kit's path.
     */
    public static void main(String[] args) throws IOException {
        KitSpec spec = null;
        String version = V8_0_1;
        Long size = null;
        Fill fill = null;
        Variant variant = null;
        String fileName = null;
        Long seed = null;
        Integer level = null;
        Path out = Path.of(".");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                System.out.println("usage: VddkKits [--version V] [--size N[k|m|g]] [--fill elf_like|random|zeros]"
                        + " [--variant NAME] [--file-name NAME] [--seed N] [--level 0-9] [--out DIR]");
                return;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + a);
            }
            String v = args[++i];
            switch (a) {
                case "--version" -> version = v;
                case "--size" -> size = parseSize(v);
                case "--fill" -> fill = Fill.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_'));
                case "--variant" -> variant = Variant.valueOf(v.toUpperCase(Locale.ROOT).replace('-', '_'));
                case "--file-name" -> fileName = v;
                case "--seed" -> seed = Long.parseLong(v);
                case "--level" -> level = Integer.parseInt(v);
                case "--out" -> out = Path.of(v);
                default -> throw new IllegalArgumentException("unknown option " + a);
            }
        }
        spec = kit(version);
        if (size != null) {
            spec = spec.size(size);
        }
        if (fill != null) {
            spec = spec.fill(fill);
        }
        if (variant != null) {
            spec = spec.variant(variant);
        }
        if (fileName != null) {
            spec = spec.fileName(fileName);
        }
        if (seed != null) {
            spec = spec.seed(seed);
        }
        if (level != null) {
            spec = spec.compressionLevel(level);
        }
        Files.createDirectories(out);
        System.out.println(spec.writeTo(out));
    }
}
