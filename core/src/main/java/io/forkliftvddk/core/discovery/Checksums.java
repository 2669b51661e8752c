package io.forkliftvddk.core.discovery;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads sha256 checksum files: {@code sha256sum} output ({@code HEX  name} or {@code HEX *name}), BSD/{@code
 * shasum --tag} style ({@code SHA256 (name) = HEX}), and a lone hex digest in a per-kit file.
 */
final class Checksums {

    /** Per-kit files, tried in this order: {@code <kit>.sha256}, {@code <kit>.sha256sum}. */
    static final List<String> PER_KIT_SUFFIXES = List.of(".sha256", ".sha256sum");
    /** Directory-wide files. */
    static final List<String> SUMS_FILES = List.of("SHA256SUMS", "SHA256SUMS.txt", "sha256sums", "sha256sums.txt");
    static final int MAX_SIZE = 1024 * 1024;

    private static final Pattern GNU = Pattern.compile("^([0-9a-fA-F]{64})\\s+\\*?(.+?)\\s*$");
    private static final Pattern BSD = Pattern.compile("^SHA256\\s*\\((.+)\\)\\s*=\\s*([0-9a-fA-F]{64})\\s*$");
    private static final Pattern LONE = Pattern.compile("^\\s*([0-9a-fA-F]{64})\\s*$");

    private Checksums() {
    }

    /**
     * The digest of {@code fileName} in a checksum file's text.
     *
     * @param perKit the file belongs to this kit alone (a lone digest is accepted)
     */
    static Optional<String> find(String text, String fileName, boolean perKit) {
        String[] lines = text.split("\\r?\\n");
        for (String line : lines) {
            Matcher g = GNU.matcher(line);
            if (g.matches() && baseName(g.group(2)).equals(fileName)) {
                return Optional.of(g.group(1).toLowerCase(Locale.ROOT));
            }
            Matcher b = BSD.matcher(line);
            if (b.matches() && baseName(b.group(1)).equals(fileName)) {
                return Optional.of(b.group(2).toLowerCase(Locale.ROOT));
            }
        }
        if (perKit) {
            String nonBlank = text.strip();
            Matcher lone = LONE.matcher(nonBlank);
            if (lone.matches()) {
                return Optional.of(lone.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return Optional.empty();
    }

    private static String baseName(String path) {
        String p = path.strip();
        int slash = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
        return slash >= 0 ? p.substring(slash + 1) : p;
    }
}
