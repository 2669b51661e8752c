package io.forkliftvddk.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyAndRetryTest {

    @TempDir
    Path dir;

    @Test
    void noProxyEntriesAndLoopbackBypassTheProxy() {
        ProxySettings p = ProxySettings.parse("proxy.corp:3128", " .internal.corp, registry.example:5000,*.mirror.io ,10.1.2.3");
        assertThat(p.proxy()).isEqualTo(URI.create("http://proxy.corp:3128"));
        assertThat(p.bypasses("quay.internal.corp")).isTrue();
        assertThat(p.bypasses("registry.example")).isTrue();
        assertThat(p.bypasses("a.registry.example")).isTrue();
        assertThat(p.bypasses("eu.mirror.io")).isTrue();
        assertThat(p.bypasses("10.1.2.3")).isTrue();
        assertThat(p.bypasses("127.0.0.1")).isTrue();
        assertThat(p.bypasses("localhost")).isTrue();
        assertThat(p.bypasses("quay.io")).isFalse();
        assertThat(p.bypasses("notregistry.example")).isFalse();
        assertThat(p.selector().select(URI.create("https://quay.io/v2/"))).singleElement()
                .satisfies(proxy -> assertThat(proxy.type()).isEqualTo(Proxy.Type.HTTP));
        assertThat(p.selector().select(URI.create("http://127.0.0.1:5000/v2/"))).containsExactly(Proxy.NO_PROXY);
        assertThat(ProxySettings.parse("http://p:8080", "*").bypasses("quay.io")).isTrue();
    }

    @Test
    void proxyCredentialsInTheUrlAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> ProxySettings.parse("http://user:hunter2@proxy:3128", null))
                .hasMessageContaining("not supported")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    }

    @Test
    void backoffDoublesUpToTheCap() {
        RetryPolicy p = new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(3));
        assertThat(List.of(p.backoff(1), p.backoff(2), p.backoff(3), p.backoff(4), p.backoff(5)))
                .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                        Duration.ofSeconds(3), Duration.ofSeconds(3));
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO)).hasMessageContaining("at least 1");
    }

    @Test
    void loopbackDetection() {
        assertThat(Hosts.isLoopback("127.0.0.1:5000")).isTrue();
        assertThat(Hosts.isLoopback("127.1.2.3")).isTrue();
        assertThat(Hosts.isLoopback("localhost:5443")).isTrue();
        assertThat(Hosts.isLoopback("[::1]:5000")).isTrue();
        assertThat(Hosts.isLoopback("128.0.0.1")).isFalse();
        assertThat(Hosts.isLoopback("localhost.example.com")).isFalse();
        assertThat(Hosts.isLoopback("quay.io")).isFalse();
    }

    @Test
    void badCaFilesAreNamed() throws Exception {
        Path empty = dir.resolve("empty.pem");
        Files.writeString(empty, "not a certificate\n");
        assertThatThrownBy(() -> TlsContexts.create(RegistryTls.caBundle(empty))).hasMessageContaining(empty.toString());
        Path missing = dir.resolve("missing.pem");
        assertThatThrownBy(() -> TlsContexts.create(RegistryTls.caBundle(missing)))
                .hasMessageContaining("CA certificate file " + missing + " does not exist");
        assertThat(RegistryTls.caBundles(List.of())).isEqualTo(RegistryTls.verify());
        assertThatThrownBy(() -> new RegistryTls(RegistryTls.Mode.VERIFY, List.of(empty))).isInstanceOf(IllegalArgumentException.class);
    }
}
