package io.forkliftvddk.core.build;

import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.image.Platform;
import io.forkliftvddk.core.spi.Listener;
import java.io.IOException;
import java.util.Optional;

/**
 * Reads an image a runtime pushed back from the registry with the core registry client (not the runtime, whose word
 * it checks): the digest the tag resolves to, and {@link RegistryImageVerifier}'s contract check, the same one the
 * built-in builder and {@code verify-image} use.
 */
final class RegistryVerifier implements RuntimeImageBuilder.RemoteVerifier {

    private final Platform platform;

    RegistryVerifier(Platform platform) {
        this.platform = platform;
    }

    @Override
    public Optional<String> currentDigest(ImageReference tag, RegistryAccess access, Listener listener)
            throws IOException, InterruptedException {
        try (RegistryClientPort registry = new RegistryClientPort(access, listener)) {
            return registry.manifest(tag).map(RegistryPort.Fetched::digest);
        }
    }

    @Override
    public RuntimeImageBuilder.Pushed pushed(ImageReference tag, RegistryAccess access, Listener listener)
            throws IOException, InterruptedException {
        try (RegistryClientPort registry = new RegistryClientPort(access, listener)) {
            RegistryPort.Fetched m = registry.manifest(tag).orElseThrow(() -> new BuildException(
                    "the push of " + tag + " reported success, but the registry does not know the tag"));
            JNode json = ImageJson.parseObject(m.bytes(), "manifest of " + tag);
            long size = -1;
            if (!ImageJson.isIndex(m.mediaType(), json)) {
                JNode configSize = json.path("config").path("size");
                size = configSize.canConvertToLong() ? configSize.asLong() : 0;
                for (ImageJson.Blob layer : ImageJson.layers(json)) {
                    size += layer.size();
                }
            }
            return new RuntimeImageBuilder.Pushed(m.digest(), size);
        }
    }

    @Override
    public ContractCheck verify(ImageReference pinned, RegistryAccess access, Listener listener)
            throws IOException, InterruptedException {
        return new RegistryImageVerifier().verify(pinned, platform, access, listener);
    }
}
