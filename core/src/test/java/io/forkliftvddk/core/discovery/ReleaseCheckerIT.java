package io.forkliftvddk.core.discovery;

import static io.forkliftvddk.core.discovery.TestKits.kitName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forkliftvddk.core.registry.RegistryClient;
import io.forkliftvddk.core.registry.RegistryCredentials;
import io.forkliftvddk.core.registry.RegistryException;
import io.forkliftvddk.core.registry.RegistryOptions;
import io.forkliftvddk.core.registry.RegistryTls;
import io.forkliftvddk.core.spi.Listener;
import io.forkliftvddk.core.testenv.TestEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** "Already built?" against the real registries of scripts/testenv.sh (plain, basic auth, TLS + auth). */
@ExtendWith(TestEnvironment.class)
class ReleaseCheckerIT {

    private final TestEnvironment env = TestEnvironment.get();
    private final Listener listener = Listener.silent();

    @TempDir
    Path kits;

    @BeforeEach
    void kits() throws Exception {
        TestKits.write(kits, kitName("8.0.1-21562716"), 100);
        TestKits.write(kits, kitName("8.0.3-23950268"), 100);
    }

    private ReleaseRequest request(String registry, String repo, String template) {
        return ReleaseRequest.of(SourceSpec.of(kits.toString())).withImage(registry + "/" + repo, TagTemplate.of(template));
    }

    /** Copies the environment's busybox base image to repo:tag with skopeo (independent of the code under test). */
    private String push(String registry, String repo, String tag, boolean auth) {
        String dest = "docker://" + registry + "/" + repo + ":" + tag;
        String creds = env.username() + ":" + env.password();
        List<String> copy = new ArrayList<>(List.of("copy", "--src-tls-verify=false", "--dest-tls-verify=false"));
        List<String> inspect = new ArrayList<>(List.of("inspect", "--tls-verify=false", "--format", "{{.Digest}}"));
        if (auth) {
            copy.addAll(List.of("--src-creds", creds, "--dest-creds", creds));
            inspect.addAll(List.of("--creds", creds));
        }
        copy.addAll(List.of("docker://" + env.registryBaseImage(registry), dest));
        inspect.add(dest);
        env.skopeo(copy.toArray(String[]::new)).assertSuccess();
        String digest = env.skopeo(inspect.toArray(String[]::new)).assertSuccess().stdout().strip();
        assertThat(digest).startsWith("sha256:");
        return digest;
    }

    @Test
    void plainRegistryMissingThenExistsWithTheSameDigestSkopeoSees() throws Exception {
        String repo = env.uniqueRepository("discovery/vddk");
        try (RegistryClient client = RegistryClient.create(RegistryOptions.defaults())) {
            ReleaseChecker checker = new ReleaseChecker(TagLookup.of(client));
            ReleaseCheck before = checker.check(request(env.plainRegistry(), repo, null), listener);
            assertThat(before.status()).isEqualTo(ReleaseCheck.ImageStatus.MISSING);
            assertThat(before.shouldBuild()).isTrue();
            assertThat(before.tag()).isEqualTo("8.0.3");
            assertThat(before.image().toString()).isEqualTo(env.plainRegistry() + "/" + repo + ":8.0.3");
            assertThat(before.toMap()).containsEntry("imageExists", false).containsEntry("tag", "8.0.3");

            String digest = push(env.plainRegistry(), repo, "8.0.3", false);
            ReleaseCheck after = checker.check(request(env.plainRegistry(), repo, null), listener);
            assertThat(after.status()).isEqualTo(ReleaseCheck.ImageStatus.EXISTS);
            assertThat(after.digest()).isEqualTo(digest);
            assertThat(after.shouldBuild()).isFalse();
            assertThat(after.toMap()).containsEntry("imageExists", true).containsEntry("digest", digest);

            // another template: that tag is still missing
            ReleaseCheck full = checker.check(request(env.plainRegistry(), repo, "{version}-{build}"), listener);
            assertThat(full.status()).isEqualTo(ReleaseCheck.ImageStatus.MISSING);
            assertThat(full.tag()).isEqualTo("8.0.3-23950268");
        }
    }

