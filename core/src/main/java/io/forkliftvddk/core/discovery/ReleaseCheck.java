package io.forkliftvddk.core.discovery;

import io.forkliftvddk.core.image.ImageReference;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to one poll: the newest matching kit, the image it would become, and whether that image exists.
 *
 * @param kit    the newest kit that passed the filter, or null when none did
 * @param image  the image reference for the kit's tag, or null without a repository (or without a kit)
 * @param status what the registry said
 * @param digest the digest the tag points to when it exists, else null
 */
public record ReleaseCheck(VddkKit kit, ImageReference image, ImageStatus status, String digest) implements Serializable {

    /** Whether the image for the newest kit exists. */
    public enum ImageStatus {
        /** No kit matched the filter, so nothing was asked. */
        NO_KIT,
        /** No image repository given, so nothing was asked. */
        NOT_CHECKED,
        /** The registry answered: the tag does not exist. */
        MISSING,
        /** The registry answered: the tag exists (see {@link ReleaseCheck#digest()}). */
        EXISTS
    }

    public boolean found() {
        return kit != null;
    }

    /** The registry was asked and has the tag. */
    public boolean imageExists() {
        return status == ImageStatus.EXISTS;
    }

    /** A kit was found and no image for it is known to exist: the caller should build. */
    public boolean shouldBuild() {
        return kit != null && status != ImageStatus.EXISTS;
    }

    /** The tag, or null. */
    public String tag() {
        return image == null ? null : image.tag();
    }

    /** One line for a log or the trigger's status. */
    public String summary() {
        return switch (status) {
            case NO_KIT -> "no VDDK kit matches";
            case NOT_CHECKED -> "newest kit " + kit.name() + " (" + kit.version() + ")";
            case MISSING -> "new VDDK " + kit.version() + ": " + image + " does not exist yet";
            case EXISTS -> "VDDK " + kit.version() + " already built: " + image + " is " + digest;
        };
    }

    /**
     * The step result map ({@code findVddkArchive}): {@code found}, {@code version}, {@code name}, {@code location},
     * {@code size}, {@code sha256}, {@code image}, {@code tag}, {@code imageExists} (Boolean, null when not asked),
     * {@code digest}, {@code shouldBuild}. Strings, Longs and Booleans only, so it binds in a Pipeline as is.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("found", kit != null);
        m.put("version", kit == null ? null : kit.version().toString());
        m.put("name", kit == null ? null : kit.name());
        m.put("location", kit == null ? null : kit.location());
        m.put("size", kit == null || kit.size() < 0 ? null : kit.size());
        m.put("sha256", kit == null ? null : kit.sha256());
        m.put("image", image == null ? null : image.toString());
        m.put("tag", tag());
        m.put("imageExists", status == ImageStatus.EXISTS ? Boolean.TRUE : status == ImageStatus.MISSING ? Boolean.FALSE : null);
        m.put("digest", digest);
        m.put("shouldBuild", shouldBuild());
        return m;
    }
}
