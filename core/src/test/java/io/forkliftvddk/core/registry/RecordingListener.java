package io.forkliftvddk.core.registry;

import io.forkliftvddk.core.spi.Listener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every log line and progress call, to check what core reports (and that no secret is in it). */
public final class RecordingListener implements Listener {
    public final List<String> lines = new CopyOnWriteArrayList<>();
    public final List<long[]> progress = new CopyOnWriteArrayList<>();
    public final List<String> progressNames = new CopyOnWriteArrayList<>();

    @Override
    public void log(Level level, String message) {
        lines.add(level + " " + message);
    }

    @Override
    public void progress(String step, long done, long total) {
        progressNames.add(step);
        progress.add(new long[] {done, total});
    }

    public String all() {
        return String.join("\n", lines) + "\n" + String.join("\n", progressNames);
    }
}
