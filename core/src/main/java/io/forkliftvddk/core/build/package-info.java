/**
 * Image builders: {@link io.forkliftvddk.core.build.ImageBuilder} with the built-in daemonless builder (the kit
 * tar.gz pushed as is as the last layer over the base image's layers) and the container-runtime builders (podman,
 * docker through {@link io.forkliftvddk.core.spi.CommandRunner}); the shared request and result records; the
 * selection ({@link io.forkliftvddk.core.build.ImageBuilders}); and the verification of images against Forklift's
 * VDDK image contract ({@link io.forkliftvddk.core.build.ImageVerifier}).
 */
package io.forkliftvddk.core.build;
