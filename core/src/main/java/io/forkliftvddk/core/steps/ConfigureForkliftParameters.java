package io.forkliftvddk.core.steps;


import java.io.Serializable;
import java.util.List;

/**
 * The parameters of {@code configureForklift}: set the ForkliftController's global VDDK image and other settings, unset
 * settings; with no change requested, only read the current settings.
 *
 * <p>Component names are the step's parameter names (the plugin's fields map one to one; a core test checks it).
 * Text values are trimmed, empty means "not set".
 */
public record ConfigureForkliftParameters(
        String vddkImage,
        List<SettingParameter> settings,
        String unset,
        String namespace,
        String controller,
        boolean waitForRollout,
        int timeoutSeconds,
        boolean dryRun,
        String pullSecretNamespaces,
        String registryCredentialsId,
        KubeParameters kube) implements Serializable {

    public ConfigureForkliftParameters {
        vddkImage = StepValues.trimToNull(vddkImage);
        settings = settings == null ? List.of() : List.copyOf(settings);
        unset = StepValues.trimToNull(unset);
        namespace = StepValues.trimToNull(namespace);
        controller = StepValues.trimToNull(controller);
        pullSecretNamespaces = StepValues.trimToNull(pullSecretNamespaces);
        registryCredentialsId = StepValues.trimToNull(registryCredentialsId);
        kube = kube == null ? KubeParameters.none() : kube;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding the current values. */
    public Builder toBuilder() {
        Builder b = new Builder();
            b.vddkImage = vddkImage;
            b.settings = settings;
            b.unset = unset;
            b.namespace = namespace;
            b.controller = controller;
            b.waitForRollout = waitForRollout;
            b.timeoutSeconds = timeoutSeconds;
            b.dryRun = dryRun;
            b.pullSecretNamespaces = pullSecretNamespaces;
            b.registryCredentialsId = registryCredentialsId;
            b.kube = kube;
        return b;
    }

    /** Default for {@code timeoutSeconds}. */
    public static final int DEFAULT_TIMEOUT_SECONDS = 300;
    public static final String VDDK_IMAGE_SETTING = "vddk_image";

    /** The settings to set, name → value, {@code vddkImage} first as {@code vddk_image}. */
    public java.util.Map<String, String> changes() {
        java.util.Map<String, String> map = new java.util.LinkedHashMap<>();
        if (vddkImage != null) {
            map.put(VDDK_IMAGE_SETTING, vddkImage);
        }
        for (SettingParameter s : settings) {
            map.putIfAbsent(s.name(), s.value());
        }
        return map;
    }

    public List<String> unsetNames() {
        return StepValues.words(unset).stream().distinct().toList();
    }

    /** With no change requested the step only reads the current settings. */
    public boolean readOnly() {
        return !changesSettings() && pullSecretNamespaceList().isEmpty();
    }

    /** Whether the ForkliftController is patched (settings set or unset). */
    public boolean changesSettings() {
        return !changes().isEmpty() || !unsetNames().isEmpty();
    }

    /** The namespaces that get a pull secret for the VDDK image's registry, in order, without duplicates. */
    public List<String> pullSecretNamespaceList() {
        return StepValues.words(pullSecretNamespaces).stream().distinct().toList();
    }


    public java.util.Map<String, FormCheck> checks() {
        java.util.Map<String, FormCheck> c = new java.util.LinkedHashMap<>();
        c.put("vddkImage", FormChecks.vddkImage(vddkImage));
        java.util.Set<String> seen = new java.util.HashSet<>();
        if (vddkImage != null) {
            seen.add(VDDK_IMAGE_SETTING);
        }
        FormCheck settingsCheck = FormCheck.ok();
        for (SettingParameter s : settings) {
            FormCheck n = FormChecks.settingName(s.name());
            if (n.isOk() && !seen.add(s.name())) {
                n = FormCheck.error("The setting " + s.name() + " is given twice"
                        + (s.name().equals(VDDK_IMAGE_SETTING) ? " (vddkImage already sets vddk_image)." : "."));
            }
            if (n.isOk() && s.value() == null) {
                n = FormCheck.error("The setting " + s.name() + " has no value; to remove it, list it in unset.");
            }
            if (n.isOk() && s.name().equals(VDDK_IMAGE_SETTING)) {
                n = FormChecks.vddkImage(s.value());
            }
            settingsCheck = FormCheck.worst(settingsCheck, n);
        }
        c.put("settings", settingsCheck);
        FormCheck unsetCheck = FormChecks.settingNames(unset);
        if (unsetCheck.isOk()) {
            for (String n : unsetNames()) {
                if (seen.contains(n)) {
                    unsetCheck = FormCheck.error("The setting " + n + " is both set and unset.");
                    break;
                }
            }
        }
        c.put("unset", unsetCheck);
        c.put("namespace", FormChecks.namespace(namespace));
        c.put("controller", FormChecks.resourceName(controller, false));
        c.put("timeoutSeconds", FormChecks.timeoutSeconds(timeoutSeconds));
        c.put("pullSecretNamespaces", FormChecks.namespaces(pullSecretNamespaces));
        c.put("registryCredentialsId", FormChecks.pullSecretCredentials(pullSecretNamespaces, registryCredentialsId));
        c.put("kube", dryRun ? FormCheck.ok() : kube.check());
        return c;
    }

    /** @return warnings; @throws StepException listing every error */
    public List<String> validate() {
        return Validation.validate("configureForklift", checks());
    }

    /** Fluent construction with the step's defaults; the plugin sets every field from its getters. */
    public static final class Builder {
        private String vddkImage;
        private List<SettingParameter> settings;
        private String unset;
        private String namespace;
        private String controller;
        private boolean waitForRollout;
        private int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;
        private boolean dryRun;
        private String pullSecretNamespaces;
        private String registryCredentialsId;
        private KubeParameters kube;

        private Builder() {
        }

        /** The global VDDK image (ForkliftController {@code vddk_image}); preferably pinned. */
        public Builder vddkImage(String value) {
            this.vddkImage = value;
            return this;
        }

        /** Other settings to set, name and value. */
        public Builder settings(List<SettingParameter> value) {
            this.settings = value;
            return this;
        }

        /** Setting names to remove (spaces, commas or new lines). */
        public Builder unset(String value) {
            this.unset = value;
            return this;
        }

        /** MTV namespace (default: discovered). */
        public Builder namespace(String value) {
            this.namespace = value;
            return this;
        }

        /** ForkliftController name (default: the only one in the namespace). */
        public Builder controller(String value) {
            this.controller = value;
            return this;
        }

        /** Step parameter {@code wait}: wait until the operator rolled the change out to the forklift-controller Deployment. */
        public Builder waitForRollout(boolean value) {
            this.waitForRollout = value;
            return this;
        }

        /** How long to wait. */
        public Builder timeoutSeconds(int value) {
            this.timeoutSeconds = value;
            return this;
        }

        /** Show the patch without sending it. */
        public Builder dryRun(boolean value) {
            this.dryRun = value;
            return this;
        }

        /**
         * Namespaces (spaces, commas or new lines) where Forklift pulls the VDDK image (the migration target namespaces):
         * each gets a {@code kubernetes.io/dockerconfigjson} Secret for the image's registry, appended to the
         * {@code default} ServiceAccount's imagePullSecrets.
         */
        public Builder pullSecretNamespaces(String value) {
            this.pullSecretNamespaces = value;
            return this;
        }

        /** Username/password credentials for the pull secrets (default: the global registry credentials). */
        public Builder registryCredentialsId(String value) {
            this.registryCredentialsId = value;
            return this;
        }

        /** The Kubernetes connection. */
        public Builder kube(KubeParameters value) {
            this.kube = value;
            return this;
        }

        public ConfigureForkliftParameters build() {
            return new ConfigureForkliftParameters(vddkImage, settings, unset, namespace, controller, waitForRollout, timeoutSeconds, dryRun, pullSecretNamespaces,
                    registryCredentialsId, kube);
        }
    }
}
