package io.forkliftvddk.core.forklift.pullsecret;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.forkliftvddk.core.forklift.ForkliftException;
import io.forkliftvddk.core.forklift.KubeConnection;
import io.forkliftvddk.core.forklift.KubeErrors;
import io.forkliftvddk.core.spi.Listener;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Installs registry pull credentials for the VDDK image: a {@code kubernetes.io/dockerconfigjson} Secret per namespace
 * (created or updated), <em>appended</em> to a ServiceAccount's {@code imagePullSecrets}. The list is never replaced:
 * OpenShift keeps its own pull secrets there.
 */
public final class PullSecrets {

    private static final int ATTEMPTS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();
    static final Map<String, String> LABELS = Map.of("app.kubernetes.io/managed-by", "forklift-vddk");

    private final KubernetesClient client;
    private final Listener listener;

    public PullSecrets(KubernetesClient client, Listener listener) {
        this.client = client;
        this.listener = listener;
    }

    public static PullSecretResult apply(KubeConnection connection, PullSecretRequest request, Listener listener) {
        try (KubernetesClient c = connection.connect()) {
            return new PullSecrets(c, listener).apply(request);
        }
    }

    static void validate(PullSecretRequest r) {
        if (r.registry() == null || r.registry().isBlank()) {
            throw ForkliftException.invalid("the registry host is required (e.g. quay.io or registry.example.com:5000)");
        }
        if (r.registry().contains("://") || r.registry().contains("/")) {
            throw ForkliftException.invalid("the registry '" + r.registry() + "' must be a host[:port] without scheme or path, as in image references");
        }
        if (r.username() == null || r.username().isBlank() || r.password() == null || r.password().isEmpty()) {
            throw ForkliftException.invalid("a registry username and password are required");
        }
        if (r.namespaces().isEmpty()) {
            throw ForkliftException.invalid("give at least one namespace (the migration target namespaces)");
        }
    }

    /** The {@code .dockerconfigjson} document, built with Jackson. */
    static String dockerConfigJson(PullSecretRequest r) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode entry = root.putObject("auths").putObject(r.registry());
        entry.put("username", r.username());
        entry.put("password", r.password().reveal());
        entry.put("auth", Base64.getEncoder().encodeToString((r.username() + ":" + r.password().reveal()).getBytes(StandardCharsets.UTF_8)));
        return root.toString();
    }

    public PullSecretResult apply(PullSecretRequest r) {
        validate(r);
        String encoded = Base64.getEncoder().encodeToString(dockerConfigJson(r).getBytes(StandardCharsets.UTF_8));
        List<PullSecretResult.Entry> out = new ArrayList<>();
        for (String ns : r.namespaces()) {
            String what = "secret \"" + r.secretName() + "\" in namespace \"" + ns + "\"";
            String outcome;
            try {
                Secret existing = client.secrets().inNamespace(ns).withName(r.secretName()).get();
                if (existing == null) {
                    client.secrets().inNamespace(ns).resource(new SecretBuilder().withNewMetadata().withName(r.secretName()).withNamespace(ns)
                            .withLabels(LABELS).endMetadata().withType("kubernetes.io/dockerconfigjson")
                            .withData(Map.of(".dockerconfigjson", encoded)).build()).create();
                    outcome = "created";
                } else if (!"kubernetes.io/dockerconfigjson".equals(existing.getType())) {
                    throw new ForkliftException(ForkliftException.Kind.CONFLICT, "Secret " + ns + "/" + r.secretName() + " exists with type "
                            + existing.getType() + "; choose another name with --secret-name");
                } else if (Objects.equals(existing.getData() == null ? null : existing.getData().get(".dockerconfigjson"), encoded)) {
                    outcome = "unchanged";
                } else {
                    existing.setData(Map.of(".dockerconfigjson", encoded));
                    client.secrets().inNamespace(ns).resource(existing).update();
                    outcome = "updated";
                }
            } catch (KubernetesClientException e) {
                throw KubeErrors.map(e, "write", what);
            }
            listener.info("pull secret " + ns + "/" + r.secretName() + " " + outcome);
            boolean appended = appendToServiceAccount(ns, r.serviceAccount(), r.secretName());
            out.add(new PullSecretResult.Entry(ns, r.secretName(), outcome, r.serviceAccount(), appended));
        }
        return new PullSecretResult(out);
    }

    private boolean appendToServiceAccount(String ns, String sa, String secretName) {
        String what = "serviceaccount \"" + sa + "\" in namespace \"" + ns + "\"";
        for (int attempt = 1; ; attempt++) {
            ServiceAccount account;
            try {
                account = client.serviceAccounts().inNamespace(ns).withName(sa).get();
            } catch (KubernetesClientException e) {
                throw KubeErrors.map(e, "get", what);
            }
            if (account == null) {
                throw new ForkliftException(ForkliftException.Kind.NOT_FOUND, "ServiceAccount " + ns + "/" + sa
                        + " does not exist; the Secret is in place, but pods of that account cannot use it (create the account or pass --service-account)");
            }
            List<LocalObjectReference> refs = new ArrayList<>(account.getImagePullSecrets() == null ? List.of() : account.getImagePullSecrets());
            if (refs.stream().anyMatch(x -> secretName.equals(x.getName()))) {
                return false;
            }
            refs.add(new LocalObjectReference(secretName));
            account.setImagePullSecrets(refs);
            try {
                client.serviceAccounts().inNamespace(ns).resource(account).update();
                listener.info("appended " + secretName + " to the imagePullSecrets of ServiceAccount " + ns + "/" + sa);
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409 && attempt < ATTEMPTS) {
                    continue;
                }
                throw KubeErrors.map(e, "update", what);
            }
        }
    }
}
