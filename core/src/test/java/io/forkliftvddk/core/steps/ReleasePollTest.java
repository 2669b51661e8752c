package io.forkliftvddk.core.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.forkliftvddk.core.steps.ReleasePoll.Found;
import io.forkliftvddk.core.steps.ReleasePoll.ImageState;
import io.forkliftvddk.core.steps.ReleasePoll.JobState;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReleasePollTest {

    private static final String SRC = "/srv/vddk";
    private static final String NOW = "2026-11-26T01:00:00Z";
    private static final JobState IDLE = new JobState(false, false, Set.of());

    private static Found found(ImageState state) {
        return new Found("8.0.3-23950268", "VMware-vix-disklib-8.0.3-23950268.x86_64.tar.gz",
                "/srv/vddk/VMware-vix-disklib-8.0.3-23950268.x86_64.tar.gz", "ab".repeat(32), "127.0.0.1:5000/mtv/vddk:8.0.3",
                state, state == ImageState.UNKNOWN ? "connection refused" : null);
    }

    @Test
    void skipsBeforeAnyCheck() {
        assertThat(ReleasePoll.skipBeforeCheck(new JobState(true, false, Set.of()))).contains("the job is disabled");
        assertThat(ReleasePoll.skipBeforeCheck(new JobState(false, true, Set.of()))).get().asString().contains("building");
        assertThat(ReleasePoll.skipBeforeCheck(IDLE)).isEmpty();
    }

    @Test
    void missingImageSchedulesWithParametersAndCause() {
        PollOutcome o = ReleasePoll.decide(SRC, IDLE, found(ImageState.MISSING), null, NOW);
        assertThat(o.scheduled()).isTrue();
        assertThat(o.reason()).isEqualTo("New VDDK 8.0.3-23950268 found at /srv/vddk/VMware-vix-disklib-8.0.3-23950268.x86_64.tar.gz");
        assertThat(o.parameters()).containsExactly(
                Map.entry("VDDK_VERSION", "8.0.3-23950268"),
                Map.entry("VDDK_ARCHIVE", "/srv/vddk/VMware-vix-disklib-8.0.3-23950268.x86_64.tar.gz"),
                Map.entry("VDDK_IMAGE_TAG", "127.0.0.1:5000/mtv/vddk:8.0.3"));
        assertThat(o.imageState()).isEqualTo("missing");
        assertThat(o.summary()).contains("build scheduled").contains("8.0.3-23950268");
    }

    @Test
    void existingImageDoesNotSchedule() {
        PollOutcome o = ReleasePoll.decide(SRC, IDLE, found(ImageState.EXISTS), null, NOW);
        assertThat(o.scheduled()).isFalse();
        assertThat(o.reason()).contains("already exists");
        assertThat(o.parameters()).isEmpty();
    }

    @Test
    void unreachableRegistryIsNeverMissing() {
        PollOutcome o = ReleasePoll.decide(SRC, IDLE, found(ImageState.UNKNOWN), null, NOW);
        assertThat(o.scheduled()).isFalse();
        assertThat(o.reason()).contains("not treated as missing");
        assertThat(o.error()).isEqualTo("connection refused");
    }

    @Test
    void queuedVersionIsNotScheduledTwice() {
        PollOutcome o = ReleasePoll.decide(SRC, new JobState(false, false, Set.of("8.0.3-23950268")), found(ImageState.MISSING), null, NOW);
        assertThat(o.scheduled()).isFalse();
        assertThat(o.reason()).contains("already queued");
        PollOutcome other = ReleasePoll.decide(SRC, new JobState(false, false, Set.of("8.0.1-21562716")), found(ImageState.MISSING), null, NOW);
        assertThat(other.scheduled()).isTrue();
    }

    @Test
    void jobThatStartedBuildingDuringThePollIsNotScheduled() {
        assertThat(ReleasePoll.decide(SRC, new JobState(false, true, Set.of()), found(ImageState.MISSING), null, NOW).scheduled()).isFalse();
    }

    @Test
    void errorsAndEmptySources() {
        PollOutcome err = ReleasePoll.decide(SRC, IDLE, null, "source unreachable: connection refused", NOW);
        assertThat(err.scheduled()).isFalse();
        assertThat(err.error()).isEqualTo("source unreachable: connection refused");
        assertThat(err.reason()).contains("retries");
        PollOutcome none = ReleasePoll.decide(SRC, IDLE, null, null, NOW);
        assertThat(none.scheduled()).isFalse();
        assertThat(none.reason()).isEqualTo("no VDDK kit found in the source");
    }

    @Test
    void sameAsIgnoresTheTimeOnly() {
        PollOutcome a = ReleasePoll.decide(SRC, IDLE, found(ImageState.EXISTS), null, NOW);
        PollOutcome b = ReleasePoll.decide(SRC, IDLE, found(ImageState.EXISTS), null, "2026-11-26T02:00:00Z");
        assertThat(a.sameAs(b)).isTrue();
        assertThat(a.sameAs(ReleasePoll.decide(SRC, IDLE, found(ImageState.MISSING), null, NOW))).isFalse();
        assertThat(a.sameAs(null)).isFalse();
    }

    @Test
    void mergeKeepsDefaultsAndOrder() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("DRY_RUN", Boolean.TRUE);
        defaults.put("VDDK_VERSION", "none");
        defaults.put("VCENTERS", "vc1,vc2");
        defaults.put("NO_DEFAULT", null);
        ReleasePoll.Merged<Object> m = ReleasePoll.mergeParameters(defaults,
                ReleasePoll.parameters(found(ImageState.MISSING)), (n, v) -> n + "=" + v);
        assertThat(m.values()).containsExactly(Boolean.TRUE, "VDDK_VERSION=8.0.3-23950268", "vc1,vc2");
        assertThat(m.undeclared()).containsExactly("VDDK_ARCHIVE", "VDDK_IMAGE_TAG");
    }

    @Test
    void resultMapsAndEnvironment() {
        LinkedHashMap<String, Object> r = ResultMaps.build("quay.io/x/vddk:8", List.of("quay.io/x/vddk:8", "quay.io/x/vddk:latest"),
                "sha256:" + "e".repeat(64), "quay.io/x/vddk@sha256:" + "e".repeat(64), null, "8.0.1", true, "builtin");
        assertThat(r.keySet()).containsExactly("image", "digest", "imageDigestRef", "previousDigest", "vddkVersion", "unchanged",
                "builder", "tags");
        assertThat(r.get("unchanged")).isEqualTo(Boolean.TRUE);
        assertThat(r.get("previousDigest")).isEqualTo("");
        assertThat(r.values()).allMatch(v -> v instanceof String || v instanceof Boolean);
        assertThat(EnvironmentVariables.fromBuildResult(r)).containsExactly(
                Map.entry("VDDK_IMAGE", "quay.io/x/vddk:8"),
                Map.entry("VDDK_IMAGE_DIGEST", "sha256:" + "e".repeat(64)),
                Map.entry("VDDK_IMAGE_PINNED", "quay.io/x/vddk@sha256:" + "e".repeat(64)),
                Map.entry("VDDK_VERSION", "8.0.1"));
        LinkedHashMap<String, Object> f = ResultMaps.find("8.0.3", "kit", "/srv/kit", null, false, "");
        assertThat(f.get("imageExists")).isEqualTo(Boolean.FALSE);
        assertThat(f.get("sha256")).isEqualTo("");
    }
}
