package io.forkliftvddk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.forkliftvddk.core.testenv.ProcessResult;
import io.forkliftvddk.core.testenv.TestEnvironment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, as cron or CI runs it, against the real registries of scripts/testenv.sh. */
@ExtendWith(TestEnvironment.class)
class FindVddkCommandIT {

    private final TestEnvironment env = TestEnvironment.get();

    @TempDir
    Path tmp;
    Path kits;

    @BeforeEach
    void kits() throws Exception {
        kits = Files.createDirectories(tmp.resolve("kits"));
        Files.write(kits.resolve("VMware-vix-disklib-8.0.3-23950268.x86_64.tar.gz"), new byte[] {1, 2, 3});
        Files.write(kits.resolve("VMware-vix-disklib-9.0.0.0.24742305.x86_64.tar.gz"), new byte[] {4, 5, 6});
    }

    private ProcessResult cli(String stdin, String... args) {
        String jar = System.getProperty("forkliftvddk.cliJar");
        assertThat(jar).as("forkliftvddk.cliJar (set by failsafe)").isNotNull();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar));
        cmd.addAll(List.of(args));
        return TestEnvironment.run(cmd, Map.of(), stdin == null ? null : stdin.getBytes(StandardCharsets.UTF_8));
    }

    private String copyBase(String registry, String repo, String tag) {
        String creds = env.username() + ":" + env.password();
        String dest = "docker://" + registry + "/" + repo + ":" + tag;
        boolean auth = !registry.equals(env.plainRegistry());
        List<String> copy = new ArrayList<>(List.of("copy", "--src-tls-verify=false", "--dest-tls-verify=false"));
        if (auth) {
            copy.addAll(List.of("--src-creds", creds, "--dest-creds", creds));
        }
        copy.addAll(List.of("docker://" + env.registryBaseImage(registry), dest));
        env.skopeo(copy.toArray(String[]::new)).assertSuccess();
        List<String> inspect = new ArrayList<>(List.of("inspect", "--tls-verify=false", "--format", "{{.Digest}}"));
        if (auth) {
            inspect.addAll(List.of("--creds", creds));
        }
        inspect.add(dest);
        return env.skopeo(inspect.toArray(String[]::new)).assertSuccess().stdout().strip();
    }

    @Test
    void authRegistryMissingThenBuiltWithThePasswordFromStdin() throws Exception {
        String repo = env.uniqueRepository("discovery-cli/vddk");
        String image = env.authRegistry() + "/" + repo;
        ProcessResult missing = cli(env.password() + "\n", "find-vddk", "--source", kits.toString(), "--image-repository", image,
                "--registry-username", env.username(), "--registry-password-stdin", "-o", "json");
        assertThat(missing.exitCode()).as(missing.stderr()).isZero();
        JsonNode j = new ObjectMapper().readTree(missing.stdout());
        assertThat(j.get("version").asText()).isEqualTo("9.0.0.0.24742305");
        assertThat(j.get("tag").asText()).isEqualTo("9.0.0.0");
        assertThat(j.get("image").asText()).isEqualTo(image + ":9.0.0.0");
        assertThat(j.get("imageExists").asBoolean(true)).isFalse();
        assertThat(missing.stderr()).doesNotContain(env.password());

        String digest = copyBase(env.authRegistry(), repo, "9.0.0.0");
        ProcessResult built = cli(env.password(), "find-vddk", "--source", kits.toString(), "--image-repository", image,
                "--registry-username", env.username(), "--registry-password-stdin", "--download", tmp.resolve("dl").toString());
        assertThat(built.exitCode()).as(built.stderr()).isEqualTo(3);
        assertThat(built.stdout()).contains("Image " + image + ":9.0.0.0 exists (" + digest + "): nothing to build.");
        assertThat(tmp.resolve("dl")).doesNotExist();

        // an older major still needs building, and is downloaded
        ProcessResult older = cli(env.password(), "find-vddk", "--source", kits.toString(), "--same-major", "8",
                "--image-repository", image, "--registry-username", env.username(), "--registry-password-stdin",
                "--download", tmp.resolve("dl").toString());
        assertThat(older.exitCode()).as(older.stderr()).isZero();
        assertThat(tmp.resolve("dl/VMware-vix-disklib-8.0.3-23950268.x86_64.tar.gz")).hasBinaryContent(new byte[] {1, 2, 3});
    }

    @Test
    void authRegistryWithoutCredentialsFailsInsteadOfSayingMissing() {
        ProcessResult r = cli(null, "find-vddk", "--source", kits.toString(),
                "--image-repository", env.authRegistry() + "/" + env.uniqueRepository("discovery-cli/vddk"));
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("Error: cannot ask " + env.authRegistry()).contains("not treated as missing");
    }

    @Test
    void tlsRegistryWithCaCertAndAuthFile() throws Exception {
        String repo = env.uniqueRepository("discovery-cli/vddk");
        String image = env.tlsRegistry() + "/" + repo;
        copyBase(env.tlsRegistry(), repo, "vddk-9");
        Path authFile = tmp.resolve("auth.json");
        String b64 = java.util.Base64.getEncoder().encodeToString((env.username() + ":" + env.password()).getBytes(StandardCharsets.UTF_8));
        Files.writeString(authFile, "{\"auths\":{\"" + env.tlsRegistry() + "\":{\"auth\":\"" + b64 + "\"}}}");
        ProcessResult r = cli(null, "find-vddk", "--source", kits.toString(), "--image-repository", image,
                "--tag-template", "vddk-{major}", "--authfile", authFile.toString(), "--ca-cert", env.tlsCaFile().toString());
        assertThat(r.exitCode()).as(r.stderr()).isEqualTo(3);
        ProcessResult noCa = cli(null, "find-vddk", "--source", kits.toString(), "--image-repository", image,
                "--tag-template", "vddk-{major}", "--authfile", authFile.toString());
        assertThat(noCa.exitCode()).isEqualTo(1);
        ProcessResult insecure = cli(null, "find-vddk", "--source", kits.toString(), "--image-repository", image,
                "--tag-template", "vddk-{major}", "--authfile", authFile.toString(), "--insecure-skip-tls");
        assertThat(insecure.exitCode()).as(insecure.stderr()).isEqualTo(3);
    }
}
