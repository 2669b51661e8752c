package io.forkliftvddk.core.spi;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A secret value (password, token) that never prints itself: {@link #toString()} is a mask, so a secret that ends up
 * in a log line, an exception message or a record's toString shows nothing. Read the value only where it is sent.
 */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String MASK = "****";

    private final char[] value;

    private Secret(char[] value) {
        this.value = value.clone();
    }

    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        return new Secret(value.toCharArray());
    }

    public static Secret of(char[] value) {
        Objects.requireNonNull(value, "value");
        return new Secret(value);
    }

    /** The plain value; call it only where the secret is sent to its destination. */
    public String reveal() {
        return new String(value);
    }

    public byte[] revealBytes() {
        return reveal().getBytes(StandardCharsets.UTF_8);
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object o) {
        // constant time, so equality checks do not leak the value through timing
        return o instanceof Secret s && MessageDigest.isEqual(revealBytes(), s.revealBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }
}
