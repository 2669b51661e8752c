package io.forkliftvddk.core.build;

import java.time.Instant;
import java.util.List;

/**
 * What the built-in builder needs to know about a kit, from the archive inspection.
 *
 * @param sha256           sha256 of the tar.gz, hex (the kit layer's digest when pushed as is)
 * @param compressedSize   bytes of the tar.gz
 * @param diffId           {@code sha256:...} of the uncompressed tar (the layer's diff_id)
 * @param uncompressedSize bytes of the tar
 * @param version          the VDDK version ({@code 8.0.1-21562716}), or null
 * @param usableAsLayer    the tar.gz can be the image layer byte for byte
 * @param repackReasons    why not, when not
 * @param newest           the newest entry time in the kit (the image's {@code created})
 * @param compatPossible   a VDDK 9 kit without {@code libvixDiskLib.so.8}: the compatibility link is possible
 * @param libraryChain     how {@code lib64/libvixDiskLib.so} resolves ({@code a -> b -> c})
 * @param warnings         inspection warnings to pass on
 */
public record KitFacts(String sha256, long compressedSize, String diffId, long uncompressedSize, String version,
                       boolean usableAsLayer, List<String> repackReasons, Instant newest, boolean compatPossible,
                       String libraryChain, List<String> warnings) {
    public KitFacts {
        repackReasons = List.copyOf(repackReasons);
        warnings = List.copyOf(warnings);
    }
}
