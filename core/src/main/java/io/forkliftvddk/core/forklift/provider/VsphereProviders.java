package io.forkliftvddk.core.forklift.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.forkliftvddk.core.forklift.ForkliftApi;
import io.forkliftvddk.core.forklift.ForkliftException;
import io.forkliftvddk.core.forklift.KubeConnection;
import io.forkliftvddk.core.forklift.KubeErrors;
import io.forkliftvddk.core.forklift.provider.VsphereProviderResult.Outcome;
import io.forkliftvddk.core.forklift.settings.ForkliftSettings;
import io.forkliftvddk.core.forklift.settings.SettingValue;
import io.forkliftvddk.core.forklift.settings.SettingsCatalog;
import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.image.InvalidImageReferenceException;
import io.forkliftvddk.core.spi.Listener;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Creates or updates a vSphere Provider and its credentials Secret, the way Forklift expects them (forklift-api.md
 * §1, §2) and without kubectl-mtv's bugs: the existing-Secret path works, {@code vddkConfig} holds plain
 * {@code VixDiskLib.nfcAio.Session.BufSizeIn64KB}/{@code BufCount} lines, the CA goes under both {@code ca.crt} and
 * {@code cacert}, the owner reference is appended (never replacing other owners), a failed Provider creation removes
 * the Secret just created, and the dry-run renders the same names a real run uses.
 */
public final class VsphereProviders {

    /** Secret labels Forklift's webhooks select on. */
    public static final Map<String, String> SECRET_LABELS = Map.of("createdForProviderType", "vsphere",
            "createdForResourceType", "providers");
    /** Provider settings this class writes; other keys are preserved on update. */
    public static final List<String> MANAGED_SETTINGS = List.of("vddkInitImage", "sdkEndpoint", "useVddkAioOptimization",
            "vddkConfig", "esxiCloneMethod");
    /** Secret keys this class writes; other keys are preserved on update. */
    public static final List<String> MANAGED_SECRET_KEYS = List.of("user", "password", "url", "insecureSkipVerify", "ca.crt", "cacert");
    /** Marker put in place of secret values in a dry-run rendering. */
    public static final String REDACTED = "<redacted>";
    public static final String REDACTED_ANNOTATION = "forklift-vddk/redacted-keys";

    static final long MAX_BUFFER_BYTES_PER_DISK = 256L * 1024 * 1024;
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final int ATTEMPTS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final Listener listener;

    public VsphereProviders(KubernetesClient client, Listener listener) {
        this.client = client;
        this.listener = listener;
    }

    /** Opens a client for the connection, creates or updates the provider, closes the client. */
    public static VsphereProviderResult createOrUpdate(KubeConnection connection, VsphereProviderRequest request, Listener listener)
            throws InterruptedException {
        try (KubernetesClient c = connection.connect()) {
            return new VsphereProviders(c, listener).createOrUpdate(request);
        }
    }

    // ---------------------------------------------------------------- validation

    /** Checked input: the request with the preset applied, and the warnings found. */
    public record Validated(VsphereProviderRequest request, int bufSizeIn64k, int bufCount, List<String> warnings) {
    }

