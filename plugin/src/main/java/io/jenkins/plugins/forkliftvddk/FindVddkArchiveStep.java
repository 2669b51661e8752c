package io.jenkins.plugins.forkliftvddk;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.forkliftvddk.core.steps.FindArchiveParameters;
import io.forkliftvddk.core.steps.FormChecks;
import java.util.LinkedHashMap;
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
 * Pipeline step {@code findVddkArchive}: finds the newest VDDK kit in a directory or an http(s) listing and asks the registry whether its image already exists. Fields map one to one to {@link FindArchiveParameters}; the work is done by
 * {@link FindVddkArchiveRunner}, shared with the freestyle builder.
 */
public class FindVddkArchiveStep extends Step {

    private final String source;
    private String sourceCredentialsId;
    private String imageRepository;
    private String tagTemplate;
    private String registryCredentialsId;
    private String newerThan;
    private boolean sameMajor;
    private String namePattern;
    private boolean registryInsecureSkipTlsVerify;
    private String registryCaCertificate;

    @DataBoundConstructor
    public FindVddkArchiveStep(String source) {
        this.source = Util.fixEmptyAndTrim(source);
    }

    @CheckForNull
    public String getSource() {
        return source;
    }

    @CheckForNull
    public String getSourceCredentialsId() {
        return sourceCredentialsId;
    }

    @CheckForNull
    public String getImageRepository() {
        return imageRepository;
    }

    @CheckForNull
    public String getTagTemplate() {
        return tagTemplate;
    }

    @CheckForNull
    public String getRegistryCredentialsId() {
        return registryCredentialsId;
    }

    @CheckForNull
    public String getNewerThan() {
        return newerThan;
    }

    public boolean isSameMajor() {
        return sameMajor;
    }

    @CheckForNull
    public String getNamePattern() {
        return namePattern;
    }

    public boolean isRegistryInsecureSkipTlsVerify() {
        return registryInsecureSkipTlsVerify;
    }

    @CheckForNull
    public String getRegistryCaCertificate() {
        return registryCaCertificate;
    }

    @DataBoundSetter
    public void setSourceCredentialsId(String sourceCredentialsId) {
        this.sourceCredentialsId = Util.fixEmptyAndTrim(sourceCredentialsId);
    }

    @DataBoundSetter
    public void setImageRepository(String imageRepository) {
        this.imageRepository = Util.fixEmptyAndTrim(imageRepository);
    }

    @DataBoundSetter
    public void setTagTemplate(String tagTemplate) {
        this.tagTemplate = Util.fixEmptyAndTrim(tagTemplate);
    }

    @DataBoundSetter
    public void setRegistryCredentialsId(String registryCredentialsId) {
        this.registryCredentialsId = Util.fixEmptyAndTrim(registryCredentialsId);
    }

    @DataBoundSetter
    public void setNewerThan(String newerThan) {
        this.newerThan = Util.fixEmptyAndTrim(newerThan);
    }

    @DataBoundSetter
    public void setSameMajor(boolean sameMajor) {
        this.sameMajor = sameMajor;
    }

    @DataBoundSetter
    public void setNamePattern(String namePattern) {
        this.namePattern = Util.fixEmptyAndTrim(namePattern);
    }

    @DataBoundSetter
    public void setRegistryInsecureSkipTlsVerify(boolean registryInsecureSkipTlsVerify) {
        this.registryInsecureSkipTlsVerify = registryInsecureSkipTlsVerify;
    }

    @DataBoundSetter
    public void setRegistryCaCertificate(String registryCaCertificate) {
        this.registryCaCertificate = Util.fixEmptyAndTrim(registryCaCertificate);
    }

    /** The core parameter record for this configuration. */
    FindArchiveParameters toParameters() {
        return FindArchiveParameters.builder()
                .source(source)
                .sourceCredentialsId(sourceCredentialsId)
                .imageRepository(imageRepository)
                .tagTemplate(tagTemplate)
                .registryCredentialsId(registryCredentialsId)
                .newerThan(newerThan)
                .sameMajor(sameMajor)
                .namePattern(namePattern)
                .registryInsecureSkipTlsVerify(registryInsecureSkipTlsVerify)
                .registryCaCertificate(registryCaCertificate)
                .build();
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    private static final class Execution extends SynchronousNonBlockingStepExecution<LinkedHashMap<String, Object>> {
        private static final long serialVersionUID = 1L;
        // the step itself is not Serializable; this execution is not resumable anyway (SynchronousNonBlocking)
        private final transient FindVddkArchiveStep step;

        Execution(FindVddkArchiveStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected LinkedHashMap<String, Object> run() throws Exception {
            StepContext c = getContext();
            return FindVddkArchiveRunner.run(step.toParameters(), c.get(Run.class), c.get(TaskListener.class));
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {

        @Override
        public String getFunctionName() {
            return "findVddkArchive";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Find the newest VDDK kit and whether its image exists";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @POST
        public FormValidation doCheckSource(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.source(value, VddkGlobalConfiguration.get().toDefaults().allowedRoots()));
        }

        @POST
        public ListBoxModel doFillSourceCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String sourceCredentialsId) {
            return Forms.fillCredentials(item, sourceCredentialsId, CredentialKind.SOURCE);
        }

        @POST
        public FormValidation doCheckSourceCredentialsId(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.checkCredentials(item, value, CredentialKind.SOURCE);
        }

        @POST
        public FormValidation doCheckImageRepository(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.imageRepository(value, false));
        }

        @POST
        public FormValidation doCheckTagTemplate(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.tagTemplate(value));
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
        public FormValidation doCheckNewerThan(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.newerThan(value));
        }

        @POST
        public FormValidation doCheckNamePattern(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.namePattern(value));
        }

        @POST
        public FormValidation doCheckRegistryCaCertificate(@AncestorInPath Item item, @QueryParameter String value, @QueryParameter boolean registryInsecureSkipTlsVerify) {
            return Forms.check(item, () -> FormChecks.tls(registryInsecureSkipTlsVerify, value));
        }
    }
}
