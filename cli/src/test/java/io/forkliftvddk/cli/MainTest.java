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
}
