package io.forkliftvddk.cli;

import io.forkliftvddk.core.build.BuildRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The {@code build-image} options of the podman/docker builders (kubectl-mtv's names and defaults where it has them:
 * {@code --dockerfile}, {@code --build-dir}; ours: {@code --runtime-path}, {@code --build-arg}, {@code --runtime-opt}).
 * A mixin, so the command keeps one place per concern.
 */
public final class RuntimeOptions {

    @Option(names = "--dockerfile", paramLabel = "FILE",
            description = "Custom Dockerfile for a podman/docker build. It must COPY vmware-vix-disklib-distrib into "
                    + "its final stage (checked before building). Default: the documented Dockerfile.")
    Path dockerfile;

    @Option(names = "--build-dir", paramLabel = "DIR",
            description = "Build context for podman/docker (default: a private temp dir, removed afterwards). Our "
                    + "entries in it (vmware-vix-disklib-distrib/, .forklift-vddk.Dockerfile) are replaced before and "
                    + "removed after the build; other files stay, for a custom Dockerfile to COPY.")
    Path buildDir;

    @Option(names = "--runtime-path", paramLabel = "PATH",
            description = "The podman or docker executable, when it is not on the PATH.")
    Path runtimePath;

    @Option(names = "--build-arg", paramLabel = "KEY=VALUE",
            description = "Dockerfile build argument (repeatable), as podman/docker --build-arg; KEY alone takes the "
                    + "value from the environment.")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = "--runtime-opt", paramLabel = "OPT",
            description = "Raw option for the runtime's build command (repeatable; split at spaces), e.g. "
                    + "--runtime-opt='--network none', --runtime-opt=--isolation=chroot.")
    List<String> runtimeOptions = new ArrayList<>();

    /**
     * Copies the options into a request.
     *
     * @param environment the CLI's environment, for {@code --build-arg KEY} without a value
     * @throws CommandLine.ParameterException for a malformed {@code --build-arg} (a usage error, exit 2)
     */
    public void applyTo(BuildRequest.Builder builder, Map<String, String> environment, CommandLine commandLine) {
        builder.dockerfile(dockerfile).buildDir(buildDir).runtimePath(runtimePath)
                .buildArgs(buildArgs(environment, commandLine)).runtimeOptions(runtimeOptions);
    }

    Map<String, String> buildArgs(Map<String, String> environment, CommandLine commandLine) {
        Map<String, String> args = new LinkedHashMap<>();
        for (String a : buildArgs) {
            int eq = a.indexOf('=');
            String key = eq < 0 ? a : a.substring(0, eq);
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new CommandLine.ParameterException(commandLine, "invalid --build-arg '" + a
                        + "': expected KEY=VALUE with KEY a name of letters, digits and _");
            }
            if (eq < 0) {
                String value = environment.get(key);
                if (value == null) {
                    throw new CommandLine.ParameterException(commandLine, "--build-arg " + key + ": " + key
                            + " is not set in the environment; write --build-arg " + key + "=VALUE");
                }
                args.put(key, value);
            } else {
                args.put(key, a.substring(eq + 1));
            }
        }
        return args;
    }
}
