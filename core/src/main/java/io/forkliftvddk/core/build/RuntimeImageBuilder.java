package io.forkliftvddk.core.build;

import io.forkliftvddk.core.image.BuildPlan;
import io.forkliftvddk.core.image.Dockerfiles;
import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.image.InvalidDockerfileException;
import io.forkliftvddk.core.image.Platform;
import io.forkliftvddk.core.registry.Digests;
import io.forkliftvddk.core.spi.CommandRunner;
import io.forkliftvddk.core.spi.Listener;
import io.forkliftvddk.core.spi.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds a VDDK image with podman or docker, the way the documented procedure does (extract the kit, write the
 * Dockerfile, build, push), with what kubectl-mtv lacks: a checked custom Dockerfile, a build context never reused
 * stale, a free-space and symlink check, the built image checked against Forklift's contract <em>before</em> any push,
 * credentials only on standard input and in a private auth file, docker refusing an insecure push instead of
 * pushing with TLS, the pushed digest read back and verified. Every process runs through {@link CommandRunner}.
 * One instance runs one build at a time.
 */
public final class RuntimeImageBuilder implements ImageBuilder {

    private static final Pattern DOCKER_PUSH_DIGEST = Pattern.compile("digest: (sha256:[0-9a-f]{64})");

    private final CommandRunner runner;
    private final RuntimeLocator.Located runtime;
    /** Global runtime options of the build in progress (from --runtime-opt), put on every runtime command. */
    private List<String> global = List.of();
    private final KitSupport kits;
    private final RemoteVerifier remote;

    /**
     * The pieces a runtime build uses from the archive and registry packages: validating and extracting the kit,
     * and verifying a pushed image from the registry. One implementation wires the real ones; the seam keeps this
     * class free of their construction details.
     */
    interface KitSupport {
        /** Validates the kit (same rules as the built-in builder) and describes it. */
        Kit inspect(BuildRequest request, Listener listener) throws IOException, InterruptedException;

        /** Extracts the validated kit into {@code dir} (keeps symlinks and modes), creating {@code vmware-vix-disklib-distrib/}. */
        void extract(BuildRequest request, Kit kit, Path dir, Listener listener) throws IOException, InterruptedException;
    }

    /** Reads a pushed image back from the registry: its digest and the same contract check as the built-in builder. */
    interface RemoteVerifier {
        /** The digest the tag resolves to now, or empty when the tag does not exist. */
        Optional<String> currentDigest(ImageReference tag, RegistryAccess access, Listener listener)
                throws IOException, InterruptedException;

        /** The pushed image as the registry serves it: digest, and the bytes of its layers plus config. */
        Pushed pushed(ImageReference tag, RegistryAccess access, Listener listener) throws IOException, InterruptedException;

        ContractCheck verify(ImageReference pinned, RegistryAccess access, Listener listener) throws IOException, InterruptedException;
    }

    /** A pushed image as read back: its manifest digest and its stored size (layers plus config), -1 when unknown. */
    record Pushed(String digest, long totalSize) {
    }

    /**
     * What the build needs to know about the validated kit.
     *
     * @param sha256            sha256 of the tar.gz, hex
     * @param version           VDDK version, or null
     * @param uncompressedBytes total size of the extracted files
     * @param librarySymlink    whether {@code lib64/libvixDiskLib.so} is a symlink in the tar (it must stay one)
     * @param vddk9             whether it is a VDDK 9 kit (for the compatibility link)
     */
    record Kit(String sha256, String version, long uncompressedBytes, boolean librarySymlink, boolean vddk9,
               java.time.Instant newestEntryTime, List<String> reportedWarnings) {
    }

    RuntimeImageBuilder(CommandRunner runner, RuntimeLocator.Located runtime, KitSupport kits, RemoteVerifier remote) {
        this.runner = Objects.requireNonNull(runner, "runner");
        this.runtime = Objects.requireNonNull(runtime, "runtime");
        this.kits = Objects.requireNonNull(kits, "kits");
        this.remote = Objects.requireNonNull(remote, "remote");
    }

