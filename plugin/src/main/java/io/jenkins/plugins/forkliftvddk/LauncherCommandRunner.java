package io.jenkins.plugins.forkliftvddk;

import hudson.EnvVars;
import hudson.Launcher;
import hudson.util.ArgumentListBuilder;
import io.forkliftvddk.core.spi.CommandRunner;
import io.forkliftvddk.core.spi.Listener;
import io.forkliftvddk.core.steps.SecretMasker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Core's {@link CommandRunner} over a {@link Launcher}, with the step's {@link EnvVars}: argv entries holding a masked
 * value are masked in the echoed command line, secrets go in through stdin, output lines go to core's listener (masked
 * for the secrets in use) and are kept for error messages. Interrupting the build kills the process
 * ({@code ProcStarter.join()} kills on interrupt).
 */
final class LauncherCommandRunner implements CommandRunner {

    /** Output kept per stream for error messages and parsing. */
    private static final int KEEP = 64 * 1024;

    private final Launcher launcher;
    private final EnvVars env;
    private final SecretMasker masker;

    LauncherCommandRunner(Launcher launcher, EnvVars env, SecretMasker masker) {
        this.launcher = launcher;
        this.env = env;
        this.masker = masker;
    }

    @Override
    public Result run(Command command, Listener lines) throws IOException, InterruptedException {
        ArgumentListBuilder args = new ArgumentListBuilder();
        for (String arg : command.command()) {
            boolean mask = command.maskedArguments().stream().anyMatch(m -> !m.isEmpty() && arg.contains(m));
            args.add(arg, mask);
        }
        EnvVars merged = new EnvVars(env);
        merged.putAll(command.environment());
        LineStream out = new LineStream(lines, Listener.Level.INFO);
        LineStream err = new LineStream(lines, Listener.Level.INFO);
        Launcher.ProcStarter starter = launcher.launch().cmds(args).envs(merged).stdout(out).stderr(err);
        if (command.workingDirectory() != null) {
            starter = starter.pwd(command.workingDirectory().toString());
        }
        if (command.stdin() != null) {
            starter = starter.stdin(new ByteArrayInputStream(command.stdin()));
        }
        int rc;
        try {
            rc = starter.join();
        } finally {
            out.close();
            err.close();
        }
        return new Result(rc, out.kept(), err.kept());
    }

    @Override
    public Optional<Path> which(String executable) {
        return CommandRunner.findExecutable(executable, env.get("PATH"));
    }

    /** Splits process output into masked lines for the listener and keeps the last {@link #KEEP} characters. */
    private final class LineStream extends OutputStream {
        private final Listener lines;
        private final Listener.Level level;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        private final StringBuilder kept = new StringBuilder();

        LineStream(Listener lines, Listener.Level level) {
            this.lines = lines;
            this.level = level;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                flushLine();
            } else {
                line.write(b);
            }
        }

        private void flushLine() {
            String text = masker.mask(line.toString(StandardCharsets.UTF_8).replaceAll("\r$", ""));
            line.reset();
            lines.log(level, text);
            kept.append(text).append('\n');
            if (kept.length() > KEEP) {
                kept.delete(0, kept.length() - KEEP);
            }
        }

        @Override
        public synchronized void close() {
            if (line.size() > 0) {
                flushLine();
            }
        }

        synchronized String kept() {
            return kept.toString();
        }
    }
}
