package io.forkliftvddk.core.forklift;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.MixedOperation;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

/**
 * The Forklift API coordinates ({@code forklift.konveyor.io/v1beta1}). Operations go through explicit
 * {@link ResourceDefinitionContext}s, so no discovery round trip is needed and a cluster without the CRDs answers 404,
 * which {@link KubeErrors} reports as "not installed".
 */
public final class ForkliftApi {

    public static final String GROUP = "forklift.konveyor.io";
    public static final String VERSION = "v1beta1";
    public static final String API_VERSION = GROUP + "/" + VERSION;
    public static final String PROVIDER_KIND = "Provider";
    public static final String CONTROLLER_KIND = "ForkliftController";
    public static final String PROVIDERS_CRD = "providers." + GROUP;
    public static final String CONTROLLERS_CRD = "forkliftcontrollers." + GROUP;

    public static final ResourceDefinitionContext PROVIDERS = new ResourceDefinitionContext.Builder()
            .withGroup(GROUP).withVersion(VERSION).withKind(PROVIDER_KIND).withPlural("providers").withNamespaced(true).build();
    public static final ResourceDefinitionContext CONTROLLERS = new ResourceDefinitionContext.Builder()
            .withGroup(GROUP).withVersion(VERSION).withKind(CONTROLLER_KIND).withPlural("forkliftcontrollers").withNamespaced(true).build();

    private ForkliftApi() {
    }

    public static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> providers(
            KubernetesClient client) {
        return client.genericKubernetesResources(PROVIDERS);
    }

    public static MixedOperation<GenericKubernetesResource, GenericKubernetesResourceList, Resource<GenericKubernetesResource>> controllers(
            KubernetesClient client) {
        return client.genericKubernetesResources(CONTROLLERS);
    }

    /** How a resource is named in messages: {@code forkliftcontrollers.forklift.konveyor.io "x" in namespace "y"}. */
    public static String describe(String pluralDotGroup, String name, String namespace) {
        StringBuilder sb = new StringBuilder(pluralDotGroup);
        if (name != null) {
            sb.append(" \"").append(name).append('"');
        }
        if (namespace != null) {
            sb.append(" in namespace \"").append(namespace).append('"');
        }
        return sb.toString();
    }
}
