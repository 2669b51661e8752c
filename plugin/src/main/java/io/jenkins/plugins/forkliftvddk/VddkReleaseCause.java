package io.jenkins.plugins.forkliftvddk;

import hudson.model.Cause;

/** "New VDDK 8.0.3-23950268 found at /srv/vddk/…" on the build page. Text only, no secret (sources carry no credentials). */
public class VddkReleaseCause extends Cause {

    private final String text;

    public VddkReleaseCause(String text) {
        this.text = text;
    }

    @Override
    public String getShortDescription() {
        return text;
    }
}
