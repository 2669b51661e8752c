package io.forkliftvddk.core.forklift;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.forkliftvddk.core.spi.Listener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the MTV namespace and the ForkliftController in it. Unlike kubectl-mtv, a given namespace is honoured, the
 * upstream namespace {@code konveyor-forklift} is considered, and several candidates are an error that lists them,
 * never a random pick.
 */
public final class MtvDiscovery {

    /** OLM marks the CRDs of an installed operator with {@code <prefix><hash>: <namespace>/<csv>}. */
    public static final String OLM_ANNOTATION_PREFIX = "operatorframework.io/installed-alongside-";
    /** Where MTV (OpenShift) and upstream Forklift install by default, in this order. */
    public static final List<String> WELL_KNOWN_NAMESPACES = List.of("openshift-mtv", "konveyor-forklift");

    private MtvDiscovery() {
    }

    /**
     * The MTV namespace, in this order: {@code given}; the OLM annotation on CRD {@code providers.forklift.konveyor.io};
     * a namespace among {@link #WELL_KNOWN_NAMESPACES} that holds a ForkliftController.
     *
     * @throws ForkliftException NOT_INSTALLED when the Provider CRD is missing, AMBIGUOUS listing the candidates,
     *                           NOT_FOUND when no rule finds one
     */
    public static MtvNamespace namespace(KubernetesClient client, String given, Listener listener) {
        if (given != null && !given.isBlank()) {
            listener.debug("MTV namespace " + given + " (given)");
            return new MtvNamespace(given, "given");
        }
        String crdProblem = null;
        try {
            CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions()
                    .withName(ForkliftApi.PROVIDERS_CRD).get();
            if (crd == null) {
                throw KubeErrors.notInstalled(null);
            }
            TreeSet<String> fromOlm = new TreeSet<>();
            Map<String, String> annotations = crd.getMetadata().getAnnotations();
            if (annotations != null) {
                annotations.forEach((k, v) -> {
                    if (k.startsWith(OLM_ANNOTATION_PREFIX) && v != null) {
                        String[] parts = v.split("/");
                        if (parts.length == 2 && !parts[0].isBlank()) {
                            fromOlm.add(parts[0]);
                        }
                    }
                });
            }
            if (fromOlm.size() == 1) {
                listener.debug("MTV namespace " + fromOlm.first() + " (OLM annotation on CRD " + ForkliftApi.PROVIDERS_CRD + ")");
                return new MtvNamespace(fromOlm.first(), "olm-annotation");
            }
            if (fromOlm.size() > 1) {
                throw new ForkliftException(ForkliftException.Kind.AMBIGUOUS, "the OLM annotations on CRD "
                        + ForkliftApi.PROVIDERS_CRD + " name several namespaces " + fromOlm + "; choose one with --namespace");
            }
            listener.debug("CRD " + ForkliftApi.PROVIDERS_CRD + " has no OLM annotation; looking for a ForkliftController in "
                    + WELL_KNOWN_NAMESPACES);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 401 || e.getCode() == 0) {
                throw KubeErrors.map(e, "get", "customresourcedefinitions \"" + ForkliftApi.PROVIDERS_CRD + "\"");
            }
            // typically 403: many users may not read cluster-scoped CRDs; that is no reason to give up
            crdProblem = "cannot read CRD " + ForkliftApi.PROVIDERS_CRD + " (HTTP " + e.getCode() + ")";
            listener.debug(crdProblem + "; going on with the next rule: a ForkliftController in " + WELL_KNOWN_NAMESPACES);
        }
        List<String> found = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (String ns : WELL_KNOWN_NAMESPACES) {
            try {
                List<GenericKubernetesResource> items = ForkliftApi.controllers(client).inNamespace(ns).list().getItems();
                if (!items.isEmpty()) {
                    found.add(ns);
                }
            } catch (KubernetesClientException e) {
                if (e.getCode() == 403) {
                    listener.debug("cannot list forkliftcontrollers in " + ns + " (forbidden)");
                    unreadable.add(ns);
                } else if (e.getCode() == 404) {
                    throw KubeErrors.notInstalled(e);
                } else {
                    throw KubeErrors.map(e, "list", ForkliftApi.describe("forkliftcontrollers." + ForkliftApi.GROUP, null, ns));
                }
            }
        }
        if (found.size() == 1) {
            listener.debug("MTV namespace " + found.get(0) + " (holds a ForkliftController)");
            return new MtvNamespace(found.get(0), "forkliftcontroller");
        }
        if (found.size() > 1) {
            throw new ForkliftException(ForkliftException.Kind.AMBIGUOUS, "ForkliftControllers exist in several namespaces "
                    + found + "; choose one with --namespace");
        }
        throw new ForkliftException(ForkliftException.Kind.NOT_FOUND, "cannot find the MTV namespace: "
                + (crdProblem != null ? crdProblem + ", " : "no OLM annotation on CRD " + ForkliftApi.PROVIDERS_CRD + ", ")
                + "and no ForkliftController in " + WELL_KNOWN_NAMESPACES
                + (unreadable.isEmpty() ? "" : " (not allowed to list in " + unreadable + ")")
                + "; pass --namespace");
    }

    /**
     * The ForkliftController: the one named, else the only one in the namespace.
     *
     * @throws ForkliftException NOT_FOUND (none, or the named one is missing) or AMBIGUOUS (several, none named)
     */
    public static GenericKubernetesResource controller(KubernetesClient client, String namespace, String name) {
        List<GenericKubernetesResource> items;
        try {
            if (name != null && !name.isBlank()) {
                GenericKubernetesResource c = ForkliftApi.controllers(client).inNamespace(namespace).withName(name).get();
                if (c != null) {
                    return c;
                }
            }
            items = ForkliftApi.controllers(client).inNamespace(namespace).list().getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                throw KubeErrors.notInstalled(e);
            }
            throw KubeErrors.map(e, name != null ? "get" : "list",
                    ForkliftApi.describe("forkliftcontrollers." + ForkliftApi.GROUP, name, namespace));
        }
        List<String> names = items.stream().map(i -> i.getMetadata().getName()).sorted().toList();
        if (name != null && !name.isBlank()) {
            throw new ForkliftException(ForkliftException.Kind.NOT_FOUND, "ForkliftController '" + name + "' not found in namespace '"
                    + namespace + "'" + (names.isEmpty() ? "" : "; it has " + names));
        }
        if (items.isEmpty()) {
            throw new ForkliftException(ForkliftException.Kind.NOT_FOUND, "no ForkliftController found in namespace '" + namespace
                    + "'; make sure MTV is installed and the ForkliftController CR exists, or pass --namespace");
        }
        if (items.size() > 1) {
            throw new ForkliftException(ForkliftException.Kind.AMBIGUOUS, "several ForkliftControllers in namespace '" + namespace
                    + "': " + names + "; choose one with --controller");
        }
        return items.get(0);
    }
}
