package io.forkliftvddk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalListenerTest {

    private static String run(int verbosity, boolean interactive) {
        StringWriter out = new StringWriter();
        TerminalListener l = new TerminalListener(new PrintWriter(out), verbosity, interactive);
        l.info("info line");
        l.warn("careful");
        l.debug("GET /v2/ -> 200");
        l.trace("{\n  \"a\": 1\n}");
        l.progress("kit layer", 0, 2048);
        l.progress("kit layer", 2048, 2048);
        return out.toString();
    }

    @Test
    void defaultShowsInfoAndWarningsOnly() {
        String s = run(0, false);
        assertThat(s).contains("info line").contains("WARNING: careful").doesNotContain("GET /v2/").doesNotContain("\"a\"")
                .doesNotContain("kit layer");
    }

    @Test
    void verboseLevelsAddStepsThenDocuments() {
        assertThat(run(1, false)).contains("  GET /v2/ -> 200").doesNotContain("\"a\"").contains("kit layer: 2.0 KiB / 2.0 KiB (100%)");
        assertThat(run(2, false)).contains("\"a\": 1");
    }

    @Test
    void aTerminalGetsOneUpdatingProgressLine() {
        String s = run(0, true);
        assertThat(s).contains("\r\033[Kkit layer: 0 B / 2.0 KiB (0%)").contains("\r\033[Kkit layer: 2.0 KiB / 2.0 KiB (100%)\n");
    }

    @Test
    void sizesPrintAsFormatWouldWithOneDecimal() {
        java.util.Random r = new java.util.Random(42);
        for (int i = 0; i < 20_000; i++) {
            long n = i < 10_000 ? 1024 + i * 51L : 1024L * 1024 + (r.nextLong() & ((1L << 40) - 1));
            String expected = n < 1024 * 1024 ? String.format(java.util.Locale.ROOT, "%.1f KiB", n / 1024.0)
                    : String.format(java.util.Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024.0));
            org.assertj.core.api.Assertions.assertThat(TerminalListener.bytes(n)).as("%d bytes", n).isEqualTo(expected);
        }
        org.assertj.core.api.Assertions.assertThat(TerminalListener.bytes(1023)).isEqualTo("1023 B");
        org.assertj.core.api.Assertions.assertThat(TerminalListener.bytes(1024 * 1024 - 1)).isEqualTo("1024.0 KiB");
        org.assertj.core.api.Assertions.assertThat(TerminalListener.amount(512, 2048)).isEqualTo("512 B / 2.0 KiB (25%)");
    }
}
