package io.forkliftvddk.core.registry;

import java.io.IOException;
import java.time.Duration;

/** A failure worth another attempt (HTTP 5xx/429/408); after the last attempt it becomes a RegistryException. */
final class TransientFailure extends IOException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String errorCode;
    final transient Duration retryAfter;

    TransientFailure(String message, int status, String errorCode, Duration retryAfter) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.retryAfter = retryAfter;
    }
}
