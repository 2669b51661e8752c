package io.forkliftvddk.core.steps;


import java.io.Serializable;
import java.util.List;

/**
 * The parameters of {@code createVsphereProvider}: a vSphere Provider and its Secret, with VDDK settings, created or
 * updated.
 *
 * <p>Component names are the step's parameter names (the plugin's fields map one to one; a core test checks it).
 * Text values are trimmed, empty means "not set".
 */
public record CreateProviderParameters(
        String name,
        String namespace,
        String url,
        String vsphereCredentialsId,
        String secretName,
        String vsphereCaCertificate,
        boolean vsphereInsecureSkipTlsVerify,
        String sdkEndpoint,
        String vddkInitImage,
        boolean pinGlobalVddkImage,
        boolean useVddkAioOptimization,
        String vddkBufferPreset,
        int vddkBufSizeIn64k,
        int vddkBufCount,
        String esxiCloneMethod,
        String ifExists,
        boolean waitForReady,
        int timeoutSeconds,
        boolean dryRun,
        String dryRunFormat,
        KubeParameters kube) implements Serializable {

    public CreateProviderParameters {
        name = StepValues.trimToNull(name);
        namespace = StepValues.trimToNull(namespace);
        url = StepValues.trimToNull(url);
        vsphereCredentialsId = StepValues.trimToNull(vsphereCredentialsId);
        secretName = StepValues.trimToNull(secretName);
        vsphereCaCertificate = StepValues.trimToNull(vsphereCaCertificate);
        sdkEndpoint = StepValues.lower(sdkEndpoint);
        vddkInitImage = StepValues.trimToNull(vddkInitImage);
        vddkBufferPreset = StepValues.lower(vddkBufferPreset);
        esxiCloneMethod = StepValues.lower(esxiCloneMethod);
        ifExists = StepValues.lower(ifExists);
        dryRunFormat = StepValues.lower(dryRunFormat);
        kube = kube == null ? KubeParameters.none() : kube;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding the current values. */
    public Builder toBuilder() {
        Builder b = new Builder();
            b.name = name;
            b.namespace = namespace;
            b.url = url;
            b.vsphereCredentialsId = vsphereCredentialsId;
            b.secretName = secretName;
            b.vsphereCaCertificate = vsphereCaCertificate;
            b.vsphereInsecureSkipTlsVerify = vsphereInsecureSkipTlsVerify;
            b.sdkEndpoint = sdkEndpoint;
            b.vddkInitImage = vddkInitImage;
            b.pinGlobalVddkImage = pinGlobalVddkImage;
            b.useVddkAioOptimization = useVddkAioOptimization;
            b.vddkBufferPreset = vddkBufferPreset;
            b.vddkBufSizeIn64k = vddkBufSizeIn64k;
            b.vddkBufCount = vddkBufCount;
            b.esxiCloneMethod = esxiCloneMethod;
            b.ifExists = ifExists;
            b.waitForReady = waitForReady;
            b.timeoutSeconds = timeoutSeconds;
            b.dryRun = dryRun;
            b.dryRunFormat = dryRunFormat;
            b.kube = kube;
        return b;
    }

    /** Default for {@code timeoutSeconds}. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 600;

    /** The buffer size the provider gets: the preset's, else the explicit value (0: leave the key out). */
    public int effectiveBufSizeIn64k() {
        return FormChecks.preset(vddkBufferPreset).map(io.forkliftvddk.core.forklift.provider.BufferPreset::bufSizeIn64k).orElse(vddkBufSizeIn64k);
    }

    public int effectiveBufCount() {
        return FormChecks.preset(vddkBufferPreset).map(io.forkliftvddk.core.forklift.provider.BufferPreset::bufCount).orElse(vddkBufCount);
    }

    public String effectiveIfExists() {
        return StepValues.firstSet(ifExists, Choices.IF_EXISTS_UPDATE);
    }

    public String effectiveDryRunFormat() {
        return StepValues.firstSet(dryRunFormat, Choices.FORMAT_YAML);
    }

    public java.util.Map<String, FormCheck> checks() {
        java.util.Map<String, FormCheck> c = new java.util.LinkedHashMap<>();
        c.put("name", FormChecks.providerName(name));
        c.put("namespace", FormChecks.namespace(namespace));
        c.put("url", FormChecks.vsphereUrl(url, sdkEndpoint));
        c.put("vsphereCredentialsId/secretName", FormChecks.vsphereAuth(vsphereCredentialsId, secretName));
        c.put("vsphereCaCertificate", FormChecks.vsphereTls(vsphereCaCertificate, vsphereInsecureSkipTlsVerify, secretName));
        c.put("sdkEndpoint", FormChecks.sdkEndpoint(sdkEndpoint));
        c.put("vddkInitImage", FormChecks.vddkInitImage(vddkInitImage, pinGlobalVddkImage));
        c.put("vddkBufferPreset", FormChecks.vddkTuning(useVddkAioOptimization, vddkBufferPreset, vddkBufSizeIn64k,
                vddkBufCount, vddkInitImage, pinGlobalVddkImage));
        c.put("esxiCloneMethod", FormChecks.esxiCloneMethod(esxiCloneMethod));
        c.put("ifExists", FormChecks.ifExists(ifExists));
        c.put("timeoutSeconds", FormChecks.timeoutSeconds(timeoutSeconds));
        c.put("dryRunFormat", FormChecks.dryRunFormat(dryRunFormat));
        c.put("kube", dryRun ? FormCheck.ok() : kube.check());
        return c;
    }

    /** @return warnings; @throws StepException listing every error */
    public List<String> validate() {
        return Validation.validate("createVsphereProvider", checks());
    }

    /** Fluent construction with the step's defaults; the plugin sets every field from its getters. */
    public static final class Builder {
        private String name;
        private String namespace;
        private String url;
        private String vsphereCredentialsId;
        private String secretName;
        private String vsphereCaCertificate;
        private boolean vsphereInsecureSkipTlsVerify;
        private String sdkEndpoint;
        private String vddkInitImage;
        private boolean pinGlobalVddkImage;
        private boolean useVddkAioOptimization;
        private String vddkBufferPreset;
        private int vddkBufSizeIn64k;
        private int vddkBufCount;
        private String esxiCloneMethod;
        private String ifExists;
        private boolean waitForReady;
        private int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
        private boolean dryRun;
        private String dryRunFormat;
        private KubeParameters kube;

        private Builder() {
        }

        /** Provider name. */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** Provider namespace (default: the kubeconfig context's namespace, else the MTV namespace). */
        public Builder namespace(String value) {
            this.namespace = value;
            return this;
        }

        /** vCenter/ESXi SDK URL, e.g. https://vcenter.example.com/sdk. */
        public Builder url(String value) {
            this.url = value;
            return this;
        }

        /** Username/password credentials for vSphere (a Secret is created). */
        public Builder vsphereCredentialsId(String value) {
            this.vsphereCredentialsId = value;
            return this;
        }

        /** Or: an existing provider Secret in the namespace. */
        public Builder secretName(String value) {
            this.secretName = value;
            return this;
        }

        /** PEM CA certificate of vCenter/ESXi. */
        public Builder vsphereCaCertificate(String value) {
            this.vsphereCaCertificate = value;
            return this;
        }

        /** Skip TLS verification of vCenter/ESXi. */
        public Builder vsphereInsecureSkipTlsVerify(boolean value) {
            this.vsphereInsecureSkipTlsVerify = value;
            return this;
        }

        /** vcenter or esxi (default: Forklift's, vcenter). */
        public Builder sdkEndpoint(String value) {
            this.sdkEndpoint = value;
            return this;
        }

        /** A per-provider VDDK image; default none, so the global image applies. */
        public Builder vddkInitImage(String value) {
            this.vddkInitImage = value;
            return this;
        }

        /** Copy the controller's current vddk_image into the provider (keeps AIO tuning). */
        public Builder pinGlobalVddkImage(boolean value) {
            this.pinGlobalVddkImage = value;
            return this;
        }

        /** Enable VDDK AIO (useVddkAioOptimization). */
        public Builder useVddkAioOptimization(boolean value) {
            this.useVddkAioOptimization = value;
            return this;
        }

        /** small, medium, large or very-large. */
        public Builder vddkBufferPreset(String value) {
            this.vddkBufferPreset = value;
            return this;
        }

        /** AIO buffer size in 64 KiB units (0: automatic). */
        public Builder vddkBufSizeIn64k(int value) {
            this.vddkBufSizeIn64k = value;
            return this;
        }

        /** AIO buffer count (0: automatic). */
        public Builder vddkBufCount(int value) {
            this.vddkBufCount = value;
            return this;
        }

        /** vib or ssh. */
        public Builder esxiCloneMethod(String value) {
            this.esxiCloneMethod = value;
            return this;
        }

        /** update (default), fail or skip. */
        public Builder ifExists(String value) {
            this.ifExists = value;
            return this;
        }

        /** Step parameter {@code wait}: wait until the provider is Ready. */
        public Builder waitForReady(boolean value) {
            this.waitForReady = value;
            return this;
        }

        /** How long to wait. */
        public Builder timeoutSeconds(int value) {
            this.timeoutSeconds = value;
            return this;
        }

        /** Render the Secret and Provider without sending them. */
        public Builder dryRun(boolean value) {
            this.dryRun = value;
            return this;
        }

        /** yaml (default) or json. */
        public Builder dryRunFormat(String value) {
            this.dryRunFormat = value;
            return this;
        }

        /** The Kubernetes connection. */
        public Builder kube(KubeParameters value) {
            this.kube = value;
            return this;
        }

        public CreateProviderParameters build() {
            return new CreateProviderParameters(name, namespace, url, vsphereCredentialsId, secretName, vsphereCaCertificate, vsphereInsecureSkipTlsVerify, sdkEndpoint, vddkInitImage, pinGlobalVddkImage, useVddkAioOptimization, vddkBufferPreset, vddkBufSizeIn64k, vddkBufCount, esxiCloneMethod, ifExists, waitForReady, timeoutSeconds, dryRun, dryRunFormat, kube);
        }
    }
}
