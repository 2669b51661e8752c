package io.forkliftvddk.core.build;

import io.forkliftvddk.core.spi.CommandRunner;
import io.forkliftvddk.core.spi.Listener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the container runtime a build uses: the configured executable ({@code --runtime-path}; agents often have it
 * outside PATH), else {@code podman} then {@code docker} on the PATH where the process runs, each probed with a cheap
 * command so an unusable one (docker without a reachable daemon) is reported before any work. The result says which
 * runtime and why.
 */
public final class RuntimeLocator {

    static final String PODMAN_INSTALL = "https://podman.io/getting-started/installation";
    static final String DOCKER_INSTALL = "https://docs.docker.com/get-docker/";

    /**
     * The runtime to use.
     *
     * @param cli        podman or docker
     * @param executable what to run (a name found on PATH, resolved to its path, or the configured path)
     * @param version    what the probe printed (podman's client version, docker's server version)
     * @param reason     why this one, for the user
     */
    public record Located(ContainerCli cli, String executable, String version, String reason) {
    }

    private final CommandRunner runner;
    private List<String> options = List.of();

    public RuntimeLocator(CommandRunner runner) {
        this.runner = runner;
    }

    /**
     * Locates the runtime.
     *
     * @param requested    {@link Runtime#PODMAN}, {@link Runtime#DOCKER}, or {@link Runtime#AUTO} (podman, then docker)
     * @param runtimePath  the configured executable, or null to look on PATH
     * @param windowsAgent true when the build runs on a Windows agent (the front end knows; core never asks the JVM)
     * @throws BuildException naming what was looked for and what to install or set
     */
    public Located locate(Runtime requested, Path runtimePath, boolean windowsAgent)
            throws IOException, InterruptedException {
        return locate(requested, runtimePath, windowsAgent, List.of());
    }

    /**
     * Locates the runtime, probing it with the global options among {@code runtimeOptions} (docker {@code -H},
     * podman {@code --root}), so the probe reaches the daemon or store the build will use.
     */
    public Located locate(Runtime requested, Path runtimePath, boolean windowsAgent, List<String> runtimeOptions)
            throws IOException, InterruptedException {
        this.options = runtimeOptions;
        if (windowsAgent) {
            throw new BuildException("the podman and docker builders do not run on Windows agents: VDDK images are Linux"
                    + " images and the build context must keep Linux symlinks; run the build on a Linux agent, or use"
                    + " --runtime builtin with --push or --output (no container runtime needed)");
        }
        if (requested == Runtime.BUILTIN) {
            throw new IllegalArgumentException("the built-in builder needs no container runtime");
        }
        if (runtimePath != null) {
            return configured(requested, runtimePath.toString());
        }
        List<ContainerCli> candidates = requested == Runtime.PODMAN ? List.of(ContainerCli.PODMAN)
                : requested == Runtime.DOCKER ? List.of(ContainerCli.DOCKER)
                : List.of(ContainerCli.PODMAN, ContainerCli.DOCKER);
        List<String> problems = new ArrayList<>();
        for (ContainerCli cli : candidates) {
            Optional<Path> found = runner.which(cli.executableName());
            if (found.isEmpty()) {
                problems.add("'" + cli.executableName() + "' is not on the PATH");
                continue;
            }
            String exe = found.get().toString();
            Probe probe = probe(cli, exe);
            if (probe.ok()) {
                String reason = requested == Runtime.AUTO
                        ? (problems.isEmpty() ? "podman is preferred and was found"
                        : String.join("; ", problems) + "; docker was found and works") + " (" + exe + ")"
                        : "--runtime " + cli.runtime().cliName() + " (" + exe + ")";
                return new Located(cli, exe, probe.output(), reason);
            }
            problems.add("'" + exe + "' does not work: " + probe.output());
        }
        if (requested == Runtime.AUTO) {
            throw new BuildException("no usable container runtime: looked for podman, then docker, on the PATH: "
                    + String.join("; ", problems) + ". Install one (Podman: " + PODMAN_INSTALL + ", Docker: "
                    + DOCKER_INSTALL + "), set --runtime-path to the executable, or use --runtime builtin with --push or"
                    + " --output, which needs no container runtime");
        }
        ContainerCli cli = candidates.get(0);
        throw new BuildException("--runtime " + cli.runtime().cliName() + ": " + problems.get(0) + ". Install "
                + cli.executableName() + " (" + (cli == ContainerCli.PODMAN ? PODMAN_INSTALL : DOCKER_INSTALL)
                + "), set --runtime-path to the executable, or use --runtime auto to take whichever runtime works");
    }

