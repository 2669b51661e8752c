package io.forkliftvddk.core.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcePolicyTest {

    @TempDir
    Path tmp;

    @Test
    void urlsAreAllowedWithoutRoots() {
        assertThat(SourcePolicy.check("https://repo.example.com/vddk/", List.of()).isOk()).isTrue();
        assertThat(SourcePolicy.check("http://10.0.0.1/vddk/", List.of()).isOk()).isTrue();
        assertThat(SourcePolicy.check("file:///etc/", List.of("/")).message()).contains("Only http(s)");
        assertThat(SourcePolicy.check("ftp://x/", List.of()).isError()).isTrue();
        assertThat(SourcePolicy.isUrl("HTTPS://x")).isTrue();
        assertThat(SourcePolicy.isUrl("/srv")).isFalse();
    }

    @Test
    void directoriesOnlyUnderAllowedRoots() {
        assertThat(SourcePolicy.check("/srv/vddk/kits", List.of("/srv/vddk")).isOk()).isTrue();
        assertThat(SourcePolicy.check("/srv/vddk", List.of("/srv/vddk")).isOk()).isTrue();
        assertThat(SourcePolicy.check("/srv/vddk-other", List.of("/srv/vddk")).isError()).isTrue();
        assertThat(SourcePolicy.check("/srv/vddk/../../etc", List.of("/srv/vddk")).isError()).isTrue();
        assertThat(SourcePolicy.check("/var/lib/jenkins/secrets", List.of("/srv/vddk")).message())
                .contains("not under a directory the administrator allowed");
        assertThat(SourcePolicy.check("relative/dir", List.of("/srv/vddk")).message()).contains("absolute");
        assertThat(SourcePolicy.check("/srv/vddk", List.of()).message()).contains("not allowed");
        assertThat(SourcePolicy.check("", List.of()).isError()).isTrue();
        assertThat(SourcePolicy.check("${KITS}", List.of()).isOk()).isTrue();
    }

    @Test
    void symlinkLeavingTheRootIsRefused() throws Exception {
        Path root = Files.createDirectory(tmp.resolve("root"));
        Path outside = Files.createDirectory(tmp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createDirectory(root.resolve("inside"));
        List<String> roots = List.of(root.toString());
        assertThat(SourcePolicy.check(root.resolve("inside").toString(), roots).isOk()).isTrue();
        assertThat(SourcePolicy.check(root.resolve("escape").toString(), roots).isError()).isTrue();
        assertThat(SourcePolicy.allowedDirectory(root.resolve("inside").toString(), roots)).isEqualTo(root.resolve("inside"));
        assertThatThrownBy(() -> SourcePolicy.allowedDirectory(root.resolve("escape").toString(), roots))
                .isInstanceOf(StepException.class).hasMessageStartingWith("source: ");
    }
}
