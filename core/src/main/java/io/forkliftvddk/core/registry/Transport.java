package io.forkliftvddk.core.registry;

import io.forkliftvddk.core.spi.Listener;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * HTTP for the registry client: requests over {@link Http11} (TLS mode per host), the scheme probe ({@code GET /v2/}),
 * authentication (Basic, Bearer token challenges with a token cache per scope), retries with backoff, and error
 * messages that name the registry, the step and the status. Nothing here logs or throws a header value.
 */
final class Transport implements AutoCloseable {

    /** A request body: none, bytes (replayable), or a one-shot stream of known length. */
    record Body(byte[] bytes, InputStream stream, long length) {
        static final Body NONE = new Body(null, null, 0);

        static Body of(byte[] bytes) {
            return new Body(bytes, null, bytes.length);
        }

        static Body of(InputStream stream, long length) {
            return new Body(null, stream, length);
        }

        boolean replayable() {
            return stream == null;
        }
    }

    /** How a response body is handed to the caller. */
    @FunctionalInterface
    interface BodyMode<T> {
        T take(InputStream body) throws IOException;
    }

    /** The whole body in memory (registry answers, manifests, configs). */
    static final BodyMode<byte[]> BYTES = in -> {
        try (in) {
            return in.readAllBytes();
        }
    };
    /** The body as a stream (blobs): the caller closes it; a read stops on an interrupt. */
    static final BodyMode<InputStream> STREAM = in -> in;
    /** No body wanted. */
    static final BodyMode<Void> DISCARD = in -> {
        in.close();
        return null;
    };

    /**
     * One request.
     *
     * @param uri        absolute, or a path resolved against the host's probed base
     * @param repository whose credentials apply (auth files may key by namespace)
     * @param scopes     token scopes ({@code repository:name:pull,push})
     */
    record Req(String method, URI uri, Map<String, String> headers, Body body, String repository, List<String> scopes,
               Duration timeout) {
    }

    @FunctionalInterface
    interface Attempt<T> {
        T run() throws IOException, InterruptedException;
    }

    private final RegistryOptions options;
    private final AuthFile authFile;
    private final Listener listener;
    private final Http11 http;
    private final Map<String, HostState> hosts = new ConcurrentHashMap<>();

    Transport(RegistryOptions options, AuthFile authFile) {
        this.options = options;
        this.authFile = authFile;
        this.listener = options.listener();
        this.http = new Http11(options.connectTimeout(), options.requestTimeout(), options.proxy());
    }

    RegistryOptions options() {
        return options;
    }

    Listener listener() {
        return listener;
    }

    HostState host(String registry) {
        String key = RegistryOptions.key(registry);
        return hosts.computeIfAbsent(key, k -> new HostState(k, options.tls(k)));
    }

    /** The API host for a reference host (Docker Hub's API lives elsewhere). */
    static String apiHost(String registry) {
        return RegistryOptions.key(registry).equals("docker.io") ? "registry-1.docker.io" : registry;
    }

    Optional<RegistryCredentials> credentials(String registry, String repository) {
        RegistryCredentials explicit = options.explicitCredentials(registry);
        if (explicit != null) {
            return Optional.of(explicit);
        }
        return authFile == null ? Optional.empty() : authFile.find(registry, repository);
    }

    // ---------------------------------------------------------------------------------------------------- probing

