package io.forkliftvddk.core.steps;

/**
 * A step cannot run as configured (invalid parameter, missing credential). The message names the parameter and what
 * to change; it never holds a secret. Front ends show it as the build's failure reason (Jenkins: {@code AbortException}).
 */
public class StepException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StepException(String message) {
        super(message);
    }

    public StepException(String message, Throwable cause) {
        super(message, cause);
    }
}
