/**
 * The VDDK tarball: {@link io.forkliftvddk.core.archive.VddkArchive} inspects one in a single streaming pass (entry
 * safety, kit layout, version, both digests), extracts it safely for Dockerfile builds, and repacks it into a
 * normalised layer. Rejections are {@link io.forkliftvddk.core.archive.VddkArchiveException}s.
 */
package io.forkliftvddk.core.archive;
