package io.forkliftvddk.core.registry;

import io.forkliftvddk.core.spi.Listener;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * The bytes of one upload attempt: reads exactly {@code size} bytes from the source and reports progress; fails when
 * the source is shorter or longer than declared, before the last byte is handed over. When the digest is not known in
 * advance it is computed on the way. A known digest is not computed again: the registry checks it on the final
 * {@code PUT ?digest=} (and refuses with {@code DIGEST_INVALID}), and hashing 70 MB twice costs a cold JVM about
 * half a second on the machines this runs on.
 */
final class UploadStream extends InputStream {
    private static final long PROGRESS_INTERVAL_NANOS = 200_000_000L;

    private final InputStream source;
    private final long size;
    private final String expectedDigest;
    private final MessageDigest sha256;
    private final Listener listener;
    private final String progressName;
    private final long progressBase;
    private final long progressTotal;
    private long position;
    private long lastProgress;
    private String digest;

    UploadStream(InputStream source, long size, String expectedDigest, Listener listener, String progressName,
                 long progressBase, long progressTotal) {
        this.source = source;
        this.size = size;
        this.expectedDigest = expectedDigest;
        this.listener = listener;
        this.progressName = progressName;
        this.progressBase = progressBase;
        this.progressTotal = progressTotal;
        this.sha256 = expectedDigest == null ? Digests.newSha256() : null;
    }

    long position() {
        return position;
    }

    /** The digest of all bytes; only after the last byte was read. */
    String digest() {
        if (digest == null) {
            throw new IllegalStateException("upload not complete");
        }
        return digest;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (position >= size) {
            if (digest == null) {
                finish(); // an empty blob: nothing was read, so nothing completed it yet
            }
            return -1;
        }
        int want = (int) Math.min(len, size - position);
        int n = source.read(b, off, want);
        if (n < 0) {
            throw new SourceMismatch("the blob source ended after " + position + " bytes, but its size was given as " + size);
        }
        if (sha256 != null) {
            sha256.update(b, off, n);
        }
        position += n;
        if (position == size) {
            finish();
        }
        progress(false);
        return n;
    }

    private void finish() throws IOException {
        if (source.read() >= 0) {
            throw new SourceMismatch("the blob source is longer than its declared size of " + size + " bytes");
        }
        digest = sha256 != null ? Digests.format(sha256) : expectedDigest;
        progress(true);
    }

    private void progress(boolean force) {
        if (progressName == null) {
            return;
        }
        long now = System.nanoTime();
        if (force || now - lastProgress >= PROGRESS_INTERVAL_NANOS) {
            lastProgress = now;
            listener.progress(progressName, progressBase + position, progressTotal);
        }
    }

    /** A view of the next {@code length} bytes, for one PATCH; closing it leaves this stream open. */
    InputStream chunk(long length) {
        return new InputStream() {
            private long left = length;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left <= 0) {
                    return -1;
                }
                int n = UploadStream.this.read(b, off, (int) Math.min(len, left));
                if (n > 0) {
                    left -= n;
                }
                return n;
            }

            @Override
            public void close() {
                // the whole upload stream is closed by its owner
            }
        };
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
