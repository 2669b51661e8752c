package io.forkliftvddk.core.archive;

import io.forkliftvddk.core.spi.Listener;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * In-process timing of {@link VddkArchive#inspect} for {@code bench/archive-inspect.sh} (not a test): warms up, then
 * prints one line per run and the median, in milliseconds. Usage: {@code InspectBench FILE [RUNS]}.
 */
public final class InspectBench {

    private InspectBench() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        for (int i = 0; i < 3; i++) {
            VddkArchive.inspect(file, Listener.silent());
        }
        long[] ms = new long[runs];
        ArchiveReport r = null;
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            r = VddkArchive.inspect(file, Listener.silent());
            ms[i] = (System.nanoTime() - t) / 1_000_000;
        }
        Arrays.sort(ms);
        System.out.println("inspect-in-process runs=" + runs + " min_ms=" + ms[0] + " median_ms=" + ms[runs / 2]
                + " max_ms=" + ms[runs - 1] + " version=" + r.version() + " diff_id=" + r.diffId());
    }
}
