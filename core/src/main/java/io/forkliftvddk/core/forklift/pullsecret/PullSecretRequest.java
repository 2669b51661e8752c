package io.forkliftvddk.core.forklift.pullsecret;

import io.forkliftvddk.core.spi.Secret;
import java.io.Serializable;
import java.util.List;

/**
 * Registry credentials to install where Forklift pulls the VDDK image: the migration target namespaces (Forklift's
 * validator Job and the conversion pods run there).
 *
 * @param registry       registry host[:port] as it appears in image references (no scheme)
 * @param username       registry user
 * @param password       registry password or token
 * @param namespaces     namespaces to install the Secret in
 * @param secretName     name of the {@code kubernetes.io/dockerconfigjson} Secret (default {@code forklift-vddk-pull})
 * @param serviceAccount ServiceAccount whose imagePullSecrets get the Secret appended (default {@code default})
 */
public record PullSecretRequest(String registry, String username, Secret password, List<String> namespaces, String secretName,
                                String serviceAccount) implements Serializable {

    public static final String DEFAULT_SECRET_NAME = "forklift-vddk-pull";

    public PullSecretRequest {
        namespaces = List.copyOf(namespaces == null ? List.of() : namespaces);
        secretName = secretName == null || secretName.isBlank() ? DEFAULT_SECRET_NAME : secretName;
        serviceAccount = serviceAccount == null || serviceAccount.isBlank() ? "default" : serviceAccount;
    }
}
