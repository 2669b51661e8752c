package io.forkliftvddk.core.steps;

import io.forkliftvddk.core.archive.VddkVersion;
import io.forkliftvddk.core.discovery.TagTemplate;
import io.forkliftvddk.core.forklift.provider.BufferPreset;
import io.forkliftvddk.core.forklift.settings.SettingDefinition;
import io.forkliftvddk.core.forklift.settings.SettingsCatalog;
import io.forkliftvddk.core.image.ImageReference;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One check per form field (and per group of fields that exclude each other). The Jenkins descriptors' {@code doCheck…}
 * methods only call these; the parameter records' {@code validate()} use the same ones, so a form and a Pipeline
 * script get the same answer.
 */
public final class FormChecks {

    private FormChecks() {
    }

    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern SHA256 = Pattern.compile("(?i)(sha256:)?[0-9a-f]{64}");
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern PLATFORM = Pattern.compile("(linux/)?[a-z0-9_]+(/v[0-9]+)?");
    private static final Pattern BUILD_ARG = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(.*)", Pattern.DOTALL);
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(pass(word)?|secret|token|key|credential).*");
    private static final Pattern SETTING = Pattern.compile("[a-z][a-z0-9_]*");

    /** The Forklift limits for AIO buffers (issue 6): 0 means automatic. */
    public static final int MAX_BUF_SIZE_IN_64K = 1024;
    public static final int MAX_BUF_COUNT = 64;
    /** Above this much buffer memory per disk the user gets a warning. */
    public static final long WARN_BUFFER_MIB = 256;

    // ---- images -----------------------------------------------------------------------------------------------

    /** Any image reference; empty is OK unless required. */
    public static FormCheck image(String value, boolean required) {
        String v = StepValues.trimToNull(value);
        if (v == null) {
            return required ? FormCheck.error("Required.") : FormCheck.ok();
        }
        if (StepValues.isExpression(v)) {
            return FormCheck.ok();
        }
        return ImageReference.problem(v).map(FormCheck::error).orElse(FormCheck.ok());
    }

    /** The image to build: required, a valid reference, and not a public Docker Hub repository (VMware licence). */
    public static FormCheck tag(String value) {
        FormCheck c = image(value, true);
        if (!c.isOk() || StepValues.isExpression(value)) {
            return c;
        }
        ImageReference ref = ImageReference.parse(value.strip());
        if (ref.hasDigest()) {
            return FormCheck.error("The image to build needs a tag, not a digest: the digest is known only after the push.");
        }
        if (ref.registry().equals(ImageReference.DEFAULT_REGISTRY)) {
            return FormCheck.warning("This pushes to Docker Hub (" + ref + "). VMware's licence forbids public distribution of"
                    + " VDDK: use a private registry or a private repository.");
        }
        return FormCheck.ok();
    }

    /** More tags for the same image: tag names only, separated by spaces, commas or new lines. */
    public static FormCheck additionalTags(String value) {
        List<String> bad = new ArrayList<>();
        for (String t : StepValues.words(value)) {
            if (!StepValues.isExpression(t) && !TAG.matcher(t).matches()) {
                bad.add(t);
            }
        }
        return bad.isEmpty() ? FormCheck.ok() : FormCheck.error("Invalid tag(s): " + String.join(", ", bad)
                + ". A tag is up to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-' (give tags only, not"
                + " repositories).");
    }

    /** A global VDDK image (ForkliftController {@code vddk_image}): a reference, preferably pinned. */
    public static FormCheck vddkImage(String value) {
        FormCheck c = image(value, false);
        String v = StepValues.trimToNull(value);
        if (!c.isOk() || v == null || StepValues.isExpression(v)) {
            return c;
        }
        if (!ImageReference.parse(v).hasDigest()) {
            return FormCheck.warning("A tag can be moved; a pinned reference (repo@sha256:…) makes every migration use exactly"
                    + " this image. buildVddkImage returns it as imageDigestRef.");
        }
        return FormCheck.ok();
    }

