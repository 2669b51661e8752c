package io.jenkins.plugins.forkliftvddk;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Action;
import hudson.model.Job;

/** "VDDK release polling" on the job page: what the last poll checked, found and decided. */
public class VddkPollAction implements Action {

    private final Job<?, ?> job;

    VddkPollAction(Job<?, ?> job) {
        this.job = job;
    }

    public Job<?, ?> getJob() {
        return job;
    }

    /** The last outcome, or null before the first poll. */
    @CheckForNull
    public VddkPollState getState() {
        return VddkPollState.load(job);
    }

    @Override
    public String getIconFileName() {
        return "clipboard.png";
    }

    @Override
    public String getDisplayName() {
        return "VDDK release polling";
    }

    @Override
    public String getUrlName() {
        return "vddk-release";
    }
}
