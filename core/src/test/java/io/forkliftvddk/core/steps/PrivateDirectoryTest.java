package io.forkliftvddk.core.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateDirectoryTest {

    @TempDir
    Path tmp;

    @Test
    void eachIsNewOwnerOnlyAndRemovedOnClose() throws Exception {
        List<PrivateDirectory> dirs = new ArrayList<>();
        HashSet<Path> paths = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            PrivateDirectory d = PrivateDirectory.create(tmp.resolve("parent"));
            dirs.add(d);
            assertThat(paths.add(d.path())).isTrue();
            assertThat(d.path().getFileName().toString()).matches("forklift-vddk-[0-9a-f]+");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d.path()))).isEqualTo("rwx------");
            assertThat(Files.list(d.path())).isEmpty();
        }
        Path secret = dirs.get(0).write("auth.json", new byte[] {1});
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        for (PrivateDirectory d : dirs) {
            d.close();
        }
        assertThat(Files.list(tmp.resolve("parent"))).isEmpty();
    }
}