    /** A repository to look up tags in: no tag, no digest (the tag comes from the tag template). */
    public static FormCheck imageRepository(String value, boolean required) {
        FormCheck c = image(value, required);
        String v = StepValues.trimToNull(value);
        if (!c.isOk() || v == null || StepValues.isExpression(v)) {
            return c;
        }
        int slash = v.lastIndexOf('/');
        if (v.indexOf('@') >= 0 || v.indexOf(':', slash + 1) >= 0) {
            return FormCheck.error("Give the repository only (for example registry.example.com/mtv/vddk); the tag comes from"
                    + " the tag template.");
        }
        return FormCheck.ok();
    }

    /** A tag template with the placeholders {version}, {major}, {build}; it must render to a valid tag. */
    public static FormCheck tagTemplate(String value) {
        String v = StepValues.trimToNull(value);
        if (v == null) {
            return FormCheck.ok("Default: " + TagTemplate.DEFAULT);
        }
        try {
            String sample = TagTemplate.of(v).tagFor(VddkVersion.parse("8.0.3-23950268"));
            return FormCheck.ok("For VDDK 8.0.3 build 23950268: " + sample);
        } catch (IllegalArgumentException e) {
            return FormCheck.error(e.getMessage());
        }
    }

    // ---- build ------------------------------------------------------------------------------------------------

    /** The kit: a workspace path or an http(s) URL. */
    public static FormCheck archive(String value) {
        String v = StepValues.trimToNull(value);
        if (v == null) {
            return FormCheck.error("Required: the VDDK tar.gz (a path in the workspace, or an http(s) URL).");
        }
        if (StepValues.isExpression(v)) {
            return FormCheck.ok();
        }
        if (v.matches("(?i)[a-z][a-z0-9+.-]*://.*")) {
            return httpUrl(v, "archive URL");
        }
        String name = v.substring(v.replace('\\', '/').lastIndexOf('/') + 1);
        if (VddkVersion.fromFileName(name).isEmpty()) {
            return FormCheck.warning("'" + name + "' is not named like a VMware kit (VMware-vix-disklib-8.0.1-21562716.x86_64.tar.gz);"
                    + " the version will be read from lib64 instead.");
        }
        return FormCheck.ok();
    }

    public static FormCheck sha256(String value) {
        String v = StepValues.trimToNull(value);
        if (v == null || StepValues.isExpression(v) || SHA256.matcher(v).matches()) {
            return FormCheck.ok();
        }
        return FormCheck.error("Expected 64 hexadecimal digits (optionally prefixed with sha256:), as on VMware's download page.");
    }

    public static FormCheck runtime(String value) {
        String v = StepValues.lower(value);
        if (v == null || Choices.contains(Choices.RUNTIMES, v)) {
            return FormCheck.ok();
        }
        return FormCheck.error("Unknown runtime '" + value + "': use one of " + Choices.values(Choices.RUNTIMES) + ".");
    }

    public static FormCheck runtimePath(String value, String runtime) {
        String v = StepValues.trimToNull(value);
        if (v == null) {
            return FormCheck.ok();
        }
        if (Choices.RUNTIME_BUILTIN.equals(StepValues.lower(runtime))) {
            return FormCheck.warning("The built-in builder runs no executable; the runtime path is ignored.");
        }
        if (v.contains("\n")) {
            return FormCheck.error("One executable path only.");
        }
        return FormCheck.ok();
    }

    /** {@code amd64} or {@code linux/amd64}, several separated by commas; anything but amd64 gets a warning. */
    public static FormCheck platform(String value) {
        List<String> others = new ArrayList<>();
        for (String p : StepValues.words(value)) {
            String norm = p.toLowerCase(Locale.ROOT);
            if (!PLATFORM.matcher(norm).matches()) {
                return FormCheck.error("Invalid platform '" + p + "': use amd64 or linux/amd64 (several separated by commas).");
            }
            if (!norm.equals("amd64") && !norm.equals("linux/amd64")) {
                others.add(p);
            }
        }
        return others.isEmpty() ? FormCheck.ok() : FormCheck.warning("VMware ships VDDK for x86_64 only: an image for "
                + String.join(", ", others) + " cannot load the libraries.");
    }

