package io.forkliftvddk.core.registry;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * An image platform: operating system, CPU architecture and optional variant, with the OCI/Go names
 * ({@code amd64}, {@code arm64}). {@link #parse} accepts {@code amd64}, {@code linux/amd64} and
 * {@code linux/arm64/v8}, and the kernel names {@code x86_64} and {@code aarch64}.
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
     * Parses {@code arch}, {@code os/arch} or {@code os/arch/variant}; the OS defaults to {@code linux}.
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static Platform parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty platform; expected for example amd64 or linux/amd64");
        }
        String[] parts = text.trim().toLowerCase(Locale.ROOT).split("/", -1);
        for (String part : parts) {
            if (!part.matches("[a-z0-9_.-]+")) {
                throw new IllegalArgumentException("invalid platform '" + text
                        + "'; expected arch, os/arch or os/arch/variant, for example amd64 or linux/amd64");
            }
        }
        return switch (parts.length) {
            case 1 -> new Platform("linux", normaliseArch(parts[0]), null);
            case 2 -> new Platform(parts[0], normaliseArch(parts[1]), null);
            case 3 -> new Platform(parts[0], normaliseArch(parts[1]), parts[2]);
            default -> throw new IllegalArgumentException("invalid platform '" + text
                    + "'; expected arch, os/arch or os/arch/variant, for example amd64 or linux/amd64");
        };
    }

    private static String normaliseArch(String arch) {
        return switch (arch) {
            case "x86_64", "x86-64" -> "amd64";
            case "aarch64" -> "arm64";
            case "i386", "i686" -> "386";
            default -> arch;
        };
    }

    /**
     * Whether an index entry with platform {@code candidate} runs here. A missing variant on either side matches,
     * except that {@code arm64} treats a missing variant as {@code v8} and {@code arm} as {@code v7}.
     */
    public boolean matches(Platform candidate) {
        if (candidate == null || !os.equals(candidate.os) || !architecture.equals(candidate.architecture)) {
            return false;
        }
        if (variant == null || candidate.variant == null) {
            String mine = variant != null ? variant : defaultVariant(architecture);
            String theirs = candidate.variant != null ? candidate.variant : defaultVariant(architecture);
            return mine == null || theirs == null || mine.equals(theirs);
        }
        return variant.equals(candidate.variant);
    }

    private static String defaultVariant(String arch) {
        return switch (arch) {
            case "arm64" -> "v8";
            case "arm" -> "v7";
            default -> null;
        };
    }

    /** {@code os/arch} or {@code os/arch/variant}, the form {@code --platform} takes. */
    @Override
    public String toString() {
        return os + "/" + architecture + (variant != null ? "/" + variant : "");
    }
}
