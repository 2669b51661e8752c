package io.forkliftvddk.core.registry;

import io.forkliftvddk.core.image.Platform;
import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.spi.Listener;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client for the OCI distribution API (docker registry v2), for pushing images without a container runtime and
 * reading them back.
 *
 * <p>Every operation takes {@link ImageReference}s; for blob operations only the registry and repository of the
 * reference matter. Operations are thread-safe and may run in parallel (for example several base layers at once).
 * Every method that talks to a registry throws {@link RegistryException} (an IOException) with a message naming the
 * registry, the step and the HTTP status, and {@link InterruptedException} when the calling thread is interrupted:
 * the request in flight is aborted and nothing is committed (an upload is only committed by its final PUT).
 *
 * <pre>{@code
 * try (RegistryClient registry = RegistryClient.create(RegistryOptions.builder()
 *         .credentials("quay.io", RegistryCredentials.of("user", password))
 *         .listener(listener).build())) {
 *     ImageReference target = ImageReference.parse("quay.io/org/vddk:8.0.1");
 *     String layer = registry.uploadBlob(target, kitSha256, kitSize, BlobSource.of(kit), "kit layer");
 *     String digest = registry.putManifest(target, MediaTypes.OCI_MANIFEST, manifestBytes);
 * }
 * }</pre>
 */
public final class RegistryClient implements AutoCloseable {

    /** How {@link #copyBlob} got the blob into the target repository. */
    public enum CopyOutcome { ALREADY_PRESENT, MOUNTED, UPLOADED }

    /** Registries reject bigger manifests (distribution: 4 MiB); a bigger answer is not a manifest. */
    static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

    /** Compiled when tags are listed, not with the class (a regex costs a fresh JVM milliseconds). */
    private static final class NextLink {
        static final Pattern PATTERN = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    }

    private final Transport transport;
    private final Listener listener;

    private RegistryClient(Transport transport) {
        this.transport = transport;
        this.listener = transport.listener();
    }

    /**
     * A client with these options. Reads the auth file, if one is given.
     *
     * @throws IOException naming the auth file when it is missing or malformed
     */
    public static RegistryClient create(RegistryOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        AuthFile authFile = options.authFile() == null ? null : AuthFile.read(options.authFile());
        if (authFile != null && authFile.usesCredentialHelpers()) {
            options.listener().debug("auth file " + authFile.file()
                    + " names credential helpers (credsStore/credHelpers); they are not run, only its \"auths\" are used");
        }
        return new RegistryClient(new Transport(options, authFile));
    }

    // ------------------------------------------------------------------------------------------------------ blobs

    /** Whether the repository has the blob ({@code HEAD /v2/<repo>/blobs/<digest>}). */
    public boolean blobExists(ImageReference repository, String digest) throws IOException, InterruptedException {
        Digests.requireSha256(digest);
        HostState h = transport.host(repository.registry());
        String step = "checking blob " + shortDigest(digest) + " in " + repository.name();
        return transport.retrying(h, step, () -> {
            Response<byte[]> r = transport.send(h, req(h, "HEAD", blobPath(repository, digest), repository, pull(repository)),
                    Transport.BYTES, step);
            if (r.statusCode() == 404) {
                return false;
            }
            transport.expect(h, step, r, 200);
            return true;
        });
    }

