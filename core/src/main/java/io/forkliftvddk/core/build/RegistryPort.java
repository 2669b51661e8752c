package io.forkliftvddk.core.build;

import io.forkliftvddk.core.image.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * The registry operations the built-in builder and verify-image use, over the core registry client. One port serves
 * every registry of a build (the base image's and the targets'); each call names its repository.
 */
interface RegistryPort {

    /** A manifest or index as stored: media type, digest of the bytes, the bytes. */
    record Fetched(String mediaType, String digest, byte[] bytes) { }

    /** Re-openable blob content (a broken upload restarts from the first byte). */
    @FunctionalInterface
    interface Source {
        InputStream open() throws IOException;
    }

    /** The manifest or index a tag or digest points to; empty when the registry does not know it (404). */
    Optional<Fetched> manifest(ImageReference ref) throws IOException, InterruptedException;

    /** A small blob (a config) read whole, its digest checked. */
    byte[] blob(ImageReference repository, String digest) throws IOException, InterruptedException;

    /** A blob as a stream (a layer), to be read to the end and closed by the caller. */
    InputStream openBlob(ImageReference repository, String digest) throws IOException, InterruptedException;

    boolean blobExists(ImageReference repository, String digest) throws IOException, InterruptedException;

    /** Cross-repository mount within one registry; false when the registry did not mount (the caller uploads). */
    boolean mountBlob(ImageReference target, String digest, ImageReference from) throws IOException, InterruptedException;

    /** Uploads a blob whose digest and size are known; progress under {@code progressName}. */
    void uploadBlob(ImageReference repository, String digest, long size, Source source, String progressName)
            throws IOException, InterruptedException;

    /** Writes a manifest or index under {@code ref}'s tag (or digest). */
    void putManifest(ImageReference ref, String mediaType, byte[] bytes) throws IOException, InterruptedException;
}
