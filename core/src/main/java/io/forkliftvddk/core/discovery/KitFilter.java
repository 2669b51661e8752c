package io.forkliftvddk.core.discovery;

import io.forkliftvddk.core.archive.VddkVersion;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which kits count. Every criterion is optional (null = any).
 *
 * <p>A bound written without a build number ({@code 8.0.1}) compares the version numbers only, so "newer than 8.0.1"
 * excludes every build of 8.0.1 and "at least 8.0.1" includes them all; with a build number ({@code 8.0.1-21562716})
 * the build breaks ties. {@code 9.0.0} and {@code 9.0.0.0} are equal.
 *
 * @param sameMajor   only kits of this major version
 * @param atLeast     only kits of this version or newer
 * @param newerThan   only kits strictly newer than this
 * @param namePattern a regular expression that must be found in the file name
 */
public record KitFilter(Integer sameMajor, VddkVersion atLeast, VddkVersion newerThan, String namePattern)
        implements Serializable {

    public KitFilter {
        if (namePattern != null && namePattern.isEmpty()) {
            namePattern = null;
        }
        if (namePattern != null) {
            checkPattern(namePattern);
        }
        if (sameMajor != null && sameMajor < 0) {
            throw new IllegalArgumentException("the major version must not be negative: " + sameMajor);
        }
    }

    /** Accepts every kit. */
    public static KitFilter any() {
        return new KitFilter(null, null, null, null);
    }

    /**
     * From user text (empty or null = no criterion); for forms and the CLI.
     *
     * @throws IllegalArgumentException naming the field and the accepted forms
     */
    public static KitFilter of(String sameMajor, String atLeast, String newerThan, String namePattern) {
        Integer major = null;
        if (sameMajor != null && !sameMajor.isBlank()) {
            try {
                major = Integer.parseInt(sameMajor.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("same major: '" + sameMajor + "' is not a number (for example 8)");
            }
        }
        return new KitFilter(major, version("at least", atLeast), version("newer than", newerThan), namePattern);
    }

    /**
     * The form of the Jenkins steps and trigger: newer than a version, optionally staying on that version's major.
     *
     * @throws IllegalArgumentException for a bad version or pattern, or {@code sameMajor} without {@code newerThan}
     */
    public static KitFilter newerThan(String newerThan, boolean sameMajor, String namePattern) {
        KitFilter f = of(null, null, newerThan, namePattern);
        if (sameMajor) {
            if (f.newerThan() == null) {
                throw new IllegalArgumentException("same major needs newer than (the major version to stay on)");
            }
            f = f.withSameMajor(f.newerThan().major());
        }
        return f;
    }

    private static VddkVersion version(String what, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return VddkVersion.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
        }
    }

    /** The problem with a name pattern, or empty when it compiles; for form checks. */
    public static Optional<String> patternProblem(String regex) {
        try {
            checkPattern(regex);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static void checkPattern(String regex) {
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid name pattern '" + regex + "': " + e.getDescription()
                    + " (a Java regular expression searched in the file name, for example 8\\.0\\.)");
        }
    }

    public KitFilter withSameMajor(Integer major) {
        return new KitFilter(major, atLeast, newerThan, namePattern);
    }

    public KitFilter withAtLeast(VddkVersion v) {
        return new KitFilter(sameMajor, v, newerThan, namePattern);
    }

    public KitFilter withNewerThan(VddkVersion v) {
        return new KitFilter(sameMajor, atLeast, v, namePattern);
    }

    public KitFilter withNamePattern(String regex) {
        return new KitFilter(sameMajor, atLeast, newerThan, regex);
    }

    public boolean matches(VddkKit kit) {
        VddkVersion v = kit.version();
        if (sameMajor != null && v.major() != sameMajor) {
            return false;
        }
        if (atLeast != null && compareTo(v, atLeast) < 0) {
            return false;
        }
        if (newerThan != null && compareTo(v, newerThan) <= 0) {
            return false;
        }
        return namePattern == null || Pattern.compile(namePattern).matcher(kit.name()).find();
    }

    /** Compares a kit version with a bound: numbers only when the bound has no build number. */
    static int compareTo(VddkVersion kit, VddkVersion bound) {
        if (bound.hasBuild()) {
            return kit.compareTo(bound);
        }
        List<Integer> a = kit.numbers();
        List<Integer> b = bound.numbers();
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            int x = i < a.size() ? a.get(i) : 0;
            int y = i < b.size() ? b.get(i) : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    /** A short description for logs: {@code major 8, newer than 8.0.1}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (sameMajor != null) {
            sb.append("major ").append(sameMajor);
        }
        if (atLeast != null) {
            sb.append(sb.length() > 0 ? ", " : "").append("at least ").append(atLeast);
        }
        if (newerThan != null) {
            sb.append(sb.length() > 0 ? ", " : "").append("newer than ").append(newerThan);
        }
        if (namePattern != null) {
            sb.append(sb.length() > 0 ? ", " : "").append("name matching /").append(namePattern).append('/');
        }
        return sb.length() == 0 ? "any version" : sb.toString();
    }
}
