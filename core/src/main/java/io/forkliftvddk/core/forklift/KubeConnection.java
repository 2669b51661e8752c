package io.forkliftvddk.core.forklift;

import io.fabric8.kubernetes.api.model.AuthInfo;
import io.fabric8.kubernetes.api.model.Cluster;
import io.fabric8.kubernetes.api.model.NamedAuthInfo;
import io.fabric8.kubernetes.api.model.NamedCluster;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.forkliftvddk.core.spi.Secret;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * How to reach the Kubernetes API, given by the front end: either the <em>contents</em> of a kubeconfig (with file
 * references already inlined; an optional context), or an API server URL with a bearer token and a CA certificate (PEM)
 * or insecure mode. Core never reads the environment, kubeconfig files or the service account mount itself: the CLI
 * resolves {@code --kubeconfig}, {@code KUBECONFIG}, {@code ~/.kube/config} and the in-cluster account, the plugin
 * uses Jenkins credentials. The kubeconfig and the token are {@link Secret}s, so this record prints no credential.
 *
 * @param kubeconfig     kubeconfig YAML/JSON contents, or null when {@code server} is used
 * @param context        kubeconfig context to use, or null for its current-context
 * @param server         API server URL (token mode), or null
 * @param token          bearer token (token mode), or null
 * @param caPem          CA certificate(s) in PEM for token mode, or null
 * @param insecureSkipTlsVerify token mode only: do not verify the server certificate
 * @param namespace      the default namespace in token mode (e.g. the service account's), or null
 * @param requestTimeout timeout of one API request
 */
public record KubeConnection(Secret kubeconfig, String context, String server, Secret token, String caPem,
                             boolean insecureSkipTlsVerify, String namespace, Duration requestTimeout) implements Serializable {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    public KubeConnection {
        if (kubeconfig == null && server == null) {
            throw ForkliftException.invalid("no Kubernetes connection: give a kubeconfig, or a server URL with a token");
        }
        if (kubeconfig != null && server != null) {
            throw ForkliftException.invalid("give either a kubeconfig or a server URL with a token, not both");
        }
        if (server != null) {
            URI uri;
            try {
                uri = URI.create(server);
            } catch (IllegalArgumentException e) {
                throw ForkliftException.invalid("the API server URL '" + server + "' is not a valid URL");
            }
            if (uri.getScheme() == null || uri.getHost() == null || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
                throw ForkliftException.invalid("the API server URL '" + server + "' must be absolute, e.g. https://api.cluster.example.com:6443");
            }
            if (token == null || token.isEmpty()) {
                throw ForkliftException.invalid("a server URL needs a bearer token (--token-stdin)");
            }
            if (caPem != null && insecureSkipTlsVerify) {
                throw ForkliftException.invalid("give either a CA certificate or insecure-skip-tls-verify, not both");
            }
        }
        requestTimeout = requestTimeout == null ? DEFAULT_TIMEOUT : requestTimeout;
    }

    /** A connection from kubeconfig contents; {@code context} null means the file's current-context. */
    public static KubeConnection ofKubeconfig(String contents, String context) {
        Objects.requireNonNull(contents, "kubeconfig contents");
        return new KubeConnection(Secret.of(contents), context, null, null, null, false, null, null);
    }

    /** A connection from a server URL and a bearer token; give the CA PEM, or insecure = true. */
    public static KubeConnection ofToken(String server, Secret token, String caPem, boolean insecure, String namespace) {
        return new KubeConnection(null, null, server, token, caPem, insecure, namespace, null);
    }

    public KubeConnection withRequestTimeout(Duration timeout) {
        return new KubeConnection(kubeconfig, context, server, token, caPem, insecureSkipTlsVerify, namespace, timeout);
    }

    /** The namespace of the selected kubeconfig context (or the token-mode namespace), if any. */
    public Optional<String> defaultNamespace() {
        if (kubeconfig == null) {
            return Optional.ofNullable(namespace);
        }
        return Optional.ofNullable(selectedContext(parse()).getContext().getNamespace()).filter(s -> !s.isBlank());
    }

    /**
     * The fabric8 configuration, built from this record only: {@code new ConfigBuilder(Config.empty())} with auto
     * configuration off, so no environment variable, system property or file is consulted.
     */
    public Config toConfig() {
        ConfigBuilder b = new ConfigBuilder(Config.empty())
                .withAutoConfigure(false)
                .withRequestTimeout((int) requestTimeout.toMillis())
                .withConnectionTimeout(10_000)
                .withRequestRetryBackoffLimit(2);
        if (server != null) {
            b.withMasterUrl(server).withOauthToken(token.reveal());
            if (caPem != null) {
                b.withCaCertData(Base64.getEncoder().encodeToString(caPem.getBytes(StandardCharsets.UTF_8)));
            }
            if (insecureSkipTlsVerify) {
                b.withTrustCerts(true).withDisableHostnameVerification(true);
            }
            if (namespace != null) {
                b.withNamespace(namespace);
            }
            return b.build();
        }
        io.fabric8.kubernetes.api.model.Config kc = parse();
        NamedContext ctx = selectedContext(kc);
        String clusterName = ctx.getContext().getCluster();
        String userName = ctx.getContext().getUser();
        Cluster cluster = kc.getClusters() == null ? null : kc.getClusters().stream()
                .filter(c -> Objects.equals(c.getName(), clusterName)).map(NamedCluster::getCluster).findFirst().orElse(null);
        if (cluster == null || cluster.getServer() == null) {
            throw ForkliftException.invalid("kubeconfig context '" + ctx.getName() + "' names cluster '" + clusterName
                    + "', which is not in the kubeconfig or has no server");
        }
        b.withMasterUrl(cluster.getServer());
        if (cluster.getCertificateAuthority() != null && cluster.getCertificateAuthorityData() == null) {
            throw unresolvedFile("certificate-authority", cluster.getCertificateAuthority());
        }
        if (cluster.getCertificateAuthorityData() != null) {
            b.withCaCertData(cluster.getCertificateAuthorityData());
        }
        if (Boolean.TRUE.equals(cluster.getInsecureSkipTlsVerify())) {
            b.withTrustCerts(true).withDisableHostnameVerification(true);
        }
        if (cluster.getProxyUrl() != null && !cluster.getProxyUrl().isBlank()) {
            b.withHttpsProxy(cluster.getProxyUrl()).withHttpProxy(cluster.getProxyUrl());
        }
        AuthInfo user = userName == null || kc.getUsers() == null ? null : kc.getUsers().stream()
                .filter(u -> Objects.equals(u.getName(), userName)).map(NamedAuthInfo::getUser).findFirst().orElse(null);
        if (user != null) {
            if (user.getExec() != null || user.getAuthProvider() != null) {
                throw ForkliftException.invalid("kubeconfig user '" + userName + "' gets its credentials from "
                        + (user.getExec() != null ? "an exec plugin (" + user.getExec().getCommand() + ")" : "an auth-provider")
                        + ", which forklift-vddk does not run; get a token (for example `oc whoami -t` or `kubectl create token`)"
                        + " and pass --server with --token-stdin");
            }
            if (user.getTokenFile() != null && user.getToken() == null) {
                throw unresolvedFile("tokenFile", user.getTokenFile());
            }
            if (user.getClientCertificate() != null && user.getClientCertificateData() == null) {
                throw unresolvedFile("client-certificate", user.getClientCertificate());
            }
            if (user.getClientKey() != null && user.getClientKeyData() == null) {
                throw unresolvedFile("client-key", user.getClientKey());
            }
            if (user.getToken() != null) {
                b.withOauthToken(user.getToken());
            }
            if (user.getClientCertificateData() != null) {
                b.withClientCertData(user.getClientCertificateData());
            }
            if (user.getClientKeyData() != null) {
                b.withClientKeyData(user.getClientKeyData());
            }
            if (user.getUsername() != null) {
                b.withUsername(user.getUsername()).withPassword(user.getPassword());
            }
        }
        if (ctx.getContext().getNamespace() != null) {
            b.withNamespace(ctx.getContext().getNamespace());
        }
        return b.build();
    }

    /** A new client for this connection; the caller closes it. */
    public KubernetesClient connect() {
        return new KubernetesClientBuilder().withConfig(toConfig()).build();
    }

    private io.fabric8.kubernetes.api.model.Config parse() {
        try {
            io.fabric8.kubernetes.api.model.Config kc = new KubernetesSerialization()
                    .unmarshal(kubeconfig.reveal(), io.fabric8.kubernetes.api.model.Config.class);
            if (kc == null) {
                throw ForkliftException.invalid("the kubeconfig is empty");
            }
            return kc;
        } catch (ForkliftException e) {
            throw e;
        } catch (RuntimeException e) {
            // the parser's message may quote the file, which may hold a token: do not pass it on
            throw ForkliftException.invalid("the kubeconfig is not valid YAML/JSON kubeconfig (" + e.getClass().getSimpleName() + ")");
        }
    }

    private NamedContext selectedContext(io.fabric8.kubernetes.api.model.Config kc) {
        List<NamedContext> contexts = kc.getContexts() == null ? List.of() : kc.getContexts();
        String wanted = context != null && !context.isBlank() ? context : kc.getCurrentContext();
        if (wanted == null || wanted.isBlank()) {
            if (contexts.size() == 1) {
                return contexts.get(0);
            }
            throw ForkliftException.invalid("the kubeconfig has no current-context; choose one with --context ("
                    + names(contexts) + ")");
        }
        return contexts.stream().filter(c -> wanted.equals(c.getName()) && c.getContext() != null).findFirst()
                .orElseThrow(() -> ForkliftException.invalid("kubeconfig context '" + wanted + "' does not exist; contexts: "
                        + names(contexts)));
    }

    private static String names(List<NamedContext> contexts) {
        return contexts.isEmpty() ? "none" : contexts.stream().map(NamedContext::getName).collect(Collectors.joining(", "));
    }

    private static ForkliftException unresolvedFile(String field, String path) {
        return ForkliftException.invalid("the kubeconfig refers to the file " + path + " (" + field
                + "); the front end must inline it as " + field + "-data before passing the kubeconfig to core");
    }
}
