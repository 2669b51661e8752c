package io.forkliftvddk.core.steps;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns frequent progress events into a few log lines: one per quarter of a known total, one per 64 MiB of an unknown
 * one, and the end. Not thread-safe; front ends call it under their own lock.
 */
public final class ProgressLog {

    private static final long UNKNOWN_STEP = 64L << 20;
    private final Map<String, Long> last = new HashMap<>();

    /** The line to log for this event, or null for none. */
    public String line(String step, long done, long total) {
        long bucket = total > 0 ? (done >= total ? 4 : done * 4 / total) : done / UNKNOWN_STEP;
        Long previous = last.put(step, bucket);
        if (previous != null && previous == bucket) {
            return null;
        }
        if (previous == null && bucket == 0 && done < total) {
            return null;
        }
        if (total > 0) {
            return String.format(Locale.ROOT, "%s: %s of %s (%d%%)", step, size(done), size(total), done * 100 / total);
        }
        return step + ": " + size(done);
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
    }
}
