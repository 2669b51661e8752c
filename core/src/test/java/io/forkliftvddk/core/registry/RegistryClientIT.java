package io.forkliftvddk.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.image.Platform;
import io.forkliftvddk.core.testenv.TestEnvironment;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The registry client against the real registries of the test environment (plain, basic auth, TLS + auth). */
@ExtendWith(TestEnvironment.class)
class RegistryClientIT {

    private static final RetryPolicy FAST_RETRY = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50));

    private final TestEnvironment env = TestEnvironment.get();
    private final RecordingListener listener = new RecordingListener();

    @TempDir
    Path tmp;

    private RegistryOptions.Builder options() {
        return RegistryOptions.builder().listener(listener).retry(FAST_RETRY);
    }

    private RegistryOptions.Builder withTestCredentials(RegistryOptions.Builder b) {
        RegistryCredentials creds = RegistryCredentials.of(env.username(), env.password());
        return b.credentials(env.authRegistry(), creds).credentials(env.tlsRegistry(), creds);
    }

    private ImageReference repo(String registry, String prefix) {
        return ImageReference.parse(registry + "/" + env.uniqueRepository("registry-it/" + prefix) + ":latest");
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void uploadsOnceThenHeadSkipsTheUpload() throws Exception {
        byte[] blob = randomBytes(3 * 1024 * 1024 + 17, 1);
        String digest = Digests.sha256(blob);
        ImageReference target = repo(env.plainRegistry(), "upload");
        try (RegistryClient client = RegistryClient.create(options().build())) {
            assertThat(client.blobExists(target, digest)).isFalse();
            assertThat(client.uploadBlob(target, digest, blob.length, BlobSource.of(blob), "layer")).isEqualTo(digest);
            assertThat(client.blobExists(target, digest)).isTrue();
            int postsBefore = count("POST ");
            assertThat(client.uploadBlob(target, digest, blob.length, BlobSource.of(blob), "layer")).isEqualTo(digest);
            assertThat(count("POST ")).isEqualTo(postsBefore);
            assertThat(listener.all()).contains("already in " + target.name());
            try (InputStream in = client.getBlob(target, digest)) {
                assertThat(in.readAllBytes()).isEqualTo(blob);
            }
        }
        // progress: starts at 0, never goes back, ends at the size
        assertThat(listener.progress.get(0)[0]).isZero();
        long last = -1;
        for (long[] p : listener.progress) {
            assertThat(p[1]).isEqualTo(blob.length);
            assertThat(p[0]).isGreaterThanOrEqualTo(last);
            last = p[0];
        }
        assertThat(last).isEqualTo(blob.length);
    }

    @Test
    void unknownDigestIsComputedWhileStreamingInChunks() throws Exception {
        byte[] blob = randomBytes(2 * 1024 * 1024 + 1000, 2);
        ImageReference target = repo(env.plainRegistry(), "chunks");
        try (RegistryClient client = RegistryClient.create(options().chunkSize(1024 * 1024).build())) {
            String digest = client.uploadBlob(target, null, blob.length, BlobSource.of(blob), "layer");
            assertThat(digest).isEqualTo(Digests.sha256(blob));
            assertThat(client.blobExists(target, digest)).isTrue();
            assertThat(count("PATCH ")).isEqualTo(3);
            // an empty blob works too (the digest of nothing)
            assertThat(client.uploadBlob(target, null, 0, BlobSource.of(new byte[0]), null)).isEqualTo(Digests.sha256(new byte[0]));
        }
    }

    @Test
    void aSourceThatDoesNotMatchItsDigestIsRefusedBeforeTheRegistryCommitsIt() throws Exception {
        byte[] blob = randomBytes(100_000, 3);
        String wrong = Digests.sha256(randomBytes(10, 4));
        ImageReference target = repo(env.plainRegistry(), "mismatch");
        try (RegistryClient client = RegistryClient.create(options().build())) {
            assertThatThrownBy(() -> client.uploadBlob(target, wrong, blob.length, BlobSource.of(blob), null))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("DIGEST_INVALID")
                    .hasMessageContaining("do not match the digest")
                    .satisfies(e -> assertThat(((RegistryException) e).kind()).isEqualTo(RegistryException.Kind.INTEGRITY));
            assertThatThrownBy(() -> client.uploadBlob(target, null, blob.length + 5, BlobSource.of(blob), null))
                    .hasMessageContaining("ended after " + blob.length + " bytes");
            assertThat(client.blobExists(target, wrong)).isFalse();
            assertThat(count("POST ")).isEqualTo(2); // no retries for a bad source
        }
    }

    @Test
    void mountsAcrossRepositoriesAndCopiesAcrossRegistries() throws Exception {
        byte[] blob = randomBytes(500_000, 5);
        String digest = Digests.sha256(blob);
        ImageReference a = repo(env.authRegistry(), "mount-a");
        ImageReference b = repo(env.authRegistry(), "mount-b");
        ImageReference c = repo(env.authRegistry(), "mount-c");
        ImageReference elsewhere = repo(env.plainRegistry(), "copy");
        try (RegistryClient client = RegistryClient.create(withTestCredentials(options()).build())) {
            client.uploadBlob(a, digest, blob.length, BlobSource.of(blob), null);
            assertThat(client.mountBlob(b, digest, a)).isTrue();
            assertThat(client.blobExists(b, digest)).isTrue();
            assertThat(client.copyBlob(a, c, digest, blob.length, null)).isEqualTo(RegistryClient.CopyOutcome.MOUNTED);
            assertThat(client.copyBlob(a, c, digest, blob.length, null)).isEqualTo(RegistryClient.CopyOutcome.ALREADY_PRESENT);
            // a blob the source repository does not have cannot be mounted
            String absent = Digests.sha256(randomBytes(10, 6));
            assertThat(client.mountBlob(b, absent, a)).isFalse();
            // different registries: streamed from one to the other
            assertThat(client.mountBlob(elsewhere, digest, a)).isFalse();
            assertThat(client.copyBlob(a, elsewhere, digest, blob.length, "copy")).isEqualTo(RegistryClient.CopyOutcome.UPLOADED);
            try (InputStream in = client.getBlob(elsewhere, digest)) {
                assertThat(in.readAllBytes()).isEqualTo(blob);
            }
        }
    }

    @Test
    void manifestsArePushedReadAndResolved() throws Exception {
        ImageReference target = repo(env.plainRegistry(), "manifest");
        try (RegistryClient client = RegistryClient.create(options().build())) {
            byte[] layer = randomBytes(1000, 7);
            String layerDigest = client.uploadBlob(target, Digests.sha256(layer), layer.length, BlobSource.of(layer), null);
            ImageConfig config = ImageConfig.parse(("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{},"
                    + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layerDigest + "\"]}}").getBytes(StandardCharsets.UTF_8));
            byte[] configBytes = config.toBytes();
            client.uploadBlob(target, config.digest(), configBytes.length, BlobSource.of(configBytes), null);
            byte[] manifest = manifest(new Descriptor(MediaTypes.OCI_CONFIG, config.digest(), configBytes.length),
                    List.of(new Descriptor(MediaTypes.OCI_LAYER_GZIP, layerDigest, layer.length)));

            assertThat(client.tagExists(target)).isFalse();
            assertThat(client.resolveDigest(target)).isEmpty();
            String digest = client.putManifest(target, MediaTypes.OCI_MANIFEST, manifest);
            assertThat(digest).isEqualTo(Digests.sha256(manifest));
            assertThat(client.tagExists(target)).isTrue();
            assertThat(client.resolveDigest(target)).contains(digest);
            assertThat(client.resolveDigest(target.pinned(digest))).contains(digest);

            Manifest read = client.getManifest(target);
            assertThat(read.bytes()).isEqualTo(manifest);
            assertThat(read.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
            assertThat(read.digest()).isEqualTo(digest);
            assertThat(read.layers()).extracting(Descriptor::digest).containsExactly(layerDigest);
            assertThat(client.getConfig(target, read).toBytes()).isEqualTo(configBytes);
            assertThat(client.getManifest(target.pinned(digest)).bytes()).isEqualTo(manifest);
            assertThat(client.listTags(target)).containsExactly("latest");

            // an index over it: platform selection resolves to the manifest
            ObjectNode index = JsonNodeFactory.instance.objectNode();
            index.put("schemaVersion", 2);
            index.put("mediaType", MediaTypes.OCI_INDEX);
            index.putArray("manifests").add(read.descriptor().withPlatform(Platform.LINUX_AMD64).toJson());
            byte[] indexBytes = Json.bytes(index);
            ImageReference multi = target.withTag("multi");
            client.putManifest(multi, MediaTypes.OCI_INDEX, indexBytes);
            Manifest readIndex = client.getManifest(multi);
            assertThat(readIndex.isIndex()).isTrue();
            assertThat(client.getManifest(multi, Platform.parse("amd64")).digest()).isEqualTo(digest);
            assertThatThrownBy(() -> client.getManifest(multi, Platform.parse("arm64")))
                    .hasMessageContaining("has no linux/arm64 variant (it offers [linux/amd64])");

            assertThatThrownBy(() -> client.getManifest(target.withTag("nope")))
                    .isInstanceOf(RegistryException.class)
                    .satisfies(e -> assertThat(((RegistryException) e).kind()).isEqualTo(RegistryException.Kind.NOT_FOUND));
        }
        assertThat(listener.all()).contains("PUT " + env.plainRegistry() + "/v2/" + target.repository() + "/manifests/latest -> 201");
    }

    @Test
    void readsTheBaseImagePushedByPodman() throws Exception {
        for (String registry : List.of(env.plainRegistry(), env.authRegistry(), env.tlsRegistry())) {
            ImageReference base = ImageReference.parse(env.registryBaseImage(registry));
            try (RegistryClient client = RegistryClient.create(withTestCredentials(options())
                    .tls(env.tlsRegistry(), RegistryTls.caBundle(env.tlsCaFile())).build())) {
                Manifest m = client.getManifest(base, Platform.LINUX_AMD64);
                assertThat(MediaTypes.isImageManifest(m.mediaType())).as(m.mediaType()).isTrue();
                ImageConfig config = client.getConfig(base, m);
                assertThat(config.diffIds()).hasSameSizeAs(m.layers());
                assertThat(config.architecture()).isEqualTo("amd64");
                assertThat(client.resolveDigest(base)).isPresent();
            }
        }
    }

    @Test
    void authFailureNamesTheRegistryAndNeverThePassword() throws Exception {
        ImageReference target = repo(env.authRegistry(), "auth");
        String wrong = "Wr0ng-" + env.password() + "-Secret";
        try (RegistryClient client = RegistryClient.create(options()
                .credentials(env.authRegistry(), RegistryCredentials.of(env.username(), wrong)).build())) {
            assertThatThrownBy(() -> client.uploadBlob(target, null, 3, BlobSource.of(new byte[] {1, 2, 3}), null))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("authentication failed for registry " + env.authRegistry()
                            + " (check the username/password or auth file)")
                    .satisfies(e -> assertThat(causes(e)).doesNotContain(wrong).doesNotContain(base64(env.username() + ":" + wrong)));
        }
        try (RegistryClient client = RegistryClient.create(options().build())) {
            assertThatThrownBy(() -> client.tagExists(target))
                    .hasMessageContaining("registry " + env.authRegistry() + " requires authentication");
        }
        assertThat(listener.all()).doesNotContain(wrong).doesNotContain(env.password());
    }

    @Test
    void credentialsComeFromAnAuthFile() throws Exception {
        Path authFile = tmp.resolve("config.json");
        Files.writeString(authFile, "{\"auths\":{\"" + env.authRegistry() + "\":{\"auth\":\""
                + base64(env.username() + ":" + env.password()) + "\"}}}");
        ImageReference target = repo(env.authRegistry(), "authfile");
        try (RegistryClient client = RegistryClient.create(options().authFile(authFile).build())) {
            byte[] blob = randomBytes(1000, 8);
            assertThat(client.uploadBlob(target, null, blob.length, BlobSource.of(blob), null)).isEqualTo(Digests.sha256(blob));
        }
        assertThat(listener.all()).doesNotContain(env.password());
    }

    @Test
    void tlsWithoutCaFailsClearlyAndWorksWithCaOrInsecure() throws Exception {
        ImageReference target = repo(env.tlsRegistry(), "tls");
        try (RegistryClient client = RegistryClient.create(withTestCredentials(options()).build())) {
            assertThatThrownBy(() -> client.tagExists(target))
                    .isInstanceOf(RegistryException.class)
                    .hasMessageContaining("the TLS certificate of registry " + env.tlsRegistry() + " is not trusted")
                    .hasMessageContaining("use a CA certificate file for it, or skip TLS verification (insecure)")
                    .satisfies(e -> assertThat(((RegistryException) e).kind()).isEqualTo(RegistryException.Kind.TLS));
        }
        byte[] blob = randomBytes(2000, 9);
        try (RegistryClient client = RegistryClient.create(withTestCredentials(options())
                .tls(env.tlsRegistry(), RegistryTls.caBundle(env.tlsCaFile())).build())) {
            assertThat(client.uploadBlob(target, null, blob.length, BlobSource.of(blob), null)).isEqualTo(Digests.sha256(blob));
        }
        try (RegistryClient client = RegistryClient.create(withTestCredentials(options())
                .tls(env.tlsRegistry(), RegistryTls.insecure()).build())) {
            assertThat(client.blobExists(target, Digests.sha256(blob))).isTrue();
        }
        // a CA bundle that does not hold the registry's CA is refused too, naming the file
        Path otherCa = tmp.resolve("other.pem");
        Files.writeString(otherCa, OTHER_CA);
        try (RegistryClient client = RegistryClient.create(withTestCredentials(options())
                .tls(env.tlsRegistry(), RegistryTls.caBundle(otherCa)).build())) {
            assertThatThrownBy(() -> client.tagExists(target)).hasMessageContaining("is not trusted")
                    .hasMessageContaining(otherCa.toString());
        }
    }

    @Test
    void insecureSkipsTheHostNameCheckWhichTheCaModeKeeps() throws Exception {
        // 127.0.0.2 reaches the TLS registry through a TCP forwarder, but its certificate names only 127.0.0.1/localhost
        try (FaultInjectingProxy forwarder = FaultInjectingProxy.start(env.tlsRegistry(), InetAddress.getByName("127.0.0.2"))) {
            ImageReference target = repo(forwarder.address(), "hostname");
            RegistryCredentials creds = RegistryCredentials.of(env.username(), env.password());
            try (RegistryClient client = RegistryClient.create(options().credentials(forwarder.address(), creds)
                    .tls(forwarder.address(), RegistryTls.caBundle(env.tlsCaFile())).build())) {
                assertThatThrownBy(() -> client.tagExists(target))
                        .isInstanceOf(RegistryException.class)
                        .hasMessageContaining("the TLS certificate of registry " + forwarder.address() + " is not trusted")
                        .hasMessageContaining("127.0.0.2");
            }
            try (RegistryClient client = RegistryClient.create(options().credentials(forwarder.address(), creds)
                    .tls(forwarder.address(), RegistryTls.insecure()).build())) {
                assertThat(client.tagExists(target)).isFalse();
                byte[] blob = randomBytes(1000, 14);
                assertThat(client.uploadBlob(target, null, blob.length, BlobSource.of(blob), null)).isEqualTo(Digests.sha256(blob));
            }
            assertThat(listener.all()).contains("GET https://" + forwarder.address() + "/v2/ -> 401");
        }
    }

    @Test
    void aProxyTunnelsHttpsAndForwardsPlainHttpWhileNoProxyHostsGoDirect() throws Exception {
        // registry.invalid does not resolve here: only the proxy knows where it is, as in a site behind a proxy
        int plainPort = Integer.parseInt(env.plainRegistry().substring(env.plainRegistry().lastIndexOf(':') + 1));
        int tlsPort = Integer.parseInt(env.tlsRegistry().substring(env.tlsRegistry().lastIndexOf(':') + 1));
        String plain = "registry.invalid:" + plainPort;
        String tls = "registry.invalid:" + tlsPort;
        try (TestHttpProxy proxy = new TestHttpProxy(java.util.Map.of(plainPort, env.plainRegistry(), tlsPort, env.tlsRegistry()))) {
            ProxySettings settings = ProxySettings.parse(proxy.address(), "other.invalid");
            RegistryCredentials creds = RegistryCredentials.of(env.username(), env.password());
            byte[] blob = randomBytes(3 * 1024 * 1024 + 5, 15);
            String digest = Digests.sha256(blob);
            try (RegistryClient client = RegistryClient.create(options().proxy(settings).credentials(tls, creds)
                    .tls(plain, RegistryTls.insecure()).tls(tls, RegistryTls.insecure()).build())) {
                // plain http (allowed: insecure) through the proxy with absolute request targets
                ImageReference plainTarget = repo(plain, "proxy");
                assertThat(client.uploadBlob(plainTarget, digest, blob.length, BlobSource.of(blob), null)).isEqualTo(digest);
                try (InputStream in = client.getBlob(plainTarget, digest)) {
                    assertThat(in.readAllBytes()).isEqualTo(blob);
                }
                // https through a CONNECT tunnel, TLS end to end with the registry
                ImageReference tlsTarget = repo(tls, "proxy");
                assertThat(client.uploadBlob(tlsTarget, null, blob.length, BlobSource.of(blob), null)).isEqualTo(digest);
                assertThat(client.blobExists(tlsTarget, digest)).isTrue();
            }
            // (registry.invalid does not resolve, so every request went through the proxy)
            assertThat(proxy.requestLines()).contains("CONNECT " + tls + " HTTP/1.1", "GET http://" + plain + "/v2/ HTTP/1.1");
            // through the tunnel the host name is still checked in CA mode: the certificate does not name registry.invalid
            try (RegistryClient client = RegistryClient.create(options().proxy(settings).credentials(tls, creds)
                    .tls(tls, RegistryTls.caBundle(env.tlsCaFile())).build())) {
                assertThatThrownBy(() -> client.tagExists(repo(tls, "proxy")))
                        .hasMessageContaining("the TLS certificate of registry " + tls + " is not trusted");
            }
            // NO_PROXY hosts go direct (and registry.invalid does not resolve then)
            int before = proxy.requestLines().size();
            try (RegistryClient client = RegistryClient.create(options().proxy(ProxySettings.parse(proxy.address(), ".invalid"))
                    .tls(plain, RegistryTls.insecure()).build())) {
                assertThatThrownBy(() -> client.tagExists(repo(plain, "proxy")))
                        .hasMessageContaining("registry host registry.invalid is unknown");
            }
            assertThat(proxy.requestLines()).hasSize(before);
        }
    }

    @Test
    void aConnectionDroppedOnceInTheMiddleOfAnUploadIsRetriedFromTheStart() throws Exception {
        byte[] blob = randomBytes(4 * 1024 * 1024, 10);
        String digest = Digests.sha256(blob);
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(env.plainRegistry())) {
            proxy.dropOnce(1024 * 1024);
            ImageReference target = repo(proxy.address(), "drop-once");
            AtomicReference<Integer> opens = new AtomicReference<>(0);
            BlobSource counting = () -> {
                opens.updateAndGet(n -> n + 1);
                return BlobSource.of(blob).open();
            };
            try (RegistryClient client = RegistryClient.create(options().build())) {
                assertThat(client.uploadBlob(target, digest, blob.length, counting, "layer")).isEqualTo(digest);
                assertThat(proxy.faults()).isEqualTo(1);
                assertThat(opens.get()).isEqualTo(2);
                try (InputStream in = client.getBlob(target, digest)) {
                    assertThat(in.readAllBytes()).isEqualTo(blob);
                }
                // the chunked path (digest unknown) recovers the same way
                proxy.dropOnce(300_000);
                byte[] other = randomBytes(1024 * 1024 + 5, 11);
                RegistryClient chunked = RegistryClient.create(options().chunkSize(512 * 1024).build());
                assertThat(chunked.uploadBlob(target, null, other.length, BlobSource.of(other), null)).isEqualTo(Digests.sha256(other));
                assertThat(proxy.faults()).isEqualTo(2);
            }
            assertThat(listener.all()).contains("retrying");
        }
    }

    @Test
    void aConnectionDroppedEveryTimeFailsNamingRegistryAndStep() throws Exception {
        byte[] blob = randomBytes(2 * 1024 * 1024, 12);
        String digest = Digests.sha256(blob);
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(env.plainRegistry())) {
            proxy.dropAlways(100_000);
            ImageReference target = repo(proxy.address(), "drop-always");
            try (RegistryClient client = RegistryClient.create(options().build())) {
                assertThatThrownBy(() -> client.uploadBlob(target, digest, blob.length, BlobSource.of(blob), null))
                        .isInstanceOf(RegistryException.class)
                        .hasMessageStartingWith("uploading blob " + RegistryClient.shortDigest(digest) + " to " + target.name() + " failed: ")
                        .hasMessageContaining("registry " + proxy.address())
                        .hasMessageEndingWith("(after 3 attempts)")
                        .satisfies(e -> {
                            RegistryException re = (RegistryException) e;
                            assertThat(re.registry()).isEqualTo(proxy.address());
                            assertThat(re.step()).isEqualTo("uploading blob " + RegistryClient.shortDigest(digest) + " to " + target.name());
                            assertThat(re.kind()).isEqualTo(RegistryException.Kind.CONNECTION);
                        });
                assertThat(proxy.faults()).isEqualTo(3);
                proxy.passThrough();
                assertThat(client.blobExists(target, digest)).isFalse();
            }
        }
    }

    @Test
    void anInterruptStopsAHangingUploadAndCommitsNothing() throws Exception {
        byte[] blob = randomBytes(3 * 1024 * 1024, 13);
        String digest = Digests.sha256(blob);
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(env.plainRegistry())) {
            proxy.stallOnce(512 * 1024);
            ImageReference target = repo(proxy.address(), "interrupt");
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            try (RegistryClient client = RegistryClient.create(options().build())) {
                Thread uploader = new Thread(() -> {
                    try {
                        client.uploadBlob(target, digest, blob.length, BlobSource.of(blob), null);
                        outcome.set(new AssertionError("upload finished although the proxy stalled it"));
                    } catch (Throwable t) {
                        outcome.set(t);
                    }
                });
                uploader.start();
                assertThat(proxy.awaitFault(60, TimeUnit.SECONDS)).as("the upload reached the stall").isTrue();
                uploader.interrupt();
                // generous bound: it only guards against a hang; an interrupt normally ends the upload at once
                uploader.join(TimeUnit.SECONDS.toMillis(30));
                assertThat(uploader.isAlive()).as("upload still running after the interrupt").isFalse();
                assertThat(outcome.get()).isInstanceOf(InterruptedException.class)
                        .hasMessageContaining("uploading blob");
                proxy.passThrough();
                assertThat(client.blobExists(target, digest)).isFalse();
                assertThat(client.tagExists(target)).isFalse();
            }
        }
    }

    private int count(String prefix) {
        return (int) listener.lines.stream().filter(l -> l.startsWith("DEBUG " + prefix)).count();
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String causes(Throwable e) {
        List<String> parts = new ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            parts.add(String.valueOf(t));
        }
        return String.join("\n", parts);
    }

    private static byte[] manifest(Descriptor config, List<Descriptor> layers) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("schemaVersion", 2);
        m.put("mediaType", MediaTypes.OCI_MANIFEST);
        m.set("config", config.toJson());
        var array = m.putArray("layers");
        layers.forEach(l -> array.add(l.toJson()));
        return Json.bytes(m);
    }

    /** A self-signed CA that signed nothing in the test environment. */
    private static final String OTHER_CA = """
            -----BEGIN CERTIFICATE-----
            MIIDBzCCAe+gAwIBAgIUe0ftDjN8s/vKL8gsCKM29ouqZx0wDQYJKoZIhvcNAQEL
            BQAwEzERMA8GA1UEAwwIb3RoZXItY2EwHhcNMjYxMTI2MDEzNzM1WhcNMzYxMTIz
            MDEzNzM1WjATMREwDwYDVQQDDAhvdGhlci1jYTCCASIwDQYJKoZIhvcNAQEBBQAD
            ggEPADCCAQoCggEBAMlfA6xJZJ+FKjIDUkCEYB4OyZSNPE+O4BXDcWu+6jOoStkN
            6dBvlZVvO2clZ9h8JrUU1lLPr01b5aUXhwY9Xea4YU/bVpB6tLxyf6mOurfWsKc3
            MSZPJjbILJYiDqr02LnoEQRzTmJTDFOqc6DoHZroSmTJmIIiOlH0ap8w14UEsGIC
            4H8fLjrC7M2o9JWhInPGG7tcCeRY9T10rFKmnrC//dsRDcsaZQyd18tQurffhicR
            bXEhl4S+6UM0z3E71AdGC5nQ8xzf5gpsMwBs4cHdu8kln3o/+TQmj0eWlKXzonNZ
            0o42le90pLOTsYokD/dSkPsRdRaHkD5hVTnL4o8CAwEAAaNTMFEwHQYDVR0OBBYE
            FJMED0TyfKepn5wTMnDvtFARuSR/MB8GA1UdIwQYMBaAFJMED0TyfKepn5wTMnDv
            tFARuSR/MA8GA1UdEwEB/wQFMAMBAf8wDQYJKoZIhvcNAQELBQADggEBAMDDWWEi
            YPQcRXemF4Htyf/mDJOxVp1NokZSK98pGn8o9jglnmEp4YxyxlU0iTekj85Fhw1+
            kLD420Lx9oymxHuVWV9Uo390N1Yvuq9i8go+NUIsxOrfyNGyzGzwdHW30Z+2TUl/
            y6mWC45YK39gpDN2D14PuQQf2ejdcX12KpDllKkXby/5zpAg9EZViWhiEYXt13h0
            Cdg9VmoDsWGBIoDY7jel6GzUKjbO5dCyYw4i9V4htD25PH/KUEYUdEU1UEXmAabc
            6IwdsuPotudSlMuHSAgNLiA7tyalUdVUeIfIFmefet+88DzNTgoYUOCblc9+Vt4e
            i3lkc9n8kRKkc6g=
            -----END CERTIFICATE-----
            """;
}