    /**
     * Checks the request without any API call.
     *
     * @throws ForkliftException INVALID_INPUT with what is wrong and how to fix it
     */
    public static Validated validate(VsphereProviderRequest r) {
        List<String> warnings = new ArrayList<>();
        if (r.name() == null || r.name().isBlank()) {
            throw ForkliftException.invalid("provider name is required");
        }
        if (r.name().length() > 63 || !DNS_LABEL.matcher(r.name()).matches()) {
            throw ForkliftException.invalid("invalid provider name '" + r.name()
                    + "': use at most 63 lower-case letters, digits and '-', starting and ending with a letter or digit");
        }
        if (r.namespace() == null || r.namespace().isBlank()) {
            throw ForkliftException.invalid("provider namespace is required");
        }
        if (r.url() == null || r.url().isBlank()) {
            throw ForkliftException.invalid("provider URL is required (e.g. https://vcenter.example.com/sdk)");
        }
        URI uri;
        try {
            uri = new URI(r.url());
        } catch (java.net.URISyntaxException e) {
            throw ForkliftException.invalid("provider URL '" + r.url() + "' is not a valid URL: " + e.getReason());
        }
        if (!uri.isAbsolute() || !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw ForkliftException.invalid("provider URL '" + r.url() + "' must be an absolute https URL, e.g. https://vcenter.example.com/sdk");
        }
        if (r.sdkEndpoint() != SdkEndpoint.ESXI && (uri.getPath() == null || !uri.getPath().replaceAll("/+$", "").endsWith("/sdk"))) {
            warnings.add("the URL " + r.url() + " does not end in /sdk; a vCenter SDK endpoint usually is https://<vcenter>/sdk");
        }
        boolean hasUser = r.username() != null && !r.username().isBlank();
        boolean hasPassword = r.password() != null && !r.password().isEmpty();
        boolean hasSecret = r.existingSecret() != null && !r.existingSecret().isBlank();
        if (hasSecret) {
            if (hasUser || hasPassword) {
                throw ForkliftException.invalid("give either an existing Secret or a username and password, not both");
            }
            if (!dnsSubdomain(r.existingSecret())) {
                throw ForkliftException.invalid("invalid Secret name '" + r.existingSecret() + "'");
            }
            if (r.caPem() != null || r.insecureSkipVerify()) {
                throw ForkliftException.invalid("with an existing Secret the CA certificate or insecureSkipVerify must be in that Secret;"
                        + " do not pass --cacert or --provider-insecure-skip-tls");
            }
        } else {
            if (!hasUser || !hasPassword) {
                throw ForkliftException.invalid("give a username and a password (--username with --password-stdin or --password-file),"
                        + " or the name of an existing Secret (--secret)");
            }
            boolean hasCa = r.caPem() != null && !r.caPem().isBlank();
            if (hasCa == r.insecureSkipVerify()) {
                throw ForkliftException.invalid(hasCa
                        ? "give either a CA certificate or insecure-skip-verify, not both"
                        : "either a CA certificate (--cacert FILE) or insecure skip TLS (--provider-insecure-skip-tls) must be provided");
            }
            if (hasCa) {
                checkPem(r.caPem());
            }
        }
        if (r.vddkInitImage() != null) {
            try {
                ImageReference.parse(r.vddkInitImage());
            } catch (InvalidImageReferenceException e) {
                throw ForkliftException.invalid("invalid --vddk-init-image: " + e.getMessage());
            }
            if (r.pinGlobalImage()) {
                throw ForkliftException.invalid("give either a VDDK init image or pin-global-image, not both");
            }
        }
        int size = r.bufSizeIn64k();
        int count = r.bufCount();
        if (r.preset() != null) {
            if (size != 0 || count != 0) {
                throw ForkliftException.invalid("give either a buffer preset or explicit buffer size/count, not both");
            }
            size = r.preset().bufSizeIn64k();
            count = r.preset().bufCount();
        }
        if (size < 0 || size > 1024) {
            throw ForkliftException.invalid("buffer size in 64 KiB units must be 1-1024, or 0 for automatic; got " + size);
        }
        if (count < 0 || count > 64) {
            throw ForkliftException.invalid("buffer count must be 1-64, or 0 for automatic; got " + count);
        }
        long perDisk = (long) (size == 0 ? 16 : size) * (count == 0 ? 4 : count) * 64 * 1024;
        if ((size != 0 || count != 0) && perDisk > MAX_BUFFER_BYTES_PER_DISK) {
            warnings.add("AIO buffers of " + (perDisk / (1024 * 1024)) + " MiB per disk (size " + size + " x count " + count
                    + " x 64 KiB) exceed 256 MiB: use with caution, every disk copied in parallel takes that much memory");
        }
        boolean tuning = r.useVddkAioOptimization() || size != 0 || count != 0;
        if ((size != 0 || count != 0) && !r.useVddkAioOptimization()) {
            warnings.add("buffer settings without AIO (--use-vddk-aio-optimization) are ignored by Forklift; vddkConfig is left out");
        }
        if (tuning && r.vddkInitImage() == null && !r.pinGlobalImage()) {
            warnings.add("AIO/buffer settings without a per-provider vddkInitImage are removed by Forklift's webhook;"
                    + " pass --vddk-init-image or --pin-global-image so the tuning survives");
        }
        return new Validated(r, size, count, warnings);
    }

    private static boolean dnsSubdomain(String s) {
        return s.length() <= 253 && s.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    }

