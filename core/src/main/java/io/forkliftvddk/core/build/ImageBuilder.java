package io.forkliftvddk.core.build;

import io.forkliftvddk.core.spi.Listener;
import java.io.IOException;

/**
 * Builds a VDDK image from a kit: the built-in daemonless builder, or podman/docker through
 * {@link io.forkliftvddk.core.spi.CommandRunner}. Every implementation validates the kit first, verifies the result
 * against Forklift's contract ({@link ImageVerifier}) before reporting success, writes tags last (an interrupted
 * build leaves no partial tag), and reports progress and warnings through the listener.
 */
public interface ImageBuilder {

    /**
     * Builds (and pushes or writes) the image.
     *
     * @throws BuildException       for a failure the user can act on (invalid kit, registry refused, contract not met)
     * @throws IOException          for other I/O failures
     * @throws InterruptedException when aborted; uploads stop and no tag is written
     */
    BuildResult build(BuildRequest request, Listener listener) throws IOException, InterruptedException;

    /** Which builder this is. */
    Runtime runtime();
}
