package io.forkliftvddk.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandRunnerTest {

    @TempDir
    Path tmp;

    @Test
    void findsExecutablesOnThePathInOrderAndTakesPathsAsTheyAre() throws Exception {
        Path first = Files.createDirectories(tmp.resolve("first"));
        Path second = Files.createDirectories(tmp.resolve("second"));
        Files.writeString(first.resolve("podman"), "not executable");
        Path exe = Files.writeString(second.resolve("podman"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.createDirectories(first.resolve("docker"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        String path = first + File.pathSeparator + File.pathSeparator + second;

        assertThat(CommandRunner.findExecutable("podman", path)).contains(exe);
        assertThat(CommandRunner.findExecutable("docker", path)).as("a directory is no executable").isEmpty();
        assertThat(CommandRunner.findExecutable("podman", null)).isEmpty();
        assertThat(CommandRunner.findExecutable(exe.toString(), null)).contains(exe);
        assertThat(CommandRunner.findExecutable(first.resolve("podman").toString(), path)).isEmpty();
    }
}
