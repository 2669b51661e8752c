package io.forkliftvddk.core.registry;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * An HTTP(S) proxy for registry traffic, as the front end found it (the CLI from {@code HTTPS_PROXY}/{@code NO_PROXY};
 * core never reads the environment). Loopback hosts never go through the proxy.
 *
 * @param proxy   {@code http://host:port} of the proxy (credentials in the URI are not supported)
 * @param noProxy {@code NO_PROXY} entries: host names, {@code .domain} / {@code *.domain} suffixes, IP addresses,
 *                {@code *} for all
 */
public record ProxySettings(URI proxy, List<String> noProxy) {

    public ProxySettings {
        Objects.requireNonNull(proxy, "proxy");
        if (proxy.getHost() == null) {
            throw new IllegalArgumentException("proxy must be http://host:port, got '" + proxy + "'");
        }
        if (proxy.getUserInfo() != null) {
            throw new IllegalArgumentException("proxy credentials in the URL are not supported; use a proxy without authentication");
        }
        noProxy = noProxy == null ? List.of() : List.copyOf(noProxy);
    }

    /** Parses {@code HTTPS_PROXY}-style text ({@code host:port} or {@code http://host:port}) and a {@code NO_PROXY} list. */
    public static ProxySettings parse(String proxy, String noProxy) {
        String withScheme = proxy.contains("://") ? proxy : "http://" + proxy;
        List<String> entries = noProxy == null || noProxy.isBlank() ? List.of()
                : List.of(noProxy.trim().split("\\s*,\\s*"));
        return new ProxySettings(URI.create(withScheme), entries);
    }

    /** Whether a request to {@code host} (without port) bypasses the proxy. */
    public boolean bypasses(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (Hosts.isLoopback(h)) {
            return true;
        }
        for (String raw : noProxy) {
            String e = raw.toLowerCase(Locale.ROOT).trim();
            int colon = e.lastIndexOf(':');
            if (colon > 0 && e.indexOf(':') == colon) {
                e = e.substring(0, colon); // NO_PROXY entries may carry a port; match on the host
            }
            if (e.isEmpty()) {
                continue;
            }
            if (e.equals("*") || h.equals(e)) {
                return true;
            }
            String suffix = e.startsWith("*.") ? e.substring(1) : (e.startsWith(".") ? e : "." + e);
            if (h.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    ProxySelector selector() {
        int port = proxy.getPort() > 0 ? proxy.getPort() : 80;
        Proxy p = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), port));
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return bypasses(uri.getHost()) ? List.of(Proxy.NO_PROXY) : List.of(p);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                // nothing to remember: the request fails with a message naming the registry
            }
        };
    }
}
