package io.forkliftvddk.core.forklift.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.forkliftvddk.core.forklift.ForkliftApi;
import io.forkliftvddk.core.forklift.ForkliftException;
import io.forkliftvddk.core.forklift.KubeConnection;
import io.forkliftvddk.core.forklift.KubeErrors;
import io.forkliftvddk.core.forklift.MtvDiscovery;
import io.forkliftvddk.core.forklift.MtvNamespace;
import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.spi.Listener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and changes ForkliftController settings, including the global {@code vddk_image}.
 *
 * <p>Changes go out as one JSON Patch (RFC 6902) built with Jackson: {@code add} for new keys, {@code test} of the value
 * read plus {@code replace}/{@code remove} for existing ones. The {@code test} ops make a concurrent edit fail (422)
 * instead of being overwritten; the change is then recomputed from a fresh read and retried. A JSON Patch
 * {@code remove} deletes the key on every server (a merge-patch {@code null} is stored as null by some, e.g. the
 * fabric8 mock). Every other spec field stays as it was.
 */
public final class ForkliftSettings {

    private static final int ATTEMPTS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final Listener listener;

    public ForkliftSettings(KubernetesClient client, Listener listener) {
        this.client = client;
        this.listener = listener;
    }

    /**
     * The entry point for other packages and front ends (e.g. {@code build-image --set-controller-image}): opens a
     * client for the connection, applies the request and closes the client.
     */
    public static SettingsResult apply(KubeConnection connection, SettingsRequest request, Listener listener) throws InterruptedException {
        try (KubernetesClient c = connection.connect()) {
            return new ForkliftSettings(c, listener).apply(request);
        }
    }

    /**
     * Sets the global VDDK image to {@code reference} (preferably the pinned {@code repo@sha256:} form of an image just
     * pushed) on the ForkliftController, optionally waiting for the rollout.
     */
    public static SettingsResult setVddkImage(KubeConnection connection, ImageReference reference, String namespace,
                                              String controller, Duration waitTimeout, Listener listener) throws InterruptedException {
        SettingsRequest r = SettingsRequest.vddkImage(reference.toString()).in(namespace, controller).withWait(waitTimeout, null);
        return apply(connection, r, listener);
    }

    /** The controller a request addresses: namespace (given or discovered) and the selected ForkliftController. */
    public record Target(MtvNamespace namespace, GenericKubernetesResource controller) {
        public String name() {
            return controller.getMetadata().getName();
        }
    }

    public Target locate(String namespace, String controller) {
        MtvNamespace ns = MtvDiscovery.namespace(client, namespace, listener);
        return new Target(ns, MtvDiscovery.controller(client, ns.namespace(), controller));
    }

    /**
     * Settings with their current values.
     *
     * @param names the settings to show (each must be known), or empty for the catalog ({@code all} false: the curated list)
     */
    public List<SettingValue> get(String namespace, String controller, List<String> names, boolean all) {
        List<SettingDefinition> defs = new ArrayList<>();
        if (names != null && !names.isEmpty()) {
            for (String n : names) {
                defs.add(SettingsCatalog.require(n));
            }
        } else {
            defs.addAll(all ? SettingsCatalog.all() : SettingsCatalog.supported());
        }
        Target t = locate(namespace, controller);
        JsonNode spec = spec(t.controller());
        List<SettingValue> out = new ArrayList<>();
        for (SettingDefinition d : defs) {
            String v = SettingValues.read(spec.get(d.name()));
            out.add(new SettingValue(d.name(), v, d.defaultValue(), v != null, d.type(), d.category(), d.supported(), d.description()));
        }
        return out;
    }

    /** Applies a request: validates every name and value first, then sends one patch (unless dry-run) and optionally waits. */
    public SettingsResult apply(SettingsRequest request) throws InterruptedException {
        Map<String, String> wanted = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : request.set().entrySet()) {
            SettingDefinition d = SettingsCatalog.require(e.getKey());
            wanted.put(d.name(), SettingValues.normalise(d, e.getValue()));
        }
        Set<String> removals = new LinkedHashSet<>();
        for (String n : request.unset()) {
            SettingsCatalog.require(n);
            if (wanted.containsKey(n)) {
                throw ForkliftException.invalid("setting '" + n + "' is both set and unset");
            }
            removals.add(n);
        }
        if (wanted.isEmpty() && removals.isEmpty()) {
            throw ForkliftException.invalid("nothing to change: give at least one setting to set or unset");
        }
        List<String> warnings = new ArrayList<>();
        String image = wanted.get(SettingsCatalog.VDDK_IMAGE);
        if (image != null && !ImageReference.parse(image).hasDigest()) {
            warnings.add("vddk_image " + image + " is not pinned: a pinned reference (repo@sha256:...) makes sure every"
                    + " migration uses exactly the image you tested");
        }
        Map<String, String> schemaTypes = schemaTypes();

