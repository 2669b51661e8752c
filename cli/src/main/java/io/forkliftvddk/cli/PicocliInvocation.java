package io.forkliftvddk.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The invocation of a command that picocli parsed: its streams, and usage errors as picocli's ParameterException. */
final class PicocliInvocation implements Invocation {

    private final CommandSpec spec;

    PicocliInvocation(CommandSpec spec) {
        this.spec = spec;
    }

    @Override
    public PrintWriter out() {
        return spec.commandLine().getOut();
    }

    @Override
    public PrintWriter err() {
        return spec.commandLine().getErr();
    }

    @Override
    public RuntimeException usageError(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
