package io.forkliftvddk.core.registry;

import java.io.IOException;

/** The bytes of a blob source did not match the declared size or digest: retrying cannot help. */
final class SourceMismatch extends IOException {
    private static final long serialVersionUID = 1L;

    SourceMismatch(String message) {
        super(message);
    }
}
