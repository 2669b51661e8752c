package io.jenkins.plugins.forkliftvddk;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.forkliftvddk.core.steps.Choices;
import io.forkliftvddk.core.steps.FormChecks;
import io.forkliftvddk.core.steps.GlobalDefaults;
import jenkins.model.GlobalConfiguration;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Defaults every step falls back to when a parameter is empty, and the directories kit sources may be read from on the
 * controller. JCasC: {@code unclassified: forkliftVddk: {kubeCredentialsId: …, allowedSourceRoots: "/srv/vddk"}}.
 */
@Extension
@Symbol("forkliftVddk")
public class VddkGlobalConfiguration extends GlobalConfiguration {

    private String kubeCredentialsId;
    private String kubeServerUrl;
    private String kubeCaCertificate;
    private String registryCredentialsId;
    private String runtime;
    private String runtimePath;
    private String baseImage;
    private String baseImageCredentialsId;
    private String allowedSourceRoots;

    public VddkGlobalConfiguration() {
        load();
    }

    public static VddkGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(VddkGlobalConfiguration.class);
    }

    /** The core view of this configuration. */
    public GlobalDefaults toDefaults() {
        return new GlobalDefaults(kubeCredentialsId, kubeServerUrl, kubeCaCertificate, registryCredentialsId, runtime, runtimePath,
                baseImage, baseImageCredentialsId, allowedSourceRoots);
    }

    @CheckForNull
    public String getKubeCredentialsId() {
        return kubeCredentialsId;
    }

    @DataBoundSetter
    public void setKubeCredentialsId(String kubeCredentialsId) {
        this.kubeCredentialsId = Util.fixEmptyAndTrim(kubeCredentialsId);
        save();
    }

    @CheckForNull
    public String getKubeServerUrl() {
        return kubeServerUrl;
    }

    @DataBoundSetter
    public void setKubeServerUrl(String kubeServerUrl) {
        this.kubeServerUrl = Util.fixEmptyAndTrim(kubeServerUrl);
        save();
    }

    @CheckForNull
    public String getKubeCaCertificate() {
        return kubeCaCertificate;
    }

    @DataBoundSetter
    public void setKubeCaCertificate(String kubeCaCertificate) {
        this.kubeCaCertificate = Util.fixEmptyAndTrim(kubeCaCertificate);
        save();
    }

    @CheckForNull
    public String getRegistryCredentialsId() {
        return registryCredentialsId;
    }

    @DataBoundSetter
    public void setRegistryCredentialsId(String registryCredentialsId) {
        this.registryCredentialsId = Util.fixEmptyAndTrim(registryCredentialsId);
        save();
    }

    @CheckForNull
    public String getRuntime() {
        return runtime;
    }

    @DataBoundSetter
    public void setRuntime(String runtime) {
        this.runtime = Util.fixEmptyAndTrim(runtime);
        save();
    }

    @CheckForNull
    public String getRuntimePath() {
        return runtimePath;
    }

    @DataBoundSetter
    public void setRuntimePath(String runtimePath) {
        this.runtimePath = Util.fixEmptyAndTrim(runtimePath);
        save();
    }

    @CheckForNull
    public String getBaseImage() {
        return baseImage;
    }

    @DataBoundSetter
    public void setBaseImage(String baseImage) {
        this.baseImage = Util.fixEmptyAndTrim(baseImage);
        save();
    }

    @CheckForNull
    public String getBaseImageCredentialsId() {
        return baseImageCredentialsId;
    }

    @DataBoundSetter
    public void setBaseImageCredentialsId(String baseImageCredentialsId) {
        this.baseImageCredentialsId = Util.fixEmptyAndTrim(baseImageCredentialsId);
        save();
    }

    @CheckForNull
    public String getAllowedSourceRoots() {
        return allowedSourceRoots;
    }

    @DataBoundSetter
    public void setAllowedSourceRoots(String allowedSourceRoots) {
        this.allowedSourceRoots = Util.fixEmptyAndTrim(allowedSourceRoots);
        save();
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        req.bindJSON(this, json);
        save();
        return true;
    }

    @POST
    public ListBoxModel doFillKubeCredentialsIdItems(@QueryParameter String kubeCredentialsId) {
        return Forms.fillGlobalCredentials(kubeCredentialsId, CredentialKind.KUBE_DEFAULT);
    }

    @POST
    public FormValidation doCheckKubeCredentialsId(@QueryParameter String value) {
        return Forms.checkCredentials(null, value, CredentialKind.KUBE_DEFAULT);
    }

    @POST
    public FormValidation doCheckKubeServerUrl(@QueryParameter String value) {
        return Forms.check(null, () -> FormChecks.kubeServerUrl(value));
    }

    @POST
    public FormValidation doCheckKubeCaCertificate(@QueryParameter String value) {
        return Forms.check(null, () -> FormChecks.certificate(value));
    }

    @POST
    public ListBoxModel doFillRegistryCredentialsIdItems(@QueryParameter String registryCredentialsId) {
        return Forms.fillGlobalCredentials(registryCredentialsId, CredentialKind.USERNAME_PASSWORD);
    }

    @POST
    public FormValidation doCheckRegistryCredentialsId(@QueryParameter String value) {
        return Forms.checkCredentials(null, value, CredentialKind.USERNAME_PASSWORD);
    }

    @POST
    public ListBoxModel doFillRuntimeItems() {
        return Forms.items(Choices.RUNTIMES, "(auto)");
    }

    @POST
    public FormValidation doCheckRuntime(@QueryParameter String value) {
        return Forms.check(null, () -> FormChecks.runtime(value));
    }

    @POST
    public FormValidation doCheckRuntimePath(@QueryParameter String value, @QueryParameter String runtime) {
        return Forms.check(null, () -> FormChecks.runtimePath(value, runtime));
    }

    @POST
    public FormValidation doCheckBaseImage(@QueryParameter String value) {
        return Forms.check(null, () -> FormChecks.image(value, false));
    }

    @POST
    public ListBoxModel doFillBaseImageCredentialsIdItems(@QueryParameter String baseImageCredentialsId) {
        return Forms.fillGlobalCredentials(baseImageCredentialsId, CredentialKind.USERNAME_PASSWORD);
    }

    @POST
    public FormValidation doCheckBaseImageCredentialsId(@QueryParameter String value) {
        return Forms.checkCredentials(null, value, CredentialKind.USERNAME_PASSWORD);
    }

    @POST
    public FormValidation doCheckAllowedSourceRoots(@QueryParameter String value) {
        return Forms.check(null, () -> FormChecks.allowedSourceRoots(value));
    }
}
