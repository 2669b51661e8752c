package io.jenkins.plugins.forkliftvddk;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.forkliftvddk.core.steps.BuildImageParameters;
import io.forkliftvddk.core.steps.Choices;
import io.forkliftvddk.core.steps.FormCheck;
import io.forkliftvddk.core.steps.FormChecks;
import io.forkliftvddk.core.steps.KubeParameters;
import java.util.LinkedHashMap;
import java.util.Set;
import org.jenkinsci.plugins.docker.commons.credentials.DockerRegistryEndpoint;
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
 * Pipeline step {@code buildVddkImage}: builds a VDDK image from a kit in the workspace and pushes it, optionally setting the ForkliftController's global image. Fields map one to one to {@link BuildImageParameters}; the work is done by
 * {@link BuildVddkImageRunner}, shared with the freestyle builder.
 */
public class BuildVddkImageStep extends Step {

    private final String archive;
    private final String tag;
    private String additionalTags;
    private String expectedSha256;
    private String runtime;
    private boolean push = true;
    private String registryCredentialsId;
    private boolean setControllerImage;
    private String output;
    private DockerRegistryEndpoint registry;
    private boolean registryInsecureSkipTlsVerify;
    private String registryCaCertificate;
    private String baseImage;
    private String baseImageCredentialsId;
    private String platform;
    private String runtimePath;
    private String dockerfile;
    private String buildDir;
    private String buildArgs;
    private String runtimeOptions;
    private boolean vddk9Compat;
    private boolean immutableTag;
    private boolean verbose;
    private String controllerImageRef;
    private String forkliftNamespace;
    private String forkliftController;
    private String kubeconfigCredentialsId;
    private String kubeServerUrl;
    private String kubeTokenCredentialsId;
    private String kubeCaCertificate;
    private boolean kubeInsecureSkipTlsVerify;
    private String kubeContext;

    @DataBoundConstructor
    public BuildVddkImageStep(String archive, String tag) {
        this.archive = Util.fixEmptyAndTrim(archive);
        this.tag = Util.fixEmptyAndTrim(tag);
    }

    @CheckForNull
    public String getArchive() {
        return archive;
    }

    @CheckForNull
    public String getTag() {
        return tag;
    }

    @CheckForNull
    public String getAdditionalTags() {
        return additionalTags;
    }

    @CheckForNull
    public String getExpectedSha256() {
        return expectedSha256;
    }

    @CheckForNull
    public String getRuntime() {
        return runtime;
    }

    public boolean isPush() {
        return push;
    }

    @CheckForNull
    public String getRegistryCredentialsId() {
        return registryCredentialsId;
    }

    public boolean isSetControllerImage() {
        return setControllerImage;
    }

    @CheckForNull
    public String getOutput() {
        return output;
    }

    @CheckForNull
    public DockerRegistryEndpoint getRegistry() {
        return registry;
    }

    public boolean isRegistryInsecureSkipTlsVerify() {
        return registryInsecureSkipTlsVerify;
    }

    @CheckForNull
    public String getRegistryCaCertificate() {
        return registryCaCertificate;
    }

    @CheckForNull
    public String getBaseImage() {
        return baseImage;
    }

    @CheckForNull
    public String getBaseImageCredentialsId() {
        return baseImageCredentialsId;
    }

    @CheckForNull
    public String getPlatform() {
        return platform;
    }

    @CheckForNull
    public String getRuntimePath() {
        return runtimePath;
    }

    @CheckForNull
    public String getDockerfile() {
        return dockerfile;
    }

    @CheckForNull
    public String getBuildDir() {
        return buildDir;
    }

    @CheckForNull
    public String getBuildArgs() {
        return buildArgs;
    }

    @CheckForNull
    public String getRuntimeOptions() {
        return runtimeOptions;
    }

    public boolean isVddk9Compat() {
        return vddk9Compat;
    }

    public boolean isImmutableTag() {
        return immutableTag;
    }

    public boolean isVerbose() {
        return verbose;
    }

    @CheckForNull
    public String getControllerImageRef() {
        return controllerImageRef;
    }

    @CheckForNull
    public String getForkliftNamespace() {
        return forkliftNamespace;
    }

