package io.forkliftvddk.core.archive;

import io.forkliftvddk.core.archive.VddkArchiveException.Problem;
import io.forkliftvddk.core.spi.Listener;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a gzip file on two threads: one reads the compressed bytes (and hashes them, unless the digest comes from
 * elsewhere), the other inflates them (every member; CRC and length checked), enforces the size and ratio limits, and
 * hands the tar bytes over in a few fixed buffers. The consumer reads them through {@link #stream()}, which hashes them
 * (the diff_id) as they arrive. Inflation is the slowest stage of a build's critical path, so it does nothing else.
 * Memory is constant: about 11 MiB whatever the archive's size.
 */
final class GzipPipe implements AutoCloseable {

    // Large buffers: every hand-over between the threads costs a futex wake-up (tens of microseconds on a VM), and
    // 72 MB in 256 KiB pieces made ~600 of them. Enough of them to ride out the consumer's pauses (its code starts
    // cold in the CLI). Linked queues: one lock for putting and one for taking, so the two sides do not convoy.
    private static final int INPUT = 1 << 20;
    private static final int CHUNK = 1 << 20;
    private static final int CHUNKS = 8;
    private static final int BLOCK = 512 * 1024;
    private static final int BLOCKS = 3;
    private static final long PROGRESS_BYTES = 16L << 20;

    /** A filled buffer, the end, or the producer's failure. */
    private record Chunk(byte[] data, int length, Throwable error) {
        static final Chunk END = new Chunk(null, 0, null);
    }

    /** A block of the file as read (and hashed), the end of the file, or the reader's failure. */
    private record Block(byte[] data, int length, IOException error) {
        static final Block END = new Block(null, 0, null);
    }

    private final Path file;
    private final String name;
    private final InspectOptions options;
    private final Listener listener;
    private final BlockingQueue<Chunk> full = new LinkedBlockingQueue<>(CHUNKS + 2);
    private final BlockingQueue<byte[]> free = new LinkedBlockingQueue<>(CHUNKS);
    private final BlockingQueue<Block> blocks = new LinkedBlockingQueue<>(BLOCKS + 2);
    private final BlockingQueue<byte[]> freeBlocks = new LinkedBlockingQueue<>(BLOCKS);
    private final Thread thread;
    private final Thread reader;
    private final Future<String> knownSha256;
    private final ChunkStream stream;

    // written by the reader before it queues its END, which the producer takes before it queues END: the queues give
    // the consumer a happens-before edge
    private byte[] compressedDigest;
    private long compressedSize;
    private long uncompressedSize;
    private long trailingZeros;
    private int members;

    GzipPipe(Path file, String name, InspectOptions options, Listener listener) {
        this(file, name, options, null, listener);
    }

    /** With {@code knownSha256} (hex, computed elsewhere) the compressed bytes are not hashed again. */
    GzipPipe(Path file, String name, InspectOptions options, Future<String> knownSha256, Listener listener) {
        this.file = file;
        this.knownSha256 = knownSha256;
        this.name = name;
        this.options = options;
        this.listener = listener;
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new byte[CHUNK]);
        }
        this.stream = new ChunkStream();
        for (int i = 0; i < BLOCKS; i++) {
            freeBlocks.add(new byte[BLOCK]);
        }
        this.thread = new Thread(this::produce, "vddk-inflate");
        this.thread.setDaemon(true);
        this.reader = new Thread(this::read, "vddk-read");
        this.reader.setDaemon(true);
    }

    GzipPipe start() {
        reader.start();
        thread.start();
        return this;
    }

    /** The uncompressed tar stream; it throws the producer's failure (a {@link VddkArchiveException}) when one occurs. */
    ChunkStream stream() {
        return stream;
    }

    String compressedDigest() throws IOException {
        if (knownSha256 == null) {
            return "sha256:" + java.util.HexFormat.of().formatHex(compressedDigest);
        }
        try {
            return "sha256:" + knownSha256.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the sha256 of " + name);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof IOException io ? io : new IOException("hashing " + name + " failed: " + c, c);
        } catch (java.util.concurrent.CancellationException e) {
            throw new InterruptedIOException("hashing " + name + " was cancelled");
        }
    }

    long compressedSize() {
        return compressedSize;
    }

    long uncompressedSize() {
        return uncompressedSize;
    }

    /** Zero bytes after the last gzip member (some tools pad files); other data there is rejected. */
    long trailingZeros() {
        return trailingZeros;
    }

    int members() {
        return members;
    }

    @Override
    public void close() {
        thread.interrupt();
        reader.interrupt();
        try {
            thread.join();
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ----------------------------------------------------------------------------------------------------- reader

    private void read() {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MessageDigest sha = knownSha256 == null ? sha256() : null; // hashed elsewhere already
            while (true) {
                byte[] b = freeBlocks.take();
                int len = 0;
                int r = 0;
                while (len < b.length && (r = ch.read(ByteBuffer.wrap(b, len, b.length - len))) >= 0) {
                    len += r;
                }
                if (len > 0) {
                    if (sha != null) {
                        sha.update(b, 0, len);
                    }
                    blocks.put(new Block(b, len, null));
                }
                if (r < 0) {
                    compressedDigest = sha != null ? sha.digest() : null;
                    blocks.put(Block.END);
                    return;
                }
            }
        } catch (InterruptedException | java.nio.channels.ClosedByInterruptException e) {
            // the producer or the consumer gave up; nothing to report
        } catch (IOException e) {
            blocks.offer(new Block(null, 0, e));
        }
    }

    // --------------------------------------------------------------------------------------------------- producer

    private void produce() {
        try {
            new Producer().run();
            full.put(Chunk.END);
        } catch (InterruptedException | InterruptedIOException | java.nio.channels.ClosedByInterruptException e) {
            // the consumer gave up (it rejected the archive or failed); nothing to report
        } catch (Throwable t) {
            full.offer(new Chunk(null, 0, t));
        }
    }

    private final class Producer {
        private final Inflater inflater = new Inflater(true);
        private final CRC32 crc = new CRC32();
        private final byte[] in = new byte[INPUT];
        private int inPos;
        private int inLen;
        private long read;
        private long fileSize;
        private boolean eof;
        private long consumedBeforeMember;
        private long total;
        private long nextProgress = PROGRESS_BYTES;
        private byte[] out;
        private int outLen;

        void run() throws IOException, InterruptedException {
            try {
                fileSize = java.nio.file.Files.size(file);
                listener.progress("Reading " + name, 0, fileSize);
                out = free.take();
                member(true);
                while (true) {
                    if (!fill(1)) {
                        break;
                    }
                    int b = in[inPos] & 0xff;
                    if (b == 0x1f) {
                        member(false);
                    } else if (b == 0) {
                        zeros();
                        break;
                    } else {
                        throw corrupt("unexpected data after the end of the gzip stream at byte " + position(),
                                "The file is damaged or is not a single .tar.gz; download it again from VMware");
                    }
                }
                flushOut();
                // every way out of the loop above read the reader's end, so its digest is set
                compressedSize = read;
                uncompressedSize = total;
                listener.progress("Reading " + name, read, fileSize);
            } finally {
                inflater.end();
            }
        }

        private long position() {
            return read - (inLen - inPos);
        }

        /** One gzip member: header, deflate data, trailer. */
        private void member(boolean first) throws IOException, InterruptedException {
            if (first) {
                checkMagic();
            }
            header();
            inflater.reset();
            crc.reset();
            long memberOut = 0;
            while (true) {
                if (inflater.needsInput()) {
                    if (!fill(1)) {
                        throw truncated();
                    }
                    inflater.setInput(in, inPos, inLen - inPos);
                    inPos = inLen;
                }
                int n;
                try {
                    n = inflater.inflate(out, outLen, out.length - outLen);
                } catch (DataFormatException e) {
                    throw corrupt("corrupt compressed data near byte " + (consumedBeforeMember
                            + inflater.getBytesRead()) + " (" + e.getMessage() + ")",
                            "The file is damaged; download it again from VMware and check its sha256");
                }
                if (n > 0) {
                    crc.update(out, outLen, n);
                    outLen += n;
                    total += n;
                    memberOut += n;
                    if (outLen == out.length) {
                        flushOut();
                        out = free.take();
                    }
                    limits();
                }
                if (inflater.finished()) {
                    break;
                }
                if (inflater.needsDictionary()) {
                    throw corrupt("the deflate data asks for a preset dictionary, which gzip never uses",
                            "The file is not a regular .tar.gz; download it again from VMware");
                }
            }
            // give the unread input back: the trailer and anything after it
            inPos = inLen - inflater.getRemaining();
            consumedBeforeMember += inflater.getBytesRead();
            if (!fill(8)) {
                throw truncated();
            }
            long crcValue = le32(inPos);
            long isize = le32(inPos + 4);
            inPos += 8;
            if (crcValue != crc.getValue()) {
                throw corrupt("CRC of the uncompressed data does not match the gzip trailer",
                        "The file is damaged; download it again from VMware and check its sha256");
            }
            if (isize != (memberOut & 0xffffffffL)) {
                throw corrupt("uncompressed length does not match the gzip trailer",
                        "The file is damaged; download it again from VMware and check its sha256");
            }
            members++;
        }

        private void checkMagic() throws IOException {
            fill(Math.min(512 + 8, INPUT));
            int avail = inLen - inPos;
            if (avail == 0) {
                throw new VddkArchiveException(name, null, Problem.NOT_GZIP, "the file is empty",
                        "Download the kit again from VMware (VMware-vix-disklib-*.x86_64.tar.gz)");
            }
            if (avail >= 2 && (in[inPos] & 0xff) == 0x1f && (in[inPos + 1] & 0xff) == 0x8b) {
                return;
            }
            String what;
            if (avail >= 262 && new String(in, inPos + 257, 5, java.nio.charset.StandardCharsets.ISO_8859_1)
                    .equals("ustar")) {
                what = "a plain tar archive, not gzip-compressed";
            } else if (avail >= 2 && in[inPos] == 'P' && in[inPos + 1] == 'K') {
                what = "a zip archive, not a gzip-compressed tar";
            } else if (avail >= 6 && (in[inPos] & 0xff) == 0xfd && in[inPos + 1] == '7' && in[inPos + 2] == 'z') {
                what = "xz-compressed, not gzip";
            } else if (avail >= 3 && in[inPos] == 'B' && in[inPos + 1] == 'Z' && in[inPos + 2] == 'h') {
                what = "bzip2-compressed, not gzip";
            } else if (avail >= 1 && in[inPos] == '<') {
                what = "text or HTML (a login or error page saved instead of the kit?), not gzip";
            } else {
                what = "not gzip (no gzip signature 1f 8b)";
            }
            throw new VddkArchiveException(name, null, Problem.NOT_GZIP, "the file is " + what,
                    "Use the VMware-vix-disklib-*.x86_64.tar.gz exactly as downloaded from VMware");
        }

        private void header() throws IOException {
            if (!fill(10)) {
                throw truncated();
            }
            if ((in[inPos] & 0xff) != 0x1f || (in[inPos + 1] & 0xff) != 0x8b) {
                throw corrupt("no gzip signature at byte " + position(), "The file is damaged; download it again");
            }
            if (in[inPos + 2] != 8) {
                throw corrupt("unknown gzip compression method " + in[inPos + 2], "The file is damaged; download it again");
            }
            int flags = in[inPos + 3] & 0xff;
            if ((flags & 0xe0) != 0) {
                throw corrupt("reserved gzip header flags are set", "The file is damaged; download it again");
            }
            inPos += 10;
            if ((flags & 4) != 0) { // FEXTRA
                if (!fill(2)) {
                    throw truncated();
                }
                int xlen = (in[inPos] & 0xff) | (in[inPos + 1] & 0xff) << 8;
                inPos += 2;
                skipBytes(xlen);
            }
            if ((flags & 8) != 0) { // FNAME
                skipZeroTerminated();
            }
            if ((flags & 16) != 0) { // FCOMMENT
                skipZeroTerminated();
            }
            if ((flags & 2) != 0) { // FHCRC
                skipBytes(2);
            }
        }

        private void skipBytes(int n) throws IOException {
            while (n > 0) {
                if (!fill(1)) {
                    throw truncated();
                }
                int k = Math.min(n, inLen - inPos);
                inPos += k;
                n -= k;
            }
        }

        private void skipZeroTerminated() throws IOException {
            while (true) {
                if (!fill(1)) {
                    throw truncated();
                }
                if (in[inPos++] == 0) {
                    return;
                }
            }
        }

        /** Everything after the last member is zero: accepted (with a warning upstream), anything else is not. */
        private void zeros() throws IOException {
            while (fill(1)) {
                for (; inPos < inLen; inPos++) {
                    if (in[inPos] != 0) {
                        throw corrupt("unexpected data after the end of the gzip stream at byte " + position(),
                                "The file is damaged or is not a single .tar.gz; download it again from VMware");
                    }
                    trailingZeros++;
                }
            }
        }

        private long le32(int at) {
            return (in[at] & 0xffL) | (in[at + 1] & 0xffL) << 8 | (in[at + 2] & 0xffL) << 16
                    | (in[at + 3] & 0xffL) << 24;
        }

        /** Makes at least {@code n} unread bytes available unless the file ends; hashes every byte read once. */
        private boolean fill(int n) throws IOException {
            if (inLen - inPos >= n) {
                return true;
            }
            if (inPos > 0) {
                System.arraycopy(in, inPos, in, 0, inLen - inPos);
                inLen -= inPos;
                inPos = 0;
            }
            while (inLen < n && !eof && in.length - inLen >= BLOCK) {
                Block b;
                try {
                    b = blocks.take();
                } catch (InterruptedException e) {
                    throw new InterruptedIOException("interrupted while reading " + name);
                }
                if (b.error() != null) {
                    throw b.error();
                }
                if (b.data() == null) {
                    eof = true;
                    break;
                }
                int r = b.length();
                System.arraycopy(b.data(), 0, in, inLen, r);
                freeBlocks.add(b.data());
                inLen += r;
                read += r;
                if (read >= nextProgress) {
                    listener.progress("Reading " + name, read, fileSize);
                    nextProgress = read + PROGRESS_BYTES;
                }
            }
            return inLen - inPos >= n;
        }

        private void limits() throws VddkArchiveException {
            if (total > options.maxUncompressedBytes()) {
                throw new VddkArchiveException(name, null, Problem.TOO_LARGE,
                        "inflates to more than " + options.maxUncompressedBytes() + " bytes",
                        "A real VDDK kit is a few hundred MB at most; if this one is genuine, raise the limit");
            }
            long consumed = consumedBeforeMember + inflater.getBytesRead();
            if (total > options.ratioCheckAfterBytes() && total > options.maxRatio() * Math.max(consumed, 1)) {
                throw new VddkArchiveException(name, null, Problem.COMPRESSION_RATIO,
                        "inflates more than " + options.maxRatio() + " times its compressed size (" + total
                                + " bytes from " + consumed + "): a decompression bomb, not a VDDK kit",
                        "Use the kit as downloaded from VMware; if this one is genuine, raise the ratio limit");
            }
        }

        private void flushOut() throws InterruptedException {
            if (outLen > 0) {
                full.put(new Chunk(out, outLen, null));
                outLen = 0;
                out = null;
            } else if (out != null) {
                free.offer(out);
                out = null;
            }
        }

        private VddkArchiveException truncated() {
            return new VddkArchiveException(name, null, Problem.TRUNCATED,
                    "the gzip data ends unexpectedly after " + read + " bytes",
                    "The download is incomplete; download the kit again from VMware and check its sha256");
        }

        private VddkArchiveException corrupt(String detail, String hint) {
            return new VddkArchiveException(name, null, Problem.CORRUPT_GZIP, detail, hint);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    // --------------------------------------------------------------------------------------------------- consumer

    /** The tar bytes; each buffer is hashed (diff_id) as it arrives, whatever the tar reader skips. */
    final class ChunkStream extends InputStream {
        private final MessageDigest diff = sha256();
        private byte[] current;
        private int pos;
        private int len;
        private boolean end;

        private boolean next() throws IOException {
            if (end) {
                return false;
            }
            if (current != null) {
                free.offer(current);
                current = null;
            }
            Chunk c;
            try {
                c = full.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading " + name);
            }
            if (c.error() != null) {
                end = true;
                full.offer(c); // later reads fail the same way
                Throwable t = c.error();
                if (t instanceof IOException io) {
                    throw io;
                }
                if (t instanceof RuntimeException re) {
                    throw re;
                }
                if (t instanceof Error err) {
                    throw err;
                }
                throw new IOException(t);
            }
            if (c.data() == null) {
                end = true;
                return false;
            }
            diff.update(c.data(), 0, c.length());
            current = c.data();
            pos = 0;
            len = c.length();
            return true;
        }

        @Override
        public int read() throws IOException {
            while (pos >= len) {
                if (!next()) {
                    return -1;
                }
            }
            return current[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int n) throws IOException {
            if (n == 0) {
                return 0;
            }
            while (pos >= len) {
                if (!next()) {
                    return -1;
                }
            }
            int k = Math.min(n, len - pos);
            System.arraycopy(current, pos, b, off, k);
            pos += k;
            return k;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = 0;
            while (skipped < n) {
                if (pos >= len && !next()) {
                    break;
                }
                int k = (int) Math.min(n - skipped, len - pos);
                pos += k;
                skipped += k;
            }
            return skipped;
        }

        /** Reads to the end; returns how many of the remaining bytes are not zero. */
        long drainCountingNonZero() throws IOException {
            long nonZero = 0;
            while (true) {
                for (; pos < len; pos++) {
                    if (current[pos] != 0) {
                        nonZero++;
                    }
                }
                if (!next()) {
                    return nonZero;
                }
            }
        }

        /** The diff_id; call after the stream is drained. */
        String digest() {
            return "sha256:" + java.util.HexFormat.of().formatHex(diff.digest());
        }
    }
}
