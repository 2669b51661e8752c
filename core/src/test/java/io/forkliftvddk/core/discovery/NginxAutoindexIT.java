package io.forkliftvddk.core.discovery;

import static io.forkliftvddk.core.discovery.TestKits.kitName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forkliftvddk.core.spi.Listener;
import io.forkliftvddk.core.spi.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real nginx (Debian's, installed by scripts/testenv.sh) serving autoindex listings on a free loopback port. */
class NginxAutoindexIT {

    @TempDir
    static Path tmp;

    static Process nginx;
    static int port;

    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final Listener listener = (level, message) -> log.add(level + " " + message);

    @BeforeAll
    static void startNginx() throws Exception {
        Path binary = Path.of("/usr/sbin/nginx");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("nginx is not installed (" + binary + "); run `sudo scripts/testenv.sh install`");
        }
        Path www = Files.createDirectories(tmp.resolve("www"));
        Path kits = Files.createDirectories(www.resolve("kits"));
        TestKits.write(kits, kitName("8.0.1-21562716"), 20000);
        TestKits.write(kits, kitName("8.0.3-23950268"), 30000);
        TestKits.write(kits.resolve("vddk 9"), kitName("9.0.1.0.24964809"), 40000);
        Files.writeString(kits.resolve("SHA256SUMS"),
                TestKits.sha256(kits.resolve(kitName("8.0.3-23950268"))) + "  " + kitName("8.0.3-23950268") + "\n"
                        + TestKits.sha256(kits.resolve(kitName("8.0.1-21562716"))) + "  " + kitName("8.0.1-21562716") + "\n");
        Path priv = Files.createDirectories(www.resolve("private"));
        TestKits.write(priv, kitName("8.0.2-22388865"), 25000);
        Files.writeString(priv.resolve(kitName("8.0.2-22388865") + ".sha256"), "e".repeat(64) + "\n");
        String sha1 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                .digest("nginx-pass".getBytes(StandardCharsets.UTF_8)));
        Files.writeString(tmp.resolve("htpasswd"), "reader:{SHA}" + sha1 + "\n");

        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        // saved Artifactory and Nexus listings, served by nginx as static pages next to the files they link
        Path art = Files.createDirectories(www.resolve("artifactory/generic-local/vmware/vddk"));
        Files.writeString(art.resolve("index.html"), LinksTest.fixture("artifactory-listing.html"));
        TestKits.write(art, kitName("8.0.1-21562716"), 21000);
        Files.writeString(art.resolve(kitName("8.0.1-21562716") + ".sha256sum"),
                TestKits.sha256(art.resolve(kitName("8.0.1-21562716"))) + " *" + kitName("8.0.1-21562716") + "\n");
        Path nexusPage = Files.createDirectories(www.resolve("service/rest/repository/browse/raw-hosted/vddk"));
        Files.writeString(nexusPage.resolve("index.html"),
                LinksTest.fixture("nexus-listing.html").replace("${BASE}", "http://127.0.0.1:" + port));
        Path nexusRepo = Files.createDirectories(www.resolve("repository/raw-hosted/vddk"));
        TestKits.write(nexusRepo, kitName("8.0.2-22388865"), 22000);
        Files.writeString(nexusRepo.resolve(kitName("8.0.2-22388865") + ".sha256"),
                TestKits.sha256(nexusRepo.resolve(kitName("8.0.2-22388865"))));
        Path conf = tmp.resolve("nginx.conf");
        String t = tmp.toString();
        Files.writeString(conf, """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 64; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    types { text/html html; application/octet-stream gz; }
                    server {
                        listen 127.0.0.1:%2$d;
                        root %1$s/www;
                        location / { autoindex on; }
                        location /private/ { autoindex on; auth_basic "kits"; auth_basic_user_file %1$s/htpasswd; }
                    }
                }
                """.formatted(t, port));
        nginx = new ProcessBuilder(binary.toString(), "-c", conf.toString(), "-p", t)
                .redirectErrorStream(true).redirectOutput(tmp.resolve("nginx.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (!nginx.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("nginx did not start: " + Files.readString(tmp.resolve("nginx.out"))
                            + (Files.exists(tmp.resolve("error.log")) ? Files.readString(tmp.resolve("error.log")) : ""));
                }
                Thread.sleep(50);
            }
        }
    }

    @AfterAll
    static void stopNginx() throws InterruptedException {
        if (nginx != null) {
            nginx.destroy();
            if (!nginx.waitFor(10, TimeUnit.SECONDS)) {
                nginx.destroyForcibly();
            }
        }
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void newestKitFromAnAutoindexWithSha256Sums() throws Exception {
        KitSource src = SourceSpec.of(url("/kits/")).open();
        VddkKit kit = src.newest(KitFilter.any(), listener).orElseThrow();
        assertThat(kit.name()).isEqualTo(kitName("8.0.3-23950268"));
        assertThat(kit.location()).isEqualTo(url("/kits/" + kitName("8.0.3-23950268")));
        assertThat(kit.size()).isEqualTo(30000);
        assertThat(kit.sha256()).isEqualTo(TestKits.sha256(tmp.resolve("www/kits/" + kitName("8.0.3-23950268"))));

        DownloadResult r = KitDownloader.download(src, kit, Files.createDirectories(tmp.resolve("dl")), listener);
        assertThat(r.verified()).isTrue();
        assertThat(Path.of(r.path())).hasSameBinaryContentAs(tmp.resolve("www/kits/" + kitName("8.0.3-23950268")));
    }

    @Test
    void savedArtifactoryAndNexusListingsServedFromFiles() throws Exception {
        VddkKit a = SourceSpec.of(url("/artifactory/generic-local/vmware/vddk/")).open().newest(KitFilter.any(), listener).orElseThrow();
        assertThat(a.location()).isEqualTo(url("/artifactory/generic-local/vmware/vddk/" + kitName("8.0.1-21562716")));
        assertThat(a.size()).isEqualTo(21000);
        assertThat(a.sha256()).isEqualTo(TestKits.sha256(tmp.resolve("www/artifactory/generic-local/vmware/vddk/" + kitName("8.0.1-21562716"))));

        KitSource nexus = SourceSpec.of(url("/service/rest/repository/browse/raw-hosted/vddk/")).open();
        VddkKit n = nexus.newest(KitFilter.any(), listener).orElseThrow();
        assertThat(n.location()).isEqualTo(url("/repository/raw-hosted/vddk/" + kitName("8.0.2-22388865")));
        assertThat(n.size()).isEqualTo(22000);
        assertThat(n.sha256()).isNotNull();
        DownloadResult r = KitDownloader.download(nexus, n, Files.createDirectories(tmp.resolve("dl-nexus")), listener);
        assertThat(r.verified()).isTrue();
    }

    @Test
    void aListingUrlWithoutTheTrailingSlashFollowsNginxsRedirect() throws Exception {
        VddkKit kit = SourceSpec.of(url("/kits")).open().newest(KitFilter.any(), listener).orElseThrow();
        assertThat(kit.location()).isEqualTo(url("/kits/" + kitName("8.0.3-23950268")));
    }

    @Test
    void recursiveFollowsEncodedSubdirectoryNames() throws Exception {
        KitSource src = SourceSpec.of(url("/kits/")).withRecursive(true).open();
        VddkKit kit = src.newest(KitFilter.any(), listener).orElseThrow();
        assertThat(kit.version().toString()).isEqualTo("9.0.1.0.24964809");
        assertThat(kit.location()).isEqualTo(url("/kits/vddk%209/" + kitName("9.0.1.0.24964809")));
        assertThat(kit.size()).isEqualTo(40000);
        assertThat(kit.sha256()).isNull();
        assertThat(SourceSpec.of(url("/kits/")).withRecursive(true).open().list(listener)).hasSize(3);
    }

    @Test
    void basicAuthAndAMismatchingChecksum() throws Exception {
        SourceSpec anonymous = SourceSpec.of(url("/private/"));
        assertThatThrownBy(() -> anonymous.open().list(listener)).hasMessageContaining("HTTP 401");
        SourceSpec spec = anonymous.withAuth(SourceAuth.basic("reader", Secret.of("nginx-pass")));
        KitSource src = spec.open();
        VddkKit kit = src.newest(KitFilter.any(), listener).orElseThrow();
        assertThat(kit.sha256()).isEqualTo("e".repeat(64));
        Path dl = Files.createDirectories(tmp.resolve("dl-private"));
        assertThatThrownBy(() -> KitDownloader.download(src, kit, dl, listener)).isInstanceOf(ChecksumMismatchException.class);
        try (var files = Files.list(dl)) {
            assertThat(files).isEmpty();
        }
        // by URL, as a build given VDDK_ARCHIVE does
        DownloadResult r = KitDownloader.forSource(spec).download(kit.location(), null, dl, listener);
        assertThat(Path.of(r.path())).hasSameBinaryContentAs(tmp.resolve("www/private/" + kitName("8.0.2-22388865")));
    }
}
