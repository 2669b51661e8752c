package io.forkliftvddk.core.steps;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.forkliftvddk.core.build.BuildResult;
import io.forkliftvddk.core.forklift.KubeConnection;
import io.forkliftvddk.core.forklift.MtvDiscovery;
import io.forkliftvddk.core.forklift.provider.EsxiCloneMethod;
import io.forkliftvddk.core.forklift.provider.IfExists;
import io.forkliftvddk.core.forklift.provider.SdkEndpoint;
import io.forkliftvddk.core.forklift.provider.VsphereProviderRequest;
import io.forkliftvddk.core.forklift.provider.VsphereProviderResult;
import io.forkliftvddk.core.forklift.provider.VsphereProviders;
import io.forkliftvddk.core.forklift.settings.ForkliftSettings;
import io.forkliftvddk.core.forklift.settings.SettingChange;
import io.forkliftvddk.core.forklift.settings.SettingValue;
import io.forkliftvddk.core.forklift.settings.SettingsRequest;
import io.forkliftvddk.core.forklift.settings.SettingsResult;
import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.spi.Listener;
import io.forkliftvddk.core.steps.CredentialLookup.Kind;
import io.forkliftvddk.core.steps.CredentialLookup.Resolved;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code configureForklift}, {@code createVsphereProvider} and {@code buildVddkImage}'s set-controller-image, from
 * step parameters to core forklift requests and from core results to the step's result map. The front end gives the
 * resolved connection and a {@code connector} that opens the client (Jenkins: inside its context-class-loader switch).
 */
public final class ForkliftStepRunner {

    /** The provider settings a result map shows, read back from the cluster; "" when absent. */
    public static final List<String> PROVIDER_SETTINGS = List.of("vddkInitImage", "sdkEndpoint", "useVddkAioOptimization",
            "vddkConfig", "esxiCloneMethod");

    private ForkliftStepRunner() {
    }

    /** The core connection for a resolved access (a {@code KUBECONFIG} file must have been read into it). */
    public static KubeConnection connection(KubeAccess access) {
        switch (access.source()) {
            case KUBECONFIG:
                return KubeConnection.ofKubeconfig(access.kubeconfig().reveal(), access.context());
            case TOKEN:
                return KubeConnection.ofToken(access.serverUrl(), access.token(), access.caCertificate(),
                        access.insecureSkipTlsVerify(), null);
            default:
                throw new IllegalStateException("the kubeconfig file " + access.kubeconfigPath() + " has not been read");
        }
    }

    /** The usual connector: {@link KubeConnection#connect()}. */
    public static Function<KubeConnection, KubernetesClient> directConnector() {
        return KubeConnection::connect;
    }

    // ---- configureForklift ---------------------------------------------------------------------------------------

    /**
     * Applies (or, with no change requested, reads) the ForkliftController settings.
     *
     * @return {@code namespace}, {@code controller}, {@code changed}, {@code dryRun}, {@code patch}, {@code warnings},
     *         {@code rollout}, and per setting {@code <name>} (its value now) and {@code previous.<name>}
     */
    public static LinkedHashMap<String, Object> configure(ConfigureForkliftParameters p, KubeConnection connection,
                                                          Function<KubeConnection, KubernetesClient> connector, Listener listener)
            throws InterruptedException {
        p.validate().forEach(listener::warn);
        try (KubernetesClient client = connector.apply(connection)) {
            ForkliftSettings settings = new ForkliftSettings(client, listener);
            if (p.readOnly()) {
                ForkliftSettings.Target target = settings.locate(p.namespace(), p.controller());
                List<SettingValue> values = settings.get(target.namespace().namespace(), target.name(), List.of(), false);
                LinkedHashMap<String, Object> m = base(target.namespace().namespace(), target.name(), false, false, "[]", List.of());
                for (SettingValue v : values) {
                    m.put(v.name(), ResultMaps.text(v.value()));
                }
                return m;
            }
            SettingsRequest request = new SettingsRequest(p.namespace(), p.controller(), p.changes(), p.unsetNames(),
                    p.dryRun(), p.waitForRollout() ? Duration.ofSeconds(p.timeoutSeconds()) : null, null);
            return settingsMap(settings.apply(request));
        }
    }

