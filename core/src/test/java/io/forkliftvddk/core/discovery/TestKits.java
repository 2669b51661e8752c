package io.forkliftvddk.core.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;

/** Tiny files with VMware kit names: discovery reads names, sizes and checksums, never the tar contents. */
final class TestKits {

    private TestKits() {
    }

    /** Deterministic pseudo-random bytes, different per name. */
    static byte[] content(String name, int size) {
        byte[] b = new byte[size];
        new Random(name.hashCode()).nextBytes(b);
        return b;
    }

    static Path write(Path dir, String name, int size) throws IOException {
        Files.createDirectories(dir);
        return Files.write(dir.resolve(name), content(name, size));
    }

    static String kitName(String version) {
        return "VMware-vix-disklib-" + version + ".x86_64.tar.gz";
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(Path file) throws IOException {
        return sha256(Files.readAllBytes(file));
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
