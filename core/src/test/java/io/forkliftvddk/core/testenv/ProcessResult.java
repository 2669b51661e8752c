package io.forkliftvddk.core.testenv;

import java.util.List;

/**
 * What a process started by a test returned. {@link #assertSuccess()} turns a failure into an assertion error that
 * shows the command and both output streams, so a broken runtime or registry explains itself in the test report.
 */
public record ProcessResult(List<String> command, int exitCode, String stdout, String stderr) {

    public ProcessResult {
        command = List.copyOf(command);
    }

    public boolean succeeded() {
        return exitCode == 0;
    }

    /** Fails the test unless the process exited with 0; returns this for chaining. */
    public ProcessResult assertSuccess() {
        if (exitCode != 0) {
            throw new AssertionError(describe("failed"));
        }
        return this;
    }

    /** Fails the test if the process exited with 0 (for checks that something must be refused). */
    public ProcessResult assertFailure() {
        if (exitCode == 0) {
            throw new AssertionError(describe("succeeded although it should have failed"));
        }
        return this;
    }

    String describe(String what) {
        return "command " + what + " (exit " + exitCode + "): " + String.join(" ", command)
                + "\n--- stdout ---\n" + tail(stdout) + "\n--- stderr ---\n" + tail(stderr);
    }

    private static String tail(String s) {
        int max = 8000;
        return s.length() <= max ? s : "[...]" + s.substring(s.length() - max);
    }
}
