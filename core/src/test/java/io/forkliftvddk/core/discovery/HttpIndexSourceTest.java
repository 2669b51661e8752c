package io.forkliftvddk.core.discovery;

import static io.forkliftvddk.core.discovery.TestKits.kitName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forkliftvddk.core.spi.Listener;
import io.forkliftvddk.core.spi.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listings served by a real HTTP(S) server on loopback. */
class HttpIndexSourceTest {

    @TempDir
    Path tmp;

    /** Certificates made once per class (keytool is slow on a loaded machine). */
    @TempDir
    static Path certs;

    @BeforeAll
    static void certificates() throws Exception {
        TestHttpServer.selfSignedKeystore(certs, "server");
        TestHttpServer.selfSignedKeystore(certs, "stranger");
        TestHttpServer.selfSignedKeystore(certs, "elsewhere", "dns:elsewhere.example");
    }

    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final Listener listener = (level, message) -> log.add(level + " " + message);
    final List<TestHttpServer> servers = new ArrayList<>();

    @AfterEach
    void stop() {
        servers.forEach(TestHttpServer::close);
    }

    private TestHttpServer server() throws Exception {
        TestHttpServer s = TestHttpServer.http();
        servers.add(s);
        return s;
    }

    private static byte[] kit(String version) {
        return TestKits.content(kitName(version), 21504);
    }

    private static SourceSpec spec(TestHttpServer s, String path) {
        return SourceSpec.of(s.url(path).toString());
    }

    @Test
    void apacheAutoindexWithPerKitChecksumAndHeadForTheSize() throws Exception {
        TestHttpServer s = server();
        s.serveHtml("/vddk/", LinksTest.fixture("apache-autoindex.html"));
        s.serve("/vddk/" + kitName("8.0.1-21562716"), "application/gzip", kit("8.0.1-21562716"));
        s.serve("/vddk/" + kitName("8.0.1-21562716") + ".sha256", "text/plain",
                TestKits.utf8(TestKits.sha256(kit("8.0.1-21562716")) + "  " + kitName("8.0.1-21562716") + "\n"));
        // the parent listing holds a newer kit: a non-recursive (and a recursive) listing must never climb up to it
        s.serveHtml("/", "<a href=\"/vddk/\">vddk</a><a href=\"/" + kitName("9.0.0.0.24742305") + "\">x</a>");
        s.serveHtml("/vddk/old/", "<a href=\"../\">../</a><a href=\"" + kitName("6.5.3-8315684") + "\">k</a>");

        KitSource src = spec(s, "/vddk/").open();
        VddkKit newest = src.newest(KitFilter.any(), listener).orElseThrow();
        assertThat(newest.name()).isEqualTo(kitName("8.0.1-21562716"));
        assertThat(newest.location()).isEqualTo(s.url("/vddk/" + kitName("8.0.1-21562716")).toString());
        assertThat(newest.isRemote()).isTrue();
        assertThat(newest.size()).isEqualTo(21504);
        assertThat(newest.sha256()).isEqualTo(TestKits.sha256(kit("8.0.1-21562716")));
        assertThat(s.requestsFor("/vddk/" + kitName("8.0.1-21562716"))).extracting(TestHttpServer.Request::method)
                .containsExactly("HEAD");
        assertThat(s.requestsFor("/")).isEmpty();
        assertThat(s.requestsFor("/vddk/old/")).isEmpty();

        List<VddkKit> recursive = spec(s, "/vddk/").withRecursive(true).open().list(listener);
        assertThat(recursive).extracting(k -> k.version().toString())
                .containsExactly("8.0.1-21562716", "7.0.3-20134304", "6.5.3-8315684");
        assertThat(s.requestsFor("/")).isEmpty();
    }

    @Test
    void nginxAutoindexWithSha256SumsAndDownload() throws Exception {
        TestHttpServer s = server();
        String k9 = kitName("9.0.0.0.24742305");
        s.serveHtml("/kits/", LinksTest.fixture("nginx-autoindex.html"));
        s.serve("/kits/" + k9, "application/octet-stream", kit("9.0.0.0.24742305"));
        s.serve("/kits/SHA256SUMS", "text/plain", TestKits.utf8(
                TestKits.sha256(kit("8.0.3-23950268")) + "  " + kitName("8.0.3-23950268") + "\n"
                        + TestKits.sha256(kit("9.0.0.0.24742305")) + "  " + k9 + "\n"));
        SourceSpec spec = spec(s, "/kits/");
        KitSource src = spec.open();
        VddkKit newest = src.newest(KitFilter.any(), listener).orElseThrow();
        assertThat(newest.version().toString()).isEqualTo("9.0.0.0.24742305");
        assertThat(newest.sha256()).isEqualTo(TestKits.sha256(kit("9.0.0.0.24742305")));
        // 8.0.3 is listed but its file is gone (404 on HEAD): size unknown, still found
        VddkKit k8 = src.newest(KitFilter.of("8", null, null, null), listener).orElseThrow();
        assertThat(k8.size()).isEqualTo(-1);
        assertThat(k8.sha256()).isEqualTo(TestKits.sha256(kit("8.0.3-23950268")));

        DownloadResult r = KitDownloader.download(src, newest, Files.createDirectories(tmp.resolve("dl")), listener);
        assertThat(r.verified()).isTrue();
        assertThat(Path.of(r.path())).hasBinaryContent(kit("9.0.0.0.24742305"));
        // the checksum files the listing does not link are never probed
        assertThat(s.requestsFor("/kits/" + k9 + ".sha256")).isEmpty();
    }

