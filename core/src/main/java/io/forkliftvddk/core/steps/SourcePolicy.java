package io.forkliftvddk.core.steps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which kit sources a job may read. A job configurer must not be able to read the controller's files through a
 * directory source, so a directory is allowed only under a root an administrator listed; http(s) listings are always
 * allowed (other URL schemes never). Symbolic links that lead out of a root are caught by resolving real paths.
 */
public final class SourcePolicy {

    private SourcePolicy() {
    }

    /** True for an http(s) URL source. */
    public static boolean isUrl(String source) {
        String v = StepValues.trimToNull(source);
        return v != null && v.toLowerCase(Locale.ROOT).matches("https?://.*");
    }

    /** The check a form and a run both apply. */
    public static FormCheck check(String source, List<String> allowedRoots) {
        String v = StepValues.trimToNull(source);
        if (v == null) {
            return FormCheck.error("Required: a directory or an http(s) listing URL where new VDDK kits appear.");
        }
        if (StepValues.isExpression(v)) {
            return FormCheck.ok();
        }
        if (v.matches("(?i)[a-z][a-z0-9+.-]*:.*") && !v.matches("(?i)[a-z]:[\\\\/].*")) {
            return isUrl(v) ? FormChecks.httpUrl(v, "source URL")
                    : FormCheck.error("Only http(s) URLs and directories are supported as kit sources.");
        }
        return directoryProblem(v, allowedRoots).map(FormCheck::error).orElse(FormCheck.ok());
    }

    /**
     * The directory to read, checked against the roots.
     *
     * @throws StepException when the directory is not under an allowed root
     */
    public static Path allowedDirectory(String source, List<String> allowedRoots) {
        String v = StepValues.trimToNull(source);
        Optional<String> problem = v == null ? Optional.of("no source given") : directoryProblem(v, allowedRoots);
        if (problem.isPresent()) {
            throw new StepException("source: " + problem.get());
        }
        return Path.of(v).normalize();
    }

    /** A root the administrator lists: absolute. */
    public static FormCheck checkRoot(String root) {
        try {
            Path p = Path.of(root);
            if (!p.isAbsolute()) {
                return FormCheck.error("'" + root + "' is not an absolute directory.");
            }
            if (p.getNameCount() == 0) {
                return FormCheck.warning("'" + root + "' allows every directory of the controller.");
            }
            return FormCheck.ok();
        } catch (InvalidPathException e) {
            return FormCheck.error("'" + root + "' is not a valid path.");
        }
    }

    private static Optional<String> directoryProblem(String dir, List<String> allowedRoots) {
        Path path;
        try {
            path = Path.of(dir);
        } catch (InvalidPathException e) {
            return Optional.of("'" + dir + "' is not a valid path.");
        }
        if (!path.isAbsolute()) {
            return Optional.of("A directory source must be an absolute path on the Jenkins controller.");
        }
        if (allowedRoots.isEmpty()) {
            return Optional.of("Directory sources are not allowed: an administrator must list the allowed directories in the"
                    + " global configuration (Forklift VDDK → allowed source directories), or use an http(s) URL.");
        }
        Path normal = path.normalize();
        for (String r : allowedRoots) {
            Path root;
            try {
                root = Path.of(r).normalize();
            } catch (InvalidPathException e) {
                continue;
            }
            if (root.isAbsolute() && normal.startsWith(root) && realPathInside(normal, root)) {
                return Optional.empty();
            }
        }
        return Optional.of("'" + dir + "' is not under a directory the administrator allowed (" + String.join(", ", allowedRoots) + ").");
    }

    /** When both exist, the real path (links resolved) must stay inside the real root. */
    private static boolean realPathInside(Path path, Path root) {
        try {
            if (Files.exists(path) && Files.exists(root)) {
                return path.toRealPath().startsWith(root.toRealPath());
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
