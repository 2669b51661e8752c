package io.forkliftvddk.core.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * The sha256 of a kit file, computed on a thread of its own from the moment a front end knows the file.
 *
 * <p>The built-in builder needs this digest before anything else (it tells a warm no-op from a cold build, and names
 * the kit layer). In a fresh JVM hashing a 36 MB kit takes ~90 ms, half of it before the JIT has compiled SHA-256;
 * the CLI starts it as soon as it has read {@code --tar}, so it runs on the second core while the JVM loads the
 * builder's classes, and hands it over in {@link BuildRequest#kitDigest()}. Without one (inside Jenkins, where the
 * JIT is warm) the builder hashes the kit itself.
 */
public final class KitDigest {

    private final Path file;
    private final Hashing hashing;
    private final FutureTask<String> task;

    private KitDigest(Path file) {
        this.file = file;
        this.hashing = new Hashing(file);
        this.task = new FutureTask<>(hashing);
    }

    /** Starts hashing {@code file} on a daemon thread (it never delays the JVM's exit). */
    public static KitDigest start(Path file) {
        KitDigest d = new KitDigest(file);
        Thread t = new Thread(d.task, "forklift-vddk kit sha256");
        t.setDaemon(true);
        t.start();
        return d;
    }

    /** Starts hashing {@code file} on {@code executor}. */
    static KitDigest start(Path file, Executor executor) {
        KitDigest d = new KitDigest(file);
        executor.execute(d.task);
        return d;
    }

    /**
     * Fails when the file is not the one hashed: its size, modification time or identity (inode) changed since.
     * Whoever reads the file again relying on this digest (the kit's inspection) checks this afterwards.
     */
    void checkUnchanged() throws IOException, InterruptedException {
        try {
            task.get();
        } catch (java.util.concurrent.ExecutionException e) {
            return; // the hashing failed: whoever waits for the digest reports that
        }
        if (!hashing.before.equals(Hashing.stamp(file))) {
            throw new BuildException("kit " + file + " changed while the build read it (size, time or inode);"
                    + " build again once nothing writes to it");
        }
    }

    /** The file being hashed. */
    public Path file() {
        return file;
    }

    /** The digest as lower-case hex; the hashing's IOException as the cause of an ExecutionException. */
    Future<String> future() {
        return task;
    }

    /** The sha256 of a file as lower-case hex. */
    static String sha256Hex(Path file) throws IOException {
        // not KitInspector.sha256(): the warm path would load and verify the archive engine's classes just for this
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buf = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Override
    public String toString() {
        return "KitDigest[" + file + "]";
    }

    /** A class, not a lambda: the CLI starts this before anything else, and a first lambda costs the JVM ~10 ms. */
    private static final class Hashing implements Callable<String> {
        private final Path file;
        /** The file's size, time and identity before it was hashed; set before the digest is. */
        private volatile List<Object> before;

        Hashing(Path file) {
            this.file = file;
        }

        @Override
        public String call() throws IOException {
            List<Object> stamp = stamp(file);
            String hex = sha256Hex(file);
            if (!stamp.equals(stamp(file))) {
                throw new IOException("kit " + file + " changed while it was hashed; build again once nothing writes to it");
            }
            before = stamp;
            return hex;
        }

        static List<Object> stamp(Path file) throws IOException {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return Arrays.asList(a.size(), a.lastModifiedTime(), a.fileKey());
        }
    }
}
