package io.forkliftvddk.core.discovery;

import io.forkliftvddk.core.image.ImageReference;
import java.io.Serializable;
import java.util.Objects;

/**
 * One poll: where to look, which kits count, and (optionally) the image repository whose tag tells whether the
 * newest kit was already built.
 *
 * @param imageRepository {@code registry/repository} without tag or digest, or null to only find the kit
 * @param tagTemplate     how a version becomes a tag ({@link TagTemplate#DEFAULT} when null)
 */
public record ReleaseRequest(SourceSpec source, KitFilter filter, String imageRepository, TagTemplate tagTemplate)
        implements Serializable {

    public ReleaseRequest {
        Objects.requireNonNull(source, "source");
        filter = filter == null ? KitFilter.any() : filter;
        tagTemplate = tagTemplate == null ? TagTemplate.defaultTemplate() : tagTemplate;
        if (imageRepository != null && imageRepository.isBlank()) {
            imageRepository = null;
        }
        if (imageRepository != null) {
            repository(imageRepository);
        }
    }

    public static ReleaseRequest of(SourceSpec source) {
        return new ReleaseRequest(source, null, null, null);
    }

    public ReleaseRequest withFilter(KitFilter f) {
        return new ReleaseRequest(source, f, imageRepository, tagTemplate);
    }

    public ReleaseRequest withImage(String repository, TagTemplate template) {
        return new ReleaseRequest(source, filter, repository, template);
    }

    /**
     * Parses an image repository: no tag, no digest (the tag comes from the template).
     *
     * @throws IllegalArgumentException naming the problem
     */
    public static ImageReference repository(String text) {
        ImageReference ref = ImageReference.parse(text);
        if (ref.hasDigest() || text.substring(Math.max(0, text.lastIndexOf('/'))).contains(":")) {
            throw new IllegalArgumentException("the image repository '" + text
                    + "' must not have a tag or digest: the tag comes from the tag template (for example quay.io/org/vddk)");
        }
        return ref;
    }

    /** The image reference a kit of this version gets. */
    public ImageReference imageFor(VddkKit kit) {
        return repository(imageRepository).withTag(tagTemplate.tagFor(kit.version()));
    }
}
