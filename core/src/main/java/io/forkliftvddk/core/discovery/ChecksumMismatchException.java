package io.forkliftvddk.core.discovery;

import java.io.IOException;

/** A downloaded kit's sha256 differs from the checksum its source published; the partial file is gone. */
public final class ChecksumMismatchException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String actual;

    public ChecksumMismatchException(String what, String expected, String actual) {
        super("sha256 mismatch for " + what + ": expected " + expected + ", got " + actual
                + "; the download was removed (a truncated or tampered file, or a stale checksum file)");
        this.expected = expected;
        this.actual = actual;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
