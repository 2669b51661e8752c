package io.jenkins.plugins.forkliftvddk;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.forkliftvddk.core.steps.CreateProviderParameters;
import io.forkliftvddk.core.steps.Choices;
import io.forkliftvddk.core.steps.FormCheck;
import io.forkliftvddk.core.steps.FormChecks;
import io.forkliftvddk.core.steps.KubeParameters;
import java.io.IOException;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Freestyle builder for creating a vSphere provider. The same parameters and runner as the Pipeline step; its {@code @Symbol} differs from
 * the step's function name so a Pipeline script always gets the step.
 */
public class CreateVsphereProviderBuilder extends Builder implements SimpleBuildStep {

    private final String name;
    private final String url;
    private String namespace;
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
    private boolean wait;
    private int timeoutSeconds = CreateProviderParameters.DEFAULT_TIMEOUT_SECONDS;
    private boolean dryRun;
    private String dryRunFormat;
    private String kubeconfigCredentialsId;
    private String kubeServerUrl;
    private String kubeTokenCredentialsId;
    private String kubeCaCertificate;
    private boolean kubeInsecureSkipTlsVerify;
    private String kubeContext;

    @DataBoundConstructor
    public CreateVsphereProviderBuilder(String name, String url) {
        this.name = Util.fixEmptyAndTrim(name);
        this.url = Util.fixEmptyAndTrim(url);
    }

    @CheckForNull
    public String getName() {
        return name;
    }

    @CheckForNull
    public String getUrl() {
        return url;
    }

    @CheckForNull
    public String getNamespace() {
        return namespace;
    }

    @CheckForNull
    public String getVsphereCredentialsId() {
        return vsphereCredentialsId;
    }

    @CheckForNull
    public String getSecretName() {
        return secretName;
    }

    @CheckForNull
    public String getVsphereCaCertificate() {
        return vsphereCaCertificate;
    }

    public boolean isVsphereInsecureSkipTlsVerify() {
        return vsphereInsecureSkipTlsVerify;
    }

    @CheckForNull
    public String getSdkEndpoint() {
        return sdkEndpoint;
    }

    @CheckForNull
    public String getVddkInitImage() {
        return vddkInitImage;
    }

    public boolean isPinGlobalVddkImage() {
        return pinGlobalVddkImage;
    }

    public boolean isUseVddkAioOptimization() {
        return useVddkAioOptimization;
    }

    @CheckForNull
    public String getVddkBufferPreset() {
        return vddkBufferPreset;
    }

    public int getVddkBufSizeIn64k() {
        return vddkBufSizeIn64k;
    }

    public int getVddkBufCount() {
        return vddkBufCount;
    }

    @CheckForNull
    public String getEsxiCloneMethod() {
        return esxiCloneMethod;
    }

    @CheckForNull
    public String getIfExists() {
        return ifExists;
    }

    public boolean isWait() {
        return wait;
    }

