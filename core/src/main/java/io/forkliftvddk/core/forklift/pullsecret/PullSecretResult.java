package io.forkliftvddk.core.forklift.pullsecret;

import java.io.Serializable;
import java.util.List;

/**
 * What {@link PullSecrets#apply} did, per namespace.
 *
 * @param entries one per namespace, in the order given
 */
public record PullSecretResult(List<Entry> entries) implements Serializable {

    public PullSecretResult {
        entries = List.copyOf(entries);
    }

    /**
     * @param namespace      the namespace
     * @param secretName     the Secret
     * @param secret         created, updated or unchanged
     * @param serviceAccount the ServiceAccount
     * @param appended       whether the Secret was appended to its imagePullSecrets (false: it was there already)
     */
    public record Entry(String namespace, String secretName, String secret, String serviceAccount, boolean appended) implements Serializable {
    }
}
