package io.jenkins.plugins.forkliftvddk;

import hudson.model.TaskListener;
import io.forkliftvddk.core.spi.Listener;
import io.forkliftvddk.core.steps.ProgressLog;

/**
 * Core's {@link Listener} writing to the build log. Created where the code runs (controller or agent); the
 * {@link TaskListener} is remotable. Progress goes through {@link ProgressLog}, so the log gets a line per quarter, not
 * per chunk. Debug lines only with {@code verbose}.
 */
final class TaskListenerAdapter implements Listener {

    private static final String PREFIX = "[forklift-vddk] ";
    private final TaskListener listener;
    private final boolean verbose;
    private final ProgressLog progress = new ProgressLog();

    TaskListenerAdapter(TaskListener listener, boolean verbose) {
        this.listener = listener;
        this.verbose = verbose;
    }

    @Override
    public synchronized void log(Level level, String message) {
        if (level == Level.DEBUG && !verbose) {
            return;
        }
        listener.getLogger().println(PREFIX + (level == Level.WARN ? "WARNING: " : "") + message);
    }

    @Override
    public synchronized void progress(String step, long done, long total) {
        String line = progress.line(step, done, total);
        if (line != null) {
            listener.getLogger().println(PREFIX + line);
        }
    }
}