    public int getTimeoutSeconds() {
        return timeoutSeconds;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @CheckForNull
    public String getDryRunFormat() {
        return dryRunFormat;
    }

    @CheckForNull
    public String getKubeconfigCredentialsId() {
        return kubeconfigCredentialsId;
    }

    @CheckForNull
    public String getKubeServerUrl() {
        return kubeServerUrl;
    }

    @CheckForNull
    public String getKubeTokenCredentialsId() {
        return kubeTokenCredentialsId;
    }

    @CheckForNull
    public String getKubeCaCertificate() {
        return kubeCaCertificate;
    }

    public boolean isKubeInsecureSkipTlsVerify() {
        return kubeInsecureSkipTlsVerify;
    }

    @CheckForNull
    public String getKubeContext() {
        return kubeContext;
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = Util.fixEmptyAndTrim(namespace);
    }

    @DataBoundSetter
    public void setVsphereCredentialsId(String vsphereCredentialsId) {
        this.vsphereCredentialsId = Util.fixEmptyAndTrim(vsphereCredentialsId);
    }

    @DataBoundSetter
    public void setSecretName(String secretName) {
        this.secretName = Util.fixEmptyAndTrim(secretName);
    }

    @DataBoundSetter
    public void setVsphereCaCertificate(String vsphereCaCertificate) {
        this.vsphereCaCertificate = Util.fixEmptyAndTrim(vsphereCaCertificate);
    }

    @DataBoundSetter
    public void setVsphereInsecureSkipTlsVerify(boolean vsphereInsecureSkipTlsVerify) {
        this.vsphereInsecureSkipTlsVerify = vsphereInsecureSkipTlsVerify;
    }

    @DataBoundSetter
    public void setSdkEndpoint(String sdkEndpoint) {
        this.sdkEndpoint = Util.fixEmptyAndTrim(sdkEndpoint);
    }

    @DataBoundSetter
    public void setVddkInitImage(String vddkInitImage) {
        this.vddkInitImage = Util.fixEmptyAndTrim(vddkInitImage);
    }

    @DataBoundSetter
    public void setPinGlobalVddkImage(boolean pinGlobalVddkImage) {
        this.pinGlobalVddkImage = pinGlobalVddkImage;
    }

    @DataBoundSetter
    public void setUseVddkAioOptimization(boolean useVddkAioOptimization) {
        this.useVddkAioOptimization = useVddkAioOptimization;
    }

    @DataBoundSetter
    public void setVddkBufferPreset(String vddkBufferPreset) {
        this.vddkBufferPreset = Util.fixEmptyAndTrim(vddkBufferPreset);
    }

    @DataBoundSetter
    public void setVddkBufSizeIn64k(int vddkBufSizeIn64k) {
        this.vddkBufSizeIn64k = vddkBufSizeIn64k;
    }

    @DataBoundSetter
    public void setVddkBufCount(int vddkBufCount) {
        this.vddkBufCount = vddkBufCount;
    }

    @DataBoundSetter
    public void setEsxiCloneMethod(String esxiCloneMethod) {
        this.esxiCloneMethod = Util.fixEmptyAndTrim(esxiCloneMethod);
    }

    @DataBoundSetter
    public void setIfExists(String ifExists) {
        this.ifExists = Util.fixEmptyAndTrim(ifExists);
    }

    @DataBoundSetter
    public void setWait(boolean wait) {
        this.wait = wait;
    }

    @DataBoundSetter
    public void setTimeoutSeconds(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    @DataBoundSetter
    public void setDryRunFormat(String dryRunFormat) {
        this.dryRunFormat = Util.fixEmptyAndTrim(dryRunFormat);
    }

    @DataBoundSetter
    public void setKubeconfigCredentialsId(String kubeconfigCredentialsId) {
        this.kubeconfigCredentialsId = Util.fixEmptyAndTrim(kubeconfigCredentialsId);
    }

    @DataBoundSetter
    public void setKubeServerUrl(String kubeServerUrl) {
        this.kubeServerUrl = Util.fixEmptyAndTrim(kubeServerUrl);
    }

    @DataBoundSetter
    public void setKubeTokenCredentialsId(String kubeTokenCredentialsId) {
        this.kubeTokenCredentialsId = Util.fixEmptyAndTrim(kubeTokenCredentialsId);
    }

    @DataBoundSetter
    public void setKubeCaCertificate(String kubeCaCertificate) {
        this.kubeCaCertificate = Util.fixEmptyAndTrim(kubeCaCertificate);
    }

    @DataBoundSetter
    public void setKubeInsecureSkipTlsVerify(boolean kubeInsecureSkipTlsVerify) {
        this.kubeInsecureSkipTlsVerify = kubeInsecureSkipTlsVerify;
    }

    @DataBoundSetter
    public void setKubeContext(String kubeContext) {
        this.kubeContext = Util.fixEmptyAndTrim(kubeContext);
    }

    /** The core parameter record for this configuration. */
    CreateProviderParameters toParameters() {
        return CreateProviderParameters.builder()
                .name(name)
                .url(url)
                .namespace(namespace)
                .vsphereCredentialsId(vsphereCredentialsId)
                .secretName(secretName)
                .vsphereCaCertificate(vsphereCaCertificate)
                .vsphereInsecureSkipTlsVerify(vsphereInsecureSkipTlsVerify)
                .sdkEndpoint(sdkEndpoint)
                .vddkInitImage(vddkInitImage)
                .pinGlobalVddkImage(pinGlobalVddkImage)
                .useVddkAioOptimization(useVddkAioOptimization)
                .vddkBufferPreset(vddkBufferPreset)
                .vddkBufSizeIn64k(vddkBufSizeIn64k)
                .vddkBufCount(vddkBufCount)
                .esxiCloneMethod(esxiCloneMethod)
                .ifExists(ifExists)
                .waitForReady(wait)
                .timeoutSeconds(timeoutSeconds)
                .dryRun(dryRun)
                .dryRunFormat(dryRunFormat)
                .kube(new KubeParameters(kubeconfigCredentialsId, kubeServerUrl, kubeTokenCredentialsId, kubeCaCertificate,
                        kubeInsecureSkipTlsVerify, kubeContext))
                .build();
    }

    /** Only the Kubernetes API is called: no workspace needed. */
    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        CreateVsphereProviderRunner.run(toParameters(), run, env, null, listener);
    }

    /** Freestyle builds (and {@code step} inside {@code node {}}) have a workspace: a KUBECONFIG the build set is read there. */
    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull FilePath workspace, @NonNull EnvVars env, @NonNull Launcher launcher,
                        @NonNull TaskListener listener) throws InterruptedException, IOException {
        CreateVsphereProviderRunner.run(toParameters(), run, env, workspace, listener);
    }

