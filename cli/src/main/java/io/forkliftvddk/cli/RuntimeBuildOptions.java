package io.forkliftvddk.cli;

import io.forkliftvddk.core.build.BuildRequest;
import io.forkliftvddk.core.build.Runtime;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The builder choice of build-image and the options only container runtimes use (kubectl-mtv's names and defaults
 * where it has them: {@code --runtime}, {@code --dockerfile}, {@code --build-dir}; ours: {@code --runtime-path},
 * {@code --build-arg}, {@code --runtime-opt}).
 */
public final class RuntimeBuildOptions {

    @Option(names = "--runtime", paramLabel = "RUNTIME", defaultValue = "auto",
            description = "auto, builtin, podman or docker (default: ${DEFAULT-VALUE}). auto uses the built-in builder "
                    + "when the image is pushed or written with --output and no --dockerfile is given; otherwise podman, "
                    + "then docker, whichever is found.")
    String runtime;

    @Option(names = "--dockerfile", paramLabel = "FILE",
            description = "Custom Dockerfile for a podman/docker build. Its final stage must COPY "
                    + "vmware-vix-disklib-distrib (checked before building). Default: the documented Dockerfile.")
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

    /** Copies these options into the request. */
    void apply(Invocation invocation, BuildRequest.Builder request) {
        apply(invocation, request, System.getenv());
    }

    void apply(Invocation invocation, BuildRequest.Builder request, Map<String, String> environment) {
        try {
            request.runtime(Runtime.parse(runtime));
        } catch (IllegalArgumentException e) {
            throw invocation.usageError(e.getMessage());
        }
        request.dockerfile(dockerfile).buildDir(buildDir).runtimePath(runtimePath)
                .buildArgs(buildArgs(invocation, environment)).runtimeOptions(runtimeOptions);
    }

    Map<String, String> buildArgs(Invocation invocation, Map<String, String> environment) {
        Map<String, String> args = new LinkedHashMap<>();
        for (String a : buildArgs) {
            int eq = a.indexOf('=');
            String key = eq < 0 ? a : a.substring(0, eq);
            if (!key.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw invocation.usageError("invalid --build-arg '" + a
                        + "': expected KEY=VALUE with KEY made of letters, digits and _");
            }
            if (eq < 0) {
                String value = environment.get(key);
                if (value == null) {
                    throw invocation.usageError("--build-arg " + key + ": " + key
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
