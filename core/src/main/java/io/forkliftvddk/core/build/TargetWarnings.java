package io.forkliftvddk.core.build;

import io.forkliftvddk.core.image.ImageReference;
import java.util.List;
import java.util.Optional;

/** Warnings about where an image goes, the same for every builder. */
final class TargetWarnings {

    private TargetWarnings() {
    }

    /** VMware's licence forbids public distribution of VDDK, so a push to Docker Hub deserves a warning. */
    static Optional<String> publicHub(List<ImageReference> targets) {
        for (ImageReference t : targets) {
            if (t.registry().equals(ImageReference.DEFAULT_REGISTRY)) {
                return Optional.of(t + " is on Docker Hub: VMware's licence forbids public distribution of VDDK; "
                        + "push only to a private repository");
            }
        }
        return Optional.empty();
    }
}
