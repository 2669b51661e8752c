package io.forkliftvddk.cli;

import io.forkliftvddk.core.spi.Listener;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints core's log lines and progress on the terminal's error stream (stdout stays for the result): warnings and
 * info always, debug lines with {@code -v}, traces (JSON documents) with {@code -vv}. Progress is one updating line
 * on a terminal, and a line per finished step with {@code -v} otherwise (logs stay readable in CI).
 */
public final class TerminalListener implements Listener {

    private static final long PROGRESS_INTERVAL_NANOS = 200_000_000L;

    private final PrintWriter err;
    private final int verbosity;
    private final boolean interactive;
    private final Map<String, Long> lastProgress = new HashMap<>();
    private boolean progressLineOpen;

    public TerminalListener(PrintWriter err, int verbosity, boolean interactive) {
        this.err = err;
        this.verbosity = verbosity;
        this.interactive = interactive;
    }

    public int verbosity() {
        return verbosity;
    }

    @Override
    public synchronized void log(Level level, String message) {
        if (level == Level.DEBUG && verbosity < 1) {
            return;
        }
        closeProgressLine();
        switch (level) {
            case WARN -> err.println("WARNING: " + message);
            case DEBUG -> err.println("  " + message);
            default -> err.println(message);
        }
        err.flush();
    }

    @Override
    public synchronized void trace(String message) {
        if (verbosity >= 2) {
            closeProgressLine();
            err.println(message);
            err.flush();
        }
    }

    @Override
    public synchronized void progress(String step, long done, long total) {
        boolean finished = total >= 0 && done >= total;
        long now = System.nanoTime();
        Long last = lastProgress.get(step);
        if (!finished && last != null && now - last < PROGRESS_INTERVAL_NANOS) {
            return;
        }
        lastProgress.put(step, now);
        if (interactive) {
            err.print("\r\033[K" + step + ": " + amount(done, total));
            progressLineOpen = true;
            if (finished) {
                err.println();
                progressLineOpen = false;
                lastProgress.remove(step);
            }
            err.flush();
        } else if (finished && verbosity >= 1) {
            err.println("  " + step + ": " + amount(done, total));
            err.flush();
            lastProgress.remove(step);
        }
    }

    private void closeProgressLine() {
        if (progressLineOpen) {
            err.println();
            progressLineOpen = false;
        }
    }

    static String amount(long done, long total) {
        if (total < 0) {
            return bytes(done);
        }
        return bytes(done) + " / " + bytes(total) + (total > 0 ? " (" + done * 100 / total + "%)" : "");
    }

    static String bytes(long n) {
        if (n < 0) {
            return "unknown";
        }
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return tenths(n, 1024) + " KiB";
        }
        return tenths(n, 1024 * 1024) + " MiB";
    }

    /**
     * {@code n / unit} with one decimal, rounded half up: what {@code String.format("%.1f")} prints, without
     * java.util.Formatter, whose first use loads the locale providers (~20 ms of a CLI run, at its end).
     */
    static String tenths(long n, long unit) {
        long t = (n * 10 + unit / 2) / unit;
        return (t / 10) + "." + (t % 10);
    }
}
