package io.forkliftvddk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forkliftvddk.core.spi.CommandRunner;
import io.forkliftvddk.core.spi.Listener;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessCommandRunnerTest {

    @TempDir
    Path tmp;

    private final ProcessCommandRunner runner = new ProcessCommandRunner(Map.of("PATH", System.getenv("PATH"), "BASE", "b"));

    @Test
    void stdinEnvironmentWorkingDirectoryAndLinesArriveAsTheyArePrinted() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Listener l = (level, message) -> lines.add(message);
        CommandRunner.Command cmd = new CommandRunner.Command(
                List.of("sh", "-c", "read secret; echo \"got $secret in $(pwd) $BASE $EXTRA\"; echo err-line >&2; exit 3"),
                Map.of("EXTRA", "e"), tmp, "s3cret\n".getBytes(StandardCharsets.UTF_8), List.of("s3cret"));
        CommandRunner.Result r = runner.run(cmd, l);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.succeeded()).isFalse();
        assertThat(r.stdout()).isEqualTo("got s3cret in " + tmp.toRealPath() + " b e\n");
        assertThat(r.stderr()).isEqualTo("err-line\n");
        assertThat(lines).containsExactlyInAnyOrder("got **** in " + tmp.toRealPath() + " b e", "err-line");
        assertThat(cmd.display()).doesNotContain("s3cret");
    }

    @Test
    void whichLooksOnThePathAndAcceptsAbsolutePaths() throws Exception {
        assertThat(runner.which("sh")).isPresent();
        assertThat(runner.which("no-such-tool-xyz")).isEmpty();
        Path script = Files.writeString(tmp.resolve("tool"), "#!/bin/sh\n");
        assertThat(runner.which(script.toString())).isEmpty();
        script.toFile().setExecutable(true);
        assertThat(runner.which(script.toString())).contains(script);
    }

    @Test
    void aMissingExecutableIsNamed() {
        assertThatThrownBy(() -> runner.run(CommandRunner.Command.of(List.of("/no/such/podman", "build")), Listener.silent()))
                .hasMessageContaining("/no/such/podman");
    }

    @Test
    void anInterruptKillsTheProcess() throws Exception {
        Path pidFile = tmp.resolve("pid");
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                runner.run(CommandRunner.Command.of(List.of("sh", "-c", "echo $$ > " + pidFile + "; exec sleep 60")), Listener.silent());
                outcome.set(new AssertionError("returned"));
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        t.start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!(Files.exists(pidFile) && Files.size(pidFile) > 0) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        long pid = Long.parseLong(Files.readString(pidFile).strip());
        t.interrupt();
        t.join(10_000);
        assertThat(t.isAlive()).isFalse();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
}