    @CheckForNull
    public String getForkliftController() {
        return forkliftController;
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
    public void setAdditionalTags(String additionalTags) {
        this.additionalTags = Util.fixEmptyAndTrim(additionalTags);
    }

    @DataBoundSetter
    public void setExpectedSha256(String expectedSha256) {
        this.expectedSha256 = Util.fixEmptyAndTrim(expectedSha256);
    }

    @DataBoundSetter
    public void setRuntime(String runtime) {
        this.runtime = Util.fixEmptyAndTrim(runtime);
    }

    @DataBoundSetter
    public void setPush(boolean push) {
        this.push = push;
    }

    @DataBoundSetter
    public void setRegistryCredentialsId(String registryCredentialsId) {
        this.registryCredentialsId = Util.fixEmptyAndTrim(registryCredentialsId);
    }

    @DataBoundSetter
    public void setSetControllerImage(boolean setControllerImage) {
        this.setControllerImage = setControllerImage;
    }

    @DataBoundSetter
    public void setOutput(String output) {
        this.output = Util.fixEmptyAndTrim(output);
    }

    @DataBoundSetter
    public void setRegistry(DockerRegistryEndpoint registry) {
        // an empty endpoint from the form means none
        this.registry = registry == null || registry.getUrl() == null && registry.getCredentialsId() == null ? null : registry;
    }

    @DataBoundSetter
    public void setRegistryInsecureSkipTlsVerify(boolean registryInsecureSkipTlsVerify) {
        this.registryInsecureSkipTlsVerify = registryInsecureSkipTlsVerify;
    }

    @DataBoundSetter
    public void setRegistryCaCertificate(String registryCaCertificate) {
        this.registryCaCertificate = Util.fixEmptyAndTrim(registryCaCertificate);
    }

    @DataBoundSetter
    public void setBaseImage(String baseImage) {
        this.baseImage = Util.fixEmptyAndTrim(baseImage);
    }

    @DataBoundSetter
    public void setBaseImageCredentialsId(String baseImageCredentialsId) {
        this.baseImageCredentialsId = Util.fixEmptyAndTrim(baseImageCredentialsId);
    }

    @DataBoundSetter
    public void setPlatform(String platform) {
        this.platform = Util.fixEmptyAndTrim(platform);
    }

    @DataBoundSetter
    public void setRuntimePath(String runtimePath) {
        this.runtimePath = Util.fixEmptyAndTrim(runtimePath);
    }

    @DataBoundSetter
    public void setDockerfile(String dockerfile) {
        this.dockerfile = Util.fixEmptyAndTrim(dockerfile);
    }

    @DataBoundSetter
    public void setBuildDir(String buildDir) {
        this.buildDir = Util.fixEmptyAndTrim(buildDir);
    }

    @DataBoundSetter
    public void setBuildArgs(String buildArgs) {
        this.buildArgs = Util.fixEmptyAndTrim(buildArgs);
    }

    @DataBoundSetter
    public void setRuntimeOptions(String runtimeOptions) {
        this.runtimeOptions = Util.fixEmptyAndTrim(runtimeOptions);
    }

    @DataBoundSetter
    public void setVddk9Compat(boolean vddk9Compat) {
        this.vddk9Compat = vddk9Compat;
    }

    @DataBoundSetter
    public void setImmutableTag(boolean immutableTag) {
        this.immutableTag = immutableTag;
    }

    @DataBoundSetter
    public void setVerbose(boolean verbose) {
        this.verbose = verbose;
    }

    @DataBoundSetter
    public void setControllerImageRef(String controllerImageRef) {
        this.controllerImageRef = Util.fixEmptyAndTrim(controllerImageRef);
    }

    @DataBoundSetter
    public void setForkliftNamespace(String forkliftNamespace) {
        this.forkliftNamespace = Util.fixEmptyAndTrim(forkliftNamespace);
    }

    @DataBoundSetter
    public void setForkliftController(String forkliftController) {
        this.forkliftController = Util.fixEmptyAndTrim(forkliftController);
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
    BuildImageParameters toParameters() {
        return BuildImageParameters.builder()
                .archive(archive)
                .tag(tag)
                .additionalTags(additionalTags)
                .expectedSha256(expectedSha256)
                .runtime(runtime)
                .push(push)
                .registryCredentialsId(registryCredentialsId != null ? registryCredentialsId
                        : registry == null ? null : Util.fixEmptyAndTrim(registry.getCredentialsId()))
                .setControllerImage(setControllerImage)
                .output(output)
                .registryEndpointUrl(registry == null ? null : registry.getUrl())
                .registryInsecureSkipTlsVerify(registryInsecureSkipTlsVerify)
                .registryCaCertificate(registryCaCertificate)
                .baseImage(baseImage)
                .baseImageCredentialsId(baseImageCredentialsId)
                .platform(platform)
                .runtimePath(runtimePath)
                .dockerfile(dockerfile)
                .buildDir(buildDir)
                .buildArgs(buildArgs)
                .runtimeOptions(runtimeOptions)
                .vddk9Compat(vddk9Compat)
                .immutableTag(immutableTag)
                .verbose(verbose)
                .controllerImageRef(controllerImageRef)
                .forkliftNamespace(forkliftNamespace)
                .forkliftController(forkliftController)
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
        private final transient BuildVddkImageStep step;

        Execution(BuildVddkImageStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected LinkedHashMap<String, Object> run() throws Exception {
            StepContext c = getContext();
            return BuildVddkImageRunner.run(step.toParameters(), c.get(Run.class), c.get(FilePath.class), c.get(EnvVars.class), c.get(Launcher.class),
                    c.get(TaskListener.class));
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "buildVddkImage";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Build a Forklift VDDK image";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class, EnvVars.class);
        }

        @POST
        public FormValidation doCheckArchive(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.archive(value));
        }

        @POST
        public FormValidation doCheckTag(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.tag(value));
        }

        @POST
        public FormValidation doCheckAdditionalTags(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.additionalTags(value));
        }

        @POST
        public FormValidation doCheckExpectedSha256(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.sha256(value));
        }

