package io.forkliftvddk.core.discovery;

import io.forkliftvddk.core.registry.InterruptibleBody;

import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.net.http.HttpTimeoutException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Flow;
import javax.net.ssl.SSLException;

/**
 * GETs and HEADs against an http(s) source. Redirects are followed here rather than by the client, so that
 * credentials go only to the origin they were given for (a repository redirecting a download to object storage must
 * not receive the user's password) and never over a downgrade from https to http.
 */
final class HttpTransport {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    /** Until the response headers arrive; a kit body may then take as long as it needs. */
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_REDIRECTS = 10;

    private final URI origin;
    private final SourceAuth auth;
    private final HttpClient client;

    HttpTransport(URI origin, SourceAuth auth, TlsOptions tls, SourceProxy proxy) throws IOException {
        this.origin = Objects.requireNonNull(origin, "origin");
        this.auth = auth == null ? SourceAuth.none() : auth;
        tls = tls == null ? TlsOptions.defaults() : tls;
        HttpClient.Builder b = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT);
        if ("https".equalsIgnoreCase(origin.getScheme()) || tls.insecure() || tls.caPem() != null) {
            b.sslContext(tls.sslContext());
        }
        if (proxy != null) {
            b.proxy(proxy.selector());
        }
        this.client = b.build();
    }

    /** Whether an http source will send credentials in the clear. */
    boolean sendsCredentialsInClear() {
        return !auth.isNone() && "http".equalsIgnoreCase(origin.getScheme()) && !isLoopback(origin.getHost());
    }

    static boolean isLoopback(String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }

    /** A response whose body the caller must close; {@code uri} is where it came from after redirects. */
    record Response(int statusCode, HttpHeaders headers, InputStream body, URI uri) {
    }

    /** A text body and the URL it finally came from (relative links resolve against that one). */
    record Text(String body, URI uri) {
    }

    /** A GET whose body the caller must close. 404 gives {@link FileNotFoundException}, other failures IOException. */
    Response get(URI uri) throws IOException, InterruptedException {
        Response r = send(uri, "GET");
        if (r.statusCode() / 100 != 2) {
            try (InputStream body = r.body()) {
                body.readNBytes(4096);
            }
            throw failure(uri, r.statusCode());
        }
        return r;
    }

    /** A small text body (listing page, checksum file), at most {@code maxBytes}. */
    Text getText(URI uri, int maxBytes) throws IOException, InterruptedException {
        Response r = get(uri);
        Charset cs = r.headers().firstValue("Content-Type").flatMap(HttpTransport::charset).orElse(StandardCharsets.UTF_8);
        try (InputStream in = r.body()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[16384];
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > maxBytes) {
                    throw new IOException(display(uri) + " is larger than " + maxBytes / 1024 + " KiB; is it a listing page?");
                }
                out.write(buf, 0, n);
            }
            return new Text(out.toString(cs), r.uri());
        } catch (IOException e) {
            throw interruptedOr(e);
        }
    }

    /** The size a HEAD reports, or empty when the server does not say (or refuses HEAD). */
    Optional<Long> contentLength(URI uri) throws InterruptedException {
        try {
            Response r = send(uri, "HEAD");
            r.body().close();
            if (r.statusCode() / 100 != 2) {
                return Optional.empty();
            }
            return r.headers().firstValueAsLong("Content-Length").stream().boxed().filter(l -> l >= 0).findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private Response send(URI start, String method) throws IOException, InterruptedException {
        URI uri = start;
        boolean credentialsAllowed = true;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            // once a redirect has left the origin, credentials stay off even if a later hop comes back
            credentialsAllowed = credentialsAllowed && sameOrigin(origin, uri);
            HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
                    .timeout(RESPONSE_TIMEOUT)
                    .header("User-Agent", "forklift-vddk")
                    .method(method, HttpRequest.BodyPublishers.noBody());
            String authz = credentialsAllowed ? auth.authorizationHeader() : null;
            if (authz != null) {
                rb.header("Authorization", authz);
            }
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> sent;
            try {
                sent = client.send(rb.build(), HttpResponse.BodyHandlers.ofPublisher());
            } catch (IOException e) {
                throw connectionFailure(uri, e);
            }
            InterruptibleBody body = new InterruptibleBody();
            sent.body().subscribe(body);
            Response r = new Response(sent.statusCode(), sent.headers(), body, uri);
            int status = r.statusCode();
            if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308) {
                r.body().close();
                Optional<String> location = r.headers().firstValue("Location");
                if (location.isEmpty()) {
                    throw new IOException(display(uri) + " answered HTTP " + status + " without a Location header");
                }
                URI next;
                try {
                    next = uri.resolve(new URI(location.get().strip()));
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    throw new IOException(display(uri) + " redirected to an invalid URL", e);
                }
                if ("https".equalsIgnoreCase(uri.getScheme()) && "http".equalsIgnoreCase(next.getScheme())) {
                    throw new IOException(display(uri) + " redirected from https to plain http (" + display(next)
                            + "); refusing the downgrade");
                }
                uri = next;
                continue;
            }
            return r;
        }
        throw new IOException(display(start) + ": more than " + MAX_REDIRECTS + " redirects");
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    private IOException failure(URI uri, int status) {
        String where = display(uri);
        return switch (status) {
            case 401 -> new IOException("HTTP 401 Unauthorized from " + where + ": "
                    + (auth.isNone() ? "the server wants credentials (give a username and password, or a token)"
                    : "the server refused the credentials (" + auth.describe() + ")"));
            case 403 -> new IOException("HTTP 403 Forbidden from " + where + ": "
                    + (auth.isNone() ? "access denied without credentials" : "the " + auth.describe() + " may not read it"));
            case 404, 410 -> new FileNotFoundException("HTTP " + status + " Not Found: " + where);
            default -> new IOException("HTTP " + status + " from " + where);
        };
    }

    private static IOException connectionFailure(URI uri, IOException e) {
        String why;
        if (e instanceof HttpConnectTimeoutException) {
            why = "connection timed out";
        } else if (e instanceof HttpTimeoutException) {
            why = "no response within " + RESPONSE_TIMEOUT.toSeconds() + " s";
        } else if (e instanceof ConnectException) {
            why = "connection refused";
        } else if (e instanceof SSLException || e.getCause() instanceof SSLException) {
            why = "TLS failure (" + e.getMessage() + "); give the server's CA certificate, or skip verification if you"
                    + " accept the risk";
        } else {
            why = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        return new IOException("cannot reach " + display(uri) + ": " + why, e);
    }

    /** An interrupted read surfaces as an IOException from java.net.http; give it back as an interrupt. */
    static IOException interruptedOr(IOException e) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            Thread.interrupted();
            InterruptedException ie = new InterruptedException("interrupted");
            ie.initCause(e);
            throw ie;
        }
        return e;
    }

    /** A URL for messages: no query string (signed download URLs carry tokens there), no user info. */
    static String display(URI u) {
        StringBuilder sb = new StringBuilder();
        sb.append(u.getScheme()).append("://").append(u.getHost());
        if (u.getPort() >= 0) {
            sb.append(':').append(u.getPort());
        }
        sb.append(u.getRawPath() == null ? "" : u.getRawPath());
        return sb.toString();
    }

    private static Optional<Charset> charset(String contentType) {
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.toLowerCase(Locale.ROOT).startsWith("charset=")) {
                try {
                    return Optional.of(Charset.forName(p.substring(8).replace("\"", "").strip()));
                } catch (IllegalArgumentException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
