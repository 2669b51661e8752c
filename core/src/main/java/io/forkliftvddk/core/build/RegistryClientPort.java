package io.forkliftvddk.core.build;

import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.registry.Manifest;
import io.forkliftvddk.core.registry.ProxySettings;
import io.forkliftvddk.core.registry.RegistryClient;
import io.forkliftvddk.core.registry.RegistryCredentials;
import io.forkliftvddk.core.registry.RegistryException;
import io.forkliftvddk.core.registry.RegistryOptions;
import io.forkliftvddk.core.registry.RegistryTls;
import io.forkliftvddk.core.spi.Listener;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;

/** {@link RegistryPort} over the core {@link RegistryClient}, configured from a {@link RegistryAccess}. */
final class RegistryClientPort implements RegistryPort, AutoCloseable {

    /** Configs and manifests are small; registries refuse manifests over 4 MiB. */
    private static final int MAX_DOCUMENT = 4 * 1024 * 1024;

    private final RegistryClient client;

    RegistryClientPort(RegistryAccess access, Listener listener) {
        try {
            this.client = RegistryClient.create(options(access, listener));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RegistryOptions options(RegistryAccess access, Listener listener) {
        RegistryOptions.Builder b = RegistryOptions.builder().listener(listener).authFile(access.authFile());
        for (Map.Entry<String, RegistryAccess.Credentials> e : access.credentials().entrySet()) {
            b.credentials(e.getKey(), new RegistryCredentials(e.getValue().username(), e.getValue().password()));
        }
        if (!access.caCertificates().isEmpty()) {
            b.defaultTls(RegistryTls.caBundles(access.caCertificates()));
        }
        for (String host : access.insecureHosts()) {
            b.tls(host, RegistryTls.insecure());
        }
        if (access.proxy() != null) {
            b.proxy(ProxySettings.parse(access.proxy(), String.join(",", access.noProxy())));
        }
        return b.build();
    }

    RegistryClient client() {
        return client;
    }

    @Override
    public Optional<Fetched> manifest(ImageReference ref) throws IOException, InterruptedException {
        try {
            Manifest m = client.getManifest(ref);
            return Optional.of(new Fetched(m.mediaType(), m.digest(), m.bytes()));
        } catch (RegistryException e) {
            if (e.kind() == RegistryException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public byte[] blob(ImageReference repository, String digest) throws IOException, InterruptedException {
        return client.getBlobBytes(repository, digest, MAX_DOCUMENT);
    }

    @Override
    public InputStream openBlob(ImageReference repository, String digest) throws IOException, InterruptedException {
        return client.getBlob(repository, digest);
    }

    @Override
    public boolean blobExists(ImageReference repository, String digest) throws IOException, InterruptedException {
        return client.blobExists(repository, digest);
    }

    @Override
    public boolean mountBlob(ImageReference target, String digest, ImageReference from) throws IOException, InterruptedException {
        return client.mountBlob(target, digest, from);
    }

    @Override
    public void uploadBlob(ImageReference repository, String digest, long size, Source source, String progressName)
            throws IOException, InterruptedException {
        client.uploadBlob(repository, digest, size, source::open, progressName);
    }

    @Override
    public void putManifest(ImageReference ref, String mediaType, byte[] bytes) throws IOException, InterruptedException {
        client.putManifest(ref, mediaType, bytes);
    }

    @Override
    public void close() {
        client.close();
    }
}
