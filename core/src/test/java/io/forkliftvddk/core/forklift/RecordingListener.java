package io.forkliftvddk.core.forklift;

import io.forkliftvddk.core.spi.Listener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that keeps every line ("LEVEL message"), for assertions. */
public final class RecordingListener implements Listener {
    public final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void log(Level level, String message) {
        lines.add(level + " " + message);
    }

    public String all() {
        return String.join("\n", lines);
    }
}
