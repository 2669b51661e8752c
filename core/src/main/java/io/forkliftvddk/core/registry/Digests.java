package io.forkliftvddk.core.registry;

import io.forkliftvddk.core.image.ImageReference;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** sha256 digests in the {@code sha256:<64 hex>} form registries use. */
public final class Digests {

    private Digests() {
    }

    public static String sha256(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(newSha256().digest(bytes));
    }

    public static boolean isSha256(String digest) {
        return digest != null && ImageReference.isSha256Digest(digest);
    }

    /** Throws an IllegalArgumentException naming the value unless it is {@code sha256:<64 lower-case hex>}. */
    public static String requireSha256(String digest) {
        if (!isSha256(digest)) {
            throw new IllegalArgumentException("not a sha256 digest: '" + digest + "' (expected sha256:<64 hex digits>)");
        }
        return digest;
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    static String format(MessageDigest md) {
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }
}