        Target target = locate(request.namespace(), request.controller());
        String ns = target.namespace().namespace();
        for (int attempt = 1; ; attempt++) {
            Plan plan = plan(target.controller(), wanted, removals, schemaTypes);
            String patch = plan.patch.toString();
            if (request.dryRun() || plan.changes.isEmpty()) {
                if (plan.changes.isEmpty()) {
                    listener.info("ForkliftController " + ns + "/" + target.name() + " already has the requested settings");
                }
                warnings.addAll(overrideWarnings(plan, ns));
                return new SettingsResult(ns, target.namespace().source(), target.name(), plan.changes, plan.unchanged, patch,
                        request.dryRun(), warnings, null);
            }
            listener.debug("patching ForkliftController " + ns + "/" + target.name() + " (JSON Patch): " + patch);
            try {
                ForkliftApi.controllers(client).inNamespace(ns).withName(target.name())
                        .patch(PatchContext.of(PatchType.JSON), patch);
            } catch (KubernetesClientException e) {
                // 422: a test op failed (someone changed a value meanwhile); 409: conflict. Recompute from a fresh read.
                if ((e.getCode() == 422 || e.getCode() == 409) && attempt < ATTEMPTS) {
                    listener.debug("the ForkliftController changed while patching (HTTP " + e.getCode() + "); retrying from a fresh read");
                    target = new Target(target.namespace(), MtvDiscovery.controller(client, ns, target.name()));
                    continue;
                }
                throw KubeErrors.map(e, "patch", ForkliftApi.describe("forkliftcontrollers." + ForkliftApi.GROUP, target.name(), ns));
            }
            for (SettingChange c : plan.changes) {
                listener.info(c.removed() ? "Setting '" + c.name() + "' removed (was '" + c.previous() + "')"
                        : "Setting '" + c.name() + "' updated to '" + c.value() + "'"
                                + (c.previous() == null ? "" : " (was '" + c.previous() + "')"));
            }
            warnings.addAll(overrideWarnings(plan, ns));
            RolloutStatus rollout = null;
            if (request.waitTimeout() != null) {
                boolean imageChanged = plan.changes.stream().anyMatch(c -> c.name().equals(SettingsCatalog.VDDK_IMAGE));
                String expected = imageChanged ? plan.changes.stream().filter(c -> c.name().equals(SettingsCatalog.VDDK_IMAGE))
                        .findFirst().orElseThrow().value() : null;
                rollout = RolloutWaiter.await(client, ns, expected, imageChanged, request.waitTimeout(), request.pollInterval(), listener);
            }
            return new SettingsResult(ns, target.namespace().source(), target.name(), plan.changes, plan.unchanged, patch, false,
                    warnings, rollout);
        }
    }

    private record Plan(ArrayNode patch, List<SettingChange> changes, List<String> unchanged) {
    }

    private static Plan plan(GenericKubernetesResource controller, Map<String, String> wanted, Set<String> removals,
                             Map<String, String> schemaTypes) {
        JsonNode spec = JSON.valueToTree(controller.getAdditionalProperties()).get("spec");
        boolean hasSpec = spec != null && spec.isObject();
        ArrayNode ops = JSON.createArrayNode();
        List<SettingChange> changes = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (Map.Entry<String, String> e : wanted.entrySet()) {
            String key = e.getKey();
            JsonNode value = SettingValues.toJson(e.getValue(), schemaTypes.get(key));
            JsonNode current = hasSpec ? spec.get(key) : null;
            if (current != null && current.equals(value)) {
                unchanged.add(key);
                continue;
            }
            if (!hasSpec && ops.isEmpty()) {
                ops.add(op("add", "/spec", JSON.createObjectNode()));
            }
            String path = "/spec/" + pointerEscape(key);
            if (current != null) {
                ops.add(op("test", path, current));
                ops.add(op("replace", path, value));
            } else {
                ops.add(op("add", path, value));
            }
            changes.add(new SettingChange(key, SettingValues.read(current), e.getValue()));
        }
        for (String key : removals) {
            JsonNode current = hasSpec ? spec.get(key) : null;
            if (current == null) {
                unchanged.add(key);
                continue;
            }
            String path = "/spec/" + pointerEscape(key);
            ops.add(op("test", path, current));
            ops.add(op("remove", path, null));
            changes.add(new SettingChange(key, SettingValues.read(current), null));
        }
        return new Plan(ops, changes, unchanged);
    }

    private static ObjectNode op(String op, String path, JsonNode value) {
        ObjectNode n = JSON.createObjectNode();
        n.put("op", op);
        n.put("path", path);
        if (value != null) {
            n.set("value", value);
        }
        return n;
    }

    /** RFC 6901: '~' is written '~0' and '/' is written '~1'. */
    static String pointerEscape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    private static JsonNode spec(GenericKubernetesResource r) {
        JsonNode spec = JSON.valueToTree(r.getAdditionalProperties()).get("spec");
        return spec != null && spec.isObject() ? spec : JSON.createObjectNode();
    }

    /**
     * The types the ForkliftController CRD's openAPI schema gives spec fields. MTV ≤ 2.12 has an untyped spec
     * (preserve-unknown-fields): then nothing is typed and every value is written as a string.
     */
    private Map<String, String> schemaTypes() {
        Map<String, String> types = new HashMap<>();
        try {
            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().withName(ForkliftApi.CONTROLLERS_CRD).get();
            if (crd == null) {
                throw KubeErrors.notInstalled(null);
            }
            for (CustomResourceDefinitionVersion v : crd.getSpec().getVersions()) {
                if (!ForkliftApi.VERSION.equals(v.getName()) || v.getSchema() == null || v.getSchema().getOpenAPIV3Schema() == null) {
                    continue;
                }
                Map<String, JSONSchemaProps> props = v.getSchema().getOpenAPIV3Schema().getProperties();
                JSONSchemaProps spec = props == null ? null : props.get("spec");
                if (spec != null && spec.getProperties() != null) {
                    spec.getProperties().forEach((k, p) -> {
                        if (p.getType() != null) {
                            types.put(k, p.getType());
                        }
                    });
                }
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() == 401 || e.getCode() == 0) {
                throw KubeErrors.map(e, "get", "customresourcedefinitions \"" + ForkliftApi.CONTROLLERS_CRD + "\"");
            }
            listener.debug("cannot read CRD " + ForkliftApi.CONTROLLERS_CRD + " (HTTP " + e.getCode()
                    + "); writing every setting as a string, as MTV up to 2.12 expects");
        }
        return types;
    }

    /** Providers with their own vddkInitImage do not get the global image: say which. */
    private List<String> overrideWarnings(Plan plan, String mtvNamespace) {
        if (plan.changes.stream().noneMatch(c -> c.name().equals(SettingsCatalog.VDDK_IMAGE))) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        overridingProviders(mtvNamespace).forEach((provider, own) -> out.add("provider " + provider + " sets its own vddkInitImage "
                + own + ", which overrides the global vddk_image: the new image does not reach it"));
        return out;
    }

    /**
     * The vSphere providers whose own {@code vddkInitImage} overrides the global {@code vddk_image}: {@code namespace/name}
     * → their image. All namespaces when the identity may list them, else the MTV namespace, else none (logged).
     */
    public Map<String, String> overridingProviders(String mtvNamespace) {
        List<GenericKubernetesResource> providers;
        try {
            providers = ForkliftApi.providers(client).inAnyNamespace().list().getItems();
        } catch (KubernetesClientException e) {
            listener.debug("cannot list providers in all namespaces (HTTP " + e.getCode() + "); looking in " + mtvNamespace + " only");
            try {
                providers = ForkliftApi.providers(client).inNamespace(mtvNamespace).list().getItems();
            } catch (KubernetesClientException e2) {
                listener.debug("cannot list providers in " + mtvNamespace + " (HTTP " + e2.getCode() + "); no override check");
                return Map.of();
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (GenericKubernetesResource p : providers) {
            JsonNode spec = spec(p);
            String own = spec.path("settings").path("vddkInitImage").asText("");
            if ("vsphere".equals(spec.path("type").asText()) && !own.isEmpty()) {
                out.put(p.getMetadata().getNamespace() + "/" + p.getMetadata().getName(), own);
            }
        }
        return out;
    }
}