    /**
     * Mounts a blob from another repository of the same registry ({@code POST ?mount=&from=}), which copies nothing.
     * Returns false when the registry declined (it does when the caller may not read {@code from}, or the blob is not
     * there) or when the two repositories are on different registries; the caller then uploads.
     */
    public boolean mountBlob(ImageReference target, String digest, ImageReference from) throws IOException, InterruptedException {
        Digests.requireSha256(digest);
        if (!RegistryOptions.key(target.registry()).equals(RegistryOptions.key(from.registry()))) {
            return false;
        }
        HostState h = transport.host(target.registry());
        String step = "mounting blob " + shortDigest(digest) + " from " + from.name() + " into " + target.name();
        return transport.retrying(h, step, () -> {
            String path = "/v2/" + target.repository() + "/blobs/uploads/?mount=" + enc(digest) + "&from=" + enc(from.repository());
            List<String> scopes = new ArrayList<>(push(target));
            if (!from.repository().equals(target.repository())) {
                scopes.add("repository:" + from.repository() + ":pull");
            }
            Response<byte[]> r = transport.send(h, req(h, "POST", path, target, scopes), Transport.BYTES, step);
            if (r.statusCode() == 201) {
                return true;
            }
            if (r.statusCode() == 202) {
                // the registry opened an ordinary upload session instead; close it, the caller uploads
                Optional<String> location = r.headers().firstValue("Location");
                if (location.isPresent()) {
                    cancelSession(h, target, location.get());
                }
                return false;
            }
            transport.expect(h, step, r, 201);
            return false;
        });
    }

    /**
     * Uploads a blob unless the repository has it already, streaming it once per attempt: with a known digest as
     * {@code POST} + one {@code PUT ?digest=} carrying the bytes; without, as {@code POST}, {@code PATCH} chunks
     * ({@link RegistryOptions.Builder#chunkSize}) and a closing {@code PUT ?digest=} with the digest computed while
     * streaming. A broken attempt restarts from the first byte (the source is opened again). Progress goes to the
     * listener as {@code progressName} (bytes sent / size).
     *
     * @param digest the blob's {@code sha256:…} when known (then checked while streaming), else null
     * @param size   exact byte count of the source
     * @return the blob's digest
     * @throws RegistryException of kind INTEGRITY when the source does not match {@code size} or {@code digest}
     */
    public String uploadBlob(ImageReference target, String digest, long size, BlobSource source, String progressName)
            throws IOException, InterruptedException {
        if (digest != null) {
            Digests.requireSha256(digest);
            if (blobExists(target, digest)) {
                listener.debug("blob " + shortDigest(digest) + " already in " + target.name() + ", not uploaded");
                if (progressName != null) {
                    listener.progress(progressName, size, size);
                }
                return digest;
            }
        }
        return upload(target, digest, size, source, progressName);
    }

    private String upload(ImageReference target, String digest, long size, BlobSource source, String progressName)
            throws IOException, InterruptedException {
        if (size < 0) {
            throw new IllegalArgumentException("blob size must be known and not negative, got " + size);
        }
        HostState h = transport.host(target.registry());
        String step = "uploading blob " + (digest != null ? shortDigest(digest) + " " : "") + "to " + target.name();
        return transport.retrying(h, step, () -> {
            // open the source first: a source that fails leaves no upload session behind
            InputStream in = source.open();
            URI location = null;
            try {
                location = startSession(h, target, step);
            } finally {
                if (location == null) {
                    in.close();
                }
            }
            try (UploadStream upload = new UploadStream(in, size, digest, listener, progressName, 0, size)) {
                if (progressName != null) {
                    listener.progress(progressName, 0, size);
                }
                if (digest != null) {
                    return finish(h, target, step, location, digest, Transport.Body.of(upload, size), size);
                }
                long chunk = transport.options().chunkSize();
                long sent = 0;
                while (sent < size) {
                    long length = Math.min(chunk, size - sent);
                    Map<String, String> headers = Map.of("Content-Type", "application/octet-stream",
                            "Content-Range", sent + "-" + (sent + length - 1));
                    Transport.Req patch = new Transport.Req("PATCH", location, headers,
                            Transport.Body.of(upload.chunk(length), length), target.repository(), push(target),
                            uploadTimeout(length));
                    Response<byte[]> r = transport.send(h, patch, Transport.BYTES, step);
                    transport.expect(h, step, r, 202, 204);
                    location = nextLocation(h, step, location, r);
                    sent += length;
                }
                if (size == 0) {
                    upload.read(new byte[1], 0, 1); // completes the empty stream: checks the source and digest
                }
                return finish(h, target, step, location, upload.digest(), Transport.Body.NONE, 0);
            }
        });
    }