    private static void checkPem(String pem) {
        if (!pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw ForkliftException.invalid("the CA certificate is not PEM: expected a '-----BEGIN CERTIFICATE-----' block");
        }
        try {
            var certs = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (certs.isEmpty()) {
                throw ForkliftException.invalid("the CA certificate PEM holds no certificate");
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw ForkliftException.invalid("the CA certificate is not a valid PEM X.509 certificate: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- rendering

    /** The name of the Secret we create for a provider; the same in dry-run and real runs. */
    public static String secretName(String providerName) {
        return providerName + "-vsphere-credentials";
    }

    /** The Provider settings for a validated request (string values, no empty ones). */
    public static Map<String, String> settings(Validated v, String vddkInitImage) {
        VsphereProviderRequest r = v.request();
        Map<String, String> s = new LinkedHashMap<>();
        if (vddkInitImage != null && !vddkInitImage.isEmpty()) {
            s.put("vddkInitImage", vddkInitImage);
        }
        if (r.sdkEndpoint() != null) {
            s.put("sdkEndpoint", r.sdkEndpoint().value());
        }
        if (r.useVddkAioOptimization()) {
            s.put("useVddkAioOptimization", "true");
            List<String> lines = new ArrayList<>();
            if (v.bufSizeIn64k() > 0) {
                lines.add("VixDiskLib.nfcAio.Session.BufSizeIn64KB=" + v.bufSizeIn64k());
            }
            if (v.bufCount() > 0) {
                lines.add("VixDiskLib.nfcAio.Session.BufCount=" + v.bufCount());
            }
            if (!lines.isEmpty()) {
                s.put("vddkConfig", String.join("\n", lines));
            }
        }
        if (r.esxiCloneMethod() != null) {
            s.put("esxiCloneMethod", r.esxiCloneMethod().value());
        }
        return s;
    }

    /** The credential Secret's data (plain text values) for a request that does not use an existing Secret. */
    public static Map<String, String> secretData(VsphereProviderRequest r) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("user", r.username());
        d.put("password", r.password().reveal());
        d.put("url", r.url());
        if (r.insecureSkipVerify()) {
            d.put("insecureSkipVerify", "true");
        }
        if (r.caPem() != null && !r.caPem().isBlank()) {
            // MTV >= 2.12 reads ca.crt, older releases only cacert: write both
            d.put("ca.crt", r.caPem());
            d.put("cacert", r.caPem());
        }
        return d;
    }

    static Secret secret(String name, String namespace, Map<String, String> data) {
        Map<String, String> encoded = new LinkedHashMap<>();
        data.forEach((k, v) -> encoded.put(k, b64(v)));
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(namespace).withLabels(new LinkedHashMap<>(SECRET_LABELS))
                .endMetadata().withType("Opaque").withData(encoded).build();
    }

    static GenericKubernetesResource provider(String name, String namespace, String url, String secretName, Map<String, String> settings) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("type", "vsphere");
        spec.put("url", url);
        spec.put("secret", new LinkedHashMap<>(Map.of("name", secretName, "namespace", namespace)));
        if (!settings.isEmpty()) {
            spec.put("settings", new LinkedHashMap<>(settings));
        }
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("spec", spec);
        return new GenericKubernetesResourceBuilder().withApiVersion(ForkliftApi.API_VERSION).withKind(ForkliftApi.PROVIDER_KIND)
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata().withAdditionalProperties(props).build();
    }

    /** Output formats of a dry run. */
    public enum Format { YAML, JSON }

    /** A dry-run rendering: the text and the warnings. */
    public record Rendering(String text, List<String> warnings) implements java.io.Serializable {
    }

    /**
     * Renders what would be created (the Secret, unless an existing one is used, then the Provider) without any API call:
     * YAML documents, or one JSON value (a {@code v1 List}). Password and CA are replaced by {@link #REDACTED} unless
     * {@code showSecrets}. {@code pin-global-image} cannot be resolved without the cluster and is reported as a warning.
     */
    public static Rendering render(VsphereProviderRequest request, Format format, boolean showSecrets) {
        Validated v = validate(request);
        List<String> warnings = new ArrayList<>(v.warnings());
        if (request.pinGlobalImage()) {
            warnings.add("dry run: the global vddk_image is not read, so vddkInitImage is not pinned in this rendering");
        }
        List<Object> objects = new ArrayList<>();
        String secretName = request.existingSecret() != null ? request.existingSecret() : secretName(request.name());
        if (request.existingSecret() == null) {
            Map<String, String> data = secretData(request);
            Secret s = secret(secretName, request.namespace(), data);
            if (!showSecrets) {
                List<String> redacted = new ArrayList<>();
                for (String k : List.of("password", "ca.crt", "cacert")) {
                    if (s.getData().containsKey(k)) {
                        s.getData().put(k, b64(REDACTED));
                        redacted.add(k);
                    }
                }
                s.getMetadata().setAnnotations(new LinkedHashMap<>(Map.of(REDACTED_ANNOTATION, String.join(",", redacted))));
            }
            objects.add(s);
        }
        objects.add(provider(request.name(), request.namespace(), request.url(), secretName, settings(v, request.vddkInitImage())));
        KubernetesSerialization ser = new KubernetesSerialization();
        String text;
        if (format == Format.YAML) {
            StringBuilder sb = new StringBuilder();
            for (Object o : objects) {
                String y = ser.asYaml(o);
                sb.append(y.startsWith("---") ? "" : "---\n").append(y);
                if (!y.endsWith("\n")) {
                    sb.append('\n');
                }
            }
            text = sb.toString();
        } else {
            Map<String, Object> list = new LinkedHashMap<>();
            list.put("apiVersion", "v1");
            list.put("kind", "List");
            List<JsonNode> items = new ArrayList<>();
            for (Object o : objects) {
                items.add(readTree(ser.asJson(o)));
            }
            list.put("items", items);
            try {
                text = JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(list) + "\n";
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Rendering(text, warnings);
    }

    // ---------------------------------------------------------------- create or update

    /** Creates or updates the Secret and the Provider, adds the owner reference, optionally waits for Ready. */
    public VsphereProviderResult createOrUpdate(VsphereProviderRequest request) throws InterruptedException {
        Validated v = validate(request);
        List<String> warnings = new ArrayList<>(v.warnings());
        String ns = request.namespace();
        String name = request.name();
        String image = request.vddkInitImage();
        String globalImage = null;
        boolean globalKnown = false;
        if (request.pinGlobalImage() || image == null) {
            try {
                List<SettingValue> values = new ForkliftSettings(client, listener)
                        .get(request.mtvNamespace(), request.controller(), List.of(SettingsCatalog.VDDK_IMAGE), false);
                globalImage = values.get(0).value();
                globalKnown = true;
            } catch (ForkliftException e) {
                if (request.pinGlobalImage()) {
                    throw new ForkliftException(e.kind(), "cannot read the global vddk_image to pin it: " + e.getMessage(), e);
                }
                listener.debug("cannot read the global vddk_image (" + e.getMessage() + "); not checking whether a VDDK image is configured");
            }
        }
        if (request.pinGlobalImage()) {
            if (globalImage == null || globalImage.isEmpty()) {
                throw new ForkliftException(ForkliftException.Kind.NOT_FOUND,
                        "pin-global-image: the ForkliftController has no vddk_image to pin; set one (configure-forklift) or pass --vddk-init-image");
            }
            image = globalImage;
            listener.info("pinning the global VDDK image " + image + " as the provider's vddkInitImage");
        }
        if (image == null && globalKnown && (globalImage == null || globalImage.isEmpty())) {
            warnings.add("no VDDK image is configured: neither a per-provider vddkInitImage nor the global vddk_image;"
                    + " warm migrations and vSAN-backed VMs need one");
        }
        Map<String, String> wantedSettings = settings(v, image);

        var providers = ForkliftApi.providers(client).inNamespace(ns);
        GenericKubernetesResource existing = call("get", provider(name, ns), () -> providers.withName(name).get());
        if (existing != null && request.ifExists() == IfExists.FAIL) {
            throw new ForkliftException(ForkliftException.Kind.CONFLICT, "Provider " + ns + "/" + name
                    + " already exists; use --if-exists update to update it or --if-exists skip to leave it");
        }
        if (existing != null && request.ifExists() == IfExists.SKIP) {
            listener.info("Provider " + ns + "/" + name + " exists; left as it is (--if-exists skip)");
            return result(existing, secretRefName(existing), Outcome.SKIPPED, Outcome.UNCHANGED, warnings);
        }

        // the Secret
        String secretName;
        Outcome secretOutcome;
        boolean secretCreatedNow = false;
        if (request.existingSecret() != null) {
            secretName = request.existingSecret();
            checkExistingSecret(ns, secretName, warnings);
            secretOutcome = Outcome.EXISTING;
        } else {
            String current = existing != null && ns.equals(secretRefNamespace(existing, ns)) ? secretRefName(existing) : null;
            secretName = current != null ? current : secretName(name);
            Secret found = call("get", "secret \"" + secretName + "\" in namespace \"" + ns + "\"",
                    () -> client.secrets().inNamespace(ns).withName(secretName).get());
            if (found == null) {
                Secret s = secret(secretName, ns, secretData(request));
                call("create", "secret \"" + secretName + "\" in namespace \"" + ns + "\"", () -> client.secrets().inNamespace(ns).resource(s).create());
                secretCreatedNow = true;
                secretOutcome = Outcome.CREATED;
                listener.info("Created secret '" + secretName + "' for provider authentication");
            } else {
                if (current == null && !isOurs(found, name)) {
                    throw new ForkliftException(ForkliftException.Kind.CONFLICT, "Secret " + ns + "/" + secretName
                            + " exists and was not created for provider " + name + "; pass --secret " + secretName
                            + " to use it as it is, or delete it");
                }
                secretOutcome = updateSecretData(ns, secretName, secretData(request)) ? Outcome.UPDATED : Outcome.UNCHANGED;
                if (secretOutcome == Outcome.UPDATED) {
                    listener.info("Updated secret '" + secretName + "'");
                }
            }
        }

        // the Provider
        GenericKubernetesResource written;
        Outcome outcome;
        if (existing == null) {
            GenericKubernetesResource p = provider(name, ns, request.url(), secretName, wantedSettings);
            try {
                written = providers.resource(p).create();
            } catch (KubernetesClientException e) {
                String left = secretCreatedNow ? cleanupSecret(ns, secretName) : "";
                ForkliftException mapped = KubeErrors.map(e, "create", provider(name, ns));
                throw new ForkliftException(mapped.kind(), "failed to create Provider " + ns + "/" + name + ": " + mapped.getMessage() + left, e);
            }
            outcome = Outcome.CREATED;
            listener.info("provider/" + name + " created");
        } else {
            written = updateProvider(ns, name, request.url(), secretName, wantedSettings);
            outcome = written == null ? Outcome.UNCHANGED : Outcome.UPDATED;
            if (written == null) {
                written = existing;
                listener.info("provider/" + name + " unchanged");
            } else {
                listener.info("provider/" + name + " updated");
            }
        }

        if (request.existingSecret() == null) {
            addOwnerReference(ns, secretName, written);
        }
        if (request.waitTimeout() != null) {
            written = ProviderWaiter.await(client, ns, name, request.waitTimeout(), request.pollInterval(), listener);
        }
        GenericKubernetesResource back = call("get", provider(name, ns), () -> providers.withName(name).get());
        if (back == null) {
            throw new ForkliftException(ForkliftException.Kind.NOT_FOUND, "Provider " + ns + "/" + name + " disappeared after it was written");
        }
        Map<String, String> effective = stringMap(spec(back).path("settings"));
        for (Map.Entry<String, String> e : wantedSettings.entrySet()) {
            if (!Objects.equals(effective.get(e.getKey()), e.getValue())) {
                warnings.add("the cluster does not keep setting " + e.getKey() + "=" + e.getValue().replace("\n", "\\n")
                        + " (read back: " + effective.get(e.getKey()) + "); a webhook may have removed or changed it");
            }
        }
        return result(back, secretName, outcome, secretOutcome, warnings);
    }

    private VsphereProviderResult result(GenericKubernetesResource p, String secretName, Outcome outcome, Outcome secretOutcome,
                                         List<String> warnings) {
        JsonNode root = JSON.valueToTree(p.getAdditionalProperties());
        return new VsphereProviderResult(p.getMetadata().getName(), p.getMetadata().getNamespace(), p.getMetadata().getUid(), secretName,
                outcome, secretOutcome, ProviderWaiter.phase(root), ProviderWaiter.conditions(root), stringMap(root.path("spec").path("settings")),
                warnings);
    }

    private void checkExistingSecret(String ns, String secretName, List<String> warnings) {
        Secret s = call("get", "secret \"" + secretName + "\" in namespace \"" + ns + "\"",
                () -> client.secrets().inNamespace(ns).withName(secretName).get());
        if (s == null) {
            throw new ForkliftException(ForkliftException.Kind.NOT_FOUND, "Secret " + ns + "/" + secretName
                    + " does not exist; create it first (keys user, password, and ca.crt or insecureSkipVerify), or pass --username");
        }
        Map<String, String> data = s.getData() == null ? Map.of() : s.getData();
        List<String> missing = new ArrayList<>();
        for (String k : List.of("user", "password")) {
            if (!data.containsKey(k) && (s.getStringData() == null || !s.getStringData().containsKey(k))) {
                missing.add(k);
            }
        }
        if (!missing.isEmpty()) {
            throw ForkliftException.invalid("Secret " + ns + "/" + secretName + " lacks the keys " + missing + " a vSphere provider needs");
        }
        boolean insecure = "true".equals(unb64(data.get("insecureSkipVerify")));
        if (!insecure && !data.containsKey("ca.crt") && !data.containsKey("cacert")) {
            warnings.add("Secret " + ns + "/" + secretName + " has neither a CA certificate (ca.crt/cacert) nor insecureSkipVerify=true;"
                    + " Forklift will report the provider's Secret as not valid");
        }
        listener.info("Using existing secret '" + secretName + "' for provider authentication");
    }

    private static boolean isOurs(Secret s, String providerName) {
        Map<String, String> labels = s.getMetadata().getLabels() == null ? Map.of() : s.getMetadata().getLabels();
        boolean labelled = "providers".equals(labels.get("createdForResourceType")) && "vsphere".equals(labels.get("createdForProviderType"));
        List<OwnerReference> owners = s.getMetadata().getOwnerReferences() == null ? List.of() : s.getMetadata().getOwnerReferences();
        boolean otherOwner = owners.stream().anyMatch(o -> ForkliftApi.PROVIDER_KIND.equals(o.getKind()) && !providerName.equals(o.getName()));
        return labelled && !otherOwner;
    }

    /** Puts our keys into the Secret's data (others kept); returns whether anything changed. Retries on conflict. */
    private boolean updateSecretData(String ns, String secretName, Map<String, String> wanted) {
        for (int attempt = 1; ; attempt++) {
            Secret s = client.secrets().inNamespace(ns).withName(secretName).get();
            Map<String, String> data = new LinkedHashMap<>(s.getData() == null ? Map.of() : s.getData());
            Map<String, String> before = new LinkedHashMap<>(data);
            for (String k : MANAGED_SECRET_KEYS) {
                if (wanted.containsKey(k)) {
                    data.put(k, b64(wanted.get(k)));
                } else {
                    data.remove(k);
                }
            }
            Map<String, String> labels = new LinkedHashMap<>(s.getMetadata().getLabels() == null ? Map.of() : s.getMetadata().getLabels());
            boolean labelsChanged = !labels.entrySet().containsAll(SECRET_LABELS.entrySet());
            labels.putAll(SECRET_LABELS);
            if (data.equals(before) && !labelsChanged) {
                return false;
            }
            s.setData(data);
            s.getMetadata().setLabels(labels);
            try {
                client.secrets().inNamespace(ns).resource(s).update();
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409 && attempt < ATTEMPTS) {
                    continue;
                }
                throw KubeErrors.map(e, "update", "secret \"" + secretName + "\" in namespace \"" + ns + "\"");
            }
        }
    }

    /** Updates url, secret reference and the settings given; returns null when nothing changed. Retries on conflict. */
    private GenericKubernetesResource updateProvider(String ns, String name, String url, String secretName, Map<String, String> wantedSettings) {
        var res = ForkliftApi.providers(client).inNamespace(ns).withName(name);
        for (int attempt = 1; ; attempt++) {
            GenericKubernetesResource cur = res.get();
            if (cur == null) {
                throw new ForkliftException(ForkliftException.Kind.NOT_FOUND, "Provider " + ns + "/" + name + " was deleted during the update");
            }
            Map<String, Object> props = deepCopy(cur.getAdditionalProperties());
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) props.computeIfAbsent("spec", k -> new LinkedHashMap<>());
            Map<String, Object> before = deepCopy(spec);
            spec.put("type", "vsphere");
            spec.put("url", url);
            spec.put("secret", new LinkedHashMap<>(Map.of("name", secretName, "namespace", ns)));
            @SuppressWarnings("unchecked")
            Map<String, Object> settings = spec.get("settings") instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
            // settings not given are left as they are; the ones given replace theirs
            settings.putAll(wantedSettings);
            if (!settings.isEmpty()) {
                spec.put("settings", settings);
            }
            if (JSON.valueToTree(spec).equals(JSON.valueToTree(before))) {
                return null;
            }
            cur.setAdditionalProperties(props);
            try {
                return ForkliftApi.providers(client).inNamespace(ns).resource(cur).update();
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409 && attempt < ATTEMPTS) {
                    listener.debug("Provider " + ns + "/" + name + " changed meanwhile; retrying the update");
                    continue;
                }
                throw KubeErrors.map(e, "update", provider(name, ns));
            }
        }
    }

    /** Appends an owner reference to the Provider (others kept), so deleting the Provider collects the Secret. */
    private void addOwnerReference(String ns, String secretName, GenericKubernetesResource p) {
        String uid = p.getMetadata().getUid();
        for (int attempt = 1; ; attempt++) {
            Secret s = call("get", "secret \"" + secretName + "\" in namespace \"" + ns + "\"",
                    () -> client.secrets().inNamespace(ns).withName(secretName).get());
            if (s == null) {
                throw new ForkliftException(ForkliftException.Kind.NOT_FOUND, "Secret " + ns + "/" + secretName
                        + " disappeared before its owner reference was set; Provider " + ns + "/" + p.getMetadata().getName() + " exists");
            }
            List<OwnerReference> owners = new ArrayList<>(s.getMetadata().getOwnerReferences() == null ? List.of() : s.getMetadata().getOwnerReferences());
            if (owners.stream().anyMatch(o -> uid != null && uid.equals(o.getUid()))) {
                return;
            }
            owners.add(new OwnerReferenceBuilder().withApiVersion(ForkliftApi.API_VERSION).withKind(ForkliftApi.PROVIDER_KIND)
                    .withName(p.getMetadata().getName()).withUid(uid).build());
            s.getMetadata().setOwnerReferences(owners);
            try {
                client.secrets().inNamespace(ns).resource(s).update();
                listener.debug("Secret " + ns + "/" + secretName + " is now owned by Provider " + p.getMetadata().getName());
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409 && attempt < ATTEMPTS) {
                    continue;
                }
                ForkliftException mapped = KubeErrors.map(e, "update", "secret \"" + secretName + "\" in namespace \"" + ns + "\"");
                throw new ForkliftException(mapped.kind(), "Provider " + ns + "/" + p.getMetadata().getName() + " and Secret " + secretName
                        + " exist, but the Secret's owner reference could not be set (" + mapped.getMessage()
                        + "); run the command again to retry", e);
            }
        }
    }

