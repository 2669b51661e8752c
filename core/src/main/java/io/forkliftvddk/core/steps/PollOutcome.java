package io.forkliftvddk.core.steps;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one trigger poll, shown on the job page and kept next to the job. {@link #sameAs} ignores the time,
 * so the front end writes the file only when something changed.
 *
 * @param checkedAt  ISO-8601 time of the poll
 * @param source     the source as shown to users
 * @param version    the newest kit's version, or null
 * @param location   where it is, or null
 * @param image      the image reference for it, or null
 * @param imageState exists / missing / unknown, or null when no kit was found
 * @param scheduled  whether a build was scheduled
 * @param reason     why (or why not)
 * @param error      what failed, or null
 * @param parameters the build parameters passed when scheduled
 */
public record PollOutcome(String checkedAt, String source, String version, String location, String image, String imageState,
                          boolean scheduled, String reason, String error, Map<String, String> parameters)
        implements Serializable {

    public PollOutcome {
        parameters = parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Equal in everything but the time. */
    public boolean sameAs(PollOutcome other) {
        return other != null && Objects.equals(source, other.source) && Objects.equals(version, other.version)
                && Objects.equals(location, other.location) && Objects.equals(image, other.image)
                && Objects.equals(imageState, other.imageState) && scheduled == other.scheduled
                && Objects.equals(reason, other.reason) && Objects.equals(error, other.error)
                && parameters.equals(other.parameters);
    }

    /** A one-line summary for the poll log. */
    public String summary() {
        StringBuilder sb = new StringBuilder(checkedAt == null ? "" : checkedAt + " ");
        sb.append(source == null ? "" : source).append(": ");
        if (version != null) {
            sb.append("VDDK ").append(version).append(", image ").append(image).append(' ').append(imageState).append("; ");
        }
        sb.append(scheduled ? "build scheduled: " : "no build: ").append(reason);
        if (error != null) {
            sb.append(" (").append(error).append(')');
        }
        return sb.toString();
    }
}
