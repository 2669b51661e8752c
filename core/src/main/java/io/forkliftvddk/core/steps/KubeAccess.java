package io.forkliftvddk.core.steps;

import io.forkliftvddk.core.spi.Secret;

import java.io.Serializable;

/**
 * Where a cluster step's connection comes from, resolved from parameters, credentials, environment and defaults.
 * For {@link Source#KUBECONFIG_FILE} the front end reads the file (it may live on an agent) and calls
 * {@link #withKubeconfigContent}. {@code description} is safe to log.
 */
public record KubeAccess(Source source, Secret kubeconfig, String kubeconfigPath, String context, String serverUrl,
                         Secret token, String caCertificate, boolean insecureSkipTlsVerify, String description)
        implements Serializable {

    /** The kinds of connection. */
    public enum Source { KUBECONFIG, KUBECONFIG_FILE, TOKEN }

    public static KubeAccess kubeconfig(Secret content, String context, String description) {
        return new KubeAccess(Source.KUBECONFIG, content, null, context, null, null, null, false, description);
    }

    public static KubeAccess kubeconfigFile(String path, String context, String description) {
        return new KubeAccess(Source.KUBECONFIG_FILE, null, path, context, null, null, null, false, description);
    }

    public static KubeAccess token(String serverUrl, Secret token, String caCertificate, boolean insecure, String description) {
        return new KubeAccess(Source.TOKEN, null, null, null, serverUrl, token, caCertificate, insecure, description);
    }

    /** The file named by {@code KUBECONFIG}, once read. */
    public KubeAccess withKubeconfigContent(Secret content) {
        return new KubeAccess(Source.KUBECONFIG, content, kubeconfigPath, context, null, null, null, false, description);
    }
}
