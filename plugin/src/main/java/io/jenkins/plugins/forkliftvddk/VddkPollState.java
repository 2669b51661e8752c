package io.jenkins.plugins.forkliftvddk;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.XmlFile;
import hudson.model.Job;
import io.forkliftvddk.core.steps.PollOutcome;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The last poll's outcome as XStream stores it (a plain bean: records do not round-trip through XStream), in
 * {@code <job>/vddk-release-trigger.xml}, written only when the outcome changed (never {@code job.save()} per poll).
 */
public class VddkPollState {

    private static final Logger LOGGER = Logger.getLogger(VddkPollState.class.getName());

    String checkedAt;
    String source;
    String version;
    String location;
    String image;
    String imageState;
    boolean scheduled;
    String reason;
    String error;
    LinkedHashMap<String, String> parameters = new LinkedHashMap<>();

    static VddkPollState of(PollOutcome o) {
        VddkPollState s = new VddkPollState();
        s.checkedAt = o.checkedAt();
        s.source = o.source();
        s.version = o.version();
        s.location = o.location();
        s.image = o.image();
        s.imageState = o.imageState();
        s.scheduled = o.scheduled();
        s.reason = o.reason();
        s.error = o.error();
        s.parameters = new LinkedHashMap<>(o.parameters());
        return s;
    }

    PollOutcome toOutcome() {
        return new PollOutcome(checkedAt, source, version, location, image, imageState, scheduled, reason, error,
                parameters == null ? Map.of() : parameters);
    }

    @CheckForNull
    static VddkPollState load(Job<?, ?> job) {
        XmlFile file = VddkReleaseTrigger.stateFile(job);
        if (!file.exists()) {
            return null;
        }
        try {
            Object o = file.read();
            return o instanceof VddkPollState ? (VddkPollState) o : null;
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "cannot read " + file, e);
            return null;
        }
    }

    /** Writes the outcome unless it equals the stored one apart from the time. */
    static void save(Job<?, ?> job, PollOutcome outcome) {
        VddkPollState previous = load(job);
        if (previous != null && previous.toOutcome().sameAs(outcome)) {
            return;
        }
        try {
            VddkReleaseTrigger.stateFile(job).write(of(outcome));
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "cannot write the vddkRelease poll state of " + job.getFullName(), e);
        }
    }

    public String getCheckedAt() {
        return checkedAt;
    }

    public String getSummary() {
        return toOutcome().summary();
    }

    public boolean isScheduled() {
        return scheduled;
    }

    @CheckForNull
    public String getError() {
        return error;
    }

    public Map<String, String> getParameters() {
        return parameters;
    }
}
