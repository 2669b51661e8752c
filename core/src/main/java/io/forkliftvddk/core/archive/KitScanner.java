package io.forkliftvddk.core.archive;

import io.forkliftvddk.core.archive.KitEntry.Type;
import io.forkliftvddk.core.archive.VddkArchiveException.Problem;
import io.forkliftvddk.core.spi.Listener;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * One pass over a VDDK tarball: every entry is checked when it is read (so extraction and repacking, which receive
 * entries through a {@link Sink}, only ever see safe ones), the kit-wide checks run at the end, and the report is built.
 */
final class KitScanner {

    /** Receives each validated entry; {@code content} is the file's bytes (regular files only, else null). */
    interface Sink {
        void entry(KitEntry entry, InputStream content) throws IOException;

        /** Called once the whole archive is valid, before the report is returned. */
        default void finish(ArchiveReport report) throws IOException {
        }
    }

    static final String KIT = VddkArchive.KIT_DIRECTORY;
    private static final String LIB64 = KIT + "/lib64/";
    private static final String LIBRARY = LIB64 + "libvixDiskLib.so";
    private static final Pattern LIBRARY_VERSION = Pattern.compile("libvixDiskLib\\.so\\.(\\d+\\.\\d+\\.\\d+(?:\\.\\d+)?)");
    private static final Set<String> KIT_SUBDIRECTORIES = Set.of("bin64", "lib64", "lib32", "include", "doc");
    private static final int MAX_SYMLINK_HOPS = 40;
    private static final String USE_ORIGINAL =
            "VMware never packs a kit like this; use the original VMware-vix-disklib tar.gz (this file may be malicious)";
    private static final byte[] ELF = {0x7f, 'E', 'L', 'F'};

    private final Path file;
    private final String name;
    private final InspectOptions options;
    private final Listener listener;
    private final Sink sink;

    private final Map<String, KitEntry> nodes = new LinkedHashMap<>();
    private final Set<String> impliedDirectories = new HashSet<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> notElf = new ArrayList<>();
    private final byte[] scratch = new byte[64 * 1024];
    private String previous;
    private boolean kitSeen;
    private int entries;
    private int files;
    private int directories;
    private int symlinks;
    private int hardlinks;
    private long contentBytes;
    private long newestMtime;
    private int unreadableFiles;
    private String unreadableFileExample;
    private int closedDirectories;
    private String closedDirectoryExample;
    private int setuid;
    private String setuidExample;

    /** The file's sha256 computed elsewhere (see {@link VddkArchive#inspect(Path, InspectOptions, java.util.concurrent.Future, Listener)}), or null. */
    private java.util.concurrent.Future<String> knownSha256;

    KitScanner(Path file, InspectOptions options, Listener listener, Sink sink) {
        this.file = file;
        this.name = options.fileName() != null ? options.fileName() : String.valueOf(file.getFileName());
        this.options = options;
        this.listener = listener;
        this.sink = sink;
    }

    String name() {
        return name;
    }

    void knownSha256(java.util.concurrent.Future<String> sha256) {
        this.knownSha256 = sha256;
    }

