package io.forkliftvddk.core.build;

import io.forkliftvddk.core.archive.VddkVersion;
import io.forkliftvddk.core.spi.Listener;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads a kit once: both digests, sizes, newest entry time, version, the library chain, and whether the tar.gz can
 * be the layer as it is. Unsafe kits (absolute paths, {@code ..}, whiteouts, devices, links leaving the kit, entries
 * outside {@code vmware-vix-disklib-distrib/}) are rejected.
 */
final class KitInspector {

    private KitInspector() {
    }

    static KitFacts inspect(Path kit, Listener listener) throws IOException {
        long size = Files.size(kit);
        MessageDigest gzSha = sha256();
        MessageDigest tarSha = sha256();
        KitTree tree = new KitTree();
        List<String> reasons = new ArrayList<>();
        long newest = 0;
        long tarSize;
        String versionFromLib = null;
        boolean hasSo8 = false;
        try (InputStream file = new DigestInputStream(new BufferedInputStream(Files.newInputStream(kit), 1 << 16), gzSha)) {
            CountingDigestStream tarBytes;
            try {
                tarBytes = new CountingDigestStream(new GZIPInputStream(file, 1 << 16), tarSha);
            } catch (ZipException e) {
                throw new BuildException(kit + " is not a gzip file (" + e.getMessage() + "); expected a VMware-vix-disklib-*.tar.gz");
            }
            TarArchiveInputStream tar = new TarArchiveInputStream(tarBytes);
            List<byte[]> layerCopy = new ArrayList<>();
            TarArchiveEntry e;
            java.io.ByteArrayOutputStream headers = new java.io.ByteArrayOutputStream();
            try (org.apache.commons.compress.archivers.tar.TarArchiveOutputStream index =
                         new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(headers)) {
                index.setLongFileMode(org.apache.commons.compress.archivers.tar.TarArchiveOutputStream.LONGFILE_POSIX);
                while ((e = tar.getNextEntry()) != null) {
                    String name = e.getName();
                    check(kit, e);
                    newest = Math.max(newest, e.getModTime().getTime());
                    int mode = e.getMode() & 07777;
                    if ((mode & 06000) != 0) {
                        reasons.add(name + " has setuid/setgid bits");
                    } else if (e.isDirectory() && (mode & 05) != 05) {
                        reasons.add(name + " is not o+rx (mode " + String.format("%04o", mode) + ")");
                    } else if (e.isFile() && (mode & 04) == 0) {
                        reasons.add(name + " is not o+r (mode " + String.format("%04o", mode) + ")");
                    }
                    String n = KitTree.normalise(name);
                    String lib = KitTree.KIT_DIR + "/lib64/libvixDiskLib.so.";
                    if (n.startsWith(lib)) {
                        String suffix = n.substring(lib.length());
                        if (suffix.equals("8")) {
                            hasSo8 = true;
                        }
                        if (e.isFile() && VddkVersion.fromLibrarySuffix(suffix).isPresent()) {
                            versionFromLib = suffix;
                        }
                    }
                    // the entry headers alone rebuild the tree for the library check
                    TarArchiveEntry copy = new TarArchiveEntry(e.getName(), e.isSymbolicLink() ? org.apache.commons.compress.archivers.tar.TarConstants.LF_SYMLINK
                            : e.isLink() ? org.apache.commons.compress.archivers.tar.TarConstants.LF_LINK
                            : e.isDirectory() ? org.apache.commons.compress.archivers.tar.TarConstants.LF_DIR
                            : org.apache.commons.compress.archivers.tar.TarConstants.LF_NORMAL);
                    copy.setMode(e.getMode());
                    if (e.isSymbolicLink() || e.isLink()) {
                        copy.setLinkName(e.getLinkName());
                    }
                    index.putArchiveEntry(copy);
                    index.closeArchiveEntry();
                }
                index.finish();
            }
            layerCopy.clear();
            // the rest of the tar stream (end-of-archive blocks) belongs to the diff_id too
            tarBytes.transferTo(OutputStream.nullOutputStream());
            file.transferTo(OutputStream.nullOutputStream());
            tarSize = tarBytes.count;
            tree.addLowerLayer(new java.io.ByteArrayInputStream(headers.toByteArray()));
        } catch (java.io.EOFException e) {
            throw new BuildException(kit + " is truncated (" + e.getMessage() + "); download it again");
        }
        KitTree.Resolution chain = tree.resolve(KitTree.LIBRARY);
        if (!chain.resolved()) {
            throw new BuildException(kit + ": " + KitTree.LIBRARY + " does not resolve to a file (" + chain.describe() + ": "
                    + chain.problem() + "); Forklift's validator checks this path");
        }
        List<String> warnings = new ArrayList<>();
        Optional<VddkVersion> fromName = VddkVersion.fromFileName(kit.getFileName().toString());
        String version = fromName.map(VddkVersion::toString).orElse(versionFromLib);
        if (fromName.isPresent() && versionFromLib != null && !fromName.get().number().equals(versionFromLib)) {
            warnings.add("the file name says VDDK " + fromName.get() + " but lib64 has libvixDiskLib.so." + versionFromLib);
        }
        boolean major9 = versionFromLib != null ? versionFromLib.startsWith("9.") : fromName.map(v -> v.major() >= 9).orElse(false);
        return new KitFacts(HexFormat.of().formatHex(gzSha.digest()), size, "sha256:" + HexFormat.of().formatHex(tarSha.digest()),
                tarSize, version, reasons.isEmpty(), reasons, Instant.ofEpochMilli(newest), major9 && !hasSo8,
                chain.describe(), warnings);
    }