    @Test
    void artifactoryListingWithBasicAuthRecursive() throws Exception {
        TestHttpServer s = server().requireBasic("reader", "s3cr3t-pw");
        String k801 = kitName("8.0.1-21562716");
        String k802 = kitName("8.0.2-22388865");
        s.serveHtml("/artifactory/generic-local/vmware/vddk/", LinksTest.fixture("artifactory-listing.html"));
        s.serveHtml("/artifactory/generic-local/vmware/vddk/8.0.2/",
                "<pre><a href=\"../\">../</a>\n<a href=\"" + k802 + "\">" + k802 + "</a></pre>");
        s.serve("/artifactory/generic-local/vmware/vddk/" + k801 + ".sha256sum", "text/plain",
                TestKits.utf8(TestKits.sha256(kit("8.0.1-21562716")) + " *" + k801 + "\n"));
        SourceSpec anonymous = spec(s, "/artifactory/generic-local/vmware/vddk/");
        assertThatThrownBy(() -> anonymous.open().list(listener))
                .hasMessageContaining("HTTP 401 Unauthorized from " + s.url("/artifactory/generic-local/vmware/vddk/"))
                .hasMessageContaining("the server wants credentials");
        SourceSpec wrong = anonymous.withAuth(SourceAuth.basic("reader", Secret.of("wrong-pw")));
        assertThatThrownBy(() -> wrong.open().list(listener))
                .hasMessageContaining("refused the credentials (basic auth as reader)")
                .hasMessageNotContaining("wrong-pw");

        SourceSpec ok = anonymous.withAuth(SourceAuth.basic("reader", Secret.of("s3cr3t-pw"))).withRecursive(true);
        KitSource src = ok.open();
        assertThat(src.list(listener)).extracting(VddkKit::name).containsExactly(k802, k801);
        VddkKit only801 = src.newest(KitFilter.of(null, null, null, "8\\.0\\.1"), listener).orElseThrow();
        assertThat(only801.sha256()).isEqualTo(TestKits.sha256(kit("8.0.1-21562716")));
        assertThat(String.join("\n", log)).doesNotContain("s3cr3t-pw");
        assertThat(ok.toString()).doesNotContain("s3cr3t-pw");
    }

    @Test
    void nexusAbsoluteLinksWithBearerToken() throws Exception {
        TestHttpServer s = server().requireBearer("tok-123");
        String k802 = kitName("8.0.2-22388865");
        s.route("/service/rest/repository/browse/raw-hosted/vddk/", ex -> TestHttpServer.Response.ok("text/html",
                TestKits.utf8(fixtureWithBase(s))));
        s.serve("/repository/raw-hosted/vddk/" + k802, "application/x-gzip", kit("8.0.2-22388865"));
        s.serve("/repository/raw-hosted/vddk/" + k802 + ".sha256", "text/plain",
                TestKits.utf8(TestKits.sha256(kit("8.0.2-22388865"))));
        SourceSpec spec = spec(s, "/service/rest/repository/browse/raw-hosted/vddk/")
                .withAuth(SourceAuth.bearer(Secret.of("tok-123")));
        KitSource src = spec.open();
        VddkKit k = src.newest(KitFilter.any(), listener).orElseThrow();
        assertThat(k.name()).isEqualTo(k802);
        assertThat(k.location()).isEqualTo(s.url("/repository/raw-hosted/vddk/" + k802).toString());
        assertThat(k.sha256()).isEqualTo(TestKits.sha256(kit("8.0.2-22388865")));
        assertThat(k.size()).isEqualTo(21504);
        DownloadResult r = KitDownloader.download(src, k, tmp, listener);
        assertThat(r.verified()).isTrue();
        assertThat(s.requests).allMatch(req -> "Bearer tok-123".equals(req.authorization()));
    }

