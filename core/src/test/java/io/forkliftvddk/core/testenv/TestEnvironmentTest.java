package io.forkliftvddk.core.testenv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The environment reader fails (never skips) with a message naming the script when something is missing. */
class TestEnvironmentTest {

    @TempDir
    Path tmp;

    @Test
    void missingVariableFailsNamingTheScript() throws IOException {
        Map<String, String> env = complete();
        env.remove("REGISTRY_AUTH");
        assertThatThrownBy(() -> TestEnvironment.from(env))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("REGISTRY_AUTH is not set")
                .hasMessageContaining("scripts/testenv.sh start")
                .hasMessageContaining("source $WORKDIR/env.sh");
    }

    @Test
    void missingFileFailsNamingTheScript() throws IOException {
        Map<String, String> env = complete();
        env.put("CONTAINERS_CONF", tmp.resolve("gone.conf").toString());
        assertThatThrownBy(() -> TestEnvironment.from(env))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("CONTAINERS_CONF=")
                .hasMessageContaining("scripts/testenv.sh start");
    }

    @Test
    void registryThatDoesNotAnswerFailsNamingTheScript() throws IOException {
        Map<String, String> env = complete();
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort(); // free again once closed: nothing listens there
        }
        env.put("REGISTRY", "127.0.0.1:" + closedPort);
        TestEnvironment te = TestEnvironment.from(env);
        assertThatThrownBy(te::check)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("plain registry REGISTRY does not answer at http://127.0.0.1:" + closedPort)
                .hasMessageContaining("scripts/testenv.sh start");
    }

    @Test
    void dockerHostIsRequiredOnlyWhenUsed() throws IOException {
        Map<String, String> env = complete();
        env.put("DOCKER_HOST_CI", "");
        TestEnvironment te = TestEnvironment.from(env);
        assertThat(te.plainRegistry()).isEqualTo("127.0.0.1:1");
        assertThatThrownBy(te::dockerHost).isInstanceOf(AssertionError.class)
                .hasMessageContaining("WITH_DOCKERD=0").hasMessageContaining("scripts/testenv.sh start");
    }

    @Test
    void namesComeFromTheVariables() throws IOException {
        TestEnvironment te = TestEnvironment.from(complete());
        assertThat(te.authRegistry()).isEqualTo("127.0.0.1:2");
        assertThat(te.tlsRegistry()).isEqualTo("127.0.0.1:3");
        assertThat(te.registryBaseImage(te.tlsRegistry())).isEqualTo("127.0.0.1:3/base/busybox:latest");
        assertThat(te.podmanBaseImage()).isEqualTo("localhost/busybox-base:latest");
        assertThat(te.dockerHost()).isEqualTo("unix:///nowhere.sock");
        assertThat(te.tlsCertDir().resolve("ca.crt")).hasSameTextualContentAs(te.tlsCaFile());
        assertThat(te.basicAuthorization()).isEqualTo("Basic dTpw");
        String a = te.uniqueRepository("Smoke/VDDK");
        assertThat(a).matches("smoke/vddk-[0-9a-f]{16}").isNotEqualTo(te.uniqueRepository("Smoke/VDDK"));
    }

    private Map<String, String> complete() throws IOException {
        Path conf = Files.writeString(tmp.resolve("containers.conf"), "[engine]\n");
        Path ca = tmp.resolve("ca.pem");
        Files.writeString(ca, CA_PEM);
        Map<String, String> env = new HashMap<>();
        env.put("REGISTRY", "127.0.0.1:1");
        env.put("REGISTRY_AUTH", "127.0.0.1:2");
        env.put("REGISTRY_TLS", "127.0.0.1:3");
        env.put("REGISTRY_USER", "u");
        env.put("REGISTRY_PASS", "p");
        env.put("REGISTRY_TLS_CA", ca.toString());
        env.put("CONTAINERS_CONF", conf.toString());
        env.put("DOCKER_HOST_CI", "unix:///nowhere.sock");
        env.put("FORKLIFT_VDDK_BASE_IMAGE", "localhost/busybox-base:latest");
        return env;
    }

    // A throw-away self-signed test certificate (no key anywhere); only parsed.
    private static final String CA_PEM = """
            -----BEGIN CERTIFICATE-----
            MIIDKzCCAhOgAwIBAgIUYUGR64FcOTPaUwbYlSdxjOsSSDkwDQYJKoZIhvcNAQEL
            BQAwJTEjMCEGA1UEAwwaZm9ya2xpZnQtdmRkayB1bml0LXRlc3QgQ0EwHhcNMjYx
            MTI2MDEzMDI0WhcNMzYxMTIzMDEzMDI0WjAlMSMwIQYDVQQDDBpmb3JrbGlmdC12
            ZGRrIHVuaXQtdGVzdCBDQTCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEB
            AL8ANrb1iOuc0WZcLVFbynmYA6R0lOm8C5F3/pZQSU1lrjmmmIlVm1rQ1mLXQbRT
            kMY6VV2a5f/oVk/q+h4a78NXzngnkEAJHkENWeMtoIfeLNdlu2igsR4WunraHspa
            eL7+sNyjYcHGPv+mz3fdp+fZ1Afpo/7wlTzjXVx3q7YfinCICUibUBgKLGA7yF8d
            r3Ty3IKK38TAgyyjpOugNwZ7niZYBsoQBXX9jqfWkwlgVvW/BXaL/SeoEmquO9ua
            VEmmF7v4NIo9lG3cU8is8779amsdQeztoAZfpAnR2zVSSfKIczottt3IbAGuaka5
            isXqjX1/ILs1T7wYw358Fs0CAwEAAaNTMFEwHQYDVR0OBBYEFAAvS2+0+PaWgl0p
            BCLV1fOdj2KOMB8GA1UdIwQYMBaAFAAvS2+0+PaWgl0pBCLV1fOdj2KOMA8GA1Ud
            EwEB/wQFMAMBAf8wDQYJKoZIhvcNAQELBQADggEBAJYLb/bpLxcTLoEL7EoZtnsk
            S6/xhLb7W/+YC/HbHHXPXdtEi2fsPxhNHlOdmDJ1XFwUjmtSnwR5eXXgGnXiXCGE
            LkkeboH30MhhT2fQWEP9tQohgIUdIbY0g2hIcDrEdQShwhV0xTW06+53Wx5AxfO2
            o+wLZZbwv6TmkiZ9ELrstpulKwpS3p1Bhd363h8oMpkx21mwGQn1iImEoK5kZ0yn
            F3bHxZ804gltWcC0JYtA/2OYlIi/VrQKbjUlc6aEZKX+zu/zlYx9jS/8U9j7fHwf
            KH2+gVn2pB4VNKqxhcy+tAW17DqZJDKkcp4L4gOVqM4FbxRD0SiVap2XCm7LpuE=
            -----END CERTIFICATE-----
            """;
}
