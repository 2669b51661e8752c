package io.forkliftvddk.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthFileTest {

    @TempDir
    Path dir;

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsDockerConfigJsonWithUrlKeysAndHelpers() throws Exception {
        Path f = dir.resolve("config.json");
        Files.writeString(f, "{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"" + b64("hubuser:hub:pass") + "\"},"
                + "\"quay.io\":{\"auth\":\"" + b64("quser:qpass") + "\"}}, \"credsStore\":\"desktop\"}");
        AuthFile a = AuthFile.read(f);
        RegistryCredentials hub = a.find("docker.io", "library/busybox").orElseThrow();
        assertThat(hub.username()).isEqualTo("hubuser");
        assertThat(hub.password().reveal()).isEqualTo("hub:pass"); // only the first colon separates
        assertThat(a.find("registry-1.docker.io", "x/y")).isPresent();
        assertThat(a.find("quay.io", "org/vddk").orElseThrow().username()).isEqualTo("quser");
        assertThat(a.find("ghcr.io", "org/vddk")).isEmpty();
        assertThat(a.usesCredentialHelpers()).isTrue();
    }

    @Test
    void podmanNamespaceKeysWinOverTheHost() throws Exception {
        Path f = dir.resolve("auth.json");
        Files.writeString(f, "{\"auths\":{\"quay.io\":{\"auth\":\"" + b64("host:h") + "\"},"
                + "\"quay.io/team\":{\"auth\":\"" + b64("team:t") + "\"},"
                + "\"127.0.0.1:5001\":{\"username\":\"u\",\"password\":\"p\"}}}");
        AuthFile a = AuthFile.read(f);
        assertThat(a.find("quay.io", "team/vddk").orElseThrow().username()).isEqualTo("team");
        assertThat(a.find("quay.io", "team/sub/vddk").orElseThrow().username()).isEqualTo("team");
        assertThat(a.find("quay.io", "other/vddk").orElseThrow().username()).isEqualTo("host");
        assertThat(a.find("quay.io", "teamx/vddk").orElseThrow().username()).isEqualTo("host");
        assertThat(a.find("127.0.0.1:5001", "vddk").orElseThrow().password().reveal()).isEqualTo("p");
        assertThat(a.usesCredentialHelpers()).isFalse();
    }

    @Test
    void errorsNameTheFileAndKeyButNeverTheValue() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"auths\":{\"quay.io\":{\"auth\":\"not*base64-secretvalue\"}}}");
        assertThatThrownBy(() -> AuthFile.read(bad))
                .hasMessageContaining(bad.toString()).hasMessageContaining("quay.io").hasMessageContaining("base64")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("secretvalue"));

        Path noColon = dir.resolve("nocolon.json");
        Files.writeString(noColon, "{\"auths\":{\"quay.io\":{\"auth\":\"" + b64("justatoken") + "\"}}}");
        assertThatThrownBy(() -> AuthFile.read(noColon)).hasMessageContaining("user:password")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("justatoken"));

        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, "{\"auths\": {\"quay.io\": {\"auth\": \"c2VjcmV0OnZhbHVl\"");
        assertThatThrownBy(() -> AuthFile.read(broken)).hasMessageContaining("not valid JSON")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("c2VjcmV0OnZhbHVl"));

        assertThatThrownBy(() -> AuthFile.read(dir.resolve("missing.json"))).hasMessageContaining("does not exist");
    }

    @Test
    void credentialsNeverPrintThePassword() {
        RegistryCredentials c = RegistryCredentials.of("user", "pa55word");
        assertThat(c.toString()).doesNotContain("pa55word").contains("user");
        assertThat(c.basicHeader()).isEqualTo("Basic " + b64("user:pa55word"));
    }
}
