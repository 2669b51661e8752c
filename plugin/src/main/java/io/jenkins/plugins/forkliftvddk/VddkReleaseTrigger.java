package io.jenkins.plugins.forkliftvddk;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.XmlFile;
import hudson.model.Action;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.model.ParameterDefinition;
import hudson.model.ParameterValue;
import hudson.model.ParametersAction;
import hudson.model.ParametersDefinitionProperty;
import hudson.model.Queue;
import hudson.model.StringParameterValue;
import hudson.scheduler.CronTabList;
import hudson.scheduler.Hash;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.SequentialExecutionQueue;
import io.forkliftvddk.core.spi.Listener;
import io.forkliftvddk.core.steps.DiscoveryStepRunner;
import io.forkliftvddk.core.steps.FormChecks;
import io.forkliftvddk.core.steps.PollOutcome;
import io.forkliftvddk.core.steps.ReleasePoll;
import io.forkliftvddk.core.steps.ReleaseTriggerParameters;
import java.io.File;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Schedules a build when a new VDDK kit appears whose image is not in the registry yet. Each poll runs on the
 * descriptor's own executor (never the cron thread), skips while the job is disabled, building or queued for the
 * version, asks the registry (stateless: the registry is the memory), and passes {@code VDDK_VERSION},
 * {@code VDDK_ARCHIVE}, {@code VDDK_IMAGE_TAG} merged with the job's parameter defaults, a cause and an action carrying
 * the version. Every decision is core's ({@link DiscoveryStepRunner#poll}); the last outcome is kept next to the job.
 */
public class VddkReleaseTrigger extends Trigger<Job<?, ?>> {

    private static final Logger LOGGER = Logger.getLogger(VddkReleaseTrigger.class.getName());
    static final String STATE_FILE = "vddk-release-trigger.xml";

    private String source;
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
    public VddkReleaseTrigger(@NonNull String spec) {
        super(spec);
    }

    @CheckForNull
    public String getSource() {
        return source;
    }

    @DataBoundSetter
    public void setSource(String source) {
        this.source = Util.fixEmptyAndTrim(source);
    }

    @CheckForNull
    public String getSourceCredentialsId() {
        return sourceCredentialsId;
    }

    @DataBoundSetter
    public void setSourceCredentialsId(String sourceCredentialsId) {
        this.sourceCredentialsId = Util.fixEmptyAndTrim(sourceCredentialsId);
    }

    @CheckForNull
    public String getImageRepository() {
        return imageRepository;
    }

    @DataBoundSetter
    public void setImageRepository(String imageRepository) {
        this.imageRepository = Util.fixEmptyAndTrim(imageRepository);
    }

    @CheckForNull
    public String getTagTemplate() {
        return tagTemplate;
    }

    @DataBoundSetter
    public void setTagTemplate(String tagTemplate) {
        this.tagTemplate = Util.fixEmptyAndTrim(tagTemplate);
    }

    @CheckForNull
    public String getRegistryCredentialsId() {
        return registryCredentialsId;
    }

    @DataBoundSetter
    public void setRegistryCredentialsId(String registryCredentialsId) {
        this.registryCredentialsId = Util.fixEmptyAndTrim(registryCredentialsId);
    }

    @CheckForNull
    public String getNewerThan() {
        return newerThan;
    }

    @DataBoundSetter
    public void setNewerThan(String newerThan) {
        this.newerThan = Util.fixEmptyAndTrim(newerThan);
    }

    public boolean isSameMajor() {
        return sameMajor;
    }

    @DataBoundSetter
    public void setSameMajor(boolean sameMajor) {
        this.sameMajor = sameMajor;
    }

    @CheckForNull
    public String getNamePattern() {
        return namePattern;
    }

    @DataBoundSetter
    public void setNamePattern(String namePattern) {
        this.namePattern = Util.fixEmptyAndTrim(namePattern);
    }

    public boolean isRegistryInsecureSkipTlsVerify() {
        return registryInsecureSkipTlsVerify;
    }

    @DataBoundSetter
    public void setRegistryInsecureSkipTlsVerify(boolean registryInsecureSkipTlsVerify) {
        this.registryInsecureSkipTlsVerify = registryInsecureSkipTlsVerify;
    }

    @CheckForNull
    public String getRegistryCaCertificate() {
        return registryCaCertificate;
    }

    @DataBoundSetter
    public void setRegistryCaCertificate(String registryCaCertificate) {
        this.registryCaCertificate = Util.fixEmptyAndTrim(registryCaCertificate);
    }

