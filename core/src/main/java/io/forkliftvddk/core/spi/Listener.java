package io.forkliftvddk.core.spi;

/**
 * How core reports progress and log lines. Core never prints: the CLI maps this to the terminal, the plugin to the
 * build log. Implementations must be thread-safe; messages never contain secrets.
 */
public interface Listener {

    /** Severity of a log line. */
    enum Level { DEBUG, INFO, WARN }

    /** A line for the user. */
    void log(Level level, String message);

    /**
     * Progress of a long step (download, upload, digest). {@code total} is -1 when unknown. Called at most a few times a
     * second per step; front ends decide how to render it.
     */
    default void progress(String step, long done, long total) {
    }

    default void info(String message) {
        log(Level.INFO, message);
    }

    default void warn(String message) {
        log(Level.WARN, message);
    }

    default void debug(String message) {
        log(Level.DEBUG, message);
    }

    /**
     * Very detailed output (whole JSON documents such as an image config or manifest): shown by front ends only when
     * asked ({@code -vv}); dropped by default.
     */
    default void trace(String message) {
    }

    /** A listener that drops everything. */
    static Listener silent() {
        return (level, message) -> { };
    }
}
