package io.forkliftvddk.core.build;

import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.image.Platform;
import io.forkliftvddk.core.spi.Listener;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Checks an image in a registry against Forklift's contract ({@code forklift-vddk verify-image REF}), for images
 * built anywhere: reads the manifest (the platform's entry of an index) and the config, then the layers from the top
 * down until the kit's library resolves, so a large base image is usually not read at all.
 */
public final class RegistryImageVerifier {

    private final BiFunction<RegistryAccess, Listener, RegistryPort> registries;

    public RegistryImageVerifier() {
        this(RegistryClientPort::new);
    }

    RegistryImageVerifier(BiFunction<RegistryAccess, Listener, RegistryPort> registries) {
        this.registries = registries;
    }

    /**
     * Verifies one platform's image.
     *
     * @throws BuildException when the image cannot be read (not found, not an image)
     */
    public ContractCheck verify(ImageReference ref, Platform platform, RegistryAccess access, Listener listener)
            throws IOException, InterruptedException {
        RegistryPort registry = registries.apply(access, listener);
        try {
            return verify(registry, ref, platform, listener);
        } finally {
            if (registry instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    listener.debug("closing the registry client: " + e.getMessage());
                }
            }
        }
    }

    static ContractCheck verify(RegistryPort registry, ImageReference ref, Platform platform, Listener listener)
            throws IOException, InterruptedException {
        RegistryPort.Fetched top = registry.manifest(ref).orElseThrow(() -> new BuildException("image " + ref + " not found"));
        JNode json = ImageJson.parseObject(top.bytes(), "manifest of " + ref);
        String digest = top.digest();
        if (ImageJson.isIndex(top.mediaType(), json)) {
            String match = null;
            List<String> offered = new ArrayList<>();
            for (JNode m : json.path("manifests")) {
                String os = m.path("platform").path("os").asText();
                String arch = m.path("platform").path("architecture").asText();
                offered.add(os + "/" + arch);
                if (match == null && platform.os().equals(os) && platform.architecture().equals(arch)) {
                    match = m.path("digest").asText();
                }
            }
            if (match == null) {
                throw new BuildException("image " + ref + " has no " + platform + " image (it offers " + offered + ")");
            }
            RegistryPort.Fetched m = registry.manifest(ref.pinned(match))
                    .orElseThrow(() -> new BuildException("image " + ref + ": the " + platform + " manifest is missing"));
            json = ImageJson.parseObject(m.bytes(), "manifest of " + ref);
        }
        if (!json.has("config") || !json.has("layers")) {
            throw new BuildException(ref + " is not an OCI or Docker schema 2 image manifest");
        }
        String config = json.get("config").path("digest").asText();
        JNode c = ImageJson.parseObject(registry.blob(ref, config), "config of " + ref);
        listener.trace("config of " + ref + ":\n" + ImageJson.pretty(ImageJson.bytes(c)));
        List<String> entrypoint = ImageJson.strings(c.path("config").get("Entrypoint"));
        List<String> cmd = ImageJson.strings(c.path("config").get("Cmd"));
        List<ImageJson.Blob> layers = ImageJson.layers(json);
        KitTree tree = new KitTree();
        for (int i = layers.size() - 1; i >= 0; i--) {
            ImageJson.Blob l = layers.get(i);
            listener.debug("reading layer " + (i + 1) + "/" + layers.size() + " " + BuiltinImageBuilder.short12(l.digest())
                    + " (" + l.size() + " bytes)");
            try (InputStream in = registry.openBlob(ref, l.digest())) {
                tree.addLowerLayer(in);
            }
            if (tree.resolve(KitTree.LIBRARY).resolved()) {
                break;
            }
        }
        return ImageVerifier.verify(ref.pinned(digest).toString(), entrypoint, cmd, tree);
    }
}
