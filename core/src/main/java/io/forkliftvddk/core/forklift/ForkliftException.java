package io.forkliftvddk.core.forklift;

/**
 * A failure talking to the cluster or a request the cluster side refuses, with a message a user can act on. The kind
 * lets front ends choose an exit code ({@link Kind#INVALID_INPUT} is a usage error) without parsing text. Messages
 * never contain secrets.
 */
public class ForkliftException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, coarsely. */
    public enum Kind {
        /** The caller's input is wrong (unknown setting, bad value, bad URL): fix the command. */
        INVALID_INPUT,
        /** The API server cannot be reached. */
        CONNECTION,
        /** 401: the credentials are not accepted. */
        UNAUTHORIZED,
        /** 403: the credentials lack a permission. */
        FORBIDDEN,
        /** The Forklift CRDs are missing. */
        NOT_INSTALLED,
        /** An object the request needs does not exist. */
        NOT_FOUND,
        /** Several candidates and no rule to choose between them. */
        AMBIGUOUS,
        /** 409 that survived the retries, or an object that exists when it must not. */
        CONFLICT,
        /** A wait ran out of time. */
        TIMEOUT,
        /** The cluster reports a failure (a Provider condition, a rejected request). */
        FAILED
    }

    private final Kind kind;

    public ForkliftException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ForkliftException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static ForkliftException invalid(String message) {
        return new ForkliftException(Kind.INVALID_INPUT, message);
    }
}
