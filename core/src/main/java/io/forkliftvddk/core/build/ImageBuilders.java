package io.forkliftvddk.core.build;

import io.forkliftvddk.core.spi.CommandRunner;
import java.io.IOException;
import java.util.Objects;

/**
 * Chooses the builder for a request ({@code --runtime auto|builtin|podman|docker}) and says why, so front ends can
 * show it. {@code auto} takes the built-in builder when there is no custom Dockerfile and the image goes somewhere
 * (push or OCI output); otherwise a container runtime.
 */
public final class ImageBuilders {

    /** The chosen builder and a sentence on why it was chosen. */
    public record Selection(ImageBuilder builder, String reason) { }

    private final CommandRunner runner;
    private final boolean windowsAgent;

    /** @param runner runs podman/docker for the runtime builders (the CLI's ProcessBuilder runner, the plugin's Launcher) */
    public ImageBuilders(CommandRunner runner) {
        this(runner, false);
    }

    /**
     * @param windowsAgent true when the build runs on a Windows agent (the front end knows it; core never asks the
     *                     JVM): the podman/docker builders refuse there
     */
    public ImageBuilders(CommandRunner runner, boolean windowsAgent) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.windowsAgent = windowsAgent;
    }

    public CommandRunner runner() {
        return runner;
    }

    /**
     * Picks the builder.
     *
     * @throws BuildException when the request cannot be served by the asked runtime, or no runtime is available
     */
    public Selection select(BuildRequest request) throws IOException, InterruptedException {
        switch (request.runtime()) {
            case BUILTIN:
                if (request.dockerfile() != null) {
                    throw new BuildException("the built-in builder does not run Dockerfiles (--dockerfile "
                            + request.dockerfile() + "); use --runtime podman or --runtime docker");
                }
                if (!request.hasDestination()) {
                    throw new BuildException("the built-in builder keeps no local image store: add --push, or --output "
                            + "oci:DIR / oci-archive:FILE, or use --runtime podman|docker to keep the image locally");
                }
                return new Selection(new BuiltinImageBuilder(), "--runtime builtin");
            case AUTO:
                if (request.dockerfile() == null && request.hasDestination()) {
                    return new Selection(new BuiltinImageBuilder(), "auto: no custom Dockerfile and the image goes to "
                            + (request.push() ? "a registry" : request.output()) + ", so the built-in builder pushes the kit as a layer");
                }
                return selectContainerRuntime(request);
            default:
                return selectContainerRuntime(request);
        }
    }

    /** podman / docker (explicit, or auto-detected: podman, then docker). */
    private Selection selectContainerRuntime(BuildRequest request) throws IOException, InterruptedException {
        RuntimeImageBuilder builder = RuntimeImageBuilder.locate(runner, request, windowsAgent);
        String why = builder.located().reason();
        if (request.runtime() == Runtime.AUTO) {
            why = (request.dockerfile() != null ? "auto: a custom Dockerfile needs a container runtime; "
                    : "auto: without --push or --output the image stays in a container runtime's local store; ") + why;
        }
        return new Selection(builder, why);
    }
}
