package io.forkliftvddk.core.bench;

import io.forkliftvddk.core.build.BuildRequest;
import io.forkliftvddk.core.build.BuildResult;
import io.forkliftvddk.core.build.BuiltinImageBuilder;
import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.spi.Listener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * In-process benchmark of the built-in builder, as it runs inside a long-lived JVM (Jenkins): cold builds (a fresh
 * repository each time, so every blob is uploaded) and warm builds (the image is there: no-op), against
 * {@code gzip -dc KIT | sha256sum} on the same kit in the same run. Not a test: {@code bench/build-image.sh} runs it.
 *
 * <p>Usage: {@code BuiltinBuildBench KIT REGISTRY BASE_IMAGE [RUNS]}
 */
public final class BuiltinBuildBench {

    private BuiltinBuildBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: BuiltinBuildBench KIT REGISTRY BASE_IMAGE [RUNS]");
            System.exit(2);
        }
        Path kit = Path.of(args[0]);
        String registry = args[1];
        ImageReference base = ImageReference.parse(args[2]);
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        Path temp = Files.createTempDirectory("builtin-bench-");
        String prefix = "bench/builtin-" + Long.toHexString(System.nanoTime());

        List<Double> gzip = new ArrayList<>();
        List<Double> cold = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        // one untimed round first: JIT and class loading, as in a JVM that has built before
        for (int i = -1; i < runs; i++) {
            gzip.add(time(() -> {
                Process p = new ProcessBuilder("sh", "-c", "gzip -dc \"$0\" | sha256sum >/dev/null", kit.toString())
                        .inheritIO().start();
                if (p.waitFor() != 0) {
                    throw new IllegalStateException("gzip -dc | sha256sum failed");
                }
            }));
            BuildRequest request = BuildRequest.builder(kit).tag(registry + "/" + prefix + "-" + (i + 1) + ":8")
                    .baseImage(base).push(true).tempDirectory(temp).build();
            BuildResult[] r = new BuildResult[1];
            cold.add(time(() -> r[0] = new BuiltinImageBuilder().build(request, Listener.silent())));
            if (r[0].unchanged()) {
                throw new IllegalStateException("a cold build reported unchanged");
            }
            warm.add(time(() -> r[0] = new BuiltinImageBuilder().build(request, Listener.silent())));
            if (!r[0].unchanged()) {
                throw new IllegalStateException("a warm build did not report unchanged");
            }
            if (i < 0) {
                gzip.clear();
                cold.clear();
                warm.clear();
            }
        }
        double g = median(gzip);
        double c = median(cold);
        double w = median(warm);
        System.out.printf(Locale.ROOT, "kit %s (%d bytes), %d runs, medians:%n", kit.getFileName(), Files.size(kit), runs);
        System.out.printf(Locale.ROOT, "  gzip -dc | sha256sum  %7.0f ms   %s%n", g, gzip);
        System.out.printf(Locale.ROOT, "  builtin cold          %7.0f ms   %s   = %.2fx gzip|sha256 (target <= 1.3x)%n", c, cold, c / g);
        System.out.printf(Locale.ROOT, "  builtin warm          %7.0f ms   %s   (target <= 150 ms)%n", w, warm);
    }

    interface Action {
        void run() throws Exception;
    }

    private static double time(Action a) throws Exception {
        long t0 = System.nanoTime();
        a.run();
        return Math.round((System.nanoTime() - t0) / 1e5) / 10.0;
    }

    private static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }
}