    /** Dockerfile build arguments, one {@code KEY=VALUE} per line. */
    public static FormCheck buildArgs(String value) {
        List<String> secretLike = new ArrayList<>();
        for (String line : StepValues.lines(value)) {
            var m = BUILD_ARG.matcher(line);
            if (!m.matches()) {
                return FormCheck.error("Not KEY=VALUE: '" + firstWord(line) + "…'. One build argument per line.");
            }
            if (SECRET_NAME.matcher(m.group(1)).matches()) {
                secretLike.add(m.group(1));
            }
        }
        return secretLike.isEmpty() ? FormCheck.ok() : FormCheck.warning("Build arguments are stored in the image history"
                + " and shown in the build log; do not pass secrets (" + String.join(", ", secretLike) + ").");
    }

    /** Raw options for the runtime's build command, one per line, each starting with '-'. */
    public static FormCheck runtimeOptions(String value, String runtime) {
        List<String> lines = StepValues.lines(value);
        for (String line : lines) {
            if (!line.startsWith("-")) {
                return FormCheck.error("Each line must be an option starting with '-' (for example --network none).");
            }
        }
        if (!lines.isEmpty() && Choices.RUNTIME_BUILTIN.equals(StepValues.lower(runtime))) {
            return FormCheck.warning("The built-in builder runs no runtime; these options are ignored.");
        }
        return FormCheck.ok();
    }

    /** A custom Dockerfile (workspace path); it only applies to podman and docker. */
    public static FormCheck dockerfile(String value, String runtime) {
        if (StepValues.trimToNull(value) != null && Choices.RUNTIME_BUILTIN.equals(StepValues.lower(runtime))) {
            return FormCheck.error("The built-in builder does not run Dockerfiles: choose auto, podman or docker.");
        }
        return FormCheck.ok();
    }

    /** Push, output and set-controller-image together. */
    public static FormCheck pushOptions(boolean push, String output, boolean setControllerImage) {
        if (setControllerImage && !push) {
            return FormCheck.error("Setting the controller image needs push: the cluster can only pull a pushed image.");
        }
        if (push && StepValues.trimToNull(output) != null) {
            return FormCheck.error("Either push to the registry or write the image to an output, not both.");
        }
        if (!push && StepValues.trimToNull(output) == null) {
            return FormCheck.warning("Without push the image stays in the runtime's local store of this agent.");
        }
        return FormCheck.ok();
    }

    /** An offline output: {@code oci:DIR} or {@code oci-archive:FILE}. */
    public static FormCheck output(String value) {
        String v = StepValues.trimToNull(value);
        if (v == null || StepValues.isExpression(v)) {
            return FormCheck.ok();
        }
        if ((v.startsWith("oci:") && v.length() > 4) || (v.startsWith("oci-archive:") && v.length() > 12)) {
            return FormCheck.ok();
        }
        return FormCheck.error("Use oci:DIRECTORY (an OCI image layout) or oci-archive:FILE.tar (loadable with podman load).");
    }

    public static FormCheck controllerImageRef(String value) {
        return choice(value, Choices.CONTROLLER_IMAGE_REFS, "controller image reference");
    }

    // ---- TLS and certificates -----------------------------------------------------------------------------------

