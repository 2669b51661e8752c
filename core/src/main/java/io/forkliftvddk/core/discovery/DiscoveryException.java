package io.forkliftvddk.core.discovery;

import java.io.IOException;

/** A release check that could not complete, with the stage that failed, so a trigger can log it and retry. */
public final class DiscoveryException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What failed. */
    public enum Stage {
        /** Listing the kit source (directory or http listing). */
        SOURCE,
        /** Asking the registry whether the image exists: never taken as "missing". */
        REGISTRY
    }

    private final Stage stage;

    public DiscoveryException(Stage stage, String message, Throwable cause) {
        super(message, cause);
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }
}