    /** The core parameter record for this configuration. */
    ReleaseTriggerParameters toParameters() {
        return ReleaseTriggerParameters.builder()
                .spec(getSpec())
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

    /** Called on the cron thread: hand the poll to our own executor and return at once. */
    @Override
    public void run() {
        Job<?, ?> j = job;
        if (j == null) {
            return;
        }
        ((DescriptorImpl) getDescriptor()).queue.execute(new PollTask(this, j));
    }

    @Override
    public Collection<? extends Action> getProjectActions() {
        Job<?, ?> j = job;
        return j == null ? List.of() : List.of(new VddkPollAction(j));
    }

    /** One poll; synchronous, for tests too ({@code trigger.poll()} then {@code j.waitUntilNoActivity()}). */
    PollOutcome poll(Job<?, ?> j) throws InterruptedException {
        List<String> log = new ArrayList<>();
        Listener listener = (level, message) -> log.add(level + " " + message);
        boolean disabled = !j.isBuildable()
                || (j instanceof ParameterizedJobMixIn.ParameterizedJob && ((ParameterizedJobMixIn.ParameterizedJob<?, ?>) j).isDisabled());
        ReleasePoll.JobState state = new ReleasePoll.JobState(disabled, j.isBuilding(), queuedVersions(j));
        PollOutcome outcome;
        try {
            outcome = DiscoveryStepRunner.poll(toParameters(), state, VddkGlobalConfiguration.get().toDefaults(),
                    JenkinsCredentialLookup.forItem(j), FindVddkArchiveRunner.scratchParent(), listener, Instant.now().toString());
        } catch (IOException e) {
            outcome = ReleasePoll.decide(Util.fixNull(source), state, null, e.getMessage(), Instant.now().toString());
        }
        if (outcome.scheduled() && !schedule(j, outcome)) {
            outcome = new PollOutcome(outcome.checkedAt(), outcome.source(), outcome.version(), outcome.location(), outcome.image(),
                    outcome.imageState(), false, "Jenkins did not accept the build (job not buildable)", null, Map.of());
        }
        log.forEach(line -> LOGGER.log(Level.FINE, "{0}: {1}", new Object[] {j.getFullName(), line}));
        VddkPollState.save(j, outcome);
        return outcome;
    }

    private static Set<String> queuedVersions(Job<?, ?> j) {
        Set<String> versions = new HashSet<>();
        if (j instanceof Queue.Task) {
            for (Queue.Item item : Jenkins.get().getQueue().getItems((Queue.Task) j)) {
                VddkReleaseAction a = item.getAction(VddkReleaseAction.class);
                if (a != null) {
                    versions.add(a.getVersion());
                }
            }
        }
        return versions;
    }

    /** Parameters merged with the job's defaults (an explicit ParametersAction suppresses them otherwise). */
    private static boolean schedule(Job<?, ?> j, PollOutcome outcome) {
        List<Action> actions = new ArrayList<>();
        actions.add(new CauseAction(new VddkReleaseCause(outcome.reason())));
        actions.add(new VddkReleaseAction(outcome.version(), outcome.parameters()));
        ParametersDefinitionProperty property = j.getProperty(ParametersDefinitionProperty.class);
        if (property != null) {
            Map<String, ParameterValue> defaults = new LinkedHashMap<>();
            for (ParameterDefinition d : property.getParameterDefinitions()) {
                defaults.put(d.getName(), d.getDefaultParameterValue());
            }
            ReleasePoll.Merged<ParameterValue> merged = ReleasePoll.mergeParameters(defaults, outcome.parameters(),
                    (name, value) -> new StringParameterValue(name, value));
            actions.add(new ParametersAction(merged.values()));
        }
        return ParameterizedJobMixIn.scheduleBuild2(j, -1, actions.toArray(new Action[0])) != null;
    }

    /** Equal per job, so the sequential queue keeps at most one pending poll per job. */
    private static final class PollTask implements Runnable {
        private final VddkReleaseTrigger trigger;
        private final Job<?, ?> job;

        PollTask(VddkReleaseTrigger trigger, Job<?, ?> job) {
            this.trigger = trigger;
            this.job = job;
        }

        @Override
        public void run() {
            try {
                trigger.poll(job);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOGGER.log(Level.WARNING, "vddkRelease poll of " + job.getFullName() + " failed", e);
            }
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PollTask && ((PollTask) o).job.getFullName().equals(job.getFullName());
        }

        @Override
        public int hashCode() {
            return job.getFullName().hashCode();
        }
    }

    @Extension
    @Symbol("vddkRelease")
    public static final class DescriptorImpl extends TriggerDescriptor {

        private final transient SequentialExecutionQueue queue = new SequentialExecutionQueue(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vddkRelease trigger poll");
            t.setDaemon(true);
            return t;
        }));

        @Override
        public boolean isApplicable(Item item) {
            return item instanceof Job && item instanceof ParameterizedJobMixIn.ParameterizedJob;
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Build when a new VMware VDDK version appears";
        }

        @POST
        public FormValidation doCheckSpec(@QueryParameter String value, @AncestorInPath Item item) {
            if (!Forms.mayCheck(item)) {
                return FormValidation.ok();
            }
            try {
                CronTabList.create(Util.fixNull(value), item == null ? null : Hash.from(item.getFullName()));
                return FormValidation.ok();
            } catch (IllegalArgumentException e) {
                return FormValidation.error(e.getMessage());
            }
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
            return Forms.check(item, () -> FormChecks.imageRepository(value, true));
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
        public FormValidation doCheckRegistryCaCertificate(@AncestorInPath Item item, @QueryParameter String value,
                                                           @QueryParameter boolean registryInsecureSkipTlsVerify) {
            return Forms.check(item, () -> FormChecks.tls(registryInsecureSkipTlsVerify, value));
        }
    }

    /** Where the last outcome is kept: next to the job, read back after a restart. */
    static XmlFile stateFile(Job<?, ?> j) {
        return new XmlFile(new File(j.getRootDir(), STATE_FILE));
    }
}
