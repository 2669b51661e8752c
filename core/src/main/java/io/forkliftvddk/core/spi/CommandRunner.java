package io.forkliftvddk.core.spi;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs an external process (podman, docker). Core never starts processes itself: the CLI implements this with
 * ProcessBuilder, the Jenkins plugin with {@code Launcher} on the agent.
 */
public interface CommandRunner {

    /**
     * A process to run.
     *
     * @param command     executable and arguments; never holds a secret (secrets go through {@code stdin})
     * @param environment extra environment variables on top of the runner's own
     * @param workingDirectory where to run, or null for the runner's default
     * @param stdin       bytes to write to the process's standard input, or null for none
     * @param maskedArguments values to mask when the command is echoed
     */
    record Command(List<String> command, Map<String, String> environment, Path workingDirectory, byte[] stdin,
                   List<String> maskedArguments) {
        public Command {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
            maskedArguments = List.copyOf(maskedArguments);
        }

        public static Command of(List<String> command) {
            return new Command(command, Map.of(), null, null, List.of());
        }

        public Command withStdin(byte[] input) {
            return new Command(command, environment, workingDirectory, input, maskedArguments);
        }

        public Command withEnvironment(Map<String, String> env) {
            return new Command(command, env, workingDirectory, stdin, maskedArguments);
        }

        public Command in(Path dir) {
            return new Command(command, environment, dir, stdin, maskedArguments);
        }

        /** The command as it may be shown to a user: masked values replaced by {@code ****}. */
        public String display() {
            StringBuilder sb = new StringBuilder();
            for (String arg : command) {
                String shown = arg;
                for (String secret : maskedArguments) {
                    if (!secret.isEmpty()) {
                        shown = shown.replace(secret, "****");
                    }
                }
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(shown.isEmpty() || shown.matches(".*[\\s'\"$`\\\\].*") ? "'" + shown.replace("'", "'\\''") + "'" : shown);
            }
            return sb.toString();
        }

        @Override
        public String toString() {
            return display();
        }
    }

    /** What a finished process returned. Output is kept (bounded by the runner) for error messages and parsing. */
    record Result(int exitCode, String stdout, String stderr) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /**
     * Runs the command to completion. Each line the process prints is passed to {@code lines} as it arrives (for
     * progress); the full output is also returned.
     */
    Result run(Command command, Listener lines) throws IOException, InterruptedException;

    /** Finds an executable by name on the runner's PATH (where the process would run), or empty. */
    Optional<Path> which(String executable) throws IOException, InterruptedException;

    /**
     * The lookup every runner does on the machine where its processes run: a name with a path separator is taken as
     * it is, otherwise each directory of {@code path} (a PATH value, may be null) is tried in order.
     */
    static Optional<Path> findExecutable(String executable, String path) {
        if (executable.contains("/") || executable.contains(File.separator)) {
            Path p = Path.of(executable);
            return Files.isRegularFile(p) && Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
        }
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, executable);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
