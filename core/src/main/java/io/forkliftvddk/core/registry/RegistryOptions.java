package io.forkliftvddk.core.registry;

import io.forkliftvddk.core.spi.Listener;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a {@link RegistryClient} needs, passed in by the front end (core reads no environment, system property
 * or home directory). Settings are per registry host ({@code host[:port]} exactly as in the image reference, with
 * {@code docker.io} for Docker Hub), because a base image and the target usually live in different registries with
 * different credentials and certificates.
 *
 * <p>Credentials are looked up per host: explicit {@link Builder#credentials} first, then the {@link Builder#authFile}
 * (docker {@code config.json} or podman {@code auth.json}), else anonymous.
 */
public final class RegistryOptions {

    /** PATCH chunk size for uploads whose digest is not known in advance. */
    public static final int DEFAULT_CHUNK_SIZE = 16 * 1024 * 1024;

    private final Map<String, RegistryCredentials> credentials;
    private final Path authFile;
    private final Map<String, RegistryTls> tls;
    private final RegistryTls defaultTls;
    private final ProxySettings proxy;
    private final Listener listener;
    private final RetryPolicy retry;
    private final int chunkSize;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final String userAgent;

    private RegistryOptions(Builder b) {
        this.credentials = Map.copyOf(b.credentials);
        this.authFile = b.authFile;
        this.tls = Map.copyOf(b.tls);
        this.defaultTls = b.defaultTls;
        this.proxy = b.proxy;
        this.listener = b.listener;
        this.retry = b.retry;
        this.chunkSize = b.chunkSize;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.userAgent = b.userAgent;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Anonymous, verified TLS, default retries, silent. */
    public static RegistryOptions defaults() {
        return builder().build();
    }

    RegistryCredentials explicitCredentials(String registry) {
        return credentials.get(key(registry));
    }

    Path authFile() {
        return authFile;
    }

    RegistryTls tls(String registry) {
        return tls.getOrDefault(key(registry), defaultTls);
    }

    ProxySettings proxy() {
        return proxy;
    }

    Listener listener() {
        return listener;
    }

    RetryPolicy retry() {
        return retry;
    }

    int chunkSize() {
        return chunkSize;
    }

    Duration connectTimeout() {
        return connectTimeout;
    }

    Duration requestTimeout() {
        return requestTimeout;
    }

    String userAgent() {
        return userAgent;
    }

    static String key(String registry) {
        String k = registry.toLowerCase(Locale.ROOT);
        return k.equals("index.docker.io") || k.equals("registry-1.docker.io") ? "docker.io" : k;
    }

    /** Builder; every setting is optional. */
    public static final class Builder {
        private final Map<String, RegistryCredentials> credentials = new LinkedHashMap<>();
        private Path authFile;
        private final Map<String, RegistryTls> tls = new LinkedHashMap<>();
        private RegistryTls defaultTls = RegistryTls.verify();
        private ProxySettings proxy;
        private Listener listener = Listener.silent();
        private RetryPolicy retry = RetryPolicy.defaults();
        private int chunkSize = DEFAULT_CHUNK_SIZE;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private Duration requestTimeout = Duration.ofMinutes(5);
        private String userAgent = "forklift-vddk";

        private Builder() {
        }

        /** Credentials for one registry host ({@code host[:port]}, {@code docker.io} for Docker Hub). */
        public Builder credentials(String registry, RegistryCredentials creds) {
            credentials.put(key(Objects.requireNonNull(registry, "registry")), Objects.requireNonNull(creds, "creds"));
            return this;
        }

        /** A docker {@code config.json} or podman {@code auth.json}, used for hosts without explicit credentials. */
        public Builder authFile(Path file) {
            this.authFile = file;
            return this;
        }

        /** TLS handling for one registry host. */
        public Builder tls(String registry, RegistryTls mode) {
            tls.put(key(Objects.requireNonNull(registry, "registry")), Objects.requireNonNull(mode, "mode"));
            return this;
        }

        /** TLS handling for hosts without their own {@link #tls(String, RegistryTls)} setting (default: verify). */
        public Builder defaultTls(RegistryTls mode) {
            this.defaultTls = Objects.requireNonNull(mode, "mode");
            return this;
        }

        public Builder proxy(ProxySettings settings) {
            this.proxy = settings;
            return this;
        }

        /** Where each registry step (debug) and upload progress go. */
        public Builder listener(Listener l) {
            this.listener = Objects.requireNonNull(l, "listener");
            return this;
        }

        public Builder retry(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** PATCH chunk size when a blob's digest is not known before the upload (at least 64 KiB). */
        public Builder chunkSize(int bytes) {
            if (bytes < 64 * 1024) {
                throw new IllegalArgumentException("chunk size must be at least 64 KiB");
            }
            this.chunkSize = bytes;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Time allowed until response headers arrive (uploads get more, in proportion to their size). */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        public Builder userAgent(String agent) {
            this.userAgent = Objects.requireNonNull(agent, "agent");
            return this;
        }

        public RegistryOptions build() {
            return new RegistryOptions(this);
        }
    }
}
