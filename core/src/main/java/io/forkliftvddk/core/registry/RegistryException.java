package io.forkliftvddk.core.registry;

import java.io.IOException;

/**
 * A registry operation failed. The message names the registry, the step (for example
 * {@code uploading blob sha256:… to 127.0.0.1:5001/vddk}) and the HTTP status when there was one, and never holds a
 * credential.
 */
public class RegistryException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that react differently (a CLI exit message, a retry decision). */
    public enum Kind {
        /** 401/403, or credentials the token endpoint refused. */
        AUTHENTICATION,
        /** Manifest, blob or repository unknown (404). */
        NOT_FOUND,
        /** The certificate was not trusted or the TLS handshake failed. */
        TLS,
        /** Connection refused, unknown host, dropped connections after every retry, timeouts. */
        CONNECTION,
        /** The registry answered with an unexpected status or body. */
        PROTOCOL,
        /** Our data did not match: a digest or size mismatch. */
        INTEGRITY
    }

    private final Kind kind;
    private final String registry;
    private final String step;
    private final int status;
    private final String errorCode;

    public RegistryException(Kind kind, String registry, String step, int status, String errorCode, String message,
                             Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.registry = registry;
        this.step = step;
        this.status = status;
        this.errorCode = errorCode;
    }

    public Kind kind() {
        return kind;
    }

    /** The registry host ({@code host[:port]}). */
    public String registry() {
        return registry;
    }

    /** What the client was doing, e.g. {@code uploading blob sha256:… to 127.0.0.1:5001/vddk}. */
    public String step() {
        return step;
    }

    /** The HTTP status of the last response, or -1 when there was none (connection or TLS failure). */
    public int status() {
        return status;
    }

    /** The distribution error code from the response body ({@code DIGEST_INVALID}, {@code BLOB_UNKNOWN}), or null. */
    public String errorCode() {
        return errorCode;
    }
}
