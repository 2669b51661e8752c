package io.forkliftvddk.cli;

import java.io.PrintWriter;

/**
 * What a command needs from the command line that runs it: where to print, and how to stop on a usage error (the
 * message and the command's usage on stderr, exit code 2). picocli gives one ({@link PicocliInvocation}); so does
 * {@link BuildImageFastPath}, which runs build-image without picocli. An interface of its own so that the fast path
 * loads no picocli class.
 */
interface Invocation {

    PrintWriter out();

    PrintWriter err();

    /** The exception to throw for a usage error; the runner prints it with the usage and exits with 2. */
    RuntimeException usageError(String message);
}