    /** Finds the scheme (https, or http where allowed) and the authentication challenge with {@code GET /v2/}. */
    void probe(HostState h, String step) throws IOException, InterruptedException {
        if (h.base != null) {
            return;
        }
        synchronized (h.probeLock) {
            if (h.base != null) {
                return;
            }
            String api = apiHost(h.registry);
            boolean loopback = Hosts.isLoopback(api);
            List<String> schemes = new ArrayList<>();
            if (loopback && h.tls.mode() == RegistryTls.Mode.VERIFY) {
                // like docker and podman: loopback registries are usually plain http test registries
                schemes.add("http");
                schemes.add("https");
            } else {
                schemes.add("https");
                if (loopback || h.tls.isInsecure()) {
                    schemes.add("http");
                }
            }
            IOException first = null;
            for (int i = 0; i < schemes.size(); i++) {
                String scheme = schemes.get(i);
                boolean last = i == schemes.size() - 1;
                URI base = URI.create(scheme + "://" + api);
                Response<byte[]> r;
                try {
                    r = exchange(h.tls, "GET", base.resolve("/v2/"), Map.of("User-Agent", options.userAgent()),
                            Body.NONE, options.requestTimeout(), BYTES);
                } catch (IOException e) {
                    if (isCertificateProblem(e)) {
                        throw tlsFailure(h, step, e);
                    }
                    if (e instanceof ConnectException || e instanceof UnknownHostException || last) {
                        // a TLS error after a failed plain attempt only says "not TLS": the plain failure is the news
                        throw first != null && e instanceof SSLException ? first : e;
                    }
                    first = e;
                    listener.debug("GET " + scheme + "://" + api + "/v2/ failed (" + describe(e) + "), trying "
                            + schemes.get(i + 1));
                    continue;
                }
                listener.debug("GET " + scheme + "://" + api + "/v2/ -> " + r.statusCode());
                if (scheme.equals("http") && r.statusCode() == 400
                        && new String(r.body(), StandardCharsets.UTF_8).contains("HTTPS")) {
                    // a TLS server answering a plain request: "Client sent an HTTP request to an HTTPS server."
                    if (!last) {
                        continue;
                    }
                    if (first != null) {
                        throw first; // https was tried first and failed: that is the problem to report
                    }
                    throw new RegistryException(RegistryException.Kind.TLS, h.registry, step, 400, null,
                            step + " failed: registry " + h.registry + " speaks https only", null);
                }
                if (r.statusCode() >= 500 || r.statusCode() == 429) {
                    throw new TransientFailure("registry " + h.registry + " answered HTTP " + r.statusCode(),
                            r.statusCode(), null, retryAfter(r));
                }
                if (r.statusCode() == 401) {
                    h.challenge = Challenge.preferred(Challenge.parse(r.headers().firstValue("WWW-Authenticate").orElse(null)));
                }
                h.base = base;
                return;
            }
            throw first != null ? first : new IOException("no scheme to try for " + h.registry);
        }
    }

    // ------------------------------------------------------------------------------------------------- requests

    /**
     * Sends one request with authentication: preemptive when the host's challenge is known, and after a 401 once
     * more with new credentials or a token for the challenged scope. Returns any other status to the caller.
     */
    <T> Response<T> send(HostState h, Req req, BodyMode<T> mode, String step)
            throws IOException, InterruptedException {
        probe(h, step);
        URI uri = req.uri().isAbsolute() ? req.uri() : h.base.resolve(req.uri());
        Optional<RegistryCredentials> creds = credentials(h.registry, req.repository());
        String lastAuthorization = null;
        List<String> scopes = req.scopes();
        for (int round = 0; ; round++) {
            String authorization = authorization(h, creds, scopes, round > 0, step);
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("User-Agent", options.userAgent());
            headers.putAll(req.headers());
            if (authorization != null) {
                headers.put("Authorization", authorization);
            }
            Response<T> r = exchange(h.tls, req.method(), uri, headers, req.body(),
                    req.timeout() != null ? req.timeout() : options.requestTimeout(), mode);
            listener.debug(req.method() + " " + h.registry + uri.getRawPath() + " -> " + r.statusCode());
            if (r.statusCode() != 401) {
                return r;
            }
            drain(r);
            Challenge challenge = Challenge.preferred(Challenge.parse(r.headers().firstValue("WWW-Authenticate").orElse(null)));
            if (challenge == null) {
                throw authFailure(h, step, creds.isPresent(), 401);
            }
            h.challenge = challenge;
            if (challenge.isBasic() && creds.isEmpty()) {
                throw authFailure(h, step, false, 401);
            }
            boolean sameAgain = authorization != null && authorization.equals(lastAuthorization);
            if (round >= 2 || sameAgain || (challenge.isBasic() && authorization != null)) {
                throw authFailure(h, step, creds.isPresent(), 401);
            }
            lastAuthorization = authorization;
            if (challenge.isBearer() && challenge.param("scope") != null) {
                TreeSet<String> merged = new TreeSet<>(scopes);
                merged.addAll(List.of(challenge.param("scope").split(" ")));
                scopes = List.copyOf(merged);
            }
            if (!req.body().replayable()) {
                // the stream is consumed; the caller restarts the upload, now with working credentials
                if (authorization(h, creds, scopes, true, step) != null) {
                    throw new TransientFailure("registry " + h.registry + " asked for new credentials", 401, null, Duration.ZERO);
                }
                throw authFailure(h, step, creds.isPresent(), 401);
            }
        }
    }

