package io.forkliftvddk.cli;

import io.forkliftvddk.core.spi.CommandRunner;
import io.forkliftvddk.core.spi.Listener;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs processes for core with {@link ProcessBuilder}: extra environment on top of the CLI's own, a working
 * directory, bytes on stdin (secrets go there, never into argv), each output line passed to the listener as it
 * arrives (stdout at info, stderr at info as well: podman and docker write progress to stderr), and the whole
 * output kept, bounded, for error messages. An interrupt destroys the process (and its children).
 */
public final class ProcessCommandRunner implements CommandRunner {

    /** Keep at most this many characters of each stream for the result. */
    static final int MAX_KEPT = 1 << 20;

    private final Map<String, String> baseEnvironment;

    /** @param baseEnvironment the environment of the started processes before a command's own additions */
    public ProcessCommandRunner(Map<String, String> baseEnvironment) {
        this.baseEnvironment = Map.copyOf(baseEnvironment);
    }

    @Override
    public Result run(Command command, Listener lines) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command.command());
        pb.environment().clear();
        pb.environment().putAll(baseEnvironment);
        pb.environment().putAll(command.environment());
        if (command.workingDirectory() != null) {
            pb.directory(command.workingDirectory().toFile());
        }
        if (command.stdin() == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new IOException("cannot run " + command.command().get(0) + ": " + e.getMessage(), e);
        }
        Pump out = new Pump(process.getInputStream(), lines, command);
        Pump err = new Pump(process.getErrorStream(), lines, command);
        Thread to = new Thread(out, "stdout " + command.command().get(0));
        Thread te = new Thread(err, "stderr " + command.command().get(0));
        to.setDaemon(true);
        te.setDaemon(true);
        to.start();
        te.start();
        try {
            if (command.stdin() != null) {
                try (OutputStream in = process.getOutputStream()) {
                    in.write(command.stdin());
                } catch (IOException e) {
                    // the process may exit without reading its input; its exit code tells what happened
                }
            }
            int code = process.waitFor();
            to.join();
            te.join();
            return new Result(code, out.text(), err.text());
        } catch (InterruptedException e) {
            destroy(process);
            throw e;
        }
    }

    /**
     * Stops the process tree: SIGTERM to all, up to 5 s to exit, then SIGKILL to what is left. The tree is collected
     * before the first signal and again while waiting (a runtime may be forking a container right then), because once
     * podman exits, a build step's container process (PID 1 of its namespace, which ignores SIGTERM) is reparented
     * and no longer a descendant, and would run on.
     */
    private static void destroy(Process process) throws InterruptedException {
        java.util.Set<ProcessHandle> tree = new java.util.LinkedHashSet<>();
        tree.add(process.toHandle());
        collect(tree);
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < deadline && tree.stream().anyMatch(ProcessHandle::isAlive)) {
            int before = tree.size();
            collect(tree);
            if (tree.size() > before) {
                tree.forEach(ProcessHandle::destroy);
            }
            Thread.sleep(50);
        }
        tree.forEach(h -> {
            if (h.isAlive()) {
                h.destroyForcibly();
            }
        });
    }

    /** Adds the live descendants of every process in the set. */
    private static void collect(java.util.Set<ProcessHandle> tree) {
        for (ProcessHandle h : new java.util.ArrayList<>(tree)) {
            if (h.isAlive()) {
                h.descendants().forEach(tree::add);
            }
        }
    }

    @Override
    public Optional<Path> which(String executable) {
        return CommandRunner.findExecutable(executable, baseEnvironment.get("PATH"));
    }

    /** Reads a stream line by line, forwarding each line (masked) and keeping a bounded copy. */
    private static final class Pump implements Runnable {
        private final InputStream in;
        private final Listener lines;
        private final Command command;
        private final StringBuilder kept = new StringBuilder();

        Pump(InputStream in, Listener lines, Command command) {
            this.in = in;
            this.lines = lines;
            this.command = command;
        }

        @Override
        public void run() {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    String shown = mask(line);
                    lines.info(shown);
                    synchronized (kept) {
                        if (kept.length() < MAX_KEPT) {
                            kept.append(line).append('\n');
                        }
                    }
                }
            } catch (IOException e) {
                // the process ended or was destroyed
            }
        }

        private String mask(String line) {
            String s = line;
            for (String secret : command.maskedArguments()) {
                if (!secret.isEmpty()) {
                    s = s.replace(secret, "****");
                }
            }
            return s;
        }

        String text() {
            synchronized (kept) {
                return kept.toString();
            }
        }
    }
}
