package io.forkliftvddk.core.build;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command lines of the two container runtimes. They agree on build/push/inspect syntax; they differ in where
 * credentials live (podman {@code --authfile}, docker {@code DOCKER_CONFIG}), in TLS options (podman has
 * {@code --tls-verify} and {@code --cert-dir} per command; docker only the daemon's configuration) and in how a push
 * reports its digest (podman {@code --digestfile}; docker prints {@code <tag>: digest: sha256:... size: N}).
 */
public enum ContainerCli {
    PODMAN("podman", Runtime.PODMAN),
    DOCKER("docker", Runtime.DOCKER);

    /** Where credentials and certificates for one run live: a private 0700 directory (see {@link PrivateAuth}). */
    public record Access(Path authFile, Path dockerConfigDir, Path certDir, boolean insecure) {
    }

    /**
     * {@code --runtime-opt} values split into the runtime's global options, which every command of the build needs
     * (podman {@code --root}, {@code --storage-driver}: otherwise the push would look in another store; docker
     * {@code -H}: otherwise it would talk to another daemon), and options of the build command only.
     */
    public record Options(List<String> global, List<String> build) {
        public Options {
            global = List.copyOf(global);
            build = List.copyOf(build);
        }
    }

    private static final java.util.Set<String> PODMAN_GLOBAL_WITH_VALUE = java.util.Set.of("--root", "--runroot",
            "--storage-driver", "--storage-opt", "--cgroup-manager", "--events-backend", "--tmpdir", "--url",
            "--connection", "-c", "--identity", "--log-level", "--conmon", "--hooks-dir", "--network-cmd-path");
    private static final java.util.Set<String> PODMAN_GLOBAL_FLAGS = java.util.Set.of("--remote", "-r", "--syslog");
    private static final java.util.Set<String> DOCKER_GLOBAL_WITH_VALUE = java.util.Set.of("-H", "--host", "--context",
            "--tlscacert", "--tlscert", "--tlskey", "--log-level", "-l");
    private static final java.util.Set<String> DOCKER_GLOBAL_FLAGS = java.util.Set.of("--tls", "--tlsverify", "-D",
            "--debug");

    private final String executableName;
    private final Runtime runtime;

    ContainerCli(String executableName, Runtime runtime) {
        this.executableName = executableName;
        this.runtime = runtime;
    }

    /** The executable looked for on PATH. */
    public String executableName() {
        return executableName;
    }

    public Runtime runtime() {
        return runtime;
    }

    /** Whether TLS verification can be turned off for one command (docker: only in the daemon's configuration). */
    public boolean canSkipTlsPerCommand() {
        return this == PODMAN;
    }

    /**
     * Splits {@code --runtime-opt} words into global and build options.
     *
     * @throws BuildException for docker's {@code --config}, which would bypass the private credentials directory
     */
    public Options options(List<String> words) throws BuildException {
        java.util.Set<String> withValue = this == PODMAN ? PODMAN_GLOBAL_WITH_VALUE : DOCKER_GLOBAL_WITH_VALUE;
        java.util.Set<String> flags = this == PODMAN ? PODMAN_GLOBAL_FLAGS : DOCKER_GLOBAL_FLAGS;
        List<String> global = new ArrayList<>();
        List<String> build = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String name = w.contains("=") ? w.substring(0, w.indexOf('=')) : w;
            if (this == DOCKER && name.equals("--config")) {
                throw new BuildException("--runtime-opt " + w + ": docker's --config would bypass the private credentials"
                        + " directory of this build; give the auth file with --authfile instead");
            }
            if (withValue.contains(name)) {
                global.add(w);
                if (!w.contains("=") && i + 1 < words.size()) {
                    global.add(words.get(++i));
                }
            } else if (flags.contains(name)) {
                global.add(w);
            } else {
                build.add(w);
            }
        }
        return new Options(global, build);
    }

    /** The command with the global options right after the executable. */
    public static List<String> withGlobal(List<String> command, List<String> global) {
        if (global.isEmpty()) {
            return command;
        }
        List<String> c = new ArrayList<>(command.size() + global.size());
        c.add(command.get(0));
        c.addAll(global);
        c.addAll(command.subList(1, command.size()));
        return c;
    }

    /** A cheap command that fails when the runtime is unusable (docker: daemon unreachable). */
    public List<String> probe(String exe) {
        return this == PODMAN
                ? List.of(exe, "version", "--format", "{{.Client.Version}}")
                : List.of(exe, "version", "--format", "{{.Server.Version}}");
    }

    /** Environment for commands that use the private access (docker reads its credentials from DOCKER_CONFIG). */
    public Map<String, String> environment(Access access) {
        if (this == DOCKER && access != null && access.dockerConfigDir() != null) {
            return Map.of("DOCKER_CONFIG", access.dockerConfigDir().toString());
        }
        return Map.of();
    }

    /** {@code build}: the context is the working directory; the Dockerfile is named explicitly. */
    public List<String> build(String exe, Path dockerfile, List<String> tags, String platform, Map<String, String> buildArgs,
                              Map<String, String> labels, Access baseAccess, List<String> runtimeOptions, Path context) {
        List<String> cmd = new ArrayList<>(List.of(exe, "build", "--file", dockerfile.toString()));
        for (String tag : tags) {
            cmd.add("--tag");
            cmd.add(tag);
        }
        if (platform != null) {
            cmd.add("--platform");
            cmd.add(platform);
        }
        buildArgs.forEach((k, v) -> {
            cmd.add("--build-arg");
            cmd.add(k + "=" + v);
        });
        labels.forEach((k, v) -> {
            cmd.add("--label");
            cmd.add(k + "=" + v);
        });
        if (this == PODMAN && baseAccess != null) {
            // the base image may need credentials or TLS settings of its own (registry.redhat.io, a mirror)
            addPodmanAccess(cmd, baseAccess);
        }
        cmd.addAll(runtimeOptions);
        cmd.add(context.toString());
        return cmd;
    }

    /** {@code login --password-stdin}: the password goes to standard input, never to the command line. */
    public List<String> login(String exe, String registry, String username, Access access) {
        List<String> cmd = new ArrayList<>(List.of(exe, "login"));
        if (this == PODMAN) {
            addPodmanAccess(cmd, access);
        }
        cmd.addAll(List.of("--username", username, "--password-stdin", registry));
        return cmd;
    }

    /** {@code push}; podman also writes the pushed manifest's digest to {@code digestFile}. */
    public List<String> push(String exe, String tag, Access access, Path digestFile) {
        List<String> cmd = new ArrayList<>(List.of(exe, "push"));
        if (this == PODMAN) {
            addPodmanAccess(cmd, access);
            cmd.add("--digestfile");
            cmd.add(digestFile.toString());
        }
        cmd.add(tag);
        return cmd;
    }

    /** The image's config (Entrypoint, Cmd, User, Labels) as JSON. */
    public List<String> inspectConfig(String exe, String image) {
        return List.of(exe, "image", "inspect", "--format", "{{json .Config}}", image);
    }

    /** The local image id ({@code sha256:...}). */
    public List<String> imageId(String exe, String image) {
        return List.of(exe, "image", "inspect", "--format", "{{.Id}}", image);
    }

    /**
     * A container that is never started, only exported. The entrypoint is overridden because docker refuses to
     * create a container from an image that has neither entrypoint nor cmd, and that image must still be checked.
     */
    public List<String> create(String exe, String name, String image) {
        return List.of(exe, "create", "--name", name, "--network", "none", "--entrypoint", "/forklift-vddk-never-started", image);
    }

    public List<String> export(String exe, String container, Path file) {
        return List.of(exe, "export", "--output", file.toString(), container);
    }

    public List<String> removeContainer(String exe, String container) {
        return List.of(exe, "rm", "--force", container);
    }

    private static void addPodmanAccess(List<String> cmd, Access access) {
        if (access.authFile() != null) {
            cmd.add("--authfile");
            cmd.add(access.authFile().toString());
        }
        if (access.insecure()) {
            cmd.add("--tls-verify=false");
        } else if (access.certDir() != null) {
            cmd.add("--cert-dir");
            cmd.add(access.certDir().toString());
        }
    }
}
