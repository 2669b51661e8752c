package io.forkliftvddk.core.image;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * An image platform ({@code linux/amd64}). Users may write {@code amd64} or {@code linux/amd64} alike (kubectl-mtv
 * takes the bare architecture); {@code x86_64} and {@code aarch64} are accepted as the uname spellings.
 */
public record Platform(String os, String architecture, String variant) implements Serializable {

    public static final Platform LINUX_AMD64 = new Platform("linux", "amd64", null);

    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        if (variant != null && variant.isEmpty()) {
            variant = null;
        }
    }

    /**
     * Parses {@code amd64}, {@code linux/amd64}, {@code linux/arm64/v8}.
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Platform parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        String[] parts = t.split("/", -1);
        for (String p : parts) {
            if (!p.matches("[a-z0-9_]+")) {
                throw new IllegalArgumentException("invalid platform '" + text
                        + "': expected ARCH or OS/ARCH[/VARIANT], for example amd64 or linux/amd64");
            }
        }
        return switch (parts.length) {
            case 1 -> new Platform("linux", arch(parts[0]), null);
            case 2 -> new Platform(parts[0], arch(parts[1]), null);
            case 3 -> new Platform(parts[0], arch(parts[1]), parts[2]);
            default -> throw new IllegalArgumentException("invalid platform '" + text
                    + "': expected ARCH or OS/ARCH[/VARIANT], for example amd64 or linux/amd64");
        };
    }

    private static String arch(String a) {
        return switch (a) {
            case "x86_64", "x86-64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> a;
        };
    }

    /** VMware ships VDDK for x86_64 only. */
    public boolean isAmd64() {
        return "linux".equals(os) && "amd64".equals(architecture);
    }

    // Written out, not left to the record: the generated ones bootstrap java.lang.runtime.ObjectMethods through
    // method handles on first use (~20 ms of a CLI run's start-up), and a build plan de-duplicates platforms in a set.
    @Override
    public boolean equals(Object o) {
        return o instanceof Platform p && os.equals(p.os) && architecture.equals(p.architecture) && Objects.equals(variant, p.variant);
    }

    @Override
    public int hashCode() {
        return Objects.hash(os, architecture, variant);
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