    private URI startSession(HostState h, ImageReference target, String step) throws IOException, InterruptedException {
        Response<byte[]> r = transport.send(h, req(h, "POST", "/v2/" + target.repository() + "/blobs/uploads/", target, push(target)),
                Transport.BYTES, step);
        transport.expect(h, step, r, 202);
        return nextLocation(h, step, null, r);
    }

    private String finish(HostState h, ImageReference target, String step, URI location, String digest,
                          Transport.Body body, long length) throws IOException, InterruptedException {
        URI put = URI.create(location + (location.getRawQuery() == null ? "?" : "&") + "digest=" + enc(digest));
        Transport.Req req = new Transport.Req("PUT", put, Map.of("Content-Type", "application/octet-stream"), body,
                target.repository(), push(target), uploadTimeout(length));
        Response<byte[]> r = transport.send(h, req, Transport.BYTES, step);
        transport.expect(h, step, r, 201, 204);
        String answered = r.headers().firstValue("Docker-Content-Digest").orElse(digest);
        if (!answered.equals(digest)) {
            throw new RegistryException(RegistryException.Kind.INTEGRITY, h.registry, step, r.statusCode(), null,
                    step + " failed: registry " + h.registry + " stored the blob as " + answered + ", not " + digest, null);
        }
        return digest;
    }

    private URI nextLocation(HostState h, String step, URI current, Response<?> r) throws RegistryException {
        String loc = r.headers().firstValue("Location").orElse(null);
        if (loc == null) {
            if (current != null) {
                return current;
            }
            throw new RegistryException(RegistryException.Kind.PROTOCOL, h.registry, step, r.statusCode(), null,
                    step + " failed: registry " + h.registry + " started an upload without a Location header", null);
        }
        return h.base.resolve(loc);
    }