    @Extension
    @Symbol("vsphereProviderCreate")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Create or update a Forklift vSphere provider";
        }

        @POST
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.providerName(value));
        }

        @POST
        public FormValidation doCheckUrl(@AncestorInPath Item item, @QueryParameter String value, @QueryParameter String sdkEndpoint) {
            return Forms.check(item, () -> FormChecks.vsphereUrl(value, sdkEndpoint));
        }

        @POST
        public FormValidation doCheckNamespace(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.namespace(value));
        }

        @POST
        public ListBoxModel doFillVsphereCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String vsphereCredentialsId) {
            return Forms.fillCredentials(item, vsphereCredentialsId, CredentialKind.USERNAME_PASSWORD);
        }

        @POST
        public FormValidation doCheckVsphereCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.checkCredentials(item, value, CredentialKind.USERNAME_PASSWORD);
        }

        @POST
        public FormValidation doCheckSecretName(@AncestorInPath Item item, @QueryParameter String value, @QueryParameter String vsphereCredentialsId) {
            return Forms.check(item, () -> FormChecks.vsphereAuth(vsphereCredentialsId, value));
        }

        @POST
        public FormValidation doCheckVsphereCaCertificate(@AncestorInPath Item item, @QueryParameter String value, @QueryParameter boolean vsphereInsecureSkipTlsVerify, @QueryParameter String secretName) {
            return Forms.check(item, () -> FormChecks.vsphereTls(value, vsphereInsecureSkipTlsVerify, secretName));
        }

        @POST
        public ListBoxModel doFillSdkEndpointItems() {
            return Forms.items(Choices.SDK_ENDPOINTS, null);
        }

        @POST
        public FormValidation doCheckSdkEndpoint(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.sdkEndpoint(value));
        }

        @POST
        public FormValidation doCheckVddkInitImage(@AncestorInPath Item item, @QueryParameter String value, @QueryParameter boolean pinGlobalVddkImage) {
            return Forms.check(item, () -> FormChecks.vddkInitImage(value, pinGlobalVddkImage));
        }

        @POST
        public ListBoxModel doFillVddkBufferPresetItems() {
            return Forms.items(Choices.BUFFER_PRESETS, null);
        }

        @POST
        public FormValidation doCheckVddkBufferPreset(@AncestorInPath Item item, @QueryParameter String value, @QueryParameter boolean useVddkAioOptimization, @QueryParameter String vddkBufSizeIn64k, @QueryParameter String vddkBufCount, @QueryParameter String vddkInitImage, @QueryParameter boolean pinGlobalVddkImage) {
            return Forms.check(item, () -> FormChecks.vddkTuning(useVddkAioOptimization, value, FormChecks.intOrZero(vddkBufSizeIn64k), FormChecks.intOrZero(vddkBufCount), vddkInitImage, pinGlobalVddkImage));
        }

        @POST
        public FormValidation doCheckVddkBufSizeIn64k(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.number(value, FormChecks::bufSizeIn64k));
        }

        @POST
        public FormValidation doCheckVddkBufCount(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.number(value, FormChecks::bufCount));
        }

        @POST
        public ListBoxModel doFillEsxiCloneMethodItems() {
            return Forms.items(Choices.ESXI_CLONE_METHODS, null);
        }

        @POST
        public FormValidation doCheckEsxiCloneMethod(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.esxiCloneMethod(value));
        }

        @POST
        public ListBoxModel doFillIfExistsItems() {
            return Forms.items(Choices.IF_EXISTS, "(default: update)");
        }

        @POST
        public FormValidation doCheckIfExists(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.ifExists(value));
        }

        @POST
        public FormValidation doCheckTimeoutSeconds(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.number(value, FormChecks::timeoutSeconds));
        }

        @POST
        public ListBoxModel doFillDryRunFormatItems() {
            return Forms.items(Choices.DRY_RUN_FORMATS, "(default: yaml)");
        }

        @POST
        public FormValidation doCheckDryRunFormat(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.dryRunFormat(value));
        }

        @POST
        public ListBoxModel doFillKubeconfigCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String kubeconfigCredentialsId) {
            return Forms.fillCredentials(item, kubeconfigCredentialsId, CredentialKind.KUBECONFIG_FILE);
        }

        @POST
        public FormValidation doCheckKubeconfigCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.checkCredentials(item, value, CredentialKind.KUBECONFIG_FILE);
        }

        @POST
        public FormValidation doCheckKubeServerUrl(@AncestorInPath Item item, @QueryParameter String value, @QueryParameter String kubeconfigCredentialsId, @QueryParameter String kubeTokenCredentialsId, @QueryParameter String kubeCaCertificate, @QueryParameter boolean kubeInsecureSkipTlsVerify, @QueryParameter String kubeContext) {
            return Forms.check(item, () -> FormCheck.worst(FormChecks.kubeServerUrl(value), FormChecks.kubeConnection(kubeconfigCredentialsId, value, kubeTokenCredentialsId, kubeCaCertificate, kubeInsecureSkipTlsVerify, kubeContext)));
        }

        @POST
        public ListBoxModel doFillKubeTokenCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String kubeTokenCredentialsId) {
            return Forms.fillCredentials(item, kubeTokenCredentialsId, CredentialKind.TOKEN);
        }

        @POST
        public FormValidation doCheckKubeTokenCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.checkCredentials(item, value, CredentialKind.TOKEN);
        }

        @POST
        public FormValidation doCheckKubeCaCertificate(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.certificate(value));
        }
    }
}
