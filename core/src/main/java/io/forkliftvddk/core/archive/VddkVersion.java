package io.forkliftvddk.core.archive;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A VDDK kit version: three numbers up to 8.x ({@code 8.0.1}), four from 9.x ({@code 9.0.0.0}), and the build number
 * when known. Ordered numerically, the build number breaking ties (a missing build sorts first).
 */
public record VddkVersion(List<Integer> numbers, long build) implements Comparable<VddkVersion>, Serializable {

    /** No build number known (a version read from lib64 only). */
    public static final long NO_BUILD = -1;

    /** Both file name generations: {@code X.Y.Z-BUILD} (≤ 8.x) and {@code X.Y.Z.W.BUILD} (9.x). */
    private static final Pattern FILE_NAME = Pattern.compile(
            "^VMware-vix-disklib-(\\d+\\.\\d+\\.\\d+(?:\\.\\d+)?)[.-](\\d{6,9})\\.x86_64\\.tar\\.gz$");
    private static final Pattern TEXT = Pattern.compile("^(\\d+(?:\\.\\d+){1,3})(?:[-.](\\d{6,9}))?$");

    public VddkVersion {
        numbers = List.copyOf(numbers);
        if (numbers.size() < 2 || numbers.size() > 4) {
            throw new IllegalArgumentException("a VDDK version has 2 to 4 numbers: " + numbers);
        }
    }

    /** Parses a VMware kit file name, or empty when it does not follow VMware's naming. */
    public static Optional<VddkVersion> fromFileName(String fileName) {
        Matcher m = FILE_NAME.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new VddkVersion(numbers(m.group(1)), Long.parseLong(m.group(2))));
    }

    /**
     * Parses {@code 8.0.1}, {@code 8.0.1-21562716}, {@code 9.0.0.0}, {@code 9.0.0.0.24742305} or {@code 8} style text
     * (a filter such as "at least 8" or "newer than 8.0.1").
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static VddkVersion parse(String text) {
        String t = text == null ? "" : text.strip();
        if (t.matches("\\d+")) {
            return new VddkVersion(List.of(Integer.parseInt(t), 0), NO_BUILD);
        }
        Matcher m = TEXT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("invalid VDDK version '" + text
                    + "': expected X.Y.Z, X.Y.Z-BUILD (up to 8.x) or X.Y.Z.W, X.Y.Z.W.BUILD (9.x), for example 8.0.1 or 9.0.0.0.24742305");
        }
        List<Integer> n = numbers(m.group(1));
        return new VddkVersion(n, m.group(2) == null ? NO_BUILD : Long.parseLong(m.group(2)));
    }

    /** From the suffix of {@code lib64/libvixDiskLib.so.X.Y.Z[.W]}: no build number. */
    public static Optional<VddkVersion> fromLibrarySuffix(String suffix) {
        if (!suffix.matches("\\d+\\.\\d+\\.\\d+(?:\\.\\d+)?")) {
            return Optional.empty();
        }
        return Optional.of(new VddkVersion(numbers(suffix), NO_BUILD));
    }

    private static List<Integer> numbers(String dotted) {
        List<Integer> out = new ArrayList<>();
        for (String p : dotted.split("\\.")) {
            out.add(Integer.parseInt(p));
        }
        return out;
    }

    public int major() {
        return numbers.get(0);
    }

    public boolean hasBuild() {
        return build != NO_BUILD;
    }

    /** {@code 8.0.1} or {@code 9.0.0.0}, without the build. */
    public String number() {
        return String.join(".", numbers.stream().map(String::valueOf).toList());
    }

    /** The version as VMware writes it in file names: {@code 8.0.1-21562716}, {@code 9.0.0.0.24742305}. */
    @Override
    public String toString() {
        if (!hasBuild()) {
            return number();
        }
        return number() + (numbers.size() == 4 ? "." : "-") + build;
    }

    /** The file name VMware gives this version's kit (needs a build number). */
    public String kitFileName() {
        if (!hasBuild()) {
            throw new IllegalStateException("no build number for " + this);
        }
        return "VMware-vix-disklib-" + this + ".x86_64.tar.gz";
    }

    /** Same numbers, ignoring the build (file name and lib64 agree when this holds). */
    public boolean sameNumbers(VddkVersion other) {
        return normalised().equals(other.normalised());
    }

    private List<Integer> normalised() {
        // 9.0.0 and 9.0.0.0 name the same release
        Integer[] n = numbers.toArray(new Integer[0]);
        int len = n.length;
        while (len > 2 && n[len - 1] == 0) {
            len--;
        }
        return Arrays.asList(n).subList(0, len);
    }

    @Override
    public int compareTo(VddkVersion o) {
        int len = Math.max(numbers.size(), o.numbers.size());
        for (int i = 0; i < len; i++) {
            int a = i < numbers.size() ? numbers.get(i) : 0;
            int b = i < o.numbers.size() ? o.numbers.get(i) : 0;
            if (a != b) {
                return Integer.compare(a, b);
            }
        }
        return Long.compare(build, o.build);
    }
}
