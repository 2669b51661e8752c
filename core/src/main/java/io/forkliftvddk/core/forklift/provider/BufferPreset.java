package io.forkliftvddk.core.forklift.provider;

import io.forkliftvddk.core.forklift.ForkliftException;
import java.util.Locale;

/**
 * The AIO buffer sizing table of the VDDK guide as named presets: buffer size in 64 KiB units and buffer count. The
 * memory per disk is size × count × 64 KiB (small 16 MiB ... very large 1 GiB, "use with caution").
 */
public enum BufferPreset {
    SMALL(64, 4), MEDIUM(128, 8), LARGE(256, 16), VERY_LARGE(512, 32);

    private final int bufSizeIn64k;
    private final int bufCount;

    BufferPreset(int bufSizeIn64k, int bufCount) {
        this.bufSizeIn64k = bufSizeIn64k;
        this.bufCount = bufCount;
    }

    public int bufSizeIn64k() {
        return bufSizeIn64k;
    }

    public int bufCount() {
        return bufCount;
    }

    /** {@code small}, {@code medium}, {@code large}, {@code very-large}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static BufferPreset parse(String s) {
        for (BufferPreset p : values()) {
            if (p.label().equalsIgnoreCase(s) || p.name().equalsIgnoreCase(s)) {
                return p;
            }
        }
        throw ForkliftException.invalid("invalid preset: " + s + ". Valid presets are: small, medium, large, very-large");
    }
}
