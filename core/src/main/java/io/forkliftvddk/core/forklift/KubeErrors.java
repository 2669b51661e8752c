package io.forkliftvddk.core.forklift;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns fabric8 errors into {@link ForkliftException}s whose text says what failed and what to do. The mapping looks
 * at the HTTP code and the cause chain, not at message substrings (kubectl-mtv matches substrings).
 */
public final class KubeErrors {

    private KubeErrors() {
    }

    /**
     * Maps an error of one API call.
     *
     * @param verb     the verb sent (get, list, create, update, patch, delete)
     * @param resource what it was sent to, e.g. {@code forkliftcontrollers.forklift.konveyor.io "x" in namespace "y"}
     */
    public static ForkliftException map(KubernetesClientException e, String verb, String resource) {
        String status = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : null;
        String detail = status != null ? status : e.getMessage();
        switch (e.getCode()) {
            case 401:
                return new ForkliftException(ForkliftException.Kind.UNAUTHORIZED,
                        "authentication failed (401) on " + verb + " " + resource
                                + ": the token or client certificate is not accepted; log in again or pass a valid token", e);
            case 403:
                return new ForkliftException(ForkliftException.Kind.FORBIDDEN,
                        "permission denied (403): cannot " + verb + " " + resource
                                + "; ask a cluster admin for RBAC that allows '" + verb + "' on it (" + detail + ")", e);
            case 404:
                if (resource.contains("forklift.konveyor.io") && (detail == null || detail.contains("could not find the requested resource")
                        || detail.contains("404 page not found"))) {
                    return notInstalled(e);
                }
                // on a create this is usually the namespace that does not exist; the server's text says which
                return new ForkliftException(ForkliftException.Kind.NOT_FOUND, verb + " " + resource + ": not found"
                        + (detail != null ? " (" + detail + ")" : ""), e);
            case 409:
                return new ForkliftException(ForkliftException.Kind.CONFLICT,
                        "conflict on " + verb + " " + resource + ": " + detail, e);
            default:
                break;
        }
        Throwable root = rootCause(e);
        if (root instanceof ConnectException || root instanceof UnknownHostException || root instanceof HttpTimeoutException) {
            return new ForkliftException(ForkliftException.Kind.CONNECTION,
                    "cannot connect to the Kubernetes API server (" + root.getClass().getSimpleName() + ": " + root.getMessage()
                            + "); check the server URL in the kubeconfig or --server and that the cluster is reachable", e);
        }
        if (root instanceof SSLException || root instanceof java.security.cert.CertificateException) {
            return new ForkliftException(ForkliftException.Kind.CONNECTION,
                    "TLS handshake with the Kubernetes API server failed (" + root.getMessage()
                            + "); pass the cluster's CA certificate (--certificate-authority) or, for a test cluster only, --insecure-skip-tls-verify", e);
        }
        if (root instanceof IOException && e.getCode() == 0) {
            return new ForkliftException(ForkliftException.Kind.CONNECTION,
                    "cannot connect to the Kubernetes API server: " + root.getMessage(), e);
        }
        return new ForkliftException(ForkliftException.Kind.FAILED, verb + " " + resource + " failed: " + detail, e);
    }

    /** The Forklift CRDs are not served. */
    public static ForkliftException notInstalled(Throwable cause) {
        return new ForkliftException(ForkliftException.Kind.NOT_INSTALLED,
                "MTV/Forklift is not installed on this cluster: the forklift.konveyor.io API (providers, forkliftcontrollers) is not served;"
                        + " install the MTV operator (OpenShift) or Forklift, or connect to the right cluster", cause);
    }

    static Throwable rootCause(Throwable t) {
        Throwable r = t;
        while (r.getCause() != null && r.getCause() != r) {
            r = r.getCause();
        }
        return r;
    }
}
