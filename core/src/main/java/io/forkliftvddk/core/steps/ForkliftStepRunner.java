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
import io.forkliftvddk.core.forklift.pullsecret.PullSecretRequest;
import io.forkliftvddk.core.forklift.pullsecret.PullSecretResult;
import io.forkliftvddk.core.forklift.pullsecret.PullSecrets;
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
     * Applies (or, with no change requested, reads) the ForkliftController settings, and installs pull secrets for the
     * VDDK image's registry in {@code pullSecretNamespaces} first (so nothing points at an image those namespaces cannot
     * pull). The registry credentials are resolved before the cluster is touched; a dry run resolves but writes nothing.
     *
     * @return {@code namespace}, {@code controller}, {@code changed}, {@code dryRun}, {@code patch}, {@code warnings},
     *         {@code rollout}, per setting {@code <name>} (its value now) and {@code previous.<name>},
     *         {@code overridingProviders} (one {@code namespace/name image} line per vSphere provider with its own
     *         {@code vddkInitImage}), and
     *         {@code pullSecretRegistry}, {@code pullSecrets} (one line per namespace), {@code pullSecretsChanged}
     */
    public static LinkedHashMap<String, Object> configure(ConfigureForkliftParameters p, CredentialLookup lookup, GlobalDefaults defaults,
                                                          KubeConnection connection,
                                                          Function<KubeConnection, KubernetesClient> connector, Listener listener)
            throws InterruptedException {
        p.validate().forEach(listener::warn);
        Resolved pullCredentials = pullSecretCredentials(p, lookup, defaults);
        try (KubernetesClient client = connector.apply(connection)) {
            ForkliftSettings settings = new ForkliftSettings(client, listener);
            String registry = null;
            List<String> pullLines = List.of();
            boolean pullChanged = false;
            if (pullCredentials != null) {
                registry = pullSecretRegistry(p, settings);
                if (p.dryRun()) {
                    pullLines = p.pullSecretNamespaceList().stream().map(ns -> ns + "/" + PullSecretRequest.DEFAULT_SECRET_NAME
                            + ": would be created or updated; ServiceAccount default: would list it").toList();
                } else {
                    PullSecretResult r = new PullSecrets(client, listener).apply(new PullSecretRequest(registry,
                            pullCredentials.username(), pullCredentials.secret(), p.pullSecretNamespaceList(), null, null));
                    pullLines = r.entries().stream().map(e -> e.namespace() + "/" + e.secretName() + ": " + e.secret()
                            + "; ServiceAccount " + e.serviceAccount() + ": " + (e.appended() ? "appended" : "already listed")).toList();
                    pullChanged = r.entries().stream().anyMatch(e -> e.appended() || !e.secret().equals("unchanged"));
                }
            }
            LinkedHashMap<String, Object> m;
            if (!p.changesSettings()) {
                ForkliftSettings.Target target = settings.locate(p.namespace(), p.controller());
                List<SettingValue> values = settings.get(target.namespace().namespace(), target.name(), List.of(), false);
                m = base(target.namespace().namespace(), target.name(), false, p.dryRun(), "[]", List.of());
                for (SettingValue v : values) {
                    m.put(v.name(), ResultMaps.text(v.value()));
                }
            } else {
                SettingsRequest request = new SettingsRequest(p.namespace(), p.controller(), p.changes(), p.unsetNames(),
                        p.dryRun(), p.waitForRollout() ? Duration.ofSeconds(p.timeoutSeconds()) : null, null);
                m = settingsMap(settings.apply(request));
            }
            // the "providers that override the global image", read back on every call (a read too)
            m.put(ResultMaps.OVERRIDING_PROVIDERS, ResultMaps.lines(settings.overridingProviders((String) m.get(ResultMaps.NAMESPACE))
                    .entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList()));
            m.put(PULL_SECRET_REGISTRY, ResultMaps.text(registry));
            m.put(PULL_SECRETS, ResultMaps.lines(pullLines));
            m.put(PULL_SECRETS_CHANGED, pullChanged);
            return m;
        }
    }

    /** Result map keys of the pull secrets. */
    public static final String PULL_SECRET_REGISTRY = "pullSecretRegistry";
    public static final String PULL_SECRETS = "pullSecrets";
    public static final String PULL_SECRETS_CHANGED = "pullSecretsChanged";

    /** The username/password for the pull secrets (parameter, else the global default); null without pullSecretNamespaces. */
    static Resolved pullSecretCredentials(ConfigureForkliftParameters p, CredentialLookup lookup, GlobalDefaults defaults) {
        if (p.pullSecretNamespaceList().isEmpty()) {
            return null;
        }
        Resolved r = p.registryCredentialsId() != null
                ? Credentials.resolve(lookup, "registryCredentialsId", p.registryCredentialsId(), Kind.USERNAME_PASSWORD)
                : Credentials.resolve(lookup, "default registry credentials (global configuration)", defaults.registryCredentialsId(),
                        Kind.USERNAME_PASSWORD);
        if (r == null) {
            throw new StepException("configureForklift: pullSecretNamespaces needs registryCredentialsId (a username with password"
                    + " for the VDDK image's registry) or default registry credentials in the global configuration.");
        }
        return r;
    }

    /** The registry the pull secrets are for: the image being set, else the controller's current {@code vddk_image}. */
    static String pullSecretRegistry(ConfigureForkliftParameters p, ForkliftSettings settings) {
        String image = p.changes().get(ConfigureForkliftParameters.VDDK_IMAGE_SETTING);
        if (image == null && !p.unsetNames().contains(ConfigureForkliftParameters.VDDK_IMAGE_SETTING)) {
            ForkliftSettings.Target target = settings.locate(p.namespace(), p.controller());
            image = settings.get(target.namespace().namespace(), target.name(), List.of(), false).stream()
                    .filter(v -> v.name().equals(ConfigureForkliftParameters.VDDK_IMAGE_SETTING)).map(SettingValue::value)
                    .filter(v -> v != null && !v.isBlank()).findFirst().orElse(null);
        }
        if (image == null) {
            throw new StepException("configureForklift: pullSecretNamespaces needs a VDDK image to know its registry: set vddkImage,"
                    + " or set the controller's vddk_image first.");
        }
        try {
            return ImageReference.parse(image).registry();
        } catch (IllegalArgumentException e) {
            throw new StepException("configureForklift: the VDDK image '" + image + "' is not a valid image reference: " + e.getMessage(), e);
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