    private Located configured(Runtime requested, String exe) throws IOException, InterruptedException {
        ContainerCli cli;
        String why;
        if (requested == Runtime.PODMAN || requested == Runtime.DOCKER) {
            cli = requested == Runtime.PODMAN ? ContainerCli.PODMAN : ContainerCli.DOCKER;
            why = "--runtime " + requested.cliName() + " at --runtime-path " + exe;
        } else {
            cli = kindOf(exe);
            why = "--runtime-path " + exe + " is " + cli.executableName();
        }
        Probe probe = probe(cli, exe);
        if (!probe.ok()) {
            throw new BuildException("the container runtime at --runtime-path " + exe + " (run as "
                    + cli.executableName() + ") does not work: " + probe.output() + ". Check the path, or unset"
                    + " --runtime-path to look for podman and docker on the PATH");
        }
        return new Located(cli, exe, probe.output(), why);
    }

    /** Which CLI an executable is, by its name, else by what {@code --version} prints. */
    private ContainerCli kindOf(String exe) throws IOException, InterruptedException {
        String name = Path.of(exe).getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.contains("podman")) {
            return ContainerCli.PODMAN;
        }
        if (name.contains("docker")) {
            return ContainerCli.DOCKER;
        }
        CommandRunner.Result r = run(List.of(exe, "--version"));
        String out = (r.stdout() + r.stderr()).toLowerCase(Locale.ROOT);
        if (r.succeeded() && out.contains("podman")) {
            return ContainerCli.PODMAN;
        }
        if (r.succeeded() && out.contains("docker")) {
            return ContainerCli.DOCKER;
        }
        throw new BuildException("cannot tell whether --runtime-path " + exe + " is podman or docker (its --version "
                + "printed: " + firstLine(r.stdout() + r.stderr()) + "); add --runtime podman or --runtime docker");
    }

    private record Probe(boolean ok, String output) {
    }

    private Probe probe(ContainerCli cli, String exe) throws IOException, InterruptedException {
        CommandRunner.Result r;
        try {
            r = run(ContainerCli.withGlobal(cli.probe(exe), cli.options(options).global()));
        } catch (IOException e) {
            return new Probe(false, "cannot run it (" + e.getMessage() + ")");
        }
        if (r.succeeded() && !r.stdout().isBlank()) {
            return new Probe(true, r.stdout().strip());
        }
        return new Probe(false, "'" + String.join(" ", cli.probe(exe)) + "' exited with " + r.exitCode() + ": "
                + firstLine(r.stderr().isBlank() ? r.stdout() : r.stderr()));
    }

    private CommandRunner.Result run(List<String> cmd) throws IOException, InterruptedException {
        return runner.run(CommandRunner.Command.of(cmd), Listener.silent());
    }

    /** The first meaningful line of a failed command's output (stderr first), for an error message. */
    static String firstErrorLine(CommandRunner.Result r) {
        String err = r.stderr() == null ? "" : r.stderr();
        for (String line : err.split("\n")) {
            String l = line.strip();
            if (l.startsWith("Error") || l.startsWith("error")) {
                return l;
            }
        }
        return firstLine(err.isBlank() ? r.stdout() : err);
    }

    static String firstLine(String s) {
        String t = s == null ? "" : s.strip();
        for (String line : t.split("\n")) {
            if (!line.isBlank() && !line.startsWith("DEPRECATED")) {
                return line.strip();
            }
        }
        return t.isEmpty() ? "(no output)" : t.lines().findFirst().orElse("");
    }
}