    private String cleanupSecret(String ns, String secretName) {
        try {
            client.secrets().inNamespace(ns).withName(secretName).delete();
            listener.info("Deleted secret '" + secretName + "' again, since the Provider could not be created");
            return "; the Secret " + secretName + " created for it was deleted again, nothing is left";
        } catch (KubernetesClientException e) {
            return "; the Secret " + ns + "/" + secretName + " created for it could NOT be deleted (HTTP " + e.getCode()
                    + "): delete it with `kubectl delete secret -n " + ns + " " + secretName + "`";
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String provider(String name, String ns) {
        return ForkliftApi.describe("providers." + ForkliftApi.GROUP, name, ns);
    }

    private static <T> T call(String verb, String what, java.util.function.Supplier<T> op) {
        try {
            return op.get();
        } catch (KubernetesClientException e) {
            throw KubeErrors.map(e, verb, what);
        }
    }

    private static JsonNode spec(GenericKubernetesResource r) {
        return JSON.valueToTree(r.getAdditionalProperties()).path("spec");
    }

    private static String secretRefName(GenericKubernetesResource p) {
        String n = spec(p).path("secret").path("name").asText("");
        return n.isEmpty() ? null : n;
    }

    private static String secretRefNamespace(GenericKubernetesResource p, String dflt) {
        String n = spec(p).path("secret").path("namespace").asText("");
        return n.isEmpty() ? dflt : n;
    }

    static Map<String, String> stringMap(JsonNode node) {
        Map<String, String> m = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<String, Object> m) {
        return JSON.convertValue(m == null ? Map.of() : m, LinkedHashMap.class);
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String unb64(String s) {
        if (s == null) {
            return null;
        }
        try {
            return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static final Set<String> FAILING_CATEGORIES = Set.of("Critical", "Error");
}
