package io.forkliftvddk.core.discovery;

import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.registry.RegistryClient;
import java.io.IOException;
import java.util.Optional;

/**
 * Asks a registry for the manifest digest a tag points to. "Missing" and "could not ask" must stay apart: the
 * scheduled-rebuild trigger rebuilds on the first and retries on the second.
 */
@FunctionalInterface
public interface TagLookup {

    /**
     * The digest ({@code sha256:…}) the reference's tag points to.
     *
     * @return empty when the registry answers that the tag (or the repository) does not exist
     * @throws IOException when the registry cannot be reached or refuses the credentials: never "missing"
     */
    Optional<String> digestOf(ImageReference reference) throws IOException, InterruptedException;

    /**
     * Through the registry client: a 404 (unknown tag or repository) is "missing", every other failure (connection,
     * TLS, 401/403, 5xx after retries) a {@link io.forkliftvddk.core.registry.RegistryException}.
     */
    static TagLookup of(RegistryClient client) {
        return client::resolveDigest;
    }
}
