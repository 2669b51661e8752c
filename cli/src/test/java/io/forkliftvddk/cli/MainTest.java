package io.forkliftvddk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class MainTest {

    @Test
    void helpListsTheTool() {
        StringWriter out = new StringWriter();
        int code = Main.run(new String[] {"--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("Usage: forklift-vddk").contains("VDDK");
    }

    @Test
    void unknownOptionIsAUsageError() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"--no-such-option"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option");
    }

    @Test
    void helpListsEveryCommand() {
        StringWriter out = new StringWriter();
        assertThat(Main.run(new String[] {"--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()))).isZero();
        for (String name : Main.COMMANDS) {
            assertThat(out.toString()).contains("  " + name + " ");
        }
    }

    @Test
    void onlyTheInvokedCommandIsBuilt() {
        assertThat(Main.commandLine(picocli.CommandLine.defaultFactory(), "-v", "build-image", "--tar", "x").getSubcommands())
                .containsOnlyKeys("build-image");
        assertThat(Main.commandLine(picocli.CommandLine.defaultFactory(), "help", "build-image").getSubcommands().keySet())
                .containsExactly(Main.COMMANDS);
        assertThat(Main.commandLine(picocli.CommandLine.defaultFactory(), "biuld-image").getSubcommands().keySet())
                .containsExactly(Main.COMMANDS);
    }

    @Test
    void helpForOneCommandStillWorks() {
        StringWriter out = new StringWriter();
        assertThat(Main.run(new String[] {"help", "settings"}, new PrintWriter(out), new PrintWriter(new StringWriter()))).isZero();
        assertThat(out.toString()).contains("Usage: forklift-vddk settings");
    }

    @Test
    void aMistypedCommandIsAUsageErrorWithSuggestions() {
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"biuld-image"}, new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("build-image");
    }

    @Test
    void theSha256WarmUpRunsOnlyForCommandsThatHashAKit() throws Exception {
        assertThat(DigestWarmup.wanted("build-image")).isTrue();
        assertThat(DigestWarmup.wanted("inspect")).isTrue();
        assertThat(DigestWarmup.wanted("settings")).isFalse();
        assertThat(DigestWarmup.wanted(null)).isFalse();
        Thread t = DigestWarmup.start();
        assertThat(t.isDaemon()).isTrue();
        t.join(30_000);
        assertThat(t.isAlive()).isFalse();
    }

    @Test
    void versionNeedsNoSubcommandButHelpWithVersionStillListsThem() {
        assertThat(Main.commandLine(picocli.CommandLine.defaultFactory(), "--version").getSubcommands()).isEmpty();
        assertThat(Main.commandLine(picocli.CommandLine.defaultFactory(), "-V", "--help").getSubcommands().keySet())
                .containsExactly(Main.COMMANDS);
        StringWriter out = new StringWriter();
        assertThat(Main.run(new String[] {"--version"}, new PrintWriter(out), new PrintWriter(new StringWriter()))).isZero();
        assertThat(out.toString()).startsWith("forklift-vddk ");
    }
}