    /** PEM certificate(s); empty is OK. */
    public static FormCheck certificate(String pem) {
        String v = StepValues.trimToNull(pem);
        if (v == null || StepValues.isExpression(v)) {
            return FormCheck.ok();
        }
        if (!v.contains("-----BEGIN CERTIFICATE-----")) {
            return FormCheck.error("Expected a PEM certificate (-----BEGIN CERTIFICATE----- …), not a file name or a key.");
        }
        try {
            var certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(v.getBytes(StandardCharsets.US_ASCII)));
            if (certs.isEmpty()) {
                return FormCheck.error("No certificate found in the PEM text.");
            }
            return FormCheck.ok();
        } catch (CertificateException e) {
            return FormCheck.error("The PEM certificate cannot be parsed: " + e.getMessage());
        }
    }

    /** A CA together with insecure: the CA is pointless. */
    public static FormCheck tls(boolean insecureSkipTlsVerify, String caCertificate) {
        FormCheck ca = certificate(caCertificate);
        if (!ca.isOk()) {
            return ca;
        }
        if (insecureSkipTlsVerify && StepValues.trimToNull(caCertificate) != null) {
            return FormCheck.warning("TLS verification is skipped, so the CA certificate is not used.");
        }
        return FormCheck.ok();
    }

    // ---- Kubernetes ----------------------------------------------------------------------------------------------

    public static FormCheck kubeServerUrl(String value) {
        String v = StepValues.trimToNull(value);
        if (v == null || StepValues.isExpression(v)) {
            return FormCheck.ok();
        }
        FormCheck url = httpUrl(v, "API server URL");
        if (url.isError()) {
            return url;
        }
        URI uri = URI.create(v);
        if (uri.getScheme().equalsIgnoreCase("http") && !isLoopback(uri.getHost())) {
            return FormCheck.error("The Kubernetes API server must be reached over https (the token would travel in clear text).");
        }
        return FormCheck.ok();
    }

    /** The connection fields together: a kubeconfig credential excludes server URL + token. */
    public static FormCheck kubeConnection(String kubeconfigCredentialsId, String kubeServerUrl, String kubeTokenCredentialsId,
                                           String kubeCaCertificate, boolean kubeInsecureSkipTlsVerify, String kubeContext) {
        boolean kubeconfig = StepValues.trimToNull(kubeconfigCredentialsId) != null;
        boolean server = StepValues.trimToNull(kubeServerUrl) != null;
        boolean token = StepValues.trimToNull(kubeTokenCredentialsId) != null;
        if (kubeconfig && (server || token)) {
            return FormCheck.error("Give either a kubeconfig credential or a server URL with a token credential, not both.");
        }
        if (token && !server) {
            return FormCheck.error("A token credential needs the API server URL (kubeServerUrl).");
        }
        if (StepValues.trimToNull(kubeContext) != null && (server || token)) {
            return FormCheck.error("A kubeconfig context applies to a kubeconfig, not to a server URL with a token.");
        }
        if (kubeconfig && (StepValues.trimToNull(kubeCaCertificate) != null || kubeInsecureSkipTlsVerify)) {
            return FormCheck.warning("The kubeconfig carries its own TLS settings; the CA certificate and insecure flag are ignored.");
        }
        if (server) {
            return tls(kubeInsecureSkipTlsVerify, kubeCaCertificate);
        }
        return FormCheck.ok();
    }

    /** A namespace (DNS-1123 label); empty is OK where it is discovered. */
    public static FormCheck namespace(String value) {
        String v = StepValues.trimToNull(value);
        if (v == null || StepValues.isExpression(v)) {
            return FormCheck.ok();
        }
        if (v.length() > 63 || !DNS_LABEL.matcher(v).matches()) {
            return FormCheck.error("Not a valid namespace: lower-case letters, digits and '-', at most 63 characters.");
        }
        return FormCheck.ok();
    }

    /** Namespaces separated by spaces, commas or new lines. */
    public static FormCheck namespaces(String value) {
        for (String ns : StepValues.words(value)) {
            FormCheck c = namespace(ns);
            if (!c.isOk()) {
                return FormCheck.error("'" + ns + "': " + c.message());
            }
        }
        return FormCheck.ok();
    }

    /** {@code registryCredentialsId} of configureForklift: only used for pull secrets (the global default applies when empty). */
    public static FormCheck pullSecretCredentials(String pullSecretNamespaces, String registryCredentialsId) {
        if (StepValues.trimToNull(registryCredentialsId) != null && StepValues.words(pullSecretNamespaces).isEmpty()) {
            return FormCheck.warning("Registry credentials are used only for pull secrets: list the namespaces in"
                    + " pullSecretNamespaces, or leave the credentials empty.");
        }
        return FormCheck.ok();
    }

    /** A Kubernetes object name (DNS-1123 subdomain). */
    public static FormCheck resourceName(String value, boolean required) {
        String v = StepValues.trimToNull(value);
        if (v == null) {
            return required ? FormCheck.error("Required.") : FormCheck.ok();
        }
        if (StepValues.isExpression(v)) {
            return FormCheck.ok();
        }
        if (v.length() > 253 || !DNS_SUBDOMAIN.matcher(v).matches()) {
            return FormCheck.error("Not a valid Kubernetes name: lower-case letters, digits, '-' and '.', starting and ending"
                    + " with a letter or digit, at most 253 characters.");
        }
        return FormCheck.ok();
    }

    public static FormCheck timeoutSeconds(int value) {
        if (value <= 0) {
            return FormCheck.error("The timeout must be a positive number of seconds.");
        }
        if (value > 24 * 3600) {
            return FormCheck.warning("More than a day: a build would hold its executor that long.");
        }
        return FormCheck.ok();
    }

    /** A ForkliftController setting name as kubectl-mtv names them (snake_case). */
    public static FormCheck settingName(String value) {
        String v = StepValues.trimToNull(value);
        if (v == null) {
            return FormCheck.error("Required: a setting name such as vddk_image.");
        }
        if (!SETTING.matcher(v).matches()) {
            return FormCheck.error("Setting names are snake_case, for example vddk_image or controller_vddk_job_active_deadline_sec.");
        }
        if (v.equals("vddkinitimage") || v.equals("vddk_init_image")) {
            return FormCheck.error("The ForkliftController has no such setting: the global image is vddk_image"
                    + " (vddkInitImage is a per-provider setting).");
        }
        if (SettingsCatalog.find(v).isEmpty()) {
            return FormCheck.error("Unknown setting " + v + ". Common ones: " + SettingsCatalog.supported().stream()
                    .map(SettingDefinition::name).collect(java.util.stream.Collectors.joining(", ")) + ".");
        }
        return FormCheck.ok();
    }

    /** Names to unset, separated by spaces, commas or new lines. */
    public static FormCheck settingNames(String value) {
        for (String n : StepValues.words(value)) {
            FormCheck c = settingName(n);
            if (!c.isOk()) {
                return c;
            }
        }
        return FormCheck.ok();
    }

    // ---- vSphere provider -------------------------------------------------------------------------------------------

    /** The vCenter/ESXi SDK URL: absolute https; a vcenter URL should end in /sdk. */
    public static FormCheck vsphereUrl(String value, String sdkEndpoint) {
        String v = StepValues.trimToNull(value);
        if (v == null) {
            return FormCheck.error("Required: the SDK URL, for example https://vcenter.example.com/sdk.");
        }
        if (StepValues.isExpression(v)) {
            return FormCheck.ok();
        }
        FormCheck url = httpUrl(v, "vSphere URL");
        if (url.isError()) {
            return url;
        }
        URI uri = URI.create(v);
        if (!uri.getScheme().equalsIgnoreCase("https")) {
            return FormCheck.error("The vSphere URL must use https (Forklift connects with TLS).");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (!"esxi".equals(StepValues.lower(sdkEndpoint)) && !path.replaceAll("/+$", "").endsWith("/sdk")) {
            return FormCheck.warning("A vCenter URL usually ends in /sdk (https://" + uri.getHost() + "/sdk).");
        }
        return FormCheck.ok();
    }

    /** Credentials or an existing Secret: exactly one. */
    public static FormCheck vsphereAuth(String vsphereCredentialsId, String secretName) {
        boolean creds = StepValues.trimToNull(vsphereCredentialsId) != null;
        boolean secret = StepValues.trimToNull(secretName) != null;
        if (creds && secret) {
            return FormCheck.error("Give either vSphere credentials (a new Secret is created) or the name of an existing Secret, not both.");
        }
        if (!creds && !secret) {
            return FormCheck.error("Required: vSphere credentials (username with password) or the name of an existing Secret.");
        }
        return secret ? resourceName(secretName, false) : FormCheck.ok();
    }

    /** Forklift requires a CA certificate or insecure-skip-verify for a new Secret; both is contradictory. */
    public static FormCheck vsphereTls(String vsphereCaCertificate, boolean vsphereInsecureSkipTlsVerify, String secretName) {
        FormCheck ca = certificate(vsphereCaCertificate);
        if (!ca.isOk()) {
            return ca;
        }
        boolean hasCa = StepValues.trimToNull(vsphereCaCertificate) != null;
        if (hasCa && vsphereInsecureSkipTlsVerify) {
            return FormCheck.error("Give either the vCenter CA certificate or skip TLS verification, not both (Forklift rejects both).");
        }
        if (!hasCa && !vsphereInsecureSkipTlsVerify && StepValues.trimToNull(secretName) == null) {
            return FormCheck.error("Forklift needs the vCenter CA certificate (PEM) or insecure skip-verify; without either the"
                    + " provider fails with SecretNotValid (missing ca.crt).");
        }
        return FormCheck.ok();
    }

    public static FormCheck sdkEndpoint(String value) {
        return choice(value, Choices.SDK_ENDPOINTS, "SDK endpoint");
    }

    public static FormCheck esxiCloneMethod(String value) {
        return choice(value, Choices.ESXI_CLONE_METHODS, "ESXi clone method");
    }

    public static FormCheck ifExists(String value) {
        return choice(value, Choices.IF_EXISTS, "if-exists mode");
    }

    public static FormCheck dryRunFormat(String value) {
        return choice(value, Choices.DRY_RUN_FORMATS, "dry-run format");
    }

    public static FormCheck bufferPreset(String value) {
        return choice(value, Choices.BUFFER_PRESETS, "buffer preset");
    }

    public static FormCheck bufSizeIn64k(int value) {
        return range(value, MAX_BUF_SIZE_IN_64K, "Buffer size (in 64 KiB units)");
    }

    public static FormCheck bufCount(int value) {
        return range(value, MAX_BUF_COUNT, "Buffer count");
    }

    /**
     * The AIO tuning fields together: a preset excludes explicit values; large memory, buffers without AIO and tuning
     * without a per-provider image (Forklift's webhook strips it then) get warnings.
     */
    public static FormCheck vddkTuning(boolean useVddkAioOptimization, String vddkBufferPreset, int vddkBufSizeIn64k,
                                       int vddkBufCount, String vddkInitImage, boolean pinGlobalVddkImage) {
        List<FormCheck> checks = new ArrayList<>(List.of(bufferPreset(vddkBufferPreset), bufSizeIn64k(vddkBufSizeIn64k),
                bufCount(vddkBufCount)));
        if (checks.stream().anyMatch(FormCheck::isError)) {
            return FormCheck.worst(checks);
        }
        Optional<BufferPreset> preset = preset(vddkBufferPreset);
        if (preset.isPresent() && (vddkBufSizeIn64k != 0 || vddkBufCount != 0)) {
            return FormCheck.error("Choose a buffer preset or explicit buffer size/count, not both.");
        }
        int size = preset.map(BufferPreset::bufSizeIn64k).orElse(vddkBufSizeIn64k);
        int count = preset.map(BufferPreset::bufCount).orElse(vddkBufCount);
        boolean buffers = size != 0 || count != 0;
        long mib = (long) (size == 0 ? 16 : size) * (count == 0 ? 4 : count) * 64 / 1024;
        List<FormCheck> warnings = new ArrayList<>();
        if (buffers && !useVddkAioOptimization) {
            warnings.add(FormCheck.warning("Buffer settings only apply with AIO optimisation; Forklift ignores them otherwise."));
        }
        if (buffers && mib > WARN_BUFFER_MIB) {
            warnings.add(FormCheck.warning(mib + " MiB of buffers per disk (more than " + WARN_BUFFER_MIB
                    + " MiB): use with caution, every disk of a migration allocates this."));
        }
        if ((useVddkAioOptimization || buffers) && StepValues.trimToNull(vddkInitImage) == null && !pinGlobalVddkImage) {
            warnings.add(FormCheck.warning("Forklift's webhook strips AIO and buffer settings from a provider without its own"
                    + " vddkInitImage: set one, or pin the global image."));
        }
        return FormCheck.worst(warnings);
    }

    /** The named buffer preset, or empty when none (or an unknown one, which {@link #bufferPreset} reports). */
    public static Optional<BufferPreset> preset(String value) {
        String v = StepValues.lower(value);
        if (v == null) {
            return Optional.empty();
        }
        for (BufferPreset p : BufferPreset.values()) {
            if (p.label().equals(v)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** A Provider name: Forklift's rule (a DNS-1123 label, at most 63 characters). */
    public static FormCheck providerName(String value) {
        String v = StepValues.trimToNull(value);
        if (v == null) {
            return FormCheck.error("Required.");
        }
        if (StepValues.isExpression(v)) {
            return FormCheck.ok();
        }
        if (v.length() > 63 || !DNS_LABEL.matcher(v).matches()) {
            return FormCheck.error("Not a valid provider name: at most 63 lower-case letters, digits and '-', starting and ending"
                    + " with a letter or digit.");
        }
        return FormCheck.ok();
    }

    /** A per-provider image excludes pinning the global one. */
    public static FormCheck vddkInitImage(String vddkInitImage, boolean pinGlobalVddkImage) {
        if (StepValues.trimToNull(vddkInitImage) != null && pinGlobalVddkImage) {
            return FormCheck.error("Give a provider image or pin the global image, not both.");
        }
        return image(vddkInitImage, false);
    }

    // ---- discovery -------------------------------------------------------------------------------------------------

    /** A kit source: an http(s) listing, or a directory under an allowed root. */
    public static FormCheck source(String value, List<String> allowedRoots) {
        return SourcePolicy.check(value, allowedRoots);
    }

    public static FormCheck newerThan(String value) {
        String v = StepValues.trimToNull(value);
        if (v == null || StepValues.isExpression(v)) {
            return FormCheck.ok();
        }
        try {
            VddkVersion.parse(v);
            return FormCheck.ok();
        } catch (IllegalArgumentException e) {
            return FormCheck.error(e.getMessage());
        }
    }

    public static FormCheck namePattern(String value) {
        String v = StepValues.trimToNull(value);
        if (v == null) {
            return FormCheck.ok();
        }
        try {
            Pattern.compile(v);
            return FormCheck.ok();
        } catch (PatternSyntaxException e) {
            return FormCheck.error("Not a valid regular expression: " + e.getDescription() + " near index " + e.getIndex() + ".");
        }
    }

    /** The administrator's allowed roots: absolute directories, one per line. */
    public static FormCheck allowedSourceRoots(String value) {
        for (String line : StepValues.lines(value)) {
            FormCheck c = SourcePolicy.checkRoot(line);
            if (!c.isOk()) {
                return c;
            }
        }
        return FormCheck.ok();
    }

    /** A whole-number form field: parsed, then checked; empty counts as 0. */
    public static FormCheck number(String value, java.util.function.IntFunction<FormCheck> check) {
        String v = StepValues.trimToNull(value);
        if (v == null) {
            return check.apply(0);
        }
        try {
            return check.apply(Integer.parseInt(v));
        } catch (NumberFormatException e) {
            return FormCheck.error("Not a whole number: " + v);
        }
    }

    /** A whole number from a form field; empty or not a number gives 0 (its own field check reports that). */
    public static int intOrZero(String value) {
        String v = StepValues.trimToNull(value);
        try {
            return v == null ? 0 : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** An absolute http(s) URL with a host; credentials in the URL are refused (they would show in logs). */
    public static FormCheck httpUrl(String value, String what) {
        String v = StepValues.trimToNull(value);
        if (v == null) {
            return FormCheck.error("Required: the " + what + ".");
        }
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            return FormCheck.error("The " + what + " is not a valid URL: " + e.getReason() + ".");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            return FormCheck.error("The " + what + " must start with https:// (or http://).");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return FormCheck.error("The " + what + " has no host name.");
        }
        if (uri.getRawUserInfo() != null) {
            return FormCheck.error("Do not put credentials in the " + what + "; use a credentials id.");
        }
        return FormCheck.ok();
    }

    static boolean isLoopback(String host) {
        return host != null && (host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1"));
    }

    private static FormCheck choice(String value, List<Choice> choices, String what) {
        String v = StepValues.lower(value);
        if (v == null || Choices.contains(choices, v)) {
            return FormCheck.ok();
        }
        return FormCheck.error("Unknown " + what + " '" + value + "': use one of " + Choices.values(choices) + ".");
    }

    private static FormCheck range(int value, int max, String what) {
        if (value < 0 || value > max) {
            return FormCheck.error(what + " must be 0 (automatic) or between 1 and " + max + ".");
        }
        return FormCheck.ok();
    }

    private static String firstWord(String line) {
        return line.length() > 20 ? line.substring(0, 20) : line;
    }
}