    private static String fixtureWithBase(TestHttpServer s) {
        try {
            return LinksTest.fixture("nexus-listing.html").replace("${BASE}", s.base().toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void credentialsNeverFollowARedirectToAnotherOrigin() throws Exception {
        TestHttpServer storage = server();
        TestHttpServer repo = server().requireBasic("reader", "pw");
        String k = kitName("8.0.3-23950268");
        storage.serve("/blobs/abc", "application/octet-stream", kit("8.0.3-23950268"));
        repo.serveHtml("/kits/", "<a href=\"" + k + "\">k</a><a href=\"moved/" + k + ".sha256\">c</a>");
        repo.route("/kits/" + k, ex -> TestHttpServer.Response.redirect(storage.url("/blobs/abc?sig=SECRETSIG").toString()));
        SourceSpec spec = spec(repo, "/kits/").withAuth(SourceAuth.basic("reader", Secret.of("pw")));
        KitSource src = spec.open();
        VddkKit kit = src.newest(KitFilter.any(), listener).orElseThrow();
        DownloadResult r = KitDownloader.download(src, kit, tmp, listener);
        assertThat(Path.of(r.path())).hasBinaryContent(kit("8.0.3-23950268"));
        assertThat(storage.requests).isNotEmpty().allMatch(req -> req.authorization() == null);
        assertThat(repo.requests).allMatch(req -> req.authorization() != null);
        assertThat(String.join("\n", log)).doesNotContain("SECRETSIG");
    }

    @Test
    void linksResolveAgainstTheListingAfterARedirect() throws Exception {
        TestHttpServer s = server().requireBasic("reader", "pw");
        String k = kitName("8.0.3-23950268");
        s.route("/kits", ex -> TestHttpServer.Response.redirect("/kits/"));
        s.serveHtml("/kits/", "<a href=\"" + k + "\">k</a><a href=\"sub/\">sub/</a>");
        s.serveHtml("/kits/sub/", "<a href=\"" + kitName("9.0.0.0.24742305") + "\">k</a>");
        List<VddkKit> kits = spec(s, "/kits").withAuth(SourceAuth.basic("reader", Secret.of("pw"))).withRecursive(true)
                .open().list(listener);
        assertThat(kits).extracting(VddkKit::location).containsExactly(
                s.url("/kits/sub/" + kitName("9.0.0.0.24742305")).toString(), s.url("/kits/" + k).toString());
    }

    @Test
    void throughAnHttpProxyUnlessNoProxySaysOtherwise() throws Exception {
        // the test server plays the proxy: it gets absolute-form requests for a host only it can "reach"
        TestHttpServer proxy = server();
        String k = kitName("8.0.3-23950268");
        proxy.serveHtml("/kits/", "<a href=\"" + k + "\">k</a>");
        proxy.serve("/kits/" + k, "application/octet-stream", kit("8.0.3-23950268"));
        SourceProxy via = new SourceProxy(proxy.base().getHost() + ":" + proxy.base().getPort(), "other.example");
        SourceSpec spec = SourceSpec.of("http://kits.invalid/kits/").withProxy(via);
        KitSource src = spec.open();
        VddkKit kit = src.newest(KitFilter.any(), listener).orElseThrow();
        assertThat(kit.location()).isEqualTo("http://kits.invalid/kits/" + k);
        assertThat(kit.size()).isEqualTo(21504);
        DownloadResult r = KitDownloader.forSource(spec).download(kit.location(), null, tmp, listener);
        assertThat(Path.of(r.path())).hasBinaryContent(kit("8.0.3-23950268"));
        assertThat(proxy.requestsFor("/kits/")).hasSize(1);

        SourceSpec bypassed = SourceSpec.of("http://kits.invalid/kits/").withProxy(new SourceProxy(proxy.base().getAuthority(), ".invalid"));
        assertThatThrownBy(() -> bypassed.open().list(listener)).hasMessageContaining("cannot reach http://kits.invalid/kits/");
        assertThat(via.bypasses("127.0.0.1")).isTrue();
    }

    @Test
    void mismatchOverHttpRemovesThePartialFile() throws Exception {
        TestHttpServer s = server();
        String k = kitName("8.0.3-23950268");
        s.serveHtml("/", "<a href=\"" + k + "\">k</a> <a href=\"" + k + ".sha256\">s</a>");
        s.serve("/" + k, "application/octet-stream", kit("8.0.3-23950268"));
        s.serve("/" + k + ".sha256", "text/plain", TestKits.utf8("0".repeat(64) + "  " + k));
        KitSource src = spec(s, "/").open();
        VddkKit kit = src.newest(KitFilter.any(), listener).orElseThrow();
        Path dl = Files.createDirectories(tmp.resolve("dl"));
        assertThatThrownBy(() -> KitDownloader.download(src, kit, dl, listener))
                .isInstanceOf(ChecksumMismatchException.class).hasMessageContaining("the download was removed");
        try (Stream<Path> files = Files.list(dl)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void interruptStopsADownloadPromptlyAndLeavesNothing() throws Exception {
        TestHttpServer s = server();
        byte[] big = TestKits.content("slow", 2 * 1024 * 1024);
        s.route("/slow.tar.gz", ex -> new TestHttpServer.Response(200, "application/octet-stream", big, Map.of(), 50));
        Path dl = Files.createDirectories(tmp.resolve("dl"));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                new KitDownloader(null, null).download(s.url("/slow.tar.gz").toString(), null, dl, Listener.silent());
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        t.start();
        // wait until the temp file exists and is growing, then interrupt
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(dl)) {
                if (files.anyMatch(p -> p.toFile().length() > 0)) {
                    break;
                }
            }
            Thread.sleep(20);
        }
        long start = System.nanoTime();
        t.interrupt();
        Throwable e;
        try {
            e = outcome.get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException te) {
            AssertionError ae = new AssertionError("download did not stop after the interrupt");
            ae.setStackTrace(t.getStackTrace());
            throw ae;
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(5000);
        assertThat(e).isInstanceOf(InterruptedException.class);
        try (Stream<Path> files = Files.list(dl)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void httpsWithSelfSignedCertificate() throws Exception {
        TestHttpServer s = TestHttpServer.https(certs.resolve("server.p12"));
        servers.add(s);
        String k = kitName("8.0.3-23950268");
        s.serveHtml("/kits/", "<a href=\"" + k + "\">k</a>");
        s.serve("/kits/" + k, "application/octet-stream", kit("8.0.3-23950268"));
        SourceSpec spec = SourceSpec.of(s.url("/kits/").toString());
        assertThat(spec.location()).startsWith("https://127.0.0.1:");

        assertThatThrownBy(() -> spec.open().list(listener)).hasMessageContaining("cannot reach " + s.url("/kits/"))
                .hasMessageContaining("TLS failure").hasMessageContaining("CA certificate");
        assertThatThrownBy(() -> spec.withTls(TlsOptions.caFile(certs.resolve("stranger.pem"))).open().list(listener))
                .hasMessageContaining("TLS failure");
        assertThat(spec.withTls(TlsOptions.caFile(certs.resolve("server.pem"))).open().newest(KitFilter.any(), listener))
                .get().extracting(VddkKit::size).isEqualTo(21504L);
        assertThat(spec.withTls(TlsOptions.insecureSkipVerify()).open().list(listener)).hasSize(1);
        assertThatThrownBy(() -> TlsOptions.caFile(certs.resolve("server.p12"))).hasMessageContaining("holds no PEM certificate");
    }

    @Test
    void hostnameIsCheckedWithACustomCaButNotWhenInsecure() throws Exception {
        // a trusted certificate issued for another name must still be refused
        TestHttpServer s = TestHttpServer.https(certs.resolve("elsewhere.p12"));
        servers.add(s);
        s.serveHtml("/", "<a href=\"" + kitName("8.0.3-23950268") + "\">k</a>");
        SourceSpec spec = SourceSpec.of(s.url("/").toString());
        assertThatThrownBy(() -> spec.withTls(TlsOptions.caFile(certs.resolve("elsewhere.pem"))).open().list(listener))
                .hasMessageContaining("TLS failure");
        assertThat(spec.withTls(TlsOptions.insecureSkipVerify()).open().list(listener)).hasSize(1);
    }

    @Test
    void httpsToHttpRedirectIsRefusedAnd404NamesTheListing() throws Exception {
        TestHttpServer plain = server();
        TestHttpServer s = TestHttpServer.https(certs.resolve("server.p12"));
        servers.add(s);
        s.route("/kits/", ex -> TestHttpServer.Response.redirect(plain.url("/kits/").toString()));
        assertThatThrownBy(() -> SourceSpec.of(s.url("/kits/").toString()).withTls(TlsOptions.insecureSkipVerify())
                .open().list(listener)).hasMessageContaining("refusing the downgrade");
        assertThatThrownBy(() -> spec(plain, "/nothing/").open().list(listener))
                .hasMessageContaining("the kit listing " + plain.url("/nothing/") + " does not exist");
    }

    @Test
    void unreachableSourceIsAnErrorNamingIt() {
        assertThatThrownBy(() -> SourceSpec.of("http://127.0.0.1:1/kits/").open().list(listener))
                .hasMessageContaining("cannot reach http://127.0.0.1:1/kits/: connection refused");
    }
}
