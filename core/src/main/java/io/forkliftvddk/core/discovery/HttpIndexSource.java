package io.forkliftvddk.core.discovery;

import io.forkliftvddk.core.archive.VddkVersion;
import io.forkliftvddk.core.spi.Listener;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kits linked from an http(s) listing page: Apache or nginx autoindex, Artifactory or Nexus HTML browse pages, or any
 * page whose {@code <a href>}s point at the kits. Recursive mode follows links to pages below the listing's own path
 * (never up, never to another host), a few levels deep.
 */
public final class HttpIndexSource implements KitSource {

    static final int MAX_PAGE_BYTES = 8 * 1024 * 1024;
    static final int MAX_DEPTH = 4;
    static final int MAX_PAGES = 500;

    private final URI index;
    private final boolean recursive;
    private final SourceAuth auth;
    private final TlsOptions tls;
    private final SourceProxy proxy;
    /** Links seen by the last listing, so checksum files are fetched only where the page lists them. */
    private final Set<URI> seen = ConcurrentHashMap.newKeySet();
    private HttpTransport transport;

    public HttpIndexSource(URI index, boolean recursive, SourceAuth auth, TlsOptions tls) {
        this(index, recursive, auth, tls, null);
    }

    /** @param proxy the HTTP proxy, or null for direct connections */
    public HttpIndexSource(URI index, boolean recursive, SourceAuth auth, TlsOptions tls, SourceProxy proxy) {
        this.proxy = proxy;
        this.index = index;
        this.recursive = recursive;
        this.auth = auth == null ? SourceAuth.none() : auth;
        this.tls = tls == null ? TlsOptions.defaults() : tls;
    }

    private synchronized HttpTransport transport() throws IOException {
        if (transport == null) {
            transport = new HttpTransport(index, auth, tls, proxy);
        }
        return transport;
    }

    @Override
    public String describe() {
        return HttpTransport.display(index) + (recursive ? " (and pages below it)" : "");
    }

    @Override
    public List<VddkKit> list(Listener listener) throws IOException, InterruptedException {
        HttpTransport t = transport();
        if (t.sendsCredentialsInClear()) {
            listener.warn("Sending " + auth.describe() + " over plain http to " + index.getHost() + "; use https");
        }
        seen.clear();
        List<VddkKit> kits = new ArrayList<>();
        Set<String> kitUrls = new HashSet<>();
        Set<URI> visited = new HashSet<>();
        Deque<Page> queue = new ArrayDeque<>();
        queue.add(new Page(index, 0));
        while (!queue.isEmpty()) {
            Page next = queue.poll();
            URI page = next.uri();
            int depth = next.depth();
            if (!visited.add(page)) {
                continue;
            }
            if (visited.size() > MAX_PAGES) {
                listener.warn("Stopped after " + MAX_PAGES + " listing pages under " + describe());
                break;
            }
            HttpTransport.Text html;
            try {
                html = t.getText(page, MAX_PAGE_BYTES);
            } catch (FileNotFoundException e) {
                if (page.equals(index)) {
                    throw new FileNotFoundException("the kit listing " + HttpTransport.display(index)
                            + " does not exist (HTTP 404); check the URL");
                }
                listener.warn("Skipping " + HttpTransport.display(page) + ": not found");
                continue;
            } catch (IOException e) {
                if (page.equals(index)) {
                    throw e;
                }
                listener.warn("Skipping " + HttpTransport.display(page) + ": " + e.getMessage());
                continue;
            }
            // a listing asked for without its trailing slash redirects to it: links are relative to where it ended
            URI base = html.uri();
            List<URI> links = Links.extract(html.body(), base);
            listener.debug(HttpTransport.display(page) + ": " + links.size() + " links");
            seen.addAll(links);
            for (URI link : links) {
                String name = Links.fileName(link);
                Optional<VddkVersion> v = VddkVersion.fromFileName(name);
                if (v.isPresent()) {
                    if (kitUrls.add(link.toString())) {
                        kits.add(new VddkKit(name, v.get(), link.toString(), -1, null));
                    }
                } else if (recursive && depth < MAX_DEPTH && Links.isDirectory(link) && isBelow(link, base)) {
                    queue.add(new Page(link, depth + 1));
                }
            }
        }
        kits.sort(NEWEST_FIRST);
        return kits;
    }

    private record Page(URI uri, int depth) {
    }

    /** A link to a page strictly below {@code page}, on the same origin (not the parent, not a sort link). */
    private static boolean isBelow(URI link, URI page) {
        if (!HttpTransport.sameOrigin(page, link)) {
            return false;
        }
        String base = page.getPath() == null || page.getPath().isEmpty() ? "/" : page.getPath();
        if (!base.endsWith("/")) {
            base = base.substring(0, base.lastIndexOf('/') + 1);
        }
        return link.getPath().startsWith(base) && link.getPath().length() > base.length();
    }

    @Override
    public VddkKit details(VddkKit kit, Listener listener) throws IOException, InterruptedException {
        URI url = URI.create(kit.location());
        HttpTransport t = transport();
        VddkKit k = kit;
        if (k.size() < 0) {
            Optional<Long> len = t.contentLength(url);
            if (len.isPresent()) {
                k = k.withSize(len.get());
            }
        }
        if (k.sha256() != null) {
            return k;
        }
        List<URI> candidates = new ArrayList<>();
        String path = url.getRawPath();
        for (String suffix : Checksums.PER_KIT_SUFFIXES) {
            candidates.add(withPath(url, path + suffix));
        }
        for (String sums : Checksums.SUMS_FILES) {
            candidates.add(withPath(url, path.substring(0, path.lastIndexOf('/') + 1) + sums));
        }
        for (URI c : candidates) {
            // only what the listing links to (when we listed), so a poll does not probe for files that are not there
            if (!seen.isEmpty() && !seen.contains(c)) {
                continue;
            }
            boolean perKit = Checksums.PER_KIT_SUFFIXES.stream().anyMatch(s -> c.getRawPath().endsWith(kit.name() + s));
            String text;
            try {
                text = t.getText(c, Checksums.MAX_SIZE).body();
            } catch (FileNotFoundException e) {
                continue;
            } catch (IOException e) {
                listener.warn("Cannot read the checksum file " + HttpTransport.display(c) + ": " + e.getMessage());
                continue;
            }
            Optional<String> d = Checksums.find(text, kit.name(), perKit);
            if (d.isPresent()) {
                listener.debug("Checksum of " + kit.name() + " from " + HttpTransport.display(c));
                return k.withSha256(d.get());
            }
            if (perKit) {
                listener.warn("Ignoring " + HttpTransport.display(c) + ": no sha256 for " + kit.name() + " in it");
            }
        }
        return k;
    }

    private static URI withPath(URI u, String rawPath) {
        return URI.create(u.getScheme() + "://" + u.getRawAuthority() + rawPath);
    }

    @Override
    public Opened open(VddkKit kit) throws IOException, InterruptedException {
        return open(transport(), URI.create(kit.location()));
    }

    static Opened open(HttpTransport transport, URI url) throws IOException, InterruptedException {
        HttpTransport.Response r = transport.get(url);
        return new Opened(r.body(), r.headers().firstValueAsLong("Content-Length").orElse(-1));
    }
}
