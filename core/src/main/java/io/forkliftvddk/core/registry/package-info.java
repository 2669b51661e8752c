/**
 * An OCI distribution (docker registry v2) client for pushing images without a container runtime and reading them
 * back: {@link io.forkliftvddk.core.registry.RegistryClient}, configured by
 * {@link io.forkliftvddk.core.registry.RegistryOptions}.
 *
 * <h2>Why our own client, on our own small HTTP/1.1 transport</h2>
 * The built-in builder needs four things together: streaming an already compressed layer (the VDDK tar.gz) as is,
 * with no recompression and no copy to a temporary file; cross-repository mounts; uploads that restart from the first
 * byte when a connection drops; and a light class-loading footprint, because the CLI is started per build.
 * Considered:
 * <ul>
 *   <li><b>Jib core</b> (0.28.1): pushes layers it builds itself from files (it follows symlinks and resets modes,
 *       see test-environment.md §4.3); a pre-compressed blob cannot be pushed as is through its public API, and it
 *       brings Google HTTP client, Guava and more (slow CLI start).</li>
 *   <li><b>ORAS Java SDK</b> (0.7.0): artifact oriented, uploads blobs from memory or files without chunked or
 *       restartable sessions, no per-host CA bundles; pulls in its own HTTP and JSON stacks.</li>
 *   <li>Calling skopeo/crane: needs a binary on the agent, which is what the built-in builder avoids.</li>
 * </ul>
 * A few classes plus Jackson (already present through fabric8) do it.
 *
 * <h2>Why not java.net.http or HttpURLConnection</h2>
 * The first version used {@code java.net.http}. Correct, but heavy for a process started per build: creating the
 * HttpClient and making its first request cost a cold CLI about 0.5 s of CPU (its selector thread, reactive body
 * pipeline, default TLS set-up), plus about 0.3 s at JVM exit; its response streams also ignore interrupts.
 * {@code HttpURLConnection} starts light, but cannot send {@code PATCH} (needed for chunked uploads) without
 * reflection into the JDK, refuses a 401 or redirect in streaming mode with an exception of its own, and its reads
 * cannot be interrupted. So {@link io.forkliftvddk.core.registry.Http11} speaks the little HTTP/1.1 a registry needs
 * over a {@link java.nio.channels.SocketChannel}: requests with fixed-length bodies streamed in 1 MiB buffers,
 * Content-Length/chunked/until-close responses, keep-alive per host, {@code SSLSocket} per connection with the host's
 * TLS mode (the host name check on, except for insecure), a {@code CONNECT} tunnel or absolute request target through
 * the caller's proxy (honouring its NO_PROXY list). The channel makes blocking reads and writes interruptible: an
 * interrupt closes the connection at once, so a stalled upload or blob read stops promptly without a watchdog. The
 * only thread it starts is a timer enforcing the request timeout on uploads (a write to a server that stopped
 * reading cannot time out otherwise). Nothing global is touched: no JSSE defaults, no system properties.
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>Auth: anonymous, Basic, and Bearer token challenges ({@code WWW-Authenticate} realm/service/scope; tokens
 *       cached per scope set). Credentials per host: explicit ones, else a docker/podman auth file. No credential
 *       ever appears in an exception message or a log line.</li>
 *   <li>TLS per host: default trust, a CA bundle (PEM), or insecure (no certificate or host name check, done with
 *       our own trust manager and socket factory per connection instead of global properties). Plain http only for loopback hosts or insecure ones.</li>
 *   <li>Retries with exponential backoff on 5xx, 429 and I/O failures; an upload restarts from its first byte.
 *       The final error names the registry, the step and the HTTP status.</li>
 *   <li>Interrupts abort the request in flight; an upload is committed only by its final PUT, so an interrupted
 *       upload leaves no blob (and no tag is ever touched by blob uploads).</li>
 *   <li>Each registry call is logged at DEBUG level as method, host, path and status; upload progress goes to
 *       {@link io.forkliftvddk.core.spi.Listener#progress}.</li>
 *   <li>Uploads: with a known digest, {@code POST} then one streaming {@code PUT ?digest=} (the registry checks the
 *       digest, so it is not computed twice); without, {@code PATCH} chunks (16 MiB by default, for proxies that
 *       limit request sizes) with the digest computed on the way. Bodies go out in 1 MiB buffers straight from the
 *       caller's stream: no temporary file, no copy in memory, no recompression.</li>
 *   <li>Start-up: no class of Jackson is loaded on the upload path (only for manifests, configs, token answers and
 *       error bodies), plain-http registries never load the JVM's trust store, and no HTTP client thread is started.</li>
 * </ul>
 */
package io.forkliftvddk.core.registry;
