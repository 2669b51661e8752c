package io.forkliftvddk.core.discovery;

import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.spi.Listener;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * The poll of the scheduled-rebuild trigger and of {@code find-vddk}: newest kit, its tag, and whether the registry
 * already has it. Stateless: the registry is the memory, so a restart loses nothing.
 */
public final class ReleaseChecker {

    private final TagLookup registry;

    /** @param registry how to ask the registry; only used when a request names an image repository */
    public ReleaseChecker(TagLookup registry) {
        this.registry = registry;
    }

    /**
     * Runs the check.
     *
     * @throws DiscoveryException with {@link DiscoveryException.Stage#SOURCE} when the source cannot be listed, or
     *                            {@link DiscoveryException.Stage#REGISTRY} when the registry cannot be asked (an
     *                            outage is never reported as a missing image)
     */
    public ReleaseCheck check(ReleaseRequest request, Listener listener) throws DiscoveryException, InterruptedException {
        return check(request, request.source().open(), listener);
    }

    /** Runs the check against an already opened source (to download the kit from it afterwards). */
    public ReleaseCheck check(ReleaseRequest request, KitSource source, Listener listener)
            throws DiscoveryException, InterruptedException {
        Objects.requireNonNull(request, "request");
        Optional<VddkKit> newest;
        try {
            newest = source.newest(request.filter(), listener);
        } catch (IOException e) {
            throw new DiscoveryException(DiscoveryException.Stage.SOURCE,
                    "cannot list VDDK kits in " + source.describe() + ": " + e.getMessage(), e);
        }
        if (newest.isEmpty()) {
            return new ReleaseCheck(null, null, ReleaseCheck.ImageStatus.NO_KIT, null);
        }
        VddkKit kit = newest.get();
        if (request.imageRepository() == null) {
            return new ReleaseCheck(kit, null, ReleaseCheck.ImageStatus.NOT_CHECKED, null);
        }
        ImageReference image = request.imageFor(kit);
        if (registry == null) {
            throw new IllegalStateException("an image repository was given but no registry lookup");
        }
        Optional<String> digest;
        try {
            digest = registry.digestOf(image);
        } catch (IOException e) {
            throw new DiscoveryException(DiscoveryException.Stage.REGISTRY, "cannot ask " + image.registry()
                    + " whether " + image + " exists: " + e.getMessage()
                    + " (not treated as missing; nothing is rebuilt until the registry answers)", e);
        }
        ReleaseCheck result = digest.map(d -> new ReleaseCheck(kit, image, ReleaseCheck.ImageStatus.EXISTS, d))
                .orElseGet(() -> new ReleaseCheck(kit, image, ReleaseCheck.ImageStatus.MISSING, null));
        listener.info(result.summary());
        return result;
    }
}