    private void cancelSession(HostState h, ImageReference target, String location) {
        try {
            transport.send(h, new Transport.Req("DELETE", h.base.resolve(location), Map.of(), Transport.Body.NONE,
                    target.repository(), push(target), null), Transport.DISCARD, "cancelling upload");
        } catch (IOException e) {
            listener.debug("could not cancel an upload session on " + h.registry + ": " + Transport.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Gets a blob into {@code to}: nothing when it is there, a mount when {@code from} is on the same registry, else a
     * streamed copy from {@code from}'s registry (verified against the digest on the way).
     */
    public CopyOutcome copyBlob(ImageReference from, ImageReference to, String digest, long size, String progressName)
            throws IOException, InterruptedException {
        if (blobExists(to, digest)) {
            return CopyOutcome.ALREADY_PRESENT;
        }
        if (mountBlob(to, digest, from)) {
            listener.debug("mounted blob " + shortDigest(digest) + " from " + from.name() + " into " + to.name());
            return CopyOutcome.MOUNTED;
        }
        upload(to, digest, size, () -> {
            try {
                return getBlob(from, digest);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while opening blob " + shortDigest(digest) + " in " + from.name());
            }
        }, progressName);
        return CopyOutcome.UPLOADED;
    }

    /**
     * Streams a blob. The stream checks the digest (and size when the registry sent one) at its end and throws a
     * RegistryException of kind INTEGRITY on a mismatch. Redirects (blob storage on another host) are followed
     * without sending our credentials there. The caller closes the stream.
     */
    public InputStream getBlob(ImageReference repository, String digest) throws IOException, InterruptedException {
        Digests.requireSha256(digest);
        HostState h = transport.host(repository.registry());
        String step = "reading blob " + shortDigest(digest) + " from " + repository.name();
        Response<InputStream> r = transport.retrying(h, step, () -> {
            Response<InputStream> resp = transport.send(h, req(h, "GET", blobPath(repository, digest), repository, pull(repository)),
                    Transport.STREAM, step);
            for (int redirects = 0; isRedirect(resp.statusCode()) && redirects < 5; redirects++) {
                URI next = resp.uri().resolve(resp.headers().firstValue("Location").orElseThrow(() ->
                        new IOException("redirect without Location")));
                resp.body().close();
                resp = redirected(h, next, step);
            }
            if (resp.statusCode() != 200) {
                byte[] body;
                try (InputStream in = resp.body()) {
                    body = in.readNBytes(64 * 1024);
                }
                transport.expect(h, step, resp.withBody(body), 200);
            }
            return resp;
        });
        long expectedSize = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        return new VerifyingInputStream(r.body(), digest, expectedSize, h.registry, step);
    }

    private Response<InputStream> redirected(HostState h, URI next, String step) throws IOException, InterruptedException {
        URI base = h.base;
        boolean sameHost = Objects.equals(base.getScheme(), next.getScheme()) && Objects.equals(base.getAuthority(), next.getAuthority());
        if (sameHost) {
            return transport.send(h, new Transport.Req("GET", next, Map.of(), Transport.Body.NONE, null, List.of(), null),
                    Transport.STREAM, step);
        }
        // blob storage (S3, a CDN) has its own signed URL: our Authorization must not go there
        HostState other = transport.host(next.getAuthority());
        other.base = URI.create(next.getScheme() + "://" + next.getRawAuthority());
        return transport.send(other, new Transport.Req("GET", next, Map.of(), Transport.Body.NONE, null, List.of(), null),
                Transport.STREAM, step);
    }

    /** A small blob (a config) in memory, digest-checked; refuses blobs bigger than {@code maxBytes}. */
    public byte[] getBlobBytes(ImageReference repository, String digest, int maxBytes) throws IOException, InterruptedException {
        try (InputStream in = getBlob(repository, digest)) {
            byte[] bytes = in.readNBytes(maxBytes);
            if (in.read() >= 0) {
                throw new RegistryException(RegistryException.Kind.PROTOCOL, repository.registry(),
                        "reading blob " + shortDigest(digest), 200, null,
                        "blob " + shortDigest(digest) + " in " + repository.name() + " is bigger than " + maxBytes + " bytes", null);
            }
            return bytes;
        }
    }

    /** The image config a manifest points to. */
    public ImageConfig getConfig(ImageReference repository, Manifest manifest) throws IOException, InterruptedException {
        Descriptor config = manifest.config();
        return ImageConfig.parse(getBlobBytes(repository, config.digest(), MAX_MANIFEST_BYTES));
    }

    // -------------------------------------------------------------------------------------------------- manifests

    /**
     * Reads a manifest or index by tag or digest (accepting OCI and Docker schema 2 types). A digest reference is
     * checked against the bytes.
     *
     * @throws RegistryException of kind NOT_FOUND when the tag or digest does not exist
     */
    public Manifest getManifest(ImageReference ref) throws IOException, InterruptedException {
        HostState h = transport.host(ref.registry());
        String step = "reading manifest " + ref;
        return transport.retrying(h, step, () -> {
            Response<byte[]> r = transport.send(h, manifestReq(h, "GET", ref), Transport.BYTES, step);
            transport.expect(h, step, r, 200);
            byte[] body = r.body();
            if (body.length > MAX_MANIFEST_BYTES) {
                throw new RegistryException(RegistryException.Kind.PROTOCOL, h.registry, step, 200, null,
                        step + " failed: the manifest is bigger than " + MAX_MANIFEST_BYTES + " bytes", null);
            }
            Optional<String> contentType = r.headers().firstValue("Content-Type");
            String type = contentType.isPresent() ? MediaTypes.strip(contentType.get()) : null;
            if (type != null && type.startsWith("application/vnd.docker.distribution.manifest.v1")) {
                throw new RegistryException(RegistryException.Kind.PROTOCOL, h.registry, step, 200, null,
                        step + " failed: it is a Docker schema 1 manifest, which is not supported (push the image again with a current tool)", null);
            }
            Manifest m;
            try {
                m = Manifest.of(body, type);
            } catch (IllegalArgumentException e) {
                throw new RegistryException(RegistryException.Kind.PROTOCOL, h.registry, step, 200, null,
                        step + " failed: " + e.getMessage(), null);
            }
            if (ref.hasDigest() && !ref.digest().equals(m.digest())) {
                throw new RegistryException(RegistryException.Kind.INTEGRITY, h.registry, step, 200, null,
                        step + " failed: the registry sent a manifest with digest " + m.digest(), null);
            }
            return m;
        });
    }

    /**
     * The single-platform manifest for {@code platform}: the manifest itself when the reference names one (its
     * platform is not checked here; the config says it), or the matching entry of an index.
     *
     * @throws RegistryException of kind NOT_FOUND naming the platforms on offer when the index has no match
     */
    public Manifest getManifest(ImageReference ref, Platform platform) throws IOException, InterruptedException {
        Manifest m = getManifest(ref);
        if (!m.isIndex()) {
            return m;
        }
        Optional<Descriptor> entry = m.selectPlatform(platform);
        if (entry.isEmpty()) {
            throw new RegistryException(RegistryException.Kind.NOT_FOUND, ref.registry(), "reading manifest " + ref, 200, null,
                    "image " + ref + " has no " + platform + " variant (it offers " + m.platforms() + ")", null);
        }
        return getManifest(ref.pinned(entry.get().digest()));
    }

    /**
     * Pushes a manifest or index under the reference's tag (or digest).
     *
     * @return the manifest's digest
     */
    public String putManifest(ImageReference ref, String mediaType, byte[] bytes) throws IOException, InterruptedException {
        Objects.requireNonNull(mediaType, "mediaType");
        byte[] body = bytes.clone();
        String digest = Digests.sha256(body);
        HostState h = transport.host(ref.registry());
        String step = "pushing manifest " + shortDigest(digest) + " to " + ref;
        return transport.retrying(h, step, () -> {
            Transport.Req req = new Transport.Req("PUT", URI.create(manifestPath(ref)), Map.of("Content-Type", mediaType),
                    Transport.Body.of(body), ref.repository(), push(ref), null);
            Response<byte[]> r = transport.send(h, req, Transport.BYTES, step);
            transport.expect(h, step, r, 201, 200);
            String answered = r.headers().firstValue("Docker-Content-Digest").orElse(digest);
            if (!answered.equals(digest)) {
                throw new RegistryException(RegistryException.Kind.INTEGRITY, h.registry, step, r.statusCode(), null,
                        step + " failed: registry " + h.registry + " stored the manifest as " + answered
                                + " (it rewrote the manifest)", null);
            }
            return digest;
        });
    }

    /**
     * The digest a tag (or digest reference) resolves to, or empty when it does not exist. Uses {@code HEAD}, with
     * {@code GET} and hashing when the registry sends no {@code Docker-Content-Digest}.
     */
    public Optional<String> resolveDigest(ImageReference ref) throws IOException, InterruptedException {
        HostState h = transport.host(ref.registry());
        String step = "resolving " + ref;
        return transport.retrying(h, step, () -> {
            Response<byte[]> r = transport.send(h, manifestReq(h, "HEAD", ref), Transport.BYTES, step);
            if (r.statusCode() == 404) {
                return Optional.empty();
            }
            transport.expect(h, step, r, 200);
            Optional<String> header = r.headers().firstValue("Docker-Content-Digest");
            if (header.isPresent() && Digests.isSha256(header.get())) {
                return header;
            }
            Response<byte[]> g = transport.send(h, manifestReq(h, "GET", ref), Transport.BYTES, step);
            if (g.statusCode() == 404) {
                return Optional.empty();
            }
            transport.expect(h, step, g, 200);
            return Optional.of(Digests.sha256(g.body()));
        });
    }

    /** Whether the tag (or digest) exists in the repository. */
    public boolean tagExists(ImageReference ref) throws IOException, InterruptedException {
        return resolveDigest(ref).isPresent();
    }

    /** All tags of the repository (following pagination); empty when the repository does not exist. */
    public List<String> listTags(ImageReference repository) throws IOException, InterruptedException {
        HostState h = transport.host(repository.registry());
        String step = "listing tags of " + repository.name();
        List<String> tags = new ArrayList<>();
        String path = "/v2/" + repository.repository() + "/tags/list?n=1000";
        for (int page = 0; path != null && page < 1000; page++) {
            String current = path;
            Response<byte[]> r = transport.retrying(h, step, () -> {
                Response<byte[]> resp = transport.send(h, req(h, "GET", current, repository, pull(repository)),
                        Transport.BYTES, step);
                if (resp.statusCode() != 404) {
                    transport.expect(h, step, resp, 200);
                }
                return resp;
            });
            if (r.statusCode() == 404) {
                return List.of();
            }
            var json = Json.parseObject(r.body(), "tag list of " + repository.name());
            var array = json.get("tags");
            if (array != null && array.isArray()) {
                array.forEach(t -> tags.add(t.asText()));
            }
            path = null;
            for (String link : r.headers().allValues("Link")) {
                Matcher m = NextLink.PATTERN.matcher(link);
                if (m.find()) {
                    path = m.group(1);
                }
            }
        }
        return Collections.unmodifiableList(tags);
    }

    @Override
    public void close() {
        transport.close();
    }

    // -------------------------------------------------------------------------------------------------- helpers

    /** A request to a path of the registry; the scheme and host are filled in by the transport after its probe. */
    private static Transport.Req req(HostState h, String method, String pathAndQuery, ImageReference repo, List<String> scopes) {
        return new Transport.Req(method, URI.create(pathAndQuery), Map.of(), Transport.Body.NONE, repo.repository(), scopes, null);
    }

    private static Transport.Req manifestReq(HostState h, String method, ImageReference ref) {
        return new Transport.Req(method, URI.create(manifestPath(ref)), Map.of("Accept", MediaTypes.MANIFEST_ACCEPT),
                Transport.Body.NONE, ref.repository(), pull(ref), null);
    }

    private static String manifestPath(ImageReference ref) {
        return "/v2/" + ref.repository() + "/manifests/" + ref.apiReference();
    }

    private static String blobPath(ImageReference repo, String digest) {
        return "/v2/" + repo.repository() + "/blobs/" + digest;
    }

    private static List<String> pull(ImageReference repo) {
        return List.of("repository:" + repo.repository() + ":pull");
    }

    private static List<String> push(ImageReference repo) {
        return List.of("repository:" + repo.repository() + ":pull,push");
    }

    /** Allow at least 256 KiB/s on top of the normal timeout: the timeout runs until the response headers. */
    private Duration uploadTimeout(long bytes) {
        return transport.options().requestTimeout().plusSeconds(bytes / (256 * 1024));
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** {@code sha256:} and the first 12 hex digits, for messages. */
    static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        return colon >= 0 && digest.length() > colon + 13 ? digest.substring(0, colon + 13) + "…" : digest;
    }

    /** Checks size and digest when the stream reaches its end. */
    private static final class VerifyingInputStream extends FilterInputStream {
        private final MessageDigest sha256 = Digests.newSha256();
        private final String digest;
        private final long expectedSize;
        private final String registry;
        private final String step;
        private long count;
        private boolean checked;

        VerifyingInputStream(InputStream in, String digest, long expectedSize, String registry, String step) {
            super(in);
            this.digest = digest;
            this.expectedSize = expectedSize;
            this.registry = registry;
            this.step = step;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n < 0) {
                check();
                return -1;
            }
            sha256.update(b, off, n);
            count += n;
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[(int) Math.min(n, 64 * 1024)];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }

        private void check() throws RegistryException {
            if (checked) {
                return;
            }
            checked = true;
            String actual = Digests.format(sha256);
            if (expectedSize >= 0 && count != expectedSize) {
                throw new RegistryException(RegistryException.Kind.INTEGRITY, registry, step, 200, null,
                        step + " failed: got " + count + " bytes, the registry announced " + expectedSize, null);
            }
            if (!actual.equals(digest)) {
                throw new RegistryException(RegistryException.Kind.INTEGRITY, registry, step, 200, null,
                        step + " failed: the content hashes to " + actual + ", not " + digest, null);
            }
        }
    }
}
