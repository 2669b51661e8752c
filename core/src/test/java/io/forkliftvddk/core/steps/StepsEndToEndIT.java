package io.forkliftvddk.core.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.forkliftvddk.core.build.BuildResult;
import io.forkliftvddk.core.spi.CommandRunner;
import io.forkliftvddk.core.spi.Listener;
import io.forkliftvddk.core.spi.Secret;
import io.forkliftvddk.core.steps.CredentialLookup.Resolved;
import io.forkliftvddk.core.testenv.TestEnvironment;
import io.forkliftvddk.core.testkit.VddkKits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the plugin's trigger and steps do, through core steps only, against the real auth registry: a poll finds a new
 * kit whose image is missing and schedules a build with the right parameters; the build (built-in builder, registry
 * credentials from the lookup) pushes it; the next poll finds the image and schedules nothing; findVddkArchive says so.
 */
@ExtendWith(TestEnvironment.class)
class StepsEndToEndIT {

    private static final String NOW = "2026-11-26T01:00:00Z";
    private static final ReleasePoll.JobState IDLE = new ReleasePoll.JobState(false, false, Set.of());

    private final TestEnvironment env = TestEnvironment.get();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Listener listener = (level, message) -> log.add(level + " " + message);

    @TempDir
    Path tmp;

    private final CommandRunner noProcesses = new CommandRunner() {
        @Override
        public Result run(Command command, Listener lines) {
            throw new AssertionError("the built-in builder runs no process: " + command);
        }

        @Override
        public Optional<Path> which(String executable) {
            return Optional.empty();
        }
    };

    @Test
    void pollBuildAndPollAgain() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("share"));
        Path kits = Files.createDirectories(root.resolve("vddk"));
        VddkKits.kit(VddkKits.V8_0_1).writeTo(kits);
        Path newest = VddkKits.kit(VddkKits.V8_0_3).writeTo(kits);
        String registry = env.authRegistry();
        String repository = registry + "/" + env.uniqueRepository("steps/vddk");
        CredentialLookup lookup = id -> id.equals("reg")
                ? Resolved.usernamePassword("reg", env.username(), Secret.of(env.password())) : null;
        GlobalDefaults defaults = new GlobalDefaults(null, null, null, "reg", null, null, env.registryBaseImage(registry), null,
                root.toString());
        ReleaseTriggerParameters trigger = ReleaseTriggerParameters.builder().spec("H/5 * * * *").source(kits.toString())
                .imageRepository(repository).build();

        PollOutcome first = DiscoveryStepRunner.poll(trigger, IDLE, defaults, lookup, tmp, listener, NOW);
        assertThat(first.error()).isNull();
        assertThat(first.scheduled()).as(first.summary()).isTrue();
        assertThat(first.parameters()).containsExactly(
                Map.entry("VDDK_VERSION", "8.0.3-23950268"),
                Map.entry("VDDK_ARCHIVE", newest.toString()),
                Map.entry("VDDK_IMAGE_TAG", repository + ":8.0.3"));
        assertThat(first.reason()).isEqualTo("New VDDK 8.0.3-23950268 found at " + newest);

        // the scheduled build, as the Jenkinsfile passes the parameters on
        Path workspace = Files.createDirectories(tmp.resolve("ws"));
        BuildImageParameters build = BuildImageParameters.builder().archive(first.parameters().get("VDDK_ARCHIVE"))
                .tag(first.parameters().get("VDDK_IMAGE_TAG")).additionalTags("latest").runtime("builtin").build();
        BuildImageRunner.Inputs inputs = BuildImageRunner.prepare(build, defaults, lookup, Map.of());
        BuildResult result = BuildImageRunner.run(inputs, workspace, tmp.resolve("ws@tmp"), noProcesses, listener);
        Map<String, Object> map = BuildImageRunner.resultMap(result);
        assertThat(map).containsEntry("image", repository + ":8.0.3").containsEntry("builder", "builtin")
                .containsEntry("unchanged", false).containsEntry("vddkVersion", "8.0.3-23950268");
        assertThat((String) map.get("imageDigestRef")).isEqualTo(repository + "@" + map.get("digest"));
        assertThat((String) map.get("tags")).contains(repository + ":latest");
        assertThat(EnvironmentVariables.fromBuildResult(map)).containsEntry("VDDK_IMAGE_PINNED", (String) map.get("imageDigestRef"));
        assertThat(String.join("\n", log)).doesNotContain(env.password());
        assertThat(Files.list(tmp.resolve("ws@tmp"))).as("scratch removed").isEmpty();

        PollOutcome second = DiscoveryStepRunner.poll(trigger, IDLE, defaults, lookup, tmp, listener, NOW);
        assertThat(second.scheduled()).isFalse();
        assertThat(second.reason()).isEqualTo("the image " + repository + ":8.0.3 already exists");

        Map<String, Object> found = DiscoveryStepRunner.find(trigger.find(), defaults, lookup, tmp, listener);
        assertThat(found).containsEntry("version", "8.0.3-23950268").containsEntry("imageExists", true)
                .containsEntry("tag", repository + ":8.0.3").containsEntry("location", newest.toString());

        // a second build of the same kit is a no-op
        BuildResult again = BuildImageRunner.run(inputs, workspace, tmp.resolve("ws@tmp"), noProcesses, listener);
        assertThat(again.unchanged()).isTrue();
        assertThat(again.digest()).isEqualTo(result.digest());
    }

    @Test
    void unreachableRegistryIsLoggedAndNothingIsScheduled() throws Exception {
        Path kits = Files.createDirectories(tmp.resolve("vddk"));
        VddkKits.kit(VddkKits.V8_0_1).writeTo(kits);
        GlobalDefaults defaults = new GlobalDefaults(null, null, null, null, null, null, null, null, tmp.toString());
        ReleaseTriggerParameters trigger = ReleaseTriggerParameters.builder().source(kits.toString())
                .imageRepository("127.0.0.1:1/mtv/vddk").build();
        PollOutcome o = DiscoveryStepRunner.poll(trigger, IDLE, defaults, CredentialLookup.none(), tmp, listener, NOW);
        assertThat(o.scheduled()).isFalse();
        assertThat(o.error()).contains("127.0.0.1:1").contains("not treated as missing");
    }

    @Test
    void wrongRegistryPasswordIsAnErrorNotAMissingImage() throws Exception {
        Path kits = Files.createDirectories(tmp.resolve("vddk"));
        VddkKits.kit(VddkKits.V8_0_1).writeTo(kits);
        GlobalDefaults defaults = new GlobalDefaults(null, null, null, null, null, null, null, null, tmp.toString());
        CredentialLookup wrong = id -> Resolved.usernamePassword(id, env.username(), Secret.of("wrong-password"));
        ReleaseTriggerParameters trigger = ReleaseTriggerParameters.builder().source(kits.toString())
                .imageRepository(env.authRegistry() + "/" + env.uniqueRepository("steps/denied")).registryCredentialsId("reg").build();
        PollOutcome o = DiscoveryStepRunner.poll(trigger, IDLE, defaults, wrong, tmp, listener, NOW);
        assertThat(o.scheduled()).isFalse();
        assertThat(o.error()).isNotNull().doesNotContain("wrong-password");
    }
}
