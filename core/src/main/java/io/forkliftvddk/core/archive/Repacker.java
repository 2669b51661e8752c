package io.forkliftvddk.core.archive;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Writes validated entries as a normalised tar.gz: owner 0:0 without names, modes readable (and searchable) by all,
 * no setuid/setgid, mtimes in whole seconds, parent directories before their content, the archive's order otherwise,
 * and a gzip header without name or time, so the same input always gives the same bytes.
 */
final class Repacker implements KitScanner.Sink {

    private final Counting compressed;
    private final GzipWriter gzip;
    private final Counting tarBytes;
    private final TarArchiveOutputStream tar;
    private final boolean addCompatLink;
    private final Set<String> emittedDirectories = new HashSet<>();
    private final byte[] buffer = new byte[256 * 1024];
    private int modesChanged;
    private boolean compatLinkAdded;

    Repacker(OutputStream out, boolean addCompatLink, int level) {
        this.compressed = new Counting(out);
        this.gzip = new GzipWriter(compressed, level);
        this.tarBytes = new Counting(gzip);
        this.tar = new TarArchiveOutputStream(tarBytes, StandardCharsets.UTF_8.name());
        this.tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        this.tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        this.addCompatLink = addCompatLink;
    }

    @Override
    public void entry(KitEntry e, InputStream content) throws IOException {
        parents(e.path(), e.mtime());
        if (e.type() == KitEntry.Type.DIRECTORY) {
            if (!emittedDirectories.add(e.path())) {
                return;
            }
        }
        if (e.normalisedMode() != (e.mode() & 07777) && e.type() != KitEntry.Type.SYMLINK
                && e.type() != KitEntry.Type.HARDLINK) {
            modesChanged++;
        }
        TarArchiveEntry t = switch (e.type()) {
            case DIRECTORY -> new TarArchiveEntry(e.path() + "/", TarConstants.LF_DIR);
            case FILE -> new TarArchiveEntry(e.path(), TarConstants.LF_NORMAL);
            case SYMLINK -> new TarArchiveEntry(e.path(), TarConstants.LF_SYMLINK);
            case HARDLINK -> new TarArchiveEntry(e.path(), TarConstants.LF_LINK);
        };
        switch (e.type()) {
            case SYMLINK -> {
                t.setMode(0777);
                t.setLinkName(e.link());
            }
            case HARDLINK -> {
                t.setMode(0644);
                t.setLinkName(e.link());
            }
            default -> t.setMode(e.normalisedMode());
        }
        t.setSize(e.type() == KitEntry.Type.FILE ? e.size() : 0);
        write(t, e.mtime(), e.type() == KitEntry.Type.FILE ? content : null, e.size());
    }

    private void parents(String path, long mtime) throws IOException {
        int slash = -1;
        while ((slash = path.indexOf('/', slash + 1)) > 0) {
            String dir = path.substring(0, slash);
            if (emittedDirectories.add(dir)) {
                TarArchiveEntry t = new TarArchiveEntry(dir + "/", TarConstants.LF_DIR);
                t.setMode(0755);
                write(t, mtime, null, 0);
            }
        }
    }

    private void write(TarArchiveEntry t, long mtime, InputStream content, long size) throws IOException {
        t.setUserId(0);
        t.setGroupId(0);
        t.setUserName("");
        t.setGroupName("");
        t.setLastModifiedTime(FileTime.fromMillis(mtime * 1000));
        tar.putArchiveEntry(t);
        if (content != null) {
            long left = size;
            while (left > 0) {
                int n = content.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new java.io.EOFException("entry " + t.getName() + " ends early");
                }
                tar.write(buffer, 0, n);
                left -= n;
            }
        }
        tar.closeArchiveEntry();
    }

    @Override
    public void finish(ArchiveReport report) throws IOException {
        if (addCompatLink && report.vddk9CompatPossible()) {
            List<String> chain = report.libraryChain();
            String lib64 = KitScanner.KIT + "/lib64/";
            String soname = lib64 + "libvixDiskLib.so." + report.version().major();
            String target = chain.contains(soname) ? soname : report.libraryFile();
            TarArchiveEntry t = new TarArchiveEntry(lib64 + "libvixDiskLib.so.8", TarConstants.LF_SYMLINK);
            t.setMode(0777);
            t.setLinkName(target.substring(lib64.length()));
            write(t, 0, null, 0);
            compatLinkAdded = true;
        }
        tar.finish();
        tar.flush();
        gzip.finish();
    }

    int modesChanged() {
        return modesChanged;
    }

    boolean compatLinkAdded() {
        return compatLinkAdded;
    }

    String compressedDigest() {
        return compressed.digest();
    }

    long compressedSize() {
        return compressed.count;
    }

    String diffId() {
        return tarBytes.digest();
    }

    long uncompressedSize() {
        return tarBytes.count;
    }

    /** Counts and hashes what passes; never closes the caller's stream. */
    private static final class Counting extends FilterOutputStream {
        private final MessageDigest sha = GzipPipe.sha256();
        private long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            sha.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            sha.update(b, off, len);
            count += len;
        }

        @Override
        public void close() throws IOException {
            flush();
        }

        String digest() {
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        }
    }

    /** gzip with a fixed header (no name, mtime 0, OS unknown) so the bytes depend only on the content. */
    private static final class GzipWriter extends OutputStream {
        private final OutputStream out;
        private final Deflater deflater;
        private final CRC32 crc = new CRC32();
        private final byte[] buf = new byte[64 * 1024];
        private long length;
        private boolean headerWritten;

        GzipWriter(OutputStream out, int level) {
            this.out = out;
            this.deflater = new Deflater(level, true);
        }

        private void header() throws IOException {
            if (!headerWritten) {
                out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 255});
                headerWritten = true;
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            header();
            crc.update(b, off, len);
            length += len;
            deflater.setInput(b, off, len);
            while (!deflater.needsInput()) {
                int n = deflater.deflate(buf, 0, buf.length, Deflater.NO_FLUSH);
                if (n > 0) {
                    out.write(buf, 0, n);
                }
            }
        }

        void finish() throws IOException {
            header();
            deflater.finish();
            while (!deflater.finished()) {
                int n = deflater.deflate(buf, 0, buf.length, Deflater.NO_FLUSH);
                out.write(buf, 0, n);
            }
            long c = crc.getValue();
            int l = (int) length;
            out.write(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24),
                (byte) l, (byte) (l >> 8), (byte) (l >> 16), (byte) (l >> 24)});
            out.flush();
            deflater.end();
        }
    }
}
