package io.forkliftvddk.core.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forkliftvddk.core.discovery.ReleaseRequest;
import io.forkliftvddk.core.discovery.SourceAuth;
import io.forkliftvddk.core.spi.Secret;
import io.forkliftvddk.core.steps.CredentialLookup.Resolved;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiscoveryStepRunnerTest {

    @TempDir
    Path tmp;

    private final CredentialLookup lookup = id -> switch (id) {
        case "basic" -> Resolved.usernamePassword("basic", "u", Secret.of("p"));
        case "bearer" -> Resolved.secretText("bearer", Secret.of("t"));
        case "file" -> Resolved.secretFile("file", Secret.of("x"));
        default -> null;
    };

    @Test
    void urlSourceWithEitherCredentialKind() {
        ReleaseRequest basic = DiscoveryStepRunner.request(FindArchiveParameters.builder().source("https://repo.example.com/vddk/")
                .sourceCredentialsId("basic").build(), List.of(), lookup);
        assertThat(basic.source().auth()).isEqualTo(SourceAuth.basic("u", Secret.of("p")));
        ReleaseRequest bearer = DiscoveryStepRunner.request(FindArchiveParameters.builder().source("https://repo.example.com/vddk/")
                .sourceCredentialsId("bearer").build(), List.of(), lookup);
        assertThat(bearer.source().auth()).isEqualTo(SourceAuth.bearer(Secret.of("t")));
        assertThatThrownBy(() -> DiscoveryStepRunner.request(FindArchiveParameters.builder().source("https://repo.example.com/")
                .sourceCredentialsId("file").build(), List.of(), lookup)).hasMessageContaining("secret file");
    }

    @Test
    void directorySourcesOnlyUnderAllowedRootsAndWithoutCredentials() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("kits"));
        assertThatThrownBy(() -> DiscoveryStepRunner.request(FindArchiveParameters.builder().source(dir.toString()).build(),
                List.of("/srv/other"), lookup)).isInstanceOf(StepException.class).hasMessageContaining("not under a directory");
        assertThatThrownBy(() -> DiscoveryStepRunner.request(FindArchiveParameters.builder().source(dir.toString())
                .sourceCredentialsId("basic").build(), List.of(tmp.toString()), lookup)).hasMessageContaining("http(s) sources only");
        ReleaseRequest r = DiscoveryStepRunner.request(FindArchiveParameters.builder().source(dir.toString()).newerThan("8.0.1")
                .sameMajor(true).namePattern("x86_64").imageRepository("quay.io/x/vddk").tagTemplate("{version}-{build}").build(),
                List.of(tmp.toString()), lookup);
        assertThat(r.source().location()).isEqualTo(dir.toString());
        assertThat(r.filter().sameMajor()).isEqualTo(8);
        assertThat(r.filter().newerThan().toString()).isEqualTo("8.0.1");
        assertThat(r.imageRepository()).isEqualTo("quay.io/x/vddk");
        assertThat(r.tagTemplate().template()).isEqualTo("{version}-{build}");
    }

    @Test
    void findWithoutRepositoryAndEmptySources() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("kits"));
        GlobalDefaults defaults = new GlobalDefaults(null, null, null, null, null, null, null, null, tmp.toString());
        Map<String, Object> none = DiscoveryStepRunner.find(FindArchiveParameters.builder().source(dir.toString()).build(), defaults,
                lookup, tmp, (l, m) -> { });
        assertThat(none).containsEntry("version", "").containsEntry("imageExists", false);
        Files.writeString(dir.resolve("VMware-vix-disklib-8.0.1-21562716.x86_64.tar.gz"), "x");
        Files.writeString(dir.resolve("VMware-vix-disklib-9.0.0.0.24742305.x86_64.tar.gz"), "x");
        Map<String, Object> m = DiscoveryStepRunner.find(FindArchiveParameters.builder().source(dir.toString()).build(), defaults,
                lookup, tmp, (l, msg) -> { });
        assertThat(m).containsEntry("version", "9.0.0.0.24742305").containsEntry("imageExists", false).containsEntry("tag", "")
                .containsEntry("name", "VMware-vix-disklib-9.0.0.0.24742305.x86_64.tar.gz");
        Map<String, Object> eight = DiscoveryStepRunner.find(FindArchiveParameters.builder().source(dir.toString()).newerThan("8.0.0")
                .sameMajor(true).build(), defaults, lookup, tmp, (l, msg) -> { });
        assertThat(eight).containsEntry("version", "8.0.1-21562716");

        // the freestyle builder exports these (from the map, or from the map's text as the build action keeps it)
        Map<String, String> env = EnvironmentVariables.fromFindResult(m);
        assertThat(env).containsEntry("VDDK_VERSION", "9.0.0.0.24742305")
                .containsEntry("VDDK_ARCHIVE", (String) m.get("location"))
                .containsEntry("VDDK_ARCHIVE_NAME", "VMware-vix-disklib-9.0.0.0.24742305.x86_64.tar.gz")
                .containsEntry("VDDK_IMAGE_EXISTS", "false").doesNotContainKey("VDDK_IMAGE_TAG");
        assertThat(env.get("VDDK_ARCHIVE")).endsWith("/VMware-vix-disklib-9.0.0.0.24742305.x86_64.tar.gz");
        Map<String, String> asText = new java.util.LinkedHashMap<>();
        m.forEach((k, v) -> asText.put(k, String.valueOf(v)));
        asText.put("imageExists", "true");
        asText.put("tag", "quay.io/x/vddk:9.0.0.0");
        assertThat(EnvironmentVariables.fromFindResult(asText)).containsEntry("VDDK_IMAGE_EXISTS", "true")
                .containsEntry("VDDK_IMAGE_TAG", "quay.io/x/vddk:9.0.0.0");
        assertThat(EnvironmentVariables.fromFindResult(none)).containsOnly(Map.entry("VDDK_IMAGE_EXISTS", "false"));
    }

    @Test
    void pollSkipsWithoutTouchingTheSource() {
        CredentialLookup never = id -> {
            throw new AssertionError("no lookup for a skipped poll");
        };
        ReleaseTriggerParameters t = ReleaseTriggerParameters.builder().source("https://unreachable.invalid/").imageRepository("quay.io/x/v")
                .sourceCredentialsId("basic").build();
        PollOutcome disabled = assertDoesNotThrow(() -> DiscoveryStepRunner.poll(t, new ReleasePoll.JobState(true, false, Set.of()),
                GlobalDefaults.none(), never, tmp, (l, m) -> { }, "now"));
        assertThat(disabled.scheduled()).isFalse();
        assertThat(disabled.reason()).isEqualTo("the job is disabled");
    }

    @Test
    void pollReportsInvalidConfigurationAndUnreachableSources() throws Exception {
        ReleaseTriggerParameters noRepo = ReleaseTriggerParameters.builder().source("https://repo.example.com/").build();
        PollOutcome o = DiscoveryStepRunner.poll(noRepo, new ReleasePoll.JobState(false, false, Set.of()), GlobalDefaults.none(),
                lookup, tmp, (l, m) -> { }, "now");
        assertThat(o.error()).startsWith("invalid configuration: imageRepository: Required");
        ReleaseTriggerParameters dead = ReleaseTriggerParameters.builder().source("http://127.0.0.1:1/vddk/").imageRepository("quay.io/x/v")
                .build();
        PollOutcome d = DiscoveryStepRunner.poll(dead, new ReleasePoll.JobState(false, false, Set.of()), GlobalDefaults.none(),
                lookup, tmp, (l, m) -> { }, "now");
        assertThat(d.scheduled()).isFalse();
        assertThat(d.error()).contains("127.0.0.1:1");
    }

    private static <T> T assertDoesNotThrow(java.util.concurrent.Callable<T> c) throws RuntimeException {
        try {
            return c.call();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