    /** The result map of a settings change. */
    public static LinkedHashMap<String, Object> settingsMap(SettingsResult r) {
        LinkedHashMap<String, Object> m = base(r.namespace(), r.controller(), r.changed(), r.dryRun(), r.patch(), r.warnings());
        m.put("rollout", r.rollout() == null ? "" : r.rollout().observation());
        for (SettingChange c : r.changes()) {
            m.put(c.name(), c.removed() ? "" : ResultMaps.text(c.value()));
            m.put(ResultMaps.PREVIOUS_PREFIX + c.name(), ResultMaps.text(c.previous()));
        }
        return m;
    }

    private static LinkedHashMap<String, Object> base(String namespace, String controller, boolean changed, boolean dryRun,
                                                      String patch, List<String> warnings) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put(ResultMaps.NAMESPACE, ResultMaps.text(namespace));
        m.put(ResultMaps.CONTROLLER, ResultMaps.text(controller));
        m.put(ResultMaps.CHANGED, changed);
        m.put(ResultMaps.DRY_RUN, dryRun);
        m.put("patch", ResultMaps.text(patch));
        m.put(ResultMaps.WARNINGS, ResultMaps.lines(warnings));
        return m;
    }

    // ---- buildVddkImage: set the controller image ----------------------------------------------------------------------

    /** The reference {@code setControllerImage} writes: the pinned digest (default) or the first tag. */
    public static String controllerImage(BuildImageParameters p, BuildResult result) {
        if ("tag".equals(p.controllerImageRef())) {
            return result.references().get(0).toString();
        }
        if (result.pinned() == null) {
            throw new StepException("setControllerImage: the build returned no digest to pin");
        }
        return result.pinned().toString();
    }

    /** Sets the ForkliftController's vddk_image to the image just pushed; adds {@code controllerConfigured}. */
    public static LinkedHashMap<String, Object> setControllerImage(BuildImageParameters p, BuildResult result,
                                                                   KubeConnection connection,
                                                                   Function<KubeConnection, KubernetesClient> connector,
                                                                   Listener listener) throws InterruptedException {
        String image = controllerImage(p, result);
        ImageReference.parse(image);
        try (KubernetesClient client = connector.apply(connection)) {
            SettingsRequest request = SettingsRequest.vddkImage(image).in(p.forkliftNamespace(), p.forkliftController());
            SettingsResult r = new ForkliftSettings(client, listener).apply(request);
            LinkedHashMap<String, Object> m = new LinkedHashMap<>();
            m.put(ResultMaps.CONTROLLER_CONFIGURED, true);
            m.put("controllerNamespace", ResultMaps.text(r.namespace()));
            m.put(ResultMaps.CONTROLLER, ResultMaps.text(r.controller()));
            m.put("previousControllerImage", r.changes().stream().findFirst().map(c -> ResultMaps.text(c.previous())).orElse(image));
            r.warnings().forEach(listener::warn);
            return m;
        }
    }

    // ---- createVsphereProvider -------------------------------------------------------------------------------------

    /** The core request; {@code namespace} is the resolved one. */
    public static VsphereProviderRequest providerRequest(CreateProviderParameters p, String namespace, CredentialLookup lookup) {
        VsphereProviderRequest.Builder b = VsphereProviderRequest.builder(p.name(), namespace, p.url());
        Resolved creds = Credentials.resolve(lookup, "vsphereCredentialsId", p.vsphereCredentialsId(), Kind.USERNAME_PASSWORD);
        if (creds != null) {
            b.credentials(creds.username(), creds.secret());
        }
        b.existingSecret(p.secretName())
                .caPem(p.vsphereCaCertificate())
                .insecureSkipVerify(p.vsphereInsecureSkipTlsVerify())
                .sdkEndpoint(p.sdkEndpoint() == null ? null : SdkEndpoint.parse(p.sdkEndpoint()))
                .vddkInitImage(p.vddkInitImage())
                .useVddkAioOptimization(p.useVddkAioOptimization())
                .esxiCloneMethod(p.esxiCloneMethod() == null ? null : EsxiCloneMethod.parse(p.esxiCloneMethod()))
                .ifExists(IfExists.parse(p.effectiveIfExists()))
                .pinGlobalImage(p.pinGlobalVddkImage());
        FormChecks.preset(p.vddkBufferPreset()).ifPresentOrElse(b::preset, () -> b.buffers(p.vddkBufSizeIn64k(), p.vddkBufCount()));
        if (p.waitForReady()) {
            b.waitForReady(Duration.ofSeconds(p.timeoutSeconds()), null);
        }
        return b.build();
    }

    /**
     * Creates or updates the provider (or renders it for a dry run: then {@code connection} may be null).
     *
     * @return {@code provider}, {@code namespace}, {@code secret}, {@code action}, {@code phase}, {@code warnings},
     *         {@code conditions}, the effective settings ({@link #PROVIDER_SETTINGS}); for a dry run also {@code rendered}
     */
    public static LinkedHashMap<String, Object> createProvider(CreateProviderParameters p, CredentialLookup lookup,
                                                               KubeConnection connection,
                                                               Function<KubeConnection, KubernetesClient> connector,
                                                               Listener listener) throws InterruptedException {
        p.validate().forEach(listener::warn);
        if (p.dryRun()) {
            String ns = p.namespace() != null ? p.namespace()
                    : connection == null ? null : connection.defaultNamespace().orElse(null);
            if (ns == null) {
                throw new StepException("createVsphereProvider: a dry run without a cluster needs the namespace parameter");
            }
            VsphereProviderRequest request = providerRequest(p, ns, lookup);
            VsphereProviders.Rendering r = VsphereProviders.render(request,
                    "json".equals(p.effectiveDryRunFormat()) ? VsphereProviders.Format.JSON : VsphereProviders.Format.YAML, false);
            r.warnings().forEach(listener::warn);
            LinkedHashMap<String, Object> m = providerBase(p.name(), ns,
                    p.secretName() != null ? p.secretName() : VsphereProviders.secretName(p.name()), "dry-run", "", r.warnings());
            m.put(ResultMaps.RENDERED, r.text());
            return m;
        }
        if (connection == null) {
            throw new StepException("createVsphereProvider: no Kubernetes connection");
        }
        try (KubernetesClient client = connector.apply(connection)) {
            String ns = p.namespace() != null ? p.namespace() : connection.defaultNamespace()
                    .orElseGet(() -> MtvDiscovery.namespace(client, null, listener).namespace());
            VsphereProviderResult r = new VsphereProviders(client, listener).createOrUpdate(providerRequest(p, ns, lookup));
            return providerMap(r);
        }
    }

    /** The result map of a created or updated provider. */
    public static LinkedHashMap<String, Object> providerMap(VsphereProviderResult r) {
        LinkedHashMap<String, Object> m = providerBase(r.name(), r.namespace(), r.secretName(), r.outcome().label(), r.phase(),
                r.warnings());
        m.put("conditions", ResultMaps.lines(r.conditions()));
        Map<String, String> settings = r.effectiveSettings();
        for (String key : PROVIDER_SETTINGS) {
            m.put(key, ResultMaps.text(settings.get(key)));
        }
        return m;
    }

    private static LinkedHashMap<String, Object> providerBase(String name, String namespace, String secret, String action,
                                                              String phase, List<String> warnings) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put(ResultMaps.PROVIDER, ResultMaps.text(name));
        m.put(ResultMaps.NAMESPACE, ResultMaps.text(namespace));
        m.put(ResultMaps.SECRET, ResultMaps.text(secret));
        m.put(ResultMaps.ACTION, ResultMaps.text(action));
        m.put(ResultMaps.PHASE, ResultMaps.text(phase));
        m.put(ResultMaps.WARNINGS, ResultMaps.lines(warnings));
        return m;
    }
}
