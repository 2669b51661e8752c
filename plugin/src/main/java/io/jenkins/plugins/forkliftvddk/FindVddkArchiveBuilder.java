package io.jenkins.plugins.forkliftvddk;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractProject;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.forkliftvddk.core.steps.FindArchiveParameters;
import io.forkliftvddk.core.steps.FormChecks;
import java.io.IOException;
import java.util.LinkedHashMap;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Freestyle builder for finding the newest VDDK kit. The same parameters and runner as the Pipeline step
 * {@code findVddkArchive}; instead of a return value it exports {@code VDDK_VERSION}, {@code VDDK_ARCHIVE},
 * {@code VDDK_ARCHIVE_NAME}, {@code VDDK_ARCHIVE_SHA256}, {@code VDDK_IMAGE_TAG} and {@code VDDK_IMAGE_EXISTS} to later
 * build steps (core computes them). Its {@code @Symbol} differs from the step's function name so a Pipeline script
 * always gets the step.
 */
public class FindVddkArchiveBuilder extends Builder implements SimpleBuildStep {

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
    public FindVddkArchiveBuilder(String source) {
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

    /** Only the source and the registry are asked (from the controller): no workspace needed. */
    @Override
    public boolean requiresWorkspace() {
        return false;
    }

    @Override
    public void perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)
            throws InterruptedException, IOException {
        LinkedHashMap<String, Object> result = FindVddkArchiveRunner.run(toParameters(), run, listener);
        run.addAction(VddkSummaryAction.archive(result));
    }

    @Extension
    @Symbol("vddkFindArchive")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {

        @Override
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Find the newest VDDK kit and whether its image exists";
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
