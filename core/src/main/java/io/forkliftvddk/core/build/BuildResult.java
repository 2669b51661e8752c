package io.forkliftvddk.core.build;

import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.image.Platform;
import java.io.Serializable;
import java.util.List;

/**
 * What a build produced. Serializable, so it crosses from a Jenkins agent to the controller.
 *
 * @param references     every tag written (including the immutable tag when asked), in request order
 * @param digest         the manifest (or index, for several platforms) digest, {@code sha256:...}
 * @param pinned         {@code registry/repository@sha256:...} of the first tag, what Forklift's {@code vddk_image} should hold
 * @param vddkVersion    the kit's version ({@code 8.0.1} or {@code 8.0.1-21562716}), or null when unknown
 * @param kitSha256      sha256 of the kit tar.gz, hex
 * @param platforms      the image's platforms
 * @param layerSize      bytes of the kit layer as stored (compressed)
 * @param totalSize      bytes of all layers plus config of one platform's image, as stored
 * @param unchanged      true when every tag already pointed to this exact image and nothing was uploaded
 * @param previousDigest the digest the first tag pointed to before, when it moved; null when new or unchanged
 * @param builder        which builder made the image
 * @param output         where the image went
 * @param warnings       things the user should know (licence, platform, repack), also sent to the listener
 * @param verification   the contract check of the result, or null when the builder could not check it
 */
public record BuildResult(List<ImageReference> references, String digest, ImageReference pinned, String vddkVersion,
                          String kitSha256, List<Platform> platforms, long layerSize, long totalSize, boolean unchanged,
                          String previousDigest, Runtime builder, String output, List<String> warnings,
                          ContractCheck verification) implements Serializable {

    private static final long serialVersionUID = 1L;

    public BuildResult {
        references = List.copyOf(references);
        platforms = List.copyOf(platforms);
        warnings = List.copyOf(warnings);
    }

    /** The reference to hand to Forklift: pinned by digest, so a moved tag cannot change what migrations use. */
    public String forkliftImage() {
        return pinned.toString();
    }
}