    /**
     * Finds the runtime for a request ({@code --runtime podman|docker|auto}, {@code --runtime-path}) and makes the builder.
     *
     * @throws BuildException naming what was looked for and what to install or set
     */
    static RuntimeImageBuilder locate(CommandRunner runner, BuildRequest request, boolean windowsAgent)
            throws IOException, InterruptedException {
        RuntimeLocator.Located located = new RuntimeLocator(runner).locate(request.runtime(), request.runtimePath(),
                windowsAgent, splitOptions(request.runtimeOptions()));
        Platform platform = request.platforms().get(0);
        return new RuntimeImageBuilder(runner, located, new ArchiveKitSupport(), new RegistryVerifier(platform));
    }

    @Override
    public Runtime runtime() {
        return runtime.cli().runtime();
    }

    public RuntimeLocator.Located located() {
        return runtime;
    }

    @Override
    public BuildResult build(BuildRequest request, Listener listener) throws IOException, InterruptedException {
        ContainerCli cli = runtime.cli();
        String exe = runtime.executable();
        ContainerCli.Options options = cli.options(splitOptions(request.runtimeOptions()));
        global = options.global();
        List<String> warnings = new ArrayList<>();
        Listener warnTracking = new Listener() {
            @Override
            public void log(Level level, String message) {
                if (level == Level.WARN) {
                    warnings.add(message);
                }
                listener.log(level, message);
            }

            @Override
            public void progress(String step, long done, long total) {
                listener.progress(step, done, total);
            }
        };
        Listener log = warnTracking;
        log.info("Using container runtime: " + cli.executableName() + " " + runtime.version() + " (" + runtime.reason() + ")");

        // --- everything that can be refused is refused before the kit is touched or anything is built ---
        if (request.output().kind() != BuildOutput.Kind.REGISTRY) {
            throw new BuildException("--output " + request.output() + " is written by the built-in builder only; use"
                    + " --runtime builtin, or push with " + cli.executableName() + " (--push)");
        }
        if (request.platforms().size() != 1) {
            throw new BuildException("the " + cli.executableName() + " builder builds one platform at a time ("
                    + request.platforms() + " asked); use --runtime builtin for a multi-platform image");
        }
        Platform platform = request.platforms().get(0);
        log.info("Target platform: " + platform);
        if (!platform.isAmd64()) {
            log.warn("platform " + platform + ": VMware ships VDDK for x86_64 only; an image for another platform"
                    + " cannot load the kit's libraries");
        }
        List<ImageReference> requested = targets(request);
        if (request.push()) {
            TargetWarnings.publicHub(requested).ifPresent(log::warn);
        }
        Set<String> pushHosts = new LinkedHashSet<>();
        if (request.push()) {
            requested.forEach(t -> pushHosts.add(t.registry()));
        }
        RegistryAccess access = request.registryAccess();
        String dockerfileText;
        String dockerfileSource;
        boolean custom = request.dockerfile() != null;
        if (custom) {
            if (!request.baseImage().equals(BuildRequest.DEFAULT_BASE_IMAGE)) {
                throw new BuildException("--base-image replaces the FROM of the default Dockerfile only; the custom"
                        + " Dockerfile " + request.dockerfile() + " has its own FROM (make it FROM ${BASE} with ARG BASE"
                        + " and pass --build-arg BASE=" + request.baseImage() + ")");
            }
            dockerfileSource = request.dockerfile().toString();
            try {
                dockerfileText = Files.readString(request.dockerfile(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new BuildException("cannot read the custom Dockerfile " + request.dockerfile() + ": " + e.getMessage()
                        + " (--dockerfile)", e);
            }
            log.info("Using custom Dockerfile from: " + request.dockerfile());
            try {
                Dockerfiles.Check check = Dockerfiles.check(dockerfileText, dockerfileSource, request.buildArgs(),
                        targetStage(request.runtimeOptions()));
                log.debug("Dockerfile " + dockerfileSource + " copies the kit at line " + check.kitLine() + ": "
                        + check.kitInstruction());
            } catch (InvalidDockerfileException e) {
                throw new BuildException(e.getMessage(), e);
            }
        } else {
            dockerfileSource = "the default Dockerfile";
            dockerfileText = request.baseImage().equals(BuildRequest.DEFAULT_BASE_IMAGE)
                    ? Dockerfiles.defaultDockerfile()
                    : Dockerfiles.defaultDockerfile(request.baseImage().toString());
        }
        Set<String> pullHosts = new LinkedHashSet<>();
        if (!custom) {
            pullHosts.add(request.baseImage().registry());
        }
        if (cli == ContainerCli.DOCKER) {
            for (String host : union(pushHosts, pullHosts)) {
                if (access.isInsecure(host)) {
                    throw new BuildException("docker cannot skip TLS verification per command, and " + host
                            + " was asked to be reached without it (--push-insecure-skip-tls); refusing to build rather"
                            + " than push with TLS after all. Use --runtime builtin or --runtime podman, or add \""
                            + host + "\" to insecure-registries in the docker daemon's /etc/docker/daemon.json, restart"
                            + " the daemon and build without the insecure option");
                }
            }
            if (!access.caCertificates().isEmpty()) {
                log.warn("docker takes CA certificates from the daemon's configuration only (/etc/docker/certs.d/<host>/"
                        + "ca.crt on the daemon's host), not per command; the given CA files are not used by docker");
            }
        }

        // --- the kit ---
        Kit kit = kits.inspect(request, log);
        // the requested tags, then <tag>-<first 12 hex of the kit sha256> when asked, as the built-in builder writes them
        List<ImageReference> tags = new ArrayList<>(new LinkedHashSet<>(requested));
        if (request.immutableTag()) {
            for (ImageReference t : requested) {
                ImageReference immutable = BuildPlan.immutableTag(t, kit.sha256());
                if (!tags.contains(immutable)) {
                    tags.add(immutable);
                }
            }
        }
        Path tempParent = request.tempDirectory();
        if (tempParent == null) {
            throw new IllegalArgumentException("BuildRequest.tempDirectory is needed by the runtime builders");
        }

        try (BuildDirectory dir = BuildDirectory.open(request.buildDir(), tempParent);
             PrivateAuth auth = PrivateAuth.create(tempParent, access.authFile(), access.caCertificates())) {
            log.info("Using build directory: " + dir.dir() + (dir.temporary() ? " (removed afterwards)" : ""));
            dir.checkFreeSpace(kit.uncompressedBytes());
            log.info("Extracting VDDK tar.gz...");
            kits.extract(request, kit, dir.dir(), log);
            if (kit.librarySymlink()) {
                dir.checkSymlinkKept();
            }
            if (request.vddk9Compat()) {
                addCompatLink(dir, kit, log);
            }
            // labels as the built-in builder writes them; created is the kit's newest tar entry, as there
            BuildPlan plan = BuildPlan.of(request.baseImage(), request.tags(), List.of(platform), kit.sha256(),
                    kit.version(), kit.newestEntryTime(), request.vddk9Compat(), request.immutableTag());
            Map<String, String> labels = new LinkedHashMap<>(plan.labels());
            if (custom) {
                // the base is whatever the custom Dockerfile says; do not claim the default one
                labels.remove(BuildPlan.LABEL_BASE_NAME);
            }
            Files.writeString(dir.dockerfile(), dockerfileText, StandardCharsets.UTF_8);
            log.debug("Dockerfile contents (" + dockerfileSource + "):\n---\n" + dockerfileText + (dockerfileText.endsWith("\n") ? "" : "\n") + "---");

            // base image credentials, for a base behind a login (registry.redhat.io, a mirror)
            for (String host : pullHosts) {
                login(cli, exe, host, auth, access, log, false);
            }
            String baseHost = pullHosts.isEmpty() ? null : pullHosts.iterator().next();
            ContainerCli.Access buildAccess = auth.access(baseHost != null && access.isInsecure(baseHost),
                    !access.caCertificates().isEmpty());
            log.info("Building image with " + cli.executableName() + "...");
            List<String> buildCommand = cli.build(exe, dir.dockerfile(), tags.stream().map(ImageReference::toString).toList(),
                    platform.toString(), request.buildArgs(), labels, buildAccess, options.build(),
                    dir.dir());
            CommandRunner.Result built = run(cli, buildCommand, buildAccess, dir.dir(), null, List.of(), log, true);
            if (!built.succeeded()) {
                throw new BuildException(cli.executableName() + " build failed (exit " + built.exitCode() + "): "
                        + RuntimeLocator.firstErrorLine(built));
            }

            // --- the local image against Forklift's contract, before any push ---
            String local = tags.get(0).toString();
            String imageId = single(run(cli, cli.imageId(exe, local), null, null, null, List.of(), Listener.silent(), false),
                    "image id of " + local);
            String verifyContainer = "forklift-vddk-verify-" + UUID.randomUUID().toString().substring(0, 12);
            ContractCheck localCheck = verifyLocal(cli, exe, local, imageId, verifyContainer, auth.dir(), log);
            if (!localCheck.passed()) {
                throw new BuildException("the image built from " + dockerfileSource + " does not meet Forklift's VDDK image"
                        + " contract, so it was not pushed: " + localCheck.failureSummary() + ". It stays in the "
                        + cli.executableName() + " store as " + local + " for inspection");
            }
            log.info("Local image " + local + " (" + imageId + ") meets Forklift's contract");

            if (!request.push()) {
                log.info("VDDK image build complete (kept in the local " + cli.executableName() + " store; use --push to"
                        + " push it)");
                // no registry, so no manifest digest: the digest is the local image id, and nothing is pinned
                CommandRunner.Result size = run(cli, List.of(exe, "image", "inspect", "--format", "{{.Size}}", local),
                        null, null, null, List.of(), Listener.silent(), false);
                long totalSize = size.succeeded() && size.stdout().strip().matches("\\d+") ? Long.parseLong(size.stdout().strip()) : -1;
                return new BuildResult(tags, imageId, null, kit.version(), kit.sha256(), List.of(platform), -1, totalSize,
                        false, null, cli.runtime(), cli.executableName() + " local store", warnings, localCheck);
            }

            // --- push ---
            for (String host : pushHosts) {
                if (!pullHosts.contains(host)) {
                    login(cli, exe, host, auth, access, log, true);
                }
            }
            // what the first tag pointed to before, so a pipeline can show old -> new and roll back
            String previous = remote.currentDigest(tags.get(0), access, log).orElse(null);
            log.info("Pushing image with " + cli.executableName() + "...");
            String digest = null;
            long totalSize = -1;
            for (ImageReference tag : tags) {
                String pushed = push(cli, exe, tag, auth, access, log);
                Pushed back = remote.pushed(tag, access, log);
                String readBack = back.digest();
                totalSize = back.totalSize();
                if (pushed != null && !pushed.equals(readBack)) {
                    throw new BuildException(cli.executableName() + " reported digest " + pushed + " for " + tag
                            + " but the registry now serves " + readBack + " (another push raced this one?)");
                }
                if (digest == null) {
                    digest = readBack;
                } else if (!digest.equals(readBack)) {
                    throw new BuildException("tags of one build resolve to different digests: " + tags.get(0) + " -> "
                            + digest + ", " + tag + " -> " + readBack);
                }
            }
            ImageReference pinned = tags.get(0).pinned(digest);
            ContractCheck check = remote.verify(pinned, access, log);
            check.orThrow();
            boolean unchanged = digest.equals(previous);
            if (previous != null && !unchanged) {
                log.info(tags.get(0) + " moved from " + previous + " to " + digest);
            }
            log.info("VDDK image build complete: " + pinned);
            // the kit layer's stored size is the runtime's business (it re-tars and compresses the COPY): unknown here
            return new BuildResult(tags, digest, pinned, kit.version(), kit.sha256(), List.of(platform), -1, totalSize,
                    unchanged, unchanged ? null : previous, cli.runtime(), "registry", warnings, check);
        }
    }

    /** Tags to write: the requested ones, then the immutable ones when asked (as the built-in builder). */
    private static List<ImageReference> targets(BuildRequest request) {
        List<ImageReference> tags = new ArrayList<>();
        for (ImageReference t : request.tags()) {
            if (t.hasDigest()) {
                throw new IllegalArgumentException("cannot build to a digest reference " + t + "; give a tag");
            }
            tags.add(t);
        }
        return tags;
    }

    /** Exports a never-started container of the image and checks it exactly as the built-in builder checks layers. */
    private ContractCheck verifyLocal(ContainerCli cli, String exe, String image, String imageId, String container,
                                      Path scratch, Listener log) throws IOException, InterruptedException {
        CommandRunner.Result inspected = run(cli, cli.inspectConfig(exe, image), null, null, null, List.of(),
                Listener.silent(), false);
        if (!inspected.succeeded()) {
            throw new BuildException("cannot inspect the built image " + image + ": " + RuntimeLocator.firstErrorLine(inspected));
        }
        LocalConfig config = LocalConfig.parse(inspected.stdout());
        log.debug("Image config: Entrypoint " + config.entrypoint() + ", Cmd " + config.cmd() + ", User " + config.user());
        Path exported = scratch.resolve("rootfs.tar");
        try {
            CommandRunner.Result created = run(cli, cli.create(exe, container, image), null, null, null, List.of(),
                    Listener.silent(), false);
            if (!created.succeeded()) {
                throw new BuildException("cannot create a container of " + image + " to check its files: "
                        + RuntimeLocator.firstErrorLine(created));
            }
            CommandRunner.Result exportedResult = run(cli, cli.export(exe, container, exported), null, null, null,
                    List.of(), Listener.silent(), false);
            if (!exportedResult.succeeded()) {
                throw new BuildException("cannot export the file system of " + image + " to check it: "
                        + RuntimeLocator.firstErrorLine(exportedResult));
            }
            KitTree tree = new KitTree();
            try (InputStream in = Files.newInputStream(exported)) {
                tree.addLowerLayer(in);
            }
            return ImageVerifier.verify(image + " (" + imageId + ")", config.entrypoint(), config.cmd(), tree);
        } finally {
            Files.deleteIfExists(exported);
            removeContainer(cli, exe, container);
        }
    }

    private void removeContainer(ContainerCli cli, String exe, String container) throws IOException {
        try {
            run(cli, cli.removeContainer(exe, container), null, null, null, List.of(), Listener.silent(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void login(ContainerCli cli, String exe, String host, PrivateAuth auth, RegistryAccess access, Listener log,
                       boolean forPush) throws IOException, InterruptedException {
        Optional<RegistryAccess.Credentials> credentials = access.credentialsFor(host);
        if (credentials.isEmpty()) {
            return;
        }
        Secret password = credentials.get().password();
        ContainerCli.Access a = auth.access(access.isInsecure(host), !access.caCertificates().isEmpty());
        log.info("Logging in to " + host + " as " + credentials.get().username() + " (password on standard input, private"
                + " auth file)");
        CommandRunner.Result r = run(cli, cli.login(exe, host, credentials.get().username(), a), a, null,
                password.revealBytes(), List.of(password.reveal()), log, true);
        if (!r.succeeded()) {
            throw new BuildException(cli.executableName() + " login to " + host + (forPush ? "" : " (base image)")
                    + " failed (exit " + r.exitCode() + "): " + mask(RuntimeLocator.firstErrorLine(r), password)
                    + "; check the user name and password for " + host);
        }
    }

    private String push(ContainerCli cli, String exe, ImageReference tag, PrivateAuth auth, RegistryAccess access,
                        Listener log) throws IOException, InterruptedException {
        ContainerCli.Access a = auth.access(access.isInsecure(tag.registry()), !access.caCertificates().isEmpty());
        Path digestFile = auth.dir().resolve("digest-" + UUID.randomUUID());
        CommandRunner.Result r = run(cli, cli.push(exe, tag.toString(), a, digestFile), a, null, null, secrets(access), log,
                true);
        if (!r.succeeded()) {
            throw new BuildException(cli.executableName() + " push of " + tag + " failed (exit " + r.exitCode() + "): "
                    + RuntimeLocator.firstErrorLine(r));
        }
        if (cli == ContainerCli.PODMAN) {
            String d = Files.exists(digestFile) ? Files.readString(digestFile).strip() : "";
            Files.deleteIfExists(digestFile);
            return Digests.isSha256(d) ? d : null;
        }
        Matcher m = DOCKER_PUSH_DIGEST.matcher(r.stdout());
        return m.find() ? m.group(1) : null;
    }

    private static List<String> secrets(RegistryAccess access) {
        return access.credentials().values().stream().map(c -> c.password().reveal()).toList();
    }

    private CommandRunner.Result run(ContainerCli cli, List<String> command, ContainerCli.Access access, Path cwd,
                                     byte[] stdin, List<String> masked, Listener lines, boolean echo)
            throws IOException, InterruptedException {
        CommandRunner.Command c = new CommandRunner.Command(ContainerCli.withGlobal(command, global),
                cli.environment(access), cwd, stdin, masked);
        if (echo) {
            lines.debug("Running: " + c.display());
        }
        return runner.run(c, lines);
    }

    private static String single(CommandRunner.Result r, String what) throws BuildException {
        if (!r.succeeded() || r.stdout().isBlank()) {
            throw new BuildException("cannot read the " + what + ": " + RuntimeLocator.firstErrorLine(r));
        }
        String s = r.stdout().strip();
        return s.startsWith("sha256:") || s.length() != 64 ? s : "sha256:" + s;
    }

    private static String mask(String text, Secret secret) {
        String s = secret.reveal();
        return s.isEmpty() ? text : text.replace(s, "****");
    }

    /** {@code --runtime-opt} values: each is split at spaces, so {@code "--network none"} gives two arguments. */
    static List<String> splitOptions(List<String> options) {
        List<String> out = new ArrayList<>();
        for (String o : options) {
            for (String w : o.strip().split("\\s+")) {
                if (!w.isEmpty()) {
                    out.add(w);
                }
            }
        }
        return out;
    }

    /** The stage a {@code --target} runtime option selects, if any. */
    static String targetStage(List<String> options) {
        List<String> words = splitOptions(options);
        for (int i = 0; i < words.size(); i++) {
            if (words.get(i).equals("--target") && i + 1 < words.size()) {
                return words.get(i + 1);
            }
            if (words.get(i).startsWith("--target=")) {
                return words.get(i).substring(9);
            }
        }
        return null;
    }

    private static void addCompatLink(BuildDirectory dir, Kit kit, Listener log) throws IOException {
        if (!kit.vddk9()) {
            log.warn("--vddk9-compat ignored: the kit is VDDK " + kit.version() + ", not 9");
            return;
        }
        Path lib64 = dir.kitDirectory().resolve("lib64");
        Path link = lib64.resolve("libvixDiskLib.so.8");
        if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            log.info("lib64/libvixDiskLib.so.8 already exists in the kit; no compatibility link added");
            return;
        }
        Files.createSymbolicLink(link, Path.of(BuildPlan.COMPAT_TARGET));
        log.info("Added lib64/libvixDiskLib.so.8 -> " + BuildPlan.COMPAT_TARGET + " (VDDK 9 compatibility)");
    }


    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new LinkedHashSet<>(a);
        u.addAll(b);
        return u;
    }
}
