/**
 * Where new VDDK kits appear and whether an image was already built for them.
 *
 * <p>VMware/Broadcom publish VDDK behind a login, so organisations drop kits into a shared directory or an internal
 * artifact repository (Artifactory, Nexus raw, a web server's directory listing). {@link
 * io.forkliftvddk.core.discovery.KitSource} lists the kits of such a place ({@link
 * io.forkliftvddk.core.discovery.DirectorySource}, {@link io.forkliftvddk.core.discovery.HttpIndexSource}), {@link
 * io.forkliftvddk.core.discovery.KitFilter} narrows them, {@link io.forkliftvddk.core.discovery.KitDownloader} fetches
 * one with its checksum verified, and {@link io.forkliftvddk.core.discovery.ReleaseChecker} answers the poll question
 * of the scheduled-rebuild trigger: the newest kit, the image tag it would get, and whether the registry already has
 * it. Nothing is kept between polls: the registry is the state.
 *
 * <p>HTTP goes through {@code java.net.http}: listing pages and kits are plain GETs, so no library is needed.
 * Credentials are sent only to the origin of the source URL (never to another host a link or a redirect points to).
 */
package io.forkliftvddk.core.discovery;
