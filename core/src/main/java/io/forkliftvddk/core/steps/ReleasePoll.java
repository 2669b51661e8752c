package io.forkliftvddk.core.steps;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The {@code vddkRelease} trigger's decisions, without Jenkins: when to skip a poll, whether a found kit needs a build,
 * which parameters and cause the build gets, and how they merge with the job's parameter defaults. Stateless: the
 * registry is the memory (an image tag for the version exists or not), so a restart loses nothing.
 */
public final class ReleasePoll {

    /** Parameter names the scheduled build receives. */
    public static final String PARAM_VERSION = "VDDK_VERSION";
    public static final String PARAM_ARCHIVE = "VDDK_ARCHIVE";
    public static final String PARAM_IMAGE_TAG = "VDDK_IMAGE_TAG";

    private ReleasePoll() {
    }

    /** What the front end knows about the job before polling. */
    public record JobState(boolean disabled, boolean building, Set<String> queuedVersions) implements Serializable {
        public JobState {
            queuedVersions = queuedVersions == null ? Set.of() : Set.copyOf(queuedVersions);
        }
    }

    /** Whether the image for the newest kit exists; UNKNOWN when the registry could not be asked. */
    public enum ImageState { EXISTS, MISSING, UNKNOWN }

    /**
     * The newest kit and what the registry said about its image.
     *
     * @param version  kit version text ({@code 8.0.3-23950268})
     * @param location where a build reads it: a path (directory sources, for agents mounting the same share) or a URL
     * @param image    the full image reference for that version ({@code registry/repository:tag})
     * @param detail   why the state is UNKNOWN (registry error), or null
     */
    public record Found(String version, String name, String location, String sha256, String image, ImageState imageState,
                        String detail) implements Serializable {
        public Found {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(imageState, "imageState");
        }
    }

    /**
     * A skip reason that needs no network access (checked first, so a disabled job costs nothing), or empty.
     */
    public static Optional<String> skipBeforeCheck(JobState job) {
        if (job.disabled()) {
            return Optional.of("the job is disabled");
        }
        if (job.building()) {
            return Optional.of("the job is building; the next poll checks again");
        }
        return Optional.empty();
    }

    /**
     * Decides on a poll whose check ran.
     *
     * @param source   the source as shown to users (no credentials)
     * @param found    the newest kit, or null when the source has none matching
     * @param error    the error of the check (source unreachable, …), or null; no secret may be in it
     * @param now      when the poll ran (ISO-8601 text, for the job page)
     */
    public static PollOutcome decide(String source, JobState job, Found found, String error, String now) {
        if (error != null) {
            return new PollOutcome(now, source, null, null, null, null, false,
                    "the check failed; nothing scheduled, the next poll retries", error, Map.of());
        }
        if (found == null) {
            return new PollOutcome(now, source, null, null, null, null, false, "no VDDK kit found in the source", null, Map.of());
        }
        String state = found.imageState().name().toLowerCase(java.util.Locale.ROOT);
        switch (found.imageState()) {
            case EXISTS:
                return outcome(now, source, found, state, false, "the image " + found.image() + " already exists", null);
            case UNKNOWN:
                return outcome(now, source, found, state, false,
                        "the registry could not be asked; not treated as missing, the next poll retries", found.detail());
            default:
                break;
        }
        if (job.queuedVersions().contains(found.version())) {
            return outcome(now, source, found, state, false, "a build for VDDK " + found.version() + " is already queued", null);
        }
        Optional<String> skip = skipBeforeCheck(job);
        if (skip.isPresent()) {
            return outcome(now, source, found, state, false, skip.get(), null);
        }
        return new PollOutcome(now, source, found.version(), found.location(), found.image(), state, true,
                causeText(found, source), null, parameters(found));
    }

    private static PollOutcome outcome(String now, String source, Found f, String state, boolean scheduled, String reason,
                                       String error) {
        return new PollOutcome(now, source, f.version(), f.location(), f.image(), state, scheduled, reason, error, Map.of());
    }

    /** The build parameters for a kit: version, where to read it, the image reference to build. */
    public static Map<String, String> parameters(Found found) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put(PARAM_VERSION, found.version());
        p.put(PARAM_ARCHIVE, found.location());
        p.put(PARAM_IMAGE_TAG, found.image() == null ? "" : found.image());
        return p;
    }

    /** The cause shown on the build page. */
    public static String causeText(Found found, String source) {
        return "New VDDK " + found.version() + " found at " + (found.location() != null ? found.location() : source);
    }

    /**
     * Merges the overrides into the job's parameter defaults: passing explicit parameters to a build suppresses the
     * defaults, so every declared parameter is passed, with the override where there is one.
     *
     * @param defaults   declared parameters in declaration order, name → default value object
     * @param overrides  name → text value
     * @param make       makes a value object for an overridden parameter (name, text)
     */
    public static <V> Merged<V> mergeParameters(Map<String, V> defaults, Map<String, String> overrides,
                                                BiFunction<String, String, V> make) {
        List<V> values = new ArrayList<>();
        defaults.forEach((name, value) -> {
            if (overrides.containsKey(name)) {
                values.add(make.apply(name, overrides.get(name)));
            } else if (value != null) {
                values.add(value);
            }
        });
        List<String> undeclared = overrides.keySet().stream().filter(k -> !defaults.containsKey(k)).toList();
        return new Merged<>(values, undeclared);
    }

    /**
     * @param values     the values to pass, in declaration order
     * @param undeclared override names the job does not declare (their values travel in an action instead)
     */
    public record Merged<V>(List<V> values, List<String> undeclared) {
    }
}
