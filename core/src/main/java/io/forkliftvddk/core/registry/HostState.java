package io.forkliftvddk.core.registry;

import java.net.URI;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** What the client learned about one registry host: its base URI (scheme) and how it wants to be authenticated. */
final class HostState {
    /** {@code host[:port]} as in image references (Docker Hub: the API host). */
    final String registry;
    final RegistryTls tls;
    final Object probeLock = new Object();

    /** {@code https://host:port} or {@code http://host:port}; null until probed. */
    volatile URI base;
    /** The last challenge seen (null: none needed or unknown). */
    volatile Challenge challenge;

    /** Bearer tokens by scope set ({@code realm|service|scopes}). */
    final ConcurrentMap<String, Token> tokens = new ConcurrentHashMap<>();

    HostState(String registry, RegistryTls tls) {
        this.registry = registry;
        this.tls = tls;
    }

    record Token(String value, Instant expires) {
        boolean valid(Instant now) {
            return expires == null || now.isBefore(expires);
        }

        @Override
        public String toString() {
            return "Token[****, expires=" + expires + "]";
        }
    }
}
