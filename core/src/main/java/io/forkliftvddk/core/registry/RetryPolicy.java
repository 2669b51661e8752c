package io.forkliftvddk.core.registry;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a registry request is tried and how long to wait in between. Retried: HTTP 5xx, 429 (honouring
 * {@code Retry-After} up to {@link #maxBackoff}) and I/O errors such as dropped connections; an upload is restarted
 * from its first byte. Not retried: authentication failures, TLS certificate errors, other 4xx.
 *
 * @param maxAttempts    total attempts including the first (1 = no retry)
 * @param initialBackoff wait before the second attempt; doubled after each further failure
 * @param maxBackoff     upper bound of one wait
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative");
        }
    }

    /** Four attempts, waiting 0.5 s, 1 s, 2 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(10));
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    /** The wait before attempt {@code attempt + 1}, after {@code attempt} (1-based) failed. */
    Duration backoff(int attempt) {
        long ms = initialBackoff.toMillis();
        for (int i = 1; i < attempt && ms < maxBackoff.toMillis(); i++) {
            ms *= 2;
        }
        return Duration.ofMillis(Math.min(ms, maxBackoff.toMillis()));
    }
}
