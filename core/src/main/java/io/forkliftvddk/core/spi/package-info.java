/**
 * The seams the front ends implement: {@link io.forkliftvddk.core.spi.CommandRunner} (processes),
 * {@link io.forkliftvddk.core.spi.Listener} (progress and log lines) and {@link io.forkliftvddk.core.spi.Secret}.
 */
package io.forkliftvddk.core.spi;
