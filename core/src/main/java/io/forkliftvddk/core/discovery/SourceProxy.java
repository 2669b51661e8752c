package io.forkliftvddk.core.discovery;

import io.forkliftvddk.core.registry.ProxySettings;
import java.io.IOException;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;

/**
 * An HTTP proxy for an http(s) source, as the front end found it (the CLI from {@code HTTPS_PROXY} / {@code
 * HTTP_PROXY} and {@code NO_PROXY}, Jenkins from its proxy configuration). {@code NO_PROXY} is matched as the registry
 * client matches it, and loopback hosts never go through the proxy.
 *
 * @param proxy   {@code host:port} or {@code http://host:port}
 * @param noProxy comma-separated {@code NO_PROXY} entries, or null
 */
public record SourceProxy(String proxy, String noProxy) implements Serializable {

    public SourceProxy {
        settings(proxy, noProxy);
    }

    private static ProxySettings settings(String proxy, String noProxy) {
        if (proxy == null || proxy.isBlank()) {
            throw new IllegalArgumentException("the proxy is empty");
        }
        return ProxySettings.parse(proxy.strip(), noProxy);
    }

    /** Whether a request to {@code host} goes around the proxy. */
    public boolean bypasses(String host) {
        return settings(proxy, noProxy).bypasses(host);
    }

    ProxySelector selector() {
        ProxySettings s = settings(proxy, noProxy);
        URI p = s.proxy();
        Proxy http = new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.getHost(), p.getPort() > 0 ? p.getPort() : 80));
        return new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                return s.bypasses(uri.getHost()) ? List.of(Proxy.NO_PROXY) : List.of(http);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
                // the request fails with a message naming the source
            }
        };
    }
}
