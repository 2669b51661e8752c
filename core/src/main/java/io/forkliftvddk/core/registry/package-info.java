/**
 * An OCI distribution (docker registry v2) client for pushing images without a container runtime and reading them
 * back: {@link io.forkliftvddk.core.registry.RegistryClient}, configured by
 * {@link io.forkliftvddk.core.registry.RegistryOptions}.
 *
 * <h2>Why our own client on java.net.http</h2>
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
 * {@code java.net.http} (JDK) plus Jackson (already present through fabric8) does it in a few classes.
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>Auth: anonymous, Basic, and Bearer token challenges ({@code WWW-Authenticate} realm/service/scope; tokens
 *       cached per scope set). Credentials per host: explicit ones, else a docker/podman auth file. No credential
 *       ever appears in an exception message or a log line.</li>
 *   <li>TLS per host: default trust, a CA bundle (PEM), or insecure (no certificate or host name check, done with
 *       our own trust manager instead of global properties). Plain http only for loopback hosts or insecure ones.</li>
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
 *       error bodies), and plain-http registries never load the JVM's trust store.</li>
 * </ul>
 */
package io.forkliftvddk.core.registry;
