package io.forkliftvddk.core.registry;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bytes of a blob to upload, re-openable: an upload that breaks is restarted from the first byte, so the client
 * opens the source again for each attempt and closes every stream it opened.
 */
@FunctionalInterface
public interface BlobSource {

    /** A fresh stream positioned at the first byte of the blob. */
    InputStream open() throws IOException;

    static BlobSource of(Path file) {
        return () -> Files.newInputStream(file);
    }

    static BlobSource of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return () -> new ByteArrayInputStream(copy);
    }
}