    private static void check(Path kit, TarArchiveEntry e) throws BuildException {
        String name = e.getName();
        String n = KitTree.normalise(name);
        String why = null;
        if (name.startsWith("/")) {
            why = "is an absolute path";
        } else if (("/" + n + "/").contains("/../")) {
            why = "has a '..' component";
        } else if (!(n.equals(KitTree.KIT_DIR) || n.startsWith(KitTree.KIT_DIR + "/"))) {
            why = "is outside " + KitTree.KIT_DIR + "/ (a kit has that single top-level directory)";
        } else if (n.substring(n.lastIndexOf('/') + 1).startsWith(".wh.")) {
            why = "is a whiteout name (.wh.), which would delete files in an image";
        } else if (!(e.isFile() || e.isDirectory() || e.isSymbolicLink() || e.isLink())) {
            why = "is a device, FIFO or other special file";
        } else if (e.isLink() && !KitTree.normalise(e.getLinkName()).startsWith(KitTree.KIT_DIR + "/")) {
            why = "is a hard link to " + e.getLinkName() + ", outside the kit";
        } else if (e.isSymbolicLink()) {
            String target = e.getLinkName();
            String parent = n.contains("/") ? n.substring(0, n.lastIndexOf('/')) : "";
            java.nio.file.Path resolved = java.nio.file.Path.of("/", parent, target).normalize();
            if (target.startsWith("/") || !resolved.startsWith("/" + KitTree.KIT_DIR)) {
                why = "is a symlink to " + target + ", which leaves the kit";
            }
        }
        if (why != null) {
            throw new BuildException(kit + ": entry '" + name + "' " + why + "; this is not a VMware VDDK kit as shipped, refusing to use it");
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Hashes and counts what is read through it. */
    private static final class CountingDigestStream extends java.io.FilterInputStream {
        private final MessageDigest md;
        long count;

        CountingDigestStream(InputStream in, MessageDigest md) {
            super(in);
            this.md = md;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                md.update((byte) b);
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                md.update(b, off, n);
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // skipping would bypass the digest: read instead
            byte[] buf = new byte[(int) Math.min(n, 65536)];
            long done = 0;
            while (done < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }
    }
}
