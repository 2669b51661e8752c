package io.forkliftvddk.core.discovery;

import java.io.Serializable;

/**
 * A downloaded kit.
 *
 * @param path     where it now is (absolute)
 * @param size     bytes
 * @param sha256   computed while downloading (lower-case hex)
 * @param verified the source gave a checksum and it matched
 * @param reused   the file was already there with the expected checksum, so nothing was downloaded
 */
public record DownloadResult(String path, long size, String sha256, boolean verified, boolean reused)
        implements Serializable {
}
