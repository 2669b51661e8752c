package io.forkliftvddk.core.discovery;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Which sources a front end may read on behalf of a user who is not an administrator. On a Jenkins controller a job
 * configurer must not be able to list the controller's own files, so directory sources are allowed only under roots
 * an administrator listed; http(s) sources are always allowed.
 */
public final class SourcePolicy {

    private SourcePolicy() {
    }

    /**
     * The reason a source is not allowed, or empty when it is.
     *
     * @param allowedRoots directories an administrator allowed (empty: no directory source is allowed)
     */
    public static Optional<String> check(SourceSpec source, List<String> allowedRoots) {
        if (source.isUrl()) {
            return Optional.empty();
        }
        if (allowedRoots == null || allowedRoots.isEmpty()) {
            return Optional.of("directory sources are disabled: an administrator must list the allowed kit directories"
                    + " in the global configuration (or use an http(s) URL)");
        }
        Path dir = resolve(Path.of(source.location()));
        for (String root : allowedRoots) {
            if (root == null || root.isBlank()) {
                continue;
            }
            if (dir.startsWith(resolve(Path.of(root.strip())))) {
                return Optional.empty();
            }
        }
        return Optional.of(source.location() + " is not under an allowed kit directory (" + String.join(", ", allowedRoots)
                + "); ask an administrator to allow it in the global configuration");
    }

    /** Absolute, normalised, and with symlinks resolved when the path exists (so a link cannot leave a root). */
    private static Path resolve(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        if (Files.exists(abs)) {
            try {
                return abs.toRealPath();
            } catch (IOException e) {
                return abs;
            }
        }
        return abs;
    }
}