    @Test
    void authRegistryWithoutCredentialsIsAnErrorNeverMissing() throws Exception {
        String repo = env.uniqueRepository("discovery/vddk");
        String digest = push(env.authRegistry(), repo, "8", true);
        try (RegistryClient anonymous = RegistryClient.create(RegistryOptions.defaults())) {
            assertThatThrownBy(() -> new ReleaseChecker(TagLookup.of(anonymous))
                    .check(request(env.authRegistry(), repo, "{major}"), listener))
                    .isInstanceOfSatisfying(DiscoveryException.class, e -> {
                        assertThat(e.stage()).isEqualTo(DiscoveryException.Stage.REGISTRY);
                        assertThat(e.getCause()).isInstanceOfSatisfying(RegistryException.class,
                                re -> assertThat(re.kind()).isEqualTo(RegistryException.Kind.AUTHENTICATION));
                    })
                    .hasMessageContaining("not treated as missing");
        }
        RegistryOptions withCreds = RegistryOptions.builder()
                .credentials(env.authRegistry(), RegistryCredentials.of(env.username(), env.password())).build();
        try (RegistryClient client = RegistryClient.create(withCreds)) {
            ReleaseCheck r = new ReleaseChecker(TagLookup.of(client)).check(request(env.authRegistry(), repo, "{major}"), listener);
            assertThat(r.status()).isEqualTo(ReleaseCheck.ImageStatus.EXISTS);
            assertThat(r.digest()).isEqualTo(digest);
            assertThat(r.tag()).isEqualTo("8");
            ReleaseCheck other = new ReleaseChecker(TagLookup.of(client))
                    .check(request(env.authRegistry(), env.uniqueRepository("discovery/none"), "{major}"), listener);
            assertThat(other.status()).isEqualTo(ReleaseCheck.ImageStatus.MISSING);
        }
    }

    @Test
    void tlsRegistryNeedsItsCa() throws Exception {
        String repo = env.uniqueRepository("discovery/vddk");
        String digest = push(env.tlsRegistry(), repo, "8.0.3", true);
        RegistryCredentials c = RegistryCredentials.of(env.username(), env.password());
        try (RegistryClient noCa = RegistryClient.create(RegistryOptions.builder().credentials(env.tlsRegistry(), c)
                .retry(io.forkliftvddk.core.registry.RetryPolicy.none()).build())) {
            assertThatThrownBy(() -> new ReleaseChecker(TagLookup.of(noCa)).check(request(env.tlsRegistry(), repo, null), listener))
                    .isInstanceOfSatisfying(DiscoveryException.class,
                            e -> assertThat(e.stage()).isEqualTo(DiscoveryException.Stage.REGISTRY));
        }
        try (RegistryClient client = RegistryClient.create(RegistryOptions.builder().credentials(env.tlsRegistry(), c)
                .tls(env.tlsRegistry(), RegistryTls.caBundle(env.tlsCaFile())).build())) {
            ReleaseCheck r = new ReleaseChecker(TagLookup.of(client)).check(request(env.tlsRegistry(), repo, null), listener);
            assertThat(r.status()).isEqualTo(ReleaseCheck.ImageStatus.EXISTS);
            assertThat(r.digest()).isEqualTo(digest);
        }
    }

    @Test
    void unreachableRegistryIsAnErrorNeverMissing() throws Exception {
        try (RegistryClient client = RegistryClient.create(RegistryOptions.builder()
                .retry(io.forkliftvddk.core.registry.RetryPolicy.none()).build())) {
            assertThatThrownBy(() -> new ReleaseChecker(TagLookup.of(client)).check(request("127.0.0.1:1", "vddk", null), listener))
                    .isInstanceOfSatisfying(DiscoveryException.class,
                            e -> assertThat(e.stage()).isEqualTo(DiscoveryException.Stage.REGISTRY))
                    .hasMessageContaining("127.0.0.1:1");
        }
    }
}
