package io.jenkins.plugins.forkliftvddk;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.forkliftvddk.core.steps.ConfigureForkliftParameters;
import io.forkliftvddk.core.steps.FormCheck;
import io.forkliftvddk.core.steps.FormChecks;
import io.forkliftvddk.core.steps.KubeParameters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Pipeline step {@code configureForklift}: sets the ForkliftController's global VDDK image and other settings, or reads them. Fields map one to one to {@link ConfigureForkliftParameters}; the work is done by
 * {@link ConfigureForkliftRunner}, shared with the freestyle builder.
 */
public class ConfigureForkliftStep extends Step {

    private String vddkImage;
    private List<ForkliftSetting> settings = new ArrayList<>();
    private String unset;
    private String namespace;
    private String controller;
    private boolean wait;
    private int timeoutSeconds = ConfigureForkliftParameters.DEFAULT_TIMEOUT_SECONDS;
    private boolean dryRun;
    private String pullSecretNamespaces;
    private String registryCredentialsId;
    private String kubeconfigCredentialsId;
    private String kubeServerUrl;
    private String kubeTokenCredentialsId;
    private String kubeCaCertificate;
    private boolean kubeInsecureSkipTlsVerify;
    private String kubeContext;

    @DataBoundConstructor
    public ConfigureForkliftStep() {
        // every parameter is optional
    }

    @CheckForNull
    public String getVddkImage() {
        return vddkImage;
    }

    public List<ForkliftSetting> getSettings() {
        return settings;
    }

    @CheckForNull
    public String getUnset() {
        return unset;
    }

    @CheckForNull
    public String getNamespace() {
        return namespace;
    }

    @CheckForNull
    public String getController() {
        return controller;
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
    public String getPullSecretNamespaces() {
        return pullSecretNamespaces;
    }

    @CheckForNull
    public String getRegistryCredentialsId() {
        return registryCredentialsId;
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
    public void setVddkImage(String vddkImage) {
        this.vddkImage = Util.fixEmptyAndTrim(vddkImage);
    }

    @DataBoundSetter
    public void setSettings(List<ForkliftSetting> settings) {
        this.settings = settings == null ? new ArrayList<>() : new ArrayList<>(settings);
    }

    @DataBoundSetter
    public void setUnset(String unset) {
        this.unset = Util.fixEmptyAndTrim(unset);
    }

    @DataBoundSetter
    public void setNamespace(String namespace) {
        this.namespace = Util.fixEmptyAndTrim(namespace);
    }

    @DataBoundSetter
    public void setController(String controller) {
        this.controller = Util.fixEmptyAndTrim(controller);
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
    public void setPullSecretNamespaces(String pullSecretNamespaces) {
        this.pullSecretNamespaces = Util.fixEmptyAndTrim(pullSecretNamespaces);
    }

    @DataBoundSetter
    public void setRegistryCredentialsId(String registryCredentialsId) {
        this.registryCredentialsId = Util.fixEmptyAndTrim(registryCredentialsId);
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
    ConfigureForkliftParameters toParameters() {
        return ConfigureForkliftParameters.builder()
                .vddkImage(vddkImage)
                .settings(ForkliftSetting.toParameters(settings))
                .unset(unset)
                .namespace(namespace)
                .controller(controller)
                .waitForRollout(wait)
                .timeoutSeconds(timeoutSeconds)
                .dryRun(dryRun)
                .pullSecretNamespaces(pullSecretNamespaces)
                .registryCredentialsId(registryCredentialsId)
                .kube(new KubeParameters(kubeconfigCredentialsId, kubeServerUrl, kubeTokenCredentialsId, kubeCaCertificate,
                        kubeInsecureSkipTlsVerify, kubeContext))
                .build();
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    private static final class Execution extends SynchronousNonBlockingStepExecution<LinkedHashMap<String, Object>> {
        private static final long serialVersionUID = 1L;
        // the step itself is not Serializable; this execution is not resumable anyway (SynchronousNonBlocking)
        private final transient ConfigureForkliftStep step;

        Execution(ConfigureForkliftStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected LinkedHashMap<String, Object> run() throws Exception {
            StepContext c = getContext();
            return ConfigureForkliftRunner.run(step.toParameters(), c.get(Run.class), c.get(EnvVars.class), c.get(FilePath.class),
                    c.get(TaskListener.class));
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "configureForklift";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Configure the ForkliftController (global VDDK image, settings)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @POST
        public FormValidation doCheckVddkImage(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.vddkImage(value));
        }

        @POST
        public FormValidation doCheckUnset(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.settingNames(value));
        }

        @POST
        public FormValidation doCheckNamespace(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.namespace(value));
        }

        @POST
        public FormValidation doCheckController(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.resourceName(value, false));
        }

        @POST
        public FormValidation doCheckTimeoutSeconds(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.number(value, FormChecks::timeoutSeconds));
        }

        @POST
        public FormValidation doCheckPullSecretNamespaces(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.namespaces(value));
        }

        @POST
        public ListBoxModel doFillRegistryCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String registryCredentialsId) {
            return Forms.fillCredentials(item, registryCredentialsId, CredentialKind.USERNAME_PASSWORD);
        }

        @POST
        public FormValidation doCheckRegistryCredentialsId(@AncestorInPath Item item, @QueryParameter String value, @QueryParameter String pullSecretNamespaces) {
            FormValidation exists = Forms.checkCredentials(item, value, CredentialKind.USERNAME_PASSWORD);
            return exists.kind != FormValidation.Kind.OK ? exists
                    : Forms.check(item, () -> FormChecks.pullSecretCredentials(pullSecretNamespaces, value));
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
