package io.forkliftvddk.core.image;

/**
 * A Dockerfile that cannot give a Forklift VDDK image (no FROM, or the kit is never copied into the final stage).
 * The message names the file, the line, and the line to add.
 */
public class InvalidDockerfileException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidDockerfileException(String message) {
        super(message);
    }
}
