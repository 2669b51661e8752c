package io.forkliftvddk.core.forklift.provider;

import io.forkliftvddk.core.spi.Secret;
import java.io.Serializable;
import java.time.Duration;

/**
 * A vSphere Provider to create or update, with its credentials Secret and VDDK settings. Build it with
 * {@link #builder(String, String, String)}; {@link VsphereProviders#validate} checks it.
 *
 * @param name                   Provider name
 * @param namespace              Provider (and Secret) namespace
 * @param url                    vCenter/ESXi SDK URL, https
 * @param username               vSphere user (with password), or null when {@code existingSecret} is used
 * @param password               vSphere password, or null
 * @param existingSecret         name of a Secret in {@code namespace} that already holds the credentials, or null
 * @param caPem                  CA certificate(s) in PEM, or null
 * @param insecureSkipVerify     skip certificate verification (instead of a CA)
 * @param sdkEndpoint            vcenter or esxi, or null to leave it to Forklift (its webhook defaults to vcenter)
 * @param vddkInitImage          per-provider VDDK image, or null (overrides the global vddk_image)
 * @param useVddkAioOptimization turn on VDDK AIO
 * @param bufSizeIn64k           AIO buffer size in 64 KiB units, 0 = automatic (left out)
 * @param bufCount               AIO buffer count, 0 = automatic (left out)
 * @param preset                 a named buffer size/count pair instead of the two numbers, or null
 * @param esxiCloneMethod        vib or ssh, or null
 * @param ifExists               what to do when the Provider exists (default UPDATE)
 * @param pinGlobalImage         copy the ForkliftController's vddk_image into vddkInitImage, so AIO tuning survives
 * @param mtvNamespace           MTV namespace for reading the global image, or null to discover it
 * @param controller             ForkliftController name, or null for the only one
 * @param waitTimeout            wait this long for Ready, or null not to wait
 * @param pollInterval           how often the wait looks (default 2 s)
 */
public record VsphereProviderRequest(String name, String namespace, String url, String username, Secret password,
                                     String existingSecret, String caPem, boolean insecureSkipVerify, SdkEndpoint sdkEndpoint,
                                     String vddkInitImage, boolean useVddkAioOptimization, int bufSizeIn64k, int bufCount,
                                     BufferPreset preset, EsxiCloneMethod esxiCloneMethod, IfExists ifExists, boolean pinGlobalImage,
                                     String mtvNamespace, String controller, Duration waitTimeout, Duration pollInterval)
        implements Serializable {

    public VsphereProviderRequest {
        ifExists = ifExists == null ? IfExists.UPDATE : ifExists;
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
    }

    public static Builder builder(String name, String namespace, String url) {
        return new Builder(name, namespace, url);
    }

    public Builder toBuilder() {
        Builder b = new Builder(name, namespace, url);
        b.username = username;
        b.password = password;
        b.existingSecret = existingSecret;
        b.caPem = caPem;
        b.insecureSkipVerify = insecureSkipVerify;
        b.sdkEndpoint = sdkEndpoint;
        b.vddkInitImage = vddkInitImage;
        b.useVddkAioOptimization = useVddkAioOptimization;
        b.bufSizeIn64k = bufSizeIn64k;
        b.bufCount = bufCount;
        b.preset = preset;
        b.esxiCloneMethod = esxiCloneMethod;
        b.ifExists = ifExists;
        b.pinGlobalImage = pinGlobalImage;
        b.mtvNamespace = mtvNamespace;
        b.controller = controller;
        b.waitTimeout = waitTimeout;
        b.pollInterval = pollInterval;
        return b;
    }

    /** Many options, most optional: a builder. */
    public static final class Builder {
        private final String name;
        private final String namespace;
        private String url;
        private String username;
        private Secret password;
        private String existingSecret;
        private String caPem;
        private boolean insecureSkipVerify;
        private SdkEndpoint sdkEndpoint;
        private String vddkInitImage;
        private boolean useVddkAioOptimization;
        private int bufSizeIn64k;
        private int bufCount;
        private BufferPreset preset;
        private EsxiCloneMethod esxiCloneMethod;
        private IfExists ifExists = IfExists.UPDATE;
        private boolean pinGlobalImage;
        private String mtvNamespace;
        private String controller;
        private Duration waitTimeout;
        private Duration pollInterval;

        private Builder(String name, String namespace, String url) {
            this.name = name;
            this.namespace = namespace;
            this.url = url;
        }

        public Builder url(String newUrl) {
            this.url = newUrl;
            return this;
        }

        public Builder credentials(String user, Secret pass) {
            this.username = user;
            this.password = pass;
            return this;
        }

        public Builder existingSecret(String secretName) {
            this.existingSecret = secretName;
            return this;
        }

        public Builder caPem(String pem) {
            this.caPem = pem;
            return this;
        }

        public Builder insecureSkipVerify(boolean insecure) {
            this.insecureSkipVerify = insecure;
            return this;
        }

        public Builder sdkEndpoint(SdkEndpoint endpoint) {
            this.sdkEndpoint = endpoint;
            return this;
        }

        public Builder vddkInitImage(String image) {
            this.vddkInitImage = image;
            return this;
        }

        public Builder useVddkAioOptimization(boolean aio) {
            this.useVddkAioOptimization = aio;
            return this;
        }

        public Builder buffers(int sizeIn64k, int count) {
            this.bufSizeIn64k = sizeIn64k;
            this.bufCount = count;
            return this;
        }

        public Builder preset(BufferPreset p) {
            this.preset = p;
            return this;
        }

        public Builder esxiCloneMethod(EsxiCloneMethod m) {
            this.esxiCloneMethod = m;
            return this;
        }

        public Builder ifExists(IfExists mode) {
            this.ifExists = mode;
            return this;
        }

        public Builder pinGlobalImage(boolean pin) {
            this.pinGlobalImage = pin;
            return this;
        }

        public Builder mtv(String mtvNs, String controllerName) {
            this.mtvNamespace = mtvNs;
            this.controller = controllerName;
            return this;
        }

        public Builder waitForReady(Duration timeout, Duration interval) {
            this.waitTimeout = timeout;
            this.pollInterval = interval;
            return this;
        }

        public VsphereProviderRequest build() {
            return new VsphereProviderRequest(name, namespace, url, username, password, existingSecret, caPem, insecureSkipVerify,
                    sdkEndpoint, vddkInitImage, useVddkAioOptimization, bufSizeIn64k, bufCount, preset, esxiCloneMethod, ifExists,
                    pinGlobalImage, mtvNamespace, controller, waitTimeout, pollInterval);
        }
    }
}
