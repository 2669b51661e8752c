package io.forkliftvddk.core.discovery;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where to look for kits: a local directory or an http(s) listing page, with its credentials and TLS settings.
 * Serializable so a Jenkins controller can hand it to an agent.
 *
 * @param location  a directory path, or an http(s) URL of a listing page
 * @param recursive also look in subdirectories (for a URL: linked pages below the listing's path, a few levels deep)
 * @param proxy     the HTTP proxy for a URL source, or null for a direct connection
 */
public record SourceSpec(String location, boolean recursive, SourceAuth auth, TlsOptions tls, SourceProxy proxy)
        implements Serializable {

    public SourceSpec {
        Objects.requireNonNull(location, "location");
        location = location.strip();
        if (location.isEmpty()) {
            throw new IllegalArgumentException("the kit source is empty: give a directory or an http(s) URL of a listing page");
        }
        auth = auth == null ? SourceAuth.none() : auth;
        tls = tls == null ? TlsOptions.defaults() : tls;
        if (isUrl(location)) {
            uri(location);
        } else if (location.contains("://")) {
            throw new IllegalArgumentException("unsupported kit source '" + location
                    + "': only http://, https:// and local directories are supported");
        } else if (!auth.isNone()) {
            throw new IllegalArgumentException("credentials apply to http(s) sources only, not to the directory " + location);
        }
    }

    public static SourceSpec of(String location) {
        return new SourceSpec(location, false, null, null, null);
    }

    public SourceSpec withRecursive(boolean r) {
        return new SourceSpec(location, r, auth, tls, proxy);
    }

    public SourceSpec withAuth(SourceAuth a) {
        return new SourceSpec(location, recursive, a, tls, proxy);
    }

    public SourceSpec withTls(TlsOptions t) {
        return new SourceSpec(location, recursive, auth, t, proxy);
    }

    public SourceSpec withProxy(SourceProxy p) {
        return new SourceSpec(location, recursive, auth, tls, p);
    }

    public boolean isUrl() {
        return isUrl(location);
    }

    static boolean isUrl(String text) {
        String l = text.toLowerCase(Locale.ROOT);
        return l.startsWith("http://") || l.startsWith("https://");
    }

    /** The problem with a source text, or empty; for form checks. */
    public static Optional<String> problem(String location) {
        try {
            of(location == null ? "" : location);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    static URI uri(String text) {
        try {
            URI u = new URI(text);
            if (u.getHost() == null || u.getHost().isEmpty()) {
                throw new IllegalArgumentException("the URL '" + text + "' has no host");
            }
            if (u.getUserInfo() != null) {
                throw new IllegalArgumentException("the URL has credentials in it; pass them as a username and password instead");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("invalid URL '" + text + "': " + e.getReason(), e);
        }
    }

    /** Opens the source this spec describes. */
    public KitSource open() {
        if (isUrl()) {
            return new HttpIndexSource(uri(location), recursive, auth, tls, proxy);
        }
        return new DirectorySource(Path.of(location), recursive);
    }

    /** For logs: the location and how it is accessed, never a secret. */
    public String describe() {
        return location + (recursive ? " (recursive)" : "") + (isUrl() && !auth.isNone() ? " with " + auth.describe() : "");
    }
}
