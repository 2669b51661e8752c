package io.forkliftvddk.core.build;

import java.util.Locale;

/** Which builder makes the image. */
public enum Runtime {
    /** The built-in builder when it can serve the request (no custom Dockerfile, image goes somewhere), else podman, then docker. */
    AUTO,
    /** The daemonless built-in builder: pushes the kit tar.gz itself as a layer over the base image. */
    BUILTIN,
    PODMAN,
    DOCKER;

    /** The name users type ({@code auto}, {@code builtin}, {@code podman}, {@code docker}). */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a user's value; empty or null means {@link #AUTO} (as kubectl-mtv treats "").
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Runtime parse(String text) {
        if (text == null || text.isBlank()) {
            return AUTO;
        }
        for (Runtime r : values()) {
            if (r.cliName().equals(text.strip().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new IllegalArgumentException("invalid runtime '" + text + "': must be 'auto', 'builtin', 'podman' or 'docker'");
    }
}
