package io.forkliftvddk.core.steps;

import java.util.Optional;

/**
 * The seed's VDDK AIO buffer sizing table as named presets: buffer size in 64 KiB units and buffer count
 * ({@code VixDiskLib.nfcAio.Session.BufSizeIn64KB} / {@code BufCount}).
 */
public enum BufferPreset {
    SMALL("small", 64, 4),
    MEDIUM("medium", 128, 8),
    LARGE("large", 256, 16),
    VERY_LARGE("very-large", 512, 32);

    private final String id;
    private final int sizeIn64k;
    private final int count;

    BufferPreset(String id, int sizeIn64k, int count) {
        this.id = id;
        this.sizeIn64k = sizeIn64k;
        this.count = count;
    }

    public String id() {
        return id;
    }

    public int sizeIn64k() {
        return sizeIn64k;
    }

    public int count() {
        return count;
    }

    /** Memory per disk in MiB (size × count × 64 KiB). */
    public long mebibytesPerDisk() {
        return (long) sizeIn64k * count * 64 / 1024;
    }

    public String label() {
        return id + ": " + sizeIn64k + " x 64 KiB, " + count + " buffers (" + mebibytesPerDisk() + " MiB per disk)";
    }

    public static Optional<BufferPreset> byId(String id) {
        String v = StepValues.lower(id);
        for (BufferPreset p : values()) {
            if (p.id.equals(v)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
