package io.forkliftvddk.cli;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Gets SHA-256 compiled before the kit is hashed. In a fresh JVM, hashing a 36 MB kit takes 130–260 ms because
 * {@code SHA2.implCompress} runs interpreted and then C1-compiled until C2 replaces it with the CPU's SHA
 * instructions (~40 ms for the same kit). Hashing ~3 MB of zeros on a daemon thread while picocli parses the command
 * line (on the other core) triggers that compilation early; the kit's hash, which the build needs before it can tell
 * a warm no-op from a cold build, then runs at full speed. Inside Jenkins the JIT is warm already: CLI only. A
 * build-image run that {@link BuildImageFastPath} takes hashes the kit itself from the start instead
 * ({@code KitDigest}); this is for {@code inspect} and for build-image runs that picocli parses.
 */
final class DigestWarmup implements Runnable {

    /** Enough 64-byte blocks for the C2 compilation of the compression loop to be queued and finished. */
    static final int BYTES = 3 << 20;

    private DigestWarmup() {
    }

    /** Starts the warm-up on a daemon thread (it never delays the exit) and returns that thread. */
    static Thread start() {
        Thread t = new Thread(new DigestWarmup(), "forklift-vddk sha256 warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /** Whether the command these arguments invoke hashes a kit (build-image, inspect). */
    static boolean wanted(String invokedCommand) {
        return "build-image".equals(invokedCommand) || "inspect".equals(invokedCommand);
    }

    @Override
    public void run() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] block = new byte[1 << 16];
            for (int done = 0; done < BYTES; done += block.length) {
                md.update(block, 0, block.length);
            }
            md.digest();
        } catch (NoSuchAlgorithmException e) {
            // every JDK has SHA-256; without it the build reports the error itself
        }
    }
}
