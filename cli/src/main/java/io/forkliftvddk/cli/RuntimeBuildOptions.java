package io.forkliftvddk.cli;

import io.forkliftvddk.core.build.BuildRequest;
import io.forkliftvddk.core.build.Runtime;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The builder choice of build-image and the options only container runtimes use. The runtime builders add their
 * options (--dockerfile, --build-dir, --runtime-path, --build-arg, --runtime-opt) here, next to {@code --runtime}.
 */
public final class RuntimeBuildOptions {

    @Option(names = "--runtime", paramLabel = "RUNTIME", defaultValue = "auto",
            description = "auto, builtin, podman or docker (default: ${DEFAULT-VALUE}). auto uses the built-in builder "
                    + "when the image is pushed or written with --output and no --dockerfile is given.")
    String runtime;

    /** Copies these options into the request. */
    void apply(CommandSpec spec, BuildRequest.Builder request) {
        try {
            request.runtime(Runtime.parse(runtime));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
