package io.forkliftvddk.core.discovery;

import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.spi.Listener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * Copies a kit to a local file: streamed, hashed on the way, checked against the published checksum, written to a
 * temporary file next to the target and renamed into place only when complete, so a reader never sees a partial kit
 * and an interrupted or failed download leaves nothing behind.
 */
public final class KitDownloader {

    private static final long PROGRESS_INTERVAL_NANOS = 250_000_000L;

    private final SourceAuth auth;
    private final TlsOptions tls;
    private final SourceProxy proxy;

    /** Credentials and TLS settings for URL locations (ignored for local paths); direct connections. */
    public KitDownloader(SourceAuth auth, TlsOptions tls) {
        this(auth, tls, null);
    }

    /** @param proxy the HTTP proxy for URL locations, or null for direct connections */
    public KitDownloader(SourceAuth auth, TlsOptions tls, SourceProxy proxy) {
        this.auth = auth == null ? SourceAuth.none() : auth;
        this.tls = tls == null ? TlsOptions.defaults() : tls;
        this.proxy = proxy;
    }

    /** With the credentials, TLS settings and proxy of the spec the kit was found with. */
    public static KitDownloader forSource(SourceSpec spec) {
        return new KitDownloader(spec.auth(), spec.tls(), spec.proxy());
    }

    /**
     * Downloads a kit found by {@code source}, through that source (so its credentials go only where the source
     * sends them).
     *
     * @param target a directory (the kit keeps its name there) or a file path
     * @throws ChecksumMismatchException when the bytes do not match the kit's published checksum (nothing is left)
     */
    public static DownloadResult download(KitSource source, VddkKit kit, Path target, Listener listener)
            throws IOException, InterruptedException {
        String shown = kit.isRemote() ? HttpTransport.display(URI.create(kit.location())) : kit.location();
        return copy(() -> source.open(kit), kit.name(), shown, kit.sha256(), target, listener);
    }

    /**
     * Downloads a kit by location (an http(s) URL or a local path), for a build given a URL rather than a listing.
     * This downloader's credentials are sent to the URL's origin.
     *
     * @param expectedSha256 the checksum to verify, or null
     * @param target         a directory (the file keeps the location's name) or a file path
     * @throws ChecksumMismatchException when the bytes do not match {@code expectedSha256} (nothing is left behind)
     */
    public DownloadResult download(String location, String expectedSha256, Path target, Listener listener)
            throws IOException, InterruptedException {
        Objects.requireNonNull(location, "location");
        if (SourceSpec.isUrl(location)) {
            URI uri = SourceSpec.uri(location);
            return copy(() -> HttpIndexSource.open(new HttpTransport(uri, auth, tls, proxy), uri), Links.fileName(uri),
                    HttpTransport.display(uri), expectedSha256, target, listener);
        }
        Path path = Path.of(location).toAbsolutePath();
        return copy(() -> DirectorySource.open(path), path.getFileName().toString(), path.toString(), expectedSha256,
                target, listener);
    }

    /** Opens the bytes to copy. */
    private interface Opener {
        KitSource.Opened open() throws IOException, InterruptedException;
    }

    private static DownloadResult copy(Opener opener, String name, String shown, String expectedSha256, Path target,
                                       Listener listener) throws IOException, InterruptedException {
        String expected = expectedSha256 == null || expectedSha256.isBlank() ? null : expectedSha256.strip().toLowerCase(Locale.ROOT);
        if (expected != null && !ImageReference.isSha256Hex(expected)) {
            throw new IllegalArgumentException("the expected sha256 must be 64 hex digits: " + expectedSha256);
        }
        Path file = Files.isDirectory(target) ? target.resolve(nameOrDefault(name)) : target;
        file = file.toAbsolutePath().normalize();
        Path dir = file.getParent();
        Files.createDirectories(dir);

        if (expected != null && Files.isRegularFile(file)) {
            String have = sha256Of(file);
            if (have.equals(expected)) {
                listener.info("Already downloaded: " + file + " (sha256 matches)");
                return new DownloadResult(file.toString(), Files.size(file), have, true, true);
            }
        }

        // the temp file sits next to the target so the final rename stays on one file system and is atomic
        Path part = Files.createTempFile(dir, "." + file.getFileName() + ".", ".part");
        boolean done = false;
        try {
            listener.info("Downloading " + shown + " to " + file);
            KitSource.Opened opened = opener.open();
            MessageDigest md = sha256();
            long total = opened.length();
            long copied = 0;
            String step = "download " + file.getFileName();
            try (InputStream raw = opened.stream(); InputStream in = new DigestInputStream(raw, md);
                 OutputStream out = Files.newOutputStream(part)) {
                byte[] buf = new byte[256 * 1024];
                long lastReport = System.nanoTime();
                listener.progress(step, 0, total);
                int n;
                while (true) {
                    if (Thread.interrupted()) {
                        throw new InterruptedException("download of " + shown + " interrupted");
                    }
                    try {
                        n = in.read(buf);
                    } catch (IOException e) {
                        throw HttpTransport.interruptedOr(new IOException("download of " + shown + " failed after "
                                + copied + " bytes: " + e.getMessage(), e));
                    }
                    if (n < 0) {
                        break;
                    }
                    out.write(buf, 0, n);
                    copied += n;
                    long now = System.nanoTime();
                    if (now - lastReport >= PROGRESS_INTERVAL_NANOS) {
                        listener.progress(step, copied, total);
                        lastReport = now;
                    }
                }
                listener.progress(step, copied, total);
            }
            if (total >= 0 && copied != total) {
                throw new IOException("download of " + shown + " ended after " + copied + " of " + total + " bytes");
            }
            String actual = HexFormat.of().formatHex(md.digest());
            if (expected != null && !expected.equals(actual)) {
                throw new ChecksumMismatchException(shown, expected, actual);
            }
            move(part, file);
            done = true;
            listener.info("Downloaded " + file + " (" + copied + " bytes, sha256 " + actual
                    + (expected != null ? ", verified" : ", no published checksum to verify") + ")");
            return new DownloadResult(file.toString(), copied, actual, expected != null, false);
        } finally {
            if (!done) {
                Files.deleteIfExists(part);
            }
        }
    }

    private static String nameOrDefault(String name) {
        return name == null || name.isEmpty() ? "vddk.tar.gz" : name;
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    static String sha256Of(Path file) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[256 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