        @POST
        public ListBoxModel doFillRuntimeItems() {
            return Forms.items(Choices.RUNTIMES, "(global default, else auto)");
        }

        @POST
        public FormValidation doCheckRuntime(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.runtime(value));
        }

        @POST
        public FormValidation doCheckPush(@AncestorInPath Item item, @QueryParameter boolean value, @QueryParameter String output, @QueryParameter boolean setControllerImage) {
            return Forms.check(item, () -> FormChecks.pushOptions(value, output, setControllerImage));
        }

        @POST
        public ListBoxModel doFillRegistryCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String registryCredentialsId) {
            return Forms.fillCredentials(item, registryCredentialsId, CredentialKind.USERNAME_PASSWORD);
        }

        @POST
        public FormValidation doCheckRegistryCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.checkCredentials(item, value, CredentialKind.USERNAME_PASSWORD);
        }

        @POST
        public FormValidation doCheckOutput(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.output(value));
        }

        @POST
        public FormValidation doCheckRegistryCaCertificate(@AncestorInPath Item item, @QueryParameter String value, @QueryParameter boolean registryInsecureSkipTlsVerify) {
            return Forms.check(item, () -> FormChecks.tls(registryInsecureSkipTlsVerify, value));
        }

        @POST
        public FormValidation doCheckBaseImage(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.image(value, false));
        }

        @POST
        public ListBoxModel doFillBaseImageCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String baseImageCredentialsId) {
            return Forms.fillCredentials(item, baseImageCredentialsId, CredentialKind.USERNAME_PASSWORD);
        }

        @POST
        public FormValidation doCheckBaseImageCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.checkCredentials(item, value, CredentialKind.USERNAME_PASSWORD);
        }

        @POST
        public FormValidation doCheckPlatform(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.platform(value));
        }

        @POST
        public FormValidation doCheckRuntimePath(@AncestorInPath Item item, @QueryParameter String value, @QueryParameter String runtime) {
            return Forms.check(item, () -> FormChecks.runtimePath(value, runtime));
        }

        @POST
        public FormValidation doCheckDockerfile(@AncestorInPath Item item, @QueryParameter String value, @QueryParameter String runtime) {
            return Forms.check(item, () -> FormChecks.dockerfile(value, runtime));
        }

        @POST
        public FormValidation doCheckBuildArgs(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.buildArgs(value));
        }

        @POST
        public FormValidation doCheckRuntimeOptions(@AncestorInPath Item item, @QueryParameter String value, @QueryParameter String runtime) {
            return Forms.check(item, () -> FormChecks.runtimeOptions(value, runtime));
        }

        @POST
        public ListBoxModel doFillControllerImageRefItems() {
            return Forms.items(Choices.CONTROLLER_IMAGE_REFS, "(default: pinned digest)");
        }

        @POST
        public FormValidation doCheckControllerImageRef(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.controllerImageRef(value));
        }

        @POST
        public FormValidation doCheckForkliftNamespace(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.namespace(value));
        }

        @POST
        public FormValidation doCheckForkliftController(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.resourceName(value, false));
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