    ArchiveReport scan() throws IOException {
        try (GzipPipe pipe = new GzipPipe(file, name, options, knownSha256, listener).start()) {
            GzipPipe.ChunkStream in = pipe.stream();
            TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name());
            TarArchiveEntry e;
            while ((e = next(tar)) != null) {
                process(e, tar);
            }
            long afterTar = in.drainCountingNonZero();
            String diffId = in.digest();
            String compressed = pipe.compressedDigest();
            checkExpectedDigest(compressed);
            if (afterTar > 0) {
                warnings.add(afterTar + " non-zero bytes follow the end of the tar archive; tar readers ignore them");
            }
            return finish(pipe, compressed, diffId);
        }
    }

    private void checkExpectedDigest(String actual) throws VddkArchiveException {
        String expected = options.expectedSha256();
        if (expected != null && !actual.equals("sha256:" + expected)) {
            throw checksumMismatch(name, expected, actual);
        }
    }

    static VddkArchiveException checksumMismatch(String name, String expected, String actual) {
        return new VddkArchiveException(name, null, Problem.CHECKSUM_MISMATCH,
                "sha256 is " + actual.substring("sha256:".length()) + " but " + expected + " was expected",
                "The download is damaged or is another file; download the kit again from VMware and compare the"
                        + " checksum on the download page");
    }

    private TarArchiveEntry next(TarArchiveInputStream tar) throws IOException {
        try {
            return tar.getNextEntry();
        } catch (VddkArchiveException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw new VddkArchiveException(name, null, Problem.CORRUPT_TAR,
                    "the tar data is damaged " + where() + " (" + e.getMessage() + ")",
                    "Download the kit again from VMware and check its sha256");
        }
    }

    private String where() {
        return previous == null ? "at its first entry" : "after entry '" + previous + "'";
    }

    // ------------------------------------------------------------------------------------------------ per entry

    private void process(TarArchiveEntry e, TarArchiveInputStream tar) throws IOException {
        String raw = e.getName();
        if (++entries > options.maxEntries()) {
            throw new VddkArchiveException(name, raw, Problem.TOO_MANY_ENTRIES,
                    "more than " + options.maxEntries() + " entries (a real kit has a few hundred at most)",
                    "This is not a VDDK kit; if it is, raise the entry limit");
        }
        if (!e.isCheckSumOK()) {
            throw new VddkArchiveException(name, raw, Problem.CORRUPT_TAR,
                    "the tar header's checksum is wrong " + where(), "Download the kit again from VMware");
        }
        List<String> parts = components(raw);
        Type type = type(e, raw);
        previous = raw;
        if (parts.isEmpty()) {
            return; // "./": the archive root itself
        }
        for (String p : parts) {
            if (p.startsWith(".wh.")) {
                throw new VddkArchiveException(name, raw, Problem.WHITEOUT,
                        "'.wh.' names are whiteouts: as an image layer this entry would delete files instead of"
                                + " adding one", USE_ORIGINAL);
            }
        }
        topLevel(parts, raw, type);
        String path = String.join("/", parts);
        parents(parts, raw);
        duplicate(path, raw, type);

        long mtime = e.getLastModifiedTime() == null ? 0 : e.getLastModifiedTime().toMillis() / 1000;
        int mode = e.getMode() & 07777;
        newestMtime = Math.max(newestMtime, mtime);
        KitEntry node;
        switch (type) {
            case SYMLINK -> {
                String target = e.getLinkName();
                symlinkTarget(parts, raw, target);
                node = new KitEntry(path, raw, type, mode, 0, target, mtime);
                symlinks++;
            }
            case HARDLINK -> {
                String target = hardlinkTarget(raw, e.getLinkName());
                node = new KitEntry(path, raw, type, mode, 0, target, mtime);
                hardlinks++;
            }
            case DIRECTORY -> {
                node = new KitEntry(path, raw, type, mode, 0, null, mtime);
                if ((mode & 0005) != 0005 && closedDirectories++ == 0) {
                    closedDirectoryExample = "'" + raw + "' (mode " + octal(mode) + ")";
                }
                directories++;
            }
            default -> {
                long size = e.getSize();
                if (size > options.maxUncompressedBytes()) {
                    throw new VddkArchiveException(name, raw, Problem.TOO_LARGE, "declares " + size + " bytes",
                            "A real VDDK kit is a few hundred MB at most; if this one is genuine, raise the limit");
                }
                node = new KitEntry(path, raw, type, mode, size, null, mtime);
                if ((mode & 0004) == 0 && unreadableFiles++ == 0) {
                    unreadableFileExample = "'" + raw + "' (mode " + octal(mode) + ")";
                }
                files++;
                contentBytes += size;
            }
        }
        if ((type == Type.FILE || type == Type.DIRECTORY) && (mode & 06000) != 0 && setuid++ == 0) {
            setuidExample = "'" + raw + "' (mode " + octal(mode) + ")";
        }
        if (type != Type.DIRECTORY || !nodes.containsKey(path)) {
            nodes.put(path, node);
        }
        InputStream content = null;
        if (type == Type.FILE) {
            content = tar;
            if (path.startsWith(LIB64) && path.indexOf('/', LIB64.length()) < 0 && path.contains(".so")
                    && node.size() >= 4) {
                byte[] head = tar.readNBytes(4);
                if (!Arrays.equals(head, ELF)) {
                    notElf.add(path.substring(KIT.length() + 1));
                }
                content = new SequenceInputStream(new ByteArrayInputStream(head), tar);
            }
        }
        if (sink != null) {
            sink.entry(node, content);
        }
        if (type == Type.FILE) {
            // read what is left ourselves: the tar reader's own skip allocates a buffer per call
            while (tar.read(scratch, 0, scratch.length) > 0) {
                // the bytes are already in the diff_id
            }
        }
    }

    private static String octal(int mode) {
        return String.format("%04o", mode);
    }

    /** Splits a name into components without "." and empty ones; rejects absolute names and "..". */
    private List<String> components(String raw) throws VddkArchiveException {
        if (raw == null || raw.isEmpty()) {
            throw new VddkArchiveException(name, "", Problem.CORRUPT_TAR, "an entry without a name " + where(),
                    "Download the kit again from VMware");
        }
        if (raw.startsWith("/")) {
            throw new VddkArchiveException(name, raw, Problem.ABSOLUTE_PATH,
                    "absolute path: extracting it would write outside the target directory", USE_ORIGINAL);
        }
        List<String> parts = new ArrayList<>();
        for (String p : raw.split("/")) {
            if (p.equals("..")) {
                throw new VddkArchiveException(name, raw, Problem.PATH_TRAVERSAL,
                        "the path contains '..': extracting it would write outside the kit", USE_ORIGINAL);
            }
            if (!p.isEmpty() && !p.equals(".")) {
                parts.add(p);
            }
        }
        return parts;
    }

    private Type type(TarArchiveEntry e, String raw) throws VddkArchiveException {
        byte flag = e.getLinkFlag();
        if (e.isCharacterDevice() || e.isBlockDevice()) {
            throw new VddkArchiveException(name, raw, Problem.DEVICE,
                    (e.isCharacterDevice() ? "character" : "block") + " device (" + e.getDevMajor() + ", "
                            + e.getDevMinor() + "): a VDDK kit has only files, directories and symbolic links",
                    USE_ORIGINAL);
        }
        if (e.isFIFO()) {
            throw new VddkArchiveException(name, raw, Problem.FIFO,
                    "named pipe (FIFO): a VDDK kit has only files, directories and symbolic links", USE_ORIGINAL);
        }
        if (e.isSymbolicLink()) {
            return Type.SYMLINK;
        }
        if (e.isLink()) {
            return Type.HARDLINK;
        }
        if (flag == TarConstants.LF_DIR || (flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_NORMAL)
                && raw.endsWith("/")) {
            return Type.DIRECTORY;
        }
        if ((flag == TarConstants.LF_NORMAL || flag == TarConstants.LF_OLDNORM || flag == TarConstants.LF_CONTIG)
                && !e.isSparse()) {
            return Type.FILE;
        }
        throw new VddkArchiveException(name, raw, Problem.UNSUPPORTED_ENTRY,
                "unsupported tar entry type '" + (char) flag + "'" + (e.isSparse() ? " (sparse file)" : "")
                        + ": a VDDK kit has only files, directories and symbolic links", USE_ORIGINAL);
    }

    private void topLevel(List<String> parts, String raw, Type type) throws VddkArchiveException {
        String top = parts.get(0);
        if (top.equals(KIT)) {
            if (parts.size() == 1 && type != Type.DIRECTORY) {
                throw new VddkArchiveException(name, raw, Problem.NO_KIT_DIRECTORY,
                        KIT + " is a " + type.name().toLowerCase(java.util.Locale.ROOT) + ", not a directory",
                        USE_ORIGINAL);
            }
            kitSeen = true;
            return;
        }
        if (kitSeen) {
            throw new VddkArchiveException(name, raw, Problem.SECOND_TOP_LEVEL_ENTRY,
                    "is next to " + KIT + "/ at the top level: a VDDK kit has exactly one top-level directory",
                    "Use the original VMware tar.gz, or pack only the " + KIT + " directory");
        }
        if (top.startsWith(KIT)) {
            throw new VddkArchiveException(name, raw, Problem.NO_KIT_DIRECTORY,
                    "the top-level directory is '" + top + "/', not '" + KIT + "/' (Forklift needs exactly "
                            + "/opt/" + KIT + ")",
                    "Use the original VMware tar.gz, or rename the directory to " + KIT + " and pack it again");
        }
        if (KIT_SUBDIRECTORIES.contains(top)) {
            throw new VddkArchiveException(name, raw, Problem.NO_KIT_DIRECTORY,
                    "the kit's content is at the top level, not inside " + KIT + "/ (was it re-packed from inside"
                            + " the directory?)",
                    "Use the original VMware tar.gz, or pack it again from the parent directory: tar czf kit.tar.gz "
                            + KIT);
        }
        throw new VddkArchiveException(name, raw, Problem.NO_KIT_DIRECTORY,
                "is outside " + KIT + "/: a VDDK kit has exactly one top-level directory, " + KIT + "/",
                "This is not a VMware VDDK kit; download VMware-vix-disklib-*.x86_64.tar.gz from VMware");
    }

    /** No entry may be below a symlink or a file of the archive: extraction would write through it. */
    private void parents(List<String> parts, String raw) throws VddkArchiveException {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < parts.size() - 1; i++) {
            if (i > 0) {
                p.append('/');
            }
            p.append(parts.get(i));
            String parent = p.toString();
            KitEntry n = nodes.get(parent);
            if (n != null && n.type() == Type.SYMLINK) {
                throw new VddkArchiveException(name, raw, Problem.WRITE_THROUGH_SYMLINK,
                        "is below '" + n.raw() + "', a symbolic link (to '" + n.link() + "') earlier in the archive:"
                                + " extracting it would write through the link", USE_ORIGINAL);
            }
            if (n != null && n.type() != Type.DIRECTORY) {
                throw new VddkArchiveException(name, raw, Problem.DUPLICATE_ENTRY,
                        "is below '" + n.raw() + "', which is a file earlier in the archive", USE_ORIGINAL);
            }
            if (n == null) {
                impliedDirectories.add(parent);
            }
        }
    }

    private void duplicate(String path, String raw, Type type) throws VddkArchiveException {
        KitEntry old = nodes.get(path);
        if (old != null && !(old.type() == Type.DIRECTORY && type == Type.DIRECTORY)) {
            throw new VddkArchiveException(name, raw, Problem.DUPLICATE_ENTRY,
                    "appears a second time (first as " + describe(old.type()) + ", now as " + describe(type)
                            + "): extracting it would overwrite the first", USE_ORIGINAL);
        }
        if (old == null && type != Type.DIRECTORY && impliedDirectories.contains(path)) {
            throw new VddkArchiveException(name, raw, Problem.DUPLICATE_ENTRY,
                    "is a " + describe(type) + " but earlier entries are inside it (a directory)", USE_ORIGINAL);
        }
    }

    private static String describe(Type t) {
        return switch (t) {
            case FILE -> "a file";
            case DIRECTORY -> "a directory";
            case SYMLINK -> "a symbolic link";
            case HARDLINK -> "a hard link";
        };
    }

    /** Lexical check when the link is read; chains through other links are checked at the end. */
    private void symlinkTarget(List<String> parts, String raw, String target) throws VddkArchiveException {
        if (target == null || target.isEmpty()) {
            throw new VddkArchiveException(name, raw, Problem.CORRUPT_TAR, "symbolic link without a target",
                    "Download the kit again from VMware");
        }
        if (target.startsWith("/")) {
            throw new VddkArchiveException(name, raw, Problem.SYMLINK_ESCAPE,
                    "symbolic link to the absolute path '" + target + "': it points outside the kit (VMware's"
                            + " links are relative)", USE_ORIGINAL);
        }
        List<String> at = new ArrayList<>(parts.subList(0, parts.size() - 1));
        for (String c : target.split("/")) {
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (at.size() <= 1) {
                    throw new VddkArchiveException(name, raw, Problem.SYMLINK_ESCAPE,
                            "symbolic link to '" + target + "' points outside " + KIT + "/", USE_ORIGINAL);
                }
                at.remove(at.size() - 1);
            } else {
                at.add(c);
            }
        }
    }

    private String hardlinkTarget(String raw, String target) throws VddkArchiveException {
        String detail = null;
        String path = null;
        if (target == null || target.isEmpty()) {
            detail = "hard link without a target";
        } else if (target.startsWith("/")) {
            detail = "hard link to the absolute path '" + target + "', outside the kit";
        } else if (Arrays.asList(target.split("/")).contains("..")) {
            detail = "hard link to '" + target + "', which leaves the kit";
        } else {
            List<String> parts = new ArrayList<>();
            for (String p : target.split("/")) {
                if (!p.isEmpty() && !p.equals(".")) {
                    parts.add(p);
                }
            }
            path = String.join("/", parts);
            KitEntry t = nodes.get(path);
            if (parts.isEmpty() || !parts.get(0).equals(KIT)) {
                detail = "hard link to '" + target + "', which is outside " + KIT + "/";
            } else if (t == null || (t.type() != Type.FILE && t.type() != Type.HARDLINK)) {
                detail = "hard link to '" + target + "', which is not an earlier regular file of the kit";
            }
        }
        if (detail != null) {
            throw new VddkArchiveException(name, raw, Problem.HARDLINK_ESCAPE, detail, USE_ORIGINAL);
        }
        return path;
    }

    // ------------------------------------------------------------------------------------------------ kit-wide

    private ArchiveReport finish(GzipPipe pipe, String compressed, String diffId) throws IOException {
        if (entries == 0 || !kitSeen) {
            throw new VddkArchiveException(name, null, entries == 0 ? Problem.EMPTY : Problem.NO_KIT_DIRECTORY,
                    entries == 0 ? "the tar archive has no entries" : "there is no " + KIT + "/ directory",
                    "This is not a VMware VDDK kit; download VMware-vix-disklib-*.x86_64.tar.gz from VMware");
        }
        List<String> chain = libraryChain();
        for (KitEntry n : nodes.values()) {
            if (n.type() == Type.SYMLINK) {
                Resolution r = resolve(n.path(), n.raw(), new ArrayList<>());
                if (r.missing()) {
                    warnings.add("symbolic link '" + n.raw() + "' -> '" + n.link() + "' points to nothing in the kit");
                }
            }
        }
        if (!notElf.isEmpty()) {
            warnings.add("not ELF shared libraries (no \\x7fELF header): " + String.join(", ", notElf));
        }

        VddkVersion fromName = VddkVersion.fromFileName(name).orElse(null);
        VddkVersion fromLibrary = libraryVersion(chain);
        VddkVersion version = version(fromName, fromLibrary);

        boolean hasSo8 = nodes.containsKey(LIBRARY + ".8");
        boolean compat = version != null && version.major() >= 9 && !hasSo8;
        if (compat) {
            warnings.add("VDDK " + version.number() + " has no lib64/libvixDiskLib.so.8: older nbdkit and CDI"
                    + " importer builds (for example MTV 2.10's) load libvixDiskLib.so.8 and fail; a compatibility"
                    + " link libvixDiskLib.so.8 -> libvixDiskLib.so." + version.major() + " can be added to the image");
        }

        List<String> repack = new ArrayList<>();
        if (unreadableFiles > 0) {
            repack.add(unreadableFiles + " file(s) not readable by other users (for example " + unreadableFileExample
                    + "): Forklift runs the image under a non-root UID");
        }
        if (closedDirectories > 0) {
            repack.add(closedDirectories + " directory(ies) not readable and searchable by other users (for example "
                    + closedDirectoryExample + "): Forklift runs the image under a non-root UID");
        }
        if (setuid > 0) {
            repack.add(setuid + " entry(ies) with setuid/setgid bits (for example " + setuidExample + ")");
        }
        if (pipe.trailingZeros() > 0) {
            repack.add("the gzip stream is followed by " + pipe.trailingZeros()
                    + " zero bytes, which registries' gzip readers reject");
            warnings.add(pipe.trailingZeros() + " zero bytes follow the gzip stream");
        }

        ArchiveReport report = new ArchiveReport(name, version, fromName, fromLibrary, KIT, chain, compressed,
                pipe.compressedSize(), diffId, pipe.uncompressedSize(), entries, files, directories, symlinks,
                hardlinks, contentBytes, java.time.Instant.ofEpochSecond(newestMtime), repack.isEmpty(), repack, hasSo8, compat, warnings);
        if (sink != null) {
            sink.finish(report);
        }
        for (String w : warnings) {
            listener.warn(name + ": " + w);
        }
        listener.info(name + ": valid VDDK " + (version == null ? "(version unknown)" : version) + " kit, "
                + entries + " entries, " + pipe.uncompressedSize() + " bytes unpacked, "
                + (repack.isEmpty() ? "usable as an image layer as it is" : "must be repacked to be used as a layer"));
        return report;
    }

    private List<String> libraryChain() throws VddkArchiveException {
        if (!nodes.containsKey(LIBRARY)) {
            List<String> real = new ArrayList<>();
            for (KitEntry n : nodes.values()) {
                if (n.path().startsWith(LIBRARY + ".") && n.type() == Type.FILE) {
                    real.add(n.path().substring(KIT.length() + 1));
                }
            }
            String hint = real.isEmpty()
                    ? "This is not a complete VDDK kit; download VMware-vix-disklib-*.x86_64.tar.gz from VMware"
                    : "The kit has " + String.join(", ", real) + " but its symbolic links were lost (was it re-packed"
                            + " on a file system without symlinks, such as macOS or Windows shares?); use the original"
                            + " VMware tar.gz";
            throw new VddkArchiveException(name, null, Problem.MISSING_LIBRARY,
                    KIT + "/lib64/libvixDiskLib.so is missing (Forklift checks exactly this path)", hint);
        }
        List<String> chain = new ArrayList<>();
        Resolution r = resolve(LIBRARY, nodes.get(LIBRARY).raw(), chain);
        KitEntry target = r.missing() ? null : nodes.get(r.path());
        if (target == null || (target.type() != Type.FILE && target.type() != Type.HARDLINK)) {
            String last = chain.isEmpty() ? LIBRARY : chain.get(chain.size() - 1);
            KitEntry link = nodes.get(last);
            String what = target == null
                    ? (link != null && link.type() == Type.SYMLINK ? "symbolic link to '" + link.link()
                            + "', which is not in the kit" : "does not exist")
                    : "resolves to " + describe(target.type()) + ", not a regular file";
            throw new VddkArchiveException(name, link != null ? link.raw() : last, Problem.DANGLING_LIBRARY_LINK,
                    what + ": " + KIT + "/lib64/libvixDiskLib.so must resolve to the library file",
                    "Use the original VMware tar.gz; the kit is incomplete");
        }
        chain.add(r.path());
        return chain;
    }

    private record Resolution(String path, boolean missing) {
    }

    /** Resolves a path like the kernel would in the extracted kit; rejects escapes and loops. */
    private Resolution resolve(String path, String entry, List<String> chain) throws VddkArchiveException {
        Deque<String> todo = new ArrayDeque<>(Arrays.asList(path.split("/")));
        List<String> cur = new ArrayList<>();
        boolean missing = false;
        int hops = 0;
        while (!todo.isEmpty()) {
            String c = todo.removeFirst();
            if (c.isEmpty() || c.equals(".")) {
                continue;
            }
            if (c.equals("..")) {
                if (cur.size() <= 1) {
                    throw new VddkArchiveException(name, entry, Problem.SYMLINK_ESCAPE,
                            "symbolic link resolves outside " + KIT + "/ through "
                                    + (chain.isEmpty() ? "its target" : "'" + String.join("' -> '", chain) + "'"),
                            USE_ORIGINAL);
                }
                cur.remove(cur.size() - 1);
                continue;
            }
            cur.add(c);
            if (missing) {
                continue;
            }
            String p = String.join("/", cur);
            KitEntry n = nodes.get(p);
            if (n == null) {
                missing = !impliedDirectories.contains(p);
                continue;
            }
            if (n.type() == Type.SYMLINK) {
                if (++hops > MAX_SYMLINK_HOPS) {
                    throw new VddkArchiveException(name, entry, Problem.SYMLINK_LOOP,
                            "symbolic links loop (more than " + MAX_SYMLINK_HOPS + " hops)", USE_ORIGINAL);
                }
                chain.add(p);
                cur.remove(cur.size() - 1);
                if (n.link().startsWith("/")) {
                    throw new VddkArchiveException(name, entry, Problem.SYMLINK_ESCAPE,
                            "resolves through '" + n.raw() + "' to an absolute path", USE_ORIGINAL);
                }
                List<String> target = Arrays.asList(n.link().split("/"));
                for (int i = target.size() - 1; i >= 0; i--) {
                    todo.addFirst(target.get(i));
                }
            } else if (n.type() != Type.DIRECTORY && !todo.isEmpty()) {
                missing = true; // a file used as a directory
            }
        }
        return new Resolution(String.join("/", cur), missing);
    }

    private VddkVersion libraryVersion(List<String> chain) {
        String real = chain.get(chain.size() - 1);
        Matcher m = LIBRARY_VERSION.matcher(real.substring(real.lastIndexOf('/') + 1));
        if (m.matches()) {
            return VddkVersion.fromLibrarySuffix(m.group(1)).orElse(null);
        }
        // the longest-named real file, as other upload handlers do
        String best = null;
        for (KitEntry n : nodes.values()) {
            String f = n.path().startsWith(LIB64) ? n.path().substring(LIB64.length()) : "";
            if (n.type() == Type.FILE && LIBRARY_VERSION.matcher(f).matches()
                    && (best == null || f.length() > best.length())) {
                best = f;
            }
        }
        if (best == null) {
            return null;
        }
        Matcher b = LIBRARY_VERSION.matcher(best);
        return b.matches() ? VddkVersion.fromLibrarySuffix(b.group(1)).orElse(null) : null;
    }

    private VddkVersion version(VddkVersion fromName, VddkVersion fromLibrary) {
        if (fromName != null && fromLibrary != null) {
            if (fromName.sameNumbers(fromLibrary)) {
                return fromName;
            }
            warnings.add("the file name says VDDK " + fromName + " but lib64 has libvixDiskLib.so."
                    + fromLibrary.number() + ": using " + fromLibrary.number() + " from lib64 (was the file renamed?)");
            return fromLibrary;
        }
        if (fromLibrary != null) {
            warnings.add("the file name '" + name + "' does not follow VMware's naming"
                    + " (VMware-vix-disklib-X.Y.Z-BUILD.x86_64.tar.gz); version " + fromLibrary.number()
                    + " taken from lib64, build number unknown");
            return fromLibrary;
        }
        if (fromName != null) {
            warnings.add("lib64 has no versioned libvixDiskLib.so.X.Y.Z; version " + fromName
                    + " taken from the file name");
            return fromName;
        }
        warnings.add("the version is unknown: the file name does not follow VMware's naming and lib64 has no"
                + " versioned libvixDiskLib.so.X.Y.Z");
        return null;
    }
}