    private String authorization(HostState h, Optional<RegistryCredentials> creds, List<String> scopes, boolean refresh,
                                 String step) throws IOException, InterruptedException {
        Challenge c = h.challenge;
        if (c == null) {
            return null;
        }
        if (c.isBasic()) {
            return creds.isPresent() ? creds.get().basicHeader() : null;
        }
        if (!c.isBearer()) {
            return null;
        }
        String key = c.param("realm") + "|" + c.param("service") + "|" + String.join(" ", new TreeSet<>(scopes))
                + "|" + (creds.isPresent() ? creds.get().username() : "");
        HostState.Token cached = h.tokens.get(key);
        if (!refresh && cached != null && cached.valid(Instant.now())) {
            return "Bearer " + cached.value();
        }
        HostState.Token token = fetchToken(h, c, creds, scopes, step);
        h.tokens.put(key, token);
        return "Bearer " + token.value();
    }

    private HostState.Token fetchToken(HostState h, Challenge c, Optional<RegistryCredentials> creds, List<String> scopes,
                                       String step) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder();
        if (c.param("service") != null) {
            query.append("service=").append(URLEncoder.encode(c.param("service"), StandardCharsets.UTF_8));
        }
        for (String scope : new TreeSet<>(scopes)) {
            query.append(query.length() > 0 ? "&" : "").append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
        }
        URI realm;
        try {
            realm = URI.create(c.param("realm"));
        } catch (IllegalArgumentException e) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, h.registry, step, 401, null,
                    step + " failed: registry " + h.registry + " sent an invalid token realm", null);
        }
        if (!"https".equals(realm.getScheme()) && !("http".equals(realm.getScheme())
                && (Hosts.isLoopback(realm.getAuthority()) || options.tls(realm.getAuthority()).isInsecure()
                    || h.base.getScheme().equals("http")))) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, h.registry, step, 401, null,
                    step + " failed: registry " + h.registry + " points to a token service over plain http ("
                            + realm.getAuthority() + "); allow insecure TLS for that host to use it", null);
        }
        URI uri = URI.create(realm + (query.length() == 0 ? "" : (realm.getRawQuery() == null ? "?" : "&") + query));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", options.userAgent());
        if (creds.isPresent()) {
            headers.put("Authorization", creds.get().basicHeader());
        }
        RegistryTls tls = realm.getAuthority() != null ? options.tls(realm.getAuthority()) : h.tls;
        Response<byte[]> r = exchange(tls, "GET", uri, headers, Body.NONE, options.requestTimeout(), BYTES);
        listener.debug("GET " + realm.getAuthority() + realm.getRawPath() + " (token for " + String.join(" ", scopes)
                + ") -> " + r.statusCode());
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw authFailure(h, step, creds.isPresent(), r.statusCode());
        }
        if (r.statusCode() >= 500 || r.statusCode() == 429) {
            throw new TransientFailure("the token service of registry " + h.registry + " answered HTTP " + r.statusCode(),
                    r.statusCode(), null, retryAfter(r));
        }
        if (r.statusCode() != 200) {
            throw new RegistryException(RegistryException.Kind.AUTHENTICATION, h.registry, step, r.statusCode(), null,
                    step + " failed: the token service of registry " + h.registry + " answered HTTP " + r.statusCode(), null);
        }
        var json = Json.parseObject(r.body(), "token response of " + realm.getAuthority());
        String value = json.hasNonNull("token") ? json.get("token").asText()
                : json.hasNonNull("access_token") ? json.get("access_token").asText() : null;
        if (value == null || value.isEmpty()) {
            throw new RegistryException(RegistryException.Kind.PROTOCOL, h.registry, step, 200, null,
                    step + " failed: the token service of registry " + h.registry + " returned no token", null);
        }
        long expiresIn = json.hasNonNull("expires_in") ? json.get("expires_in").asLong(60) : 60;
        // renew a little early so a long upload does not start with a token about to expire
        Instant expires = Instant.now().plusSeconds(Math.max(10, expiresIn - 10));
        return new HostState.Token(value, expires);
    }

    private RegistryException authFailure(HostState h, String step, boolean hadCredentials, int status) {
        String message = hadCredentials
                ? "authentication failed for registry " + h.registry + " (check the username/password or auth file)"
                : "registry " + h.registry + " requires authentication, and no credentials were given for it"
                        + " (pass a username and password or an auth file)";
        return new RegistryException(RegistryException.Kind.AUTHENTICATION, h.registry, step, status, null,
                message + " while " + step, null);
    }

    /**
     * Sends one request and takes its body as asked. An interrupt closes the connection (its socket channel is
     * interruptible), which ends a blocked write or read at once; it is reported as InterruptedException.
     */
    <T> Response<T> exchange(RegistryTls tls, String method, URI uri, Map<String, String> headers, Body body,
                             Duration timeout, BodyMode<T> mode) throws IOException, InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        try {
            Response<InputStream> r = http.exchange(method, uri, tls, headers, body, timeout);
            return r.withBody(mode.take(r.body()));
        } catch (IOException e) {
            if (Thread.interrupted()) {
                InterruptedException ie = new InterruptedException("interrupted during " + method + " " + uri.getRawPath());
                ie.initCause(e);
                throw ie;
            }
            throw e;
        }
    }

    // --------------------------------------------------------------------------------------------------- retries

    /**
     * Runs an attempt with the retry policy. Transient failures (5xx, 429, dropped connections, timeouts) are retried
     * with backoff; after the last attempt, and for failures that retrying cannot fix, a RegistryException naming
     * the registry and the step is thrown.
     */
    <T> T retrying(HostState h, String step, Attempt<T> attempt) throws IOException, InterruptedException {
        RetryPolicy policy = options.retry();
        for (int n = 1; ; n++) {
            IOException failure;
            try {
                return attempt.run();
            } catch (InterruptedException e) {
                InterruptedException named = new InterruptedException(step + " was interrupted");
                named.initCause(e);
                throw named;
            } catch (RegistryException e) {
                throw e;
            } catch (InterruptedIOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    InterruptedException ie = new InterruptedException(step + " was interrupted");
                    ie.initCause(e);
                    throw ie;
                }
                failure = e; // a socket timeout: worth another attempt
            } catch (IOException e) {
                SourceMismatch mismatch = find(e, SourceMismatch.class);
                if (mismatch != null) {
                    throw new RegistryException(RegistryException.Kind.INTEGRITY, h.registry, step, -1, null,
                            step + " failed: " + mismatch.getMessage(), e);
                }
                if (!isRetryable(e)) {
                    throw mapFinal(h, step, e, n);
                }
                failure = e;
            }
            if (n >= policy.maxAttempts()) {
                throw mapFinal(h, step, failure, n);
            }
            Duration wait = policy.backoff(n);
            if (failure instanceof TransientFailure t && t.retryAfter != null && t.retryAfter.compareTo(wait) > 0) {
                wait = t.retryAfter.compareTo(policy.maxBackoff()) > 0 ? policy.maxBackoff() : t.retryAfter;
            }
            listener.debug(step + ": " + describe(failure) + "; retrying in " + wait.toMillis() + " ms (attempt "
                    + (n + 1) + " of " + policy.maxAttempts() + ")");
            if (!wait.isZero()) {
                Thread.sleep(wait.toMillis());
            }
        }
    }

    private static boolean isRetryable(IOException e) {
        if (e instanceof TransientFailure) {
            return true;
        }
        return !(isCertificateProblem(e) || find(e, UnknownHostException.class) != null);
    }

    /** The final error: names the registry, the step, the status or connection problem, and the attempts. */
    RegistryException mapFinal(HostState h, String step, IOException e, int attempts) {
        if (e instanceof RegistryException re) {
            return re;
        }
        String after = attempts > 1 ? " (after " + attempts + " attempts)" : "";
        if (e instanceof TransientFailure t) {
            return new RegistryException(RegistryException.Kind.PROTOCOL, h.registry, step, t.status, t.errorCode,
                    step + " failed: " + t.getMessage() + after, e);
        }
        if (isCertificateProblem(e)) {
            return tlsFailure(h, step, e);
        }
        if (find(e, ConnectException.class) != null) {
            return new RegistryException(RegistryException.Kind.CONNECTION, h.registry, step, -1, null,
                    step + " failed: cannot connect to registry " + h.registry + " (connection refused"
                            + (options.proxy() != null ? " or proxy unreachable" : "") + ")" + after, e);
        }
        if (find(e, UnknownHostException.class) != null) {
            return new RegistryException(RegistryException.Kind.CONNECTION, h.registry, step, -1, null,
                    step + " failed: registry host " + Hosts.hostOnly(apiHost(h.registry)) + " is unknown (DNS lookup failed)", e);
        }
        if (find(e, SocketTimeoutException.class) != null) {
            return new RegistryException(RegistryException.Kind.CONNECTION, h.registry, step, -1, null,
                    step + " failed: registry " + h.registry + " did not answer in time" + after, e);
        }
        if (find(e, SSLException.class) != null) {
            return new RegistryException(RegistryException.Kind.TLS, h.registry, step, -1, null,
                    step + " failed: TLS with registry " + h.registry + " failed (" + describe(e) + ")" + after, e);
        }
        return new RegistryException(RegistryException.Kind.CONNECTION, h.registry, step, -1, null,
                step + " failed: the connection to registry " + h.registry + " broke (" + describe(e) + ")" + after, e);
    }

    private RegistryException tlsFailure(HostState h, String step, IOException e) {
        String hint = h.tls.mode() == RegistryTls.Mode.CA_BUNDLE
                ? "the given CA file(s) " + h.tls.caBundles() + " do not vouch for it"
                : "use a CA certificate file for it, or skip TLS verification (insecure) for a test registry";
        return new RegistryException(RegistryException.Kind.TLS, h.registry, step, -1, null,
                step + " failed: the TLS certificate of registry " + h.registry + " is not trusted ("
                        + describe(e) + "); " + hint, e);
    }

    static boolean isCertificateProblem(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateException || t instanceof CertPathBuilderException
                    || t instanceof CertPathValidatorException) {
                return true;
            }
            if (t instanceof SSLHandshakeException && t.getMessage() != null) {
                String m = t.getMessage().toLowerCase(Locale.ROOT);
                if (m.contains("pkix") || m.contains("certificate") || m.contains("subject alternative")) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static <X extends Throwable> X find(Throwable e, Class<X> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** A short description of an I/O failure for messages: the innermost useful message, or the exception type. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getMessage();
        }
        if (m == null || m.isBlank()) {
            return root.getClass().getSimpleName();
        }
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }

    static Duration retryAfter(Response<?> r) {
        Optional<String> v = r.headers().firstValue("Retry-After");
        if (v.isPresent()) {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(v.get().trim())));
            } catch (NumberFormatException e) {
                return null; // an HTTP date: use our own backoff
            }
        }
        return null;
    }

    /**
     * The {@code code: message} pairs of a distribution error body ({@code {"errors":[{"code":…,"message":…}]}}).
     * Read with a pattern rather than Jackson: this runs on the cold path's first 404 (a tag that does not exist
     * yet), and Jackson's first use in the JVM costs ~150 ms of the CLI's start-up for two strings.
     */
    static String errorDetails(byte[] body) {
        if (body == null || body.length == 0 || body.length > 64 * 1024) {
            return null;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.contains("\"errors\"")) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        String code = null;
        java.util.regex.Matcher m = ErrorField.PATTERN.matcher(text);
        while (m.find()) {
            String value = unescape(m.group(2));
            if (m.group(1).equals("code")) {
                if (code != null) {
                    appendError(sb, code, "");
                }
                code = value;
            } else if (code != null) {
                appendError(sb, code, value);
                code = null;
            }
        }
        if (code != null) {
            appendError(sb, code, "");
        }
        if (sb.length() == 0) {
            return null;
        }
        return sb.length() > 300 ? sb.substring(0, 300) + "…" : sb.toString();
    }

    /** Compiled when an error body is read, not with the class (a regex costs a fresh JVM milliseconds). */
    private static final class ErrorField {
        static final java.util.regex.Pattern PATTERN =
                java.util.regex.Pattern.compile("\"(code|message)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    }

    private static void appendError(StringBuilder sb, String code, String message) {
        if (sb.length() > 0) {
            sb.append("; ");
        }
        sb.append(code.isEmpty() ? "?" : code);
        if (!message.isEmpty()) {
            sb.append(": ").append(message);
        }
    }

    /** JSON string escapes: the registry's messages are plain text, but quotes and slashes do occur. */
    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 >= s.length()) {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (i + 4 < s.length()) {
                        try {
                            out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                            i += 4;
                        } catch (NumberFormatException x) {
                            out.append("\\u");
                        }
                    } else {
                        out.append("\\u");
                    }
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    static String errorCode(byte[] body) {
        String d = errorDetails(body);
        if (d == null) {
            return null;
        }
        int colon = d.indexOf(':');
        int semi = d.indexOf(';');
        int end = colon < 0 ? (semi < 0 ? d.length() : semi) : (semi < 0 ? colon : Math.min(colon, semi));
        return d.substring(0, end);
    }

    /**
     * Checks a response's status: returns for an expected one, throws a TransientFailure for 5xx/429/408 and a
     * RegistryException otherwise.
     */
    void expect(HostState h, String step, Response<byte[]> r, int... expected) throws IOException {
        int s = r.statusCode();
        for (int e : expected) {
            if (s == e) {
                return;
            }
        }
        String details = errorDetails(r.body());
        String code = errorCode(r.body());
        String text = "registry " + h.registry + " answered HTTP " + s + (details != null ? " (" + details + ")" : "");
        if (s >= 500 || s == 429 || s == 408) {
            throw new TransientFailure(text, s, code, retryAfter(r));
        }
        boolean integrity = "DIGEST_INVALID".equals(code) || "SIZE_INVALID".equals(code);
        RegistryException.Kind kind = integrity ? RegistryException.Kind.INTEGRITY : switch (s) {
            case 401, 403 -> RegistryException.Kind.AUTHENTICATION;
            case 404 -> RegistryException.Kind.NOT_FOUND;
            default -> RegistryException.Kind.PROTOCOL;
        };
        String hint = s == 403 ? "; the account may lack the rights for this repository"
                : integrity ? "; the uploaded bytes do not match the digest (was the file changed while uploading?)" : "";
        throw new RegistryException(kind, h.registry, step, s, code, step + " failed: " + text + hint, null);
    }

    private static void drain(Response<?> r) {
        if (r.body() instanceof InputStream in) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the connection is dropped instead of reused
            }
        }
    }

    @Override
    public void close() {
        http.close();
        hosts.clear();
    }
}
