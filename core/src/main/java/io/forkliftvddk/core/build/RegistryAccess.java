package io.forkliftvddk.core.build;

import io.forkliftvddk.core.spi.Secret;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * How a builder reaches registries: credentials per registry host (the target and the base image may need different
 * ones), an optional docker/podman auth file for any host, extra CA certificates, the hosts where TLS verification is
 * skipped, and a proxy. The front end fills it; core never reads the environment or the user's auth files by itself.
 *
 * @param credentials            explicit credentials by registry host ({@code quay.io}, {@code 127.0.0.1:5001})
 * @param authFile               a {@code config.json} / {@code auth.json} to look hosts up in, or null
 * @param caCertificates         PEM files trusted in addition to the default trust store
 * @param insecureHosts          hosts where TLS is not verified and plain http is allowed
 * @param proxy                  proxy URI ({@code http://proxy:3128}), or null for a direct connection
 * @param noProxy                hosts (or {@code .domain} suffixes) reached without the proxy
 */
public record RegistryAccess(Map<String, Credentials> credentials, Path authFile, List<Path> caCertificates,
                             Set<String> insecureHosts, String proxy, List<String> noProxy) {

    /** A user name and a password or token. */
    public record Credentials(String username, Secret password) {
        public Credentials {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
        }

        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=****]";
        }
    }

    public RegistryAccess {
        // loops, not streams: this runs on every CLI start, where each lambda costs the JVM a generated class
        if (credentials == null) {
            credentials = Map.of();
        } else {
            Map<String, Credentials> byHost = new TreeMap<>();
            for (Map.Entry<String, Credentials> e : credentials.entrySet()) {
                if (byHost.put(normaliseHost(e.getKey()), e.getValue()) != null) {
                    throw new IllegalStateException("credentials given twice for " + normaliseHost(e.getKey()));
                }
            }
            credentials = Map.copyOf(byHost);
        }
        caCertificates = caCertificates == null ? List.of() : List.copyOf(caCertificates);
        if (insecureHosts == null) {
            insecureHosts = Set.of();
        } else {
            Set<String> hosts = new HashSet<>();
            for (String h : insecureHosts) {
                hosts.add(normaliseHost(h));
            }
            insecureHosts = Set.copyOf(hosts);
        }
        noProxy = noProxy == null ? List.of() : List.copyOf(noProxy);
    }

    /** Anonymous access with verified TLS and no proxy. */
    public static RegistryAccess anonymous() {
        return new RegistryAccess(Map.of(), null, List.of(), Set.of(), null, List.of());
    }

    public Optional<Credentials> credentialsFor(String host) {
        return Optional.ofNullable(credentials.get(normaliseHost(host)));
    }

    public boolean isInsecure(String host) {
        return insecureHosts.contains(normaliseHost(host));
    }

    public RegistryAccess withCredentials(String host, Credentials c) {
        Map<String, Credentials> m = new TreeMap<>(credentials);
        m.put(normaliseHost(host), c);
        return new RegistryAccess(m, authFile, caCertificates, insecureHosts, proxy, noProxy);
    }

    public RegistryAccess withAuthFile(Path file) {
        return new RegistryAccess(credentials, file, caCertificates, insecureHosts, proxy, noProxy);
    }

    public RegistryAccess withCaCertificate(Path pem) {
        List<Path> l = new java.util.ArrayList<>(caCertificates);
        l.add(pem);
        return new RegistryAccess(credentials, authFile, l, insecureHosts, proxy, noProxy);
    }

    public RegistryAccess withInsecureHost(String host) {
        Set<String> s = new java.util.HashSet<>(insecureHosts);
        s.add(host);
        return new RegistryAccess(credentials, authFile, caCertificates, s, proxy, noProxy);
    }

    public RegistryAccess withProxy(String proxyUri, List<String> noProxyHosts) {
        return new RegistryAccess(credentials, authFile, caCertificates, insecureHosts, proxyUri, noProxyHosts);
    }

    /** Docker Hub is known under several names; keep one key for it. */
    static String normaliseHost(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        return switch (h) {
            case "index.docker.io", "registry-1.docker.io", "https://index.docker.io/v1/" -> "docker.io";
            default -> h;
        };
    }
}
