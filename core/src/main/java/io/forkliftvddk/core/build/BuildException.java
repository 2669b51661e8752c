package io.forkliftvddk.core.build;

import java.io.IOException;

/**
 * A build failed for a reason the user can act on; the message says what failed (registry, step, file) and what to do.
 * Never carries a secret.
 */
public class BuildException extends IOException {
    private static final long serialVersionUID = 1L;

    public BuildException(String message) {
        super(message);
    }

    public BuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
