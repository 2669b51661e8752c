package io.forkliftvddk.core.forklift.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.forkliftvddk.core.forklift.ForkliftApi;
import io.forkliftvddk.core.forklift.ForkliftException;
import io.forkliftvddk.core.forklift.KubeErrors;
import io.forkliftvddk.core.spi.Listener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Waits for a Provider's {@code Ready} condition, failing early when a condition of category Critical or Error is
 * True ({@code ConnectionAuthFailed}, {@code ConnectionTestFailed}, {@code SecretNotValid}, {@code UrlNotValid}, ...).
 * Conditions from before the last spec change (status.observedGeneration behind metadata.generation) are not trusted.
 */
public final class ProviderWaiter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ProviderWaiter() {
    }

    public static GenericKubernetesResource await(KubernetesClient client, String ns, String name, Duration timeout, Duration interval,
                                                  Listener listener) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (true) {
            GenericKubernetesResource p;
            try {
                p = ForkliftApi.providers(client).inNamespace(ns).withName(name).get();
            } catch (KubernetesClientException e) {
                throw KubeErrors.map(e, "get", ForkliftApi.describe("providers." + ForkliftApi.GROUP, name, ns));
            }
            if (p == null) {
                throw new ForkliftException(ForkliftException.Kind.NOT_FOUND, "Provider " + ns + "/" + name + " was deleted while waiting for Ready");
            }
            JsonNode root = JSON.valueToTree(p.getAdditionalProperties());
            String summary = "phase " + phase(root) + ", conditions " + conditions(root);
            if (!summary.equals(last)) {
                listener.info("waiting for provider " + name + ": " + summary);
                last = summary;
            }
            long generation = p.getMetadata().getGeneration() == null ? 0 : p.getMetadata().getGeneration();
            JsonNode og = root.path("status").path("observedGeneration");
            boolean current = og.isMissingNode() || og.isNull() || og.asLong() >= generation;
            if (current) {
                for (JsonNode c : root.path("status").path("conditions")) {
                    if ("True".equals(c.path("status").asText()) && VsphereProviders.FAILING_CATEGORIES.contains(c.path("category").asText())) {
                        throw new ForkliftException(ForkliftException.Kind.FAILED, "Provider " + ns + "/" + name + " is not usable: "
                                + c.path("type").asText() + " (" + c.path("category").asText() + "): " + c.path("message").asText()
                                + (c.path("suggestion").asText("").isEmpty() ? "" : " " + c.path("suggestion").asText())
                                + "; phase " + phase(root));
                    }
                }
                for (JsonNode c : root.path("status").path("conditions")) {
                    if ("Ready".equals(c.path("type").asText()) && "True".equals(c.path("status").asText())) {
                        return p;
                    }
                }
            }
            if (System.nanoTime() >= deadline) {
                throw new ForkliftException(ForkliftException.Kind.TIMEOUT, "Provider " + ns + "/" + name + " was not Ready within "
                        + (timeout.toSeconds() >= 1 ? timeout.toSeconds() + "s" : timeout.toMillis() + "ms") + "; last seen: " + summary);
            }
            Thread.sleep(Math.max(10, Math.min(interval.toMillis(), (deadline - System.nanoTime()) / 1_000_000 + 10)));
        }
    }

    static String phase(JsonNode root) {
        String p = root.path("status").path("phase").asText("");
        return p.isEmpty() ? null : p;
    }

    static List<String> conditions(JsonNode root) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : root.path("status").path("conditions")) {
            String msg = c.path("message").asText("");
            String cat = c.path("category").asText("");
            out.add(c.path("type").asText() + "=" + c.path("status").asText() + (cat.isEmpty() ? "" : " (" + cat + ")")
                    + (msg.isEmpty() ? "" : ": " + msg));
        }
        return out;
    }
}
