package io.forkliftvddk.cli;

import io.forkliftvddk.core.forklift.ForkliftException;
import io.forkliftvddk.core.forklift.settings.ForkliftSettings;
import io.forkliftvddk.core.forklift.settings.SettingsResult;
import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.spi.Listener;
import java.io.PrintWriter;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code --set-controller-image} options for {@code build-image} (a picocli mixin): after a push, set the
 * ForkliftController's global {@code vddk_image} to the pushed image, pinned by digest unless
 * {@code --controller-image-ref tag}. Usage in a command: {@code @Mixin SetControllerImageOptions controllerImage;},
 * then {@code controllerImage.check(push)} before building and {@code controllerImage.apply(pushed, digest, listener, out)}
 * after the push.
 */
public final class SetControllerImageOptions {

    @Option(names = "--set-controller-image", description = "After the push, set the ForkliftController's global vddk_image to the image (needs --push).")
    boolean set;

    @Option(names = "--controller-image-ref", paramLabel = "digest|tag", description = "Reference written: digest (pinned, default) or tag.")
    String ref = "digest";

    @Option(names = "--mtv-namespace", paramLabel = "NS", description = "MTV namespace (default: discovered).")
    String mtvNamespace;

    @Option(names = "--controller", paramLabel = "NAME", description = "ForkliftController name (default: the only one).")
    String controller;

    @Option(names = "--wait-rollout", description = "Wait until the operator has rolled the new image out.")
    boolean waitRollout;

    @Option(names = "--rollout-timeout", paramLabel = "DURATION", converter = ForkliftCli.DurationConverter.class,
            description = "How long --wait-rollout waits (default: 5m).")
    Duration rolloutTimeout = Duration.ofMinutes(5);

    @Mixin
    KubeOptions kube;

    public boolean enabled() {
        return set;
    }

    /** Refuses the options before any work: --set-controller-image requires --push; --controller-image-ref digest|tag. */
    public void check(boolean push) {
        if (set && !push) {
            throw ForkliftException.invalid("--set-controller-image requires --push");
        }
        if (!ref.equals("digest") && !ref.equals("tag")) {
            throw ForkliftException.invalid("invalid --controller-image-ref " + ref + ": use digest or tag");
        }
    }

    /**
     * Sets vddk_image to {@code pushed} pinned to {@code digest} (or to the tag with {@code --controller-image-ref tag}).
     * Does nothing (returns null) without {@code --set-controller-image}.
     */
    public SettingsResult apply(ImageReference pushed, String digest, Listener listener, PrintWriter out) throws InterruptedException {
        if (!set) {
            return null;
        }
        ImageReference value = ref.equals("tag") ? pushed.withTag(pushed.tagOrLatest()) : pushed.pinned(digest);
        SettingsResult r = ForkliftSettings.setVddkImage(kube.resolve(System.in, listener), value, mtvNamespace, controller,
                waitRollout ? rolloutTimeout : null, listener);
        SettingsCommand.report(out, listener, r, "text");
        return r;
    }
}
