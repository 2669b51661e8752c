package io.forkliftvddk.cli;

import io.forkliftvddk.core.forklift.ForkliftException;
import io.forkliftvddk.core.spi.Listener;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import picocli.CommandLine;

/** What the cluster commands share: a terminal listener, error to exit-code mapping and duration parsing. */
final class ForkliftCli {

    static final int OK = 0;
    static final int FAILURE = 1;
    static final int USAGE = 2;

    private ForkliftCli() {
    }

    /**
     * The root command's terminal listener (honours the global -v), or a plain one when the command runs on its own
     * (tests). Progress and warnings go to stderr, so stdout carries only the result (pipeable JSON/YAML).
     */
    static Listener listener(CommandLine.Model.CommandSpec spec) {
        PrintWriter err = spec.commandLine().getErr();
        if (spec.root().userObject() instanceof Main main) {
            return main.listener(err);
        }
        return listener(err, false);
    }

    static Listener listener(PrintWriter err, boolean verbose) {
        return (level, message) -> {
            if (level == Listener.Level.DEBUG && !verbose) {
                return;
            }
            synchronized (err) {
                err.println((level == Listener.Level.WARN ? "WARNING: " : level == Listener.Level.DEBUG ? "  " : "") + message);
                err.flush();
            }
        };
    }

    /** Prints the error and returns the exit code: 2 for bad input, 1 for everything else. */
    static int fail(PrintWriter err, RuntimeException e) {
        err.println("Error: " + e.getMessage());
        err.flush();
        if (e instanceof ForkliftException fe) {
            return fe.kind() == ForkliftException.Kind.INVALID_INPUT ? USAGE : FAILURE;
        }
        if (e instanceof CommandLine.ParameterException || e instanceof IllegalArgumentException) {
            return USAGE;
        }
        return FAILURE;
    }

    /** A duration like {@code 90s}, {@code 5m}, {@code 1h}, {@code 300} (seconds) or ISO-8601 {@code PT5M}. */
    static Duration duration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(t));
            }
            if (t.matches("\\d+ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            if (t.matches("\\d+[smh]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                return switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw ForkliftException.invalid("invalid duration '" + text + "': use e.g. 90s, 5m, 1h or 300 (seconds)");
        }
    }

    /** picocli converter for durations. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            return duration(value);
        }
    }
}
