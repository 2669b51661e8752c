package io.forkliftvddk.core.build;

import io.forkliftvddk.core.image.BuildPlan;
import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.image.Platform;
import io.forkliftvddk.core.spi.Listener;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.BiFunction;

/**
 * The daemonless built-in builder. The VDDK tar.gz, once validated, already is an image layer (its root is
 * {@code vmware-vix-disklib-distrib/}): it is pushed byte for byte as the last layer over the base image's layers,
 * with a config derived from the base's (user 1001, the copy entrypoint, no Cmd, labels, history, diff_ids) and an
 * OCI manifest. No extraction, no recompression, no daemon, no privileges.
 *
 * <ul>
 *   <li>Reproducible: every byte of config and manifest derives from the base image and the kit ({@code created} is
 *       the kit's newest entry time), so the same kit on the same base gives the same digest.</li>
 *   <li>Warm path: when the tag already holds an image whose kit layer is this kit (its sha256), the diff_id and the
 *       kit-derived fields are taken from that image's config, the documents are rebuilt and compared; equal digests
 *       mean {@code unchanged}, and the kit is never decompressed.</li>
 *   <li>Cold path: the kit is inspected (inflated and hashed) on one thread while it uploads on another; the upload
 *       only commits once the inspection accepted the kit. A kit that cannot be a layer as is (unreadable modes)
 *       is repacked normalised.</li>
 *   <li>Tags are written last: an interrupted or failed build leaves no new tag.</li>
 * </ul>
 */
public final class BuiltinImageBuilder implements ImageBuilder {

    private final BiFunction<RegistryAccess, Listener, RegistryPort> registries;

    /** A builder over the core registry client. */
    public BuiltinImageBuilder() {
        this(RegistryClientPort::new);
    }

    BuiltinImageBuilder(BiFunction<RegistryAccess, Listener, RegistryPort> registries) {
        this.registries = Objects.requireNonNull(registries, "registries");
    }

    @Override
    public Runtime runtime() {
        return Runtime.BUILTIN;
    }

    @Override
    public BuildResult build(BuildRequest request, Listener listener) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "forklift-vddk builtin");
            t.setDaemon(true);
            return t;
        });
        RegistryPort registry = registries.apply(request.registryAccess(), listener);
        Run run = new Run(request, listener, registry, pool);
        try {
            return run.run();
        } finally {
            pool.shutdownNow();
            for (Path p : run.tempFiles) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    listener.debug("could not delete " + p + ": " + e.getMessage());
                }
            }
            if (registry instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    listener.debug("closing the registry client: " + e.getMessage());
                }
            }
        }
    }

    /** One build. */
    private static final class Run {
        private final BuildRequest request;
        private final Listener listener;
        private final RegistryPort registry;
        private final ExecutorService pool;
        private final List<String> warnings = new ArrayList<>();
        private final Path kit;
        /** {@code repository@digest} of blobs known to be in a target repository (uploaded or mounted by this run). */
        private final java.util.Set<String> present = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private Future<KitFacts> inspection;
        private KitDigest kitDigest;
        /** Files this run wrote (a repacked kit), deleted when it ends. */
        private final List<Path> tempFiles = new java.util.concurrent.CopyOnWriteArrayList<>();
        /** Configs read from the registry on the warm path, by digest (verification need not read them again). */
        private final Map<String, byte[]> fetchedConfigs = new java.util.concurrent.ConcurrentHashMap<>();

        Run(BuildRequest request, Listener listener, RegistryPort registry, ExecutorService pool) {
            this.request = request;
            this.listener = listener;
            this.registry = registry;
            this.pool = pool;
            this.kit = request.archive();
        }

        BuildResult run() throws IOException, InterruptedException {
            if (!Files.isRegularFile(kit)) {
                throw new BuildException("kit " + kit + " not found (or not a file)");
            }
            boolean toRegistry = request.output().kind() == BuildOutput.Kind.REGISTRY;
            if (toRegistry && !request.push()) {
                throw new BuildException("the built-in builder needs --push (or --output oci:DIR / oci-archive:FILE)");
            }
            warnAboutTargets();
            // hashed already since the front end read the request (the CLI), or now, while the registry answers
            kitDigest = request.kitDigest() != null ? request.kitDigest() : KitDigest.start(kit, pool);
            Future<String> kitSha = kitDigest.future();

            // the tags' current state and the base image, fetched while the kit is hashed
            Map<ImageReference, Optional<RegistryPort.Fetched>> existing = new LinkedHashMap<>();
            if (toRegistry) {
                for (ImageReference tag : request.tags()) {
                    Optional<RegistryPort.Fetched> current = registry.manifest(tag);
                    existing.put(tag, current);
                    listener.debug(tag + ": " + (current.isPresent() ? "currently " + current.get().digest() : "does not exist yet"));
                }
            }
            if (!toRegistry || existing.get(request.tags().get(0)).isEmpty()) {
                // nothing to compare with: certainly a cold build, so the inspection need not wait for hash and base
                startInspection();
            }
            List<BaseImage> bases = resolveBase();
            String sha = await(kitSha, "hashing " + kit);
            listener.debug("kit sha256:" + sha + " (" + Files.size(kit) + " bytes)");
            if (request.expectedSha256() != null && !request.expectedSha256().equals(sha)) {
                throw new BuildException("kit " + kit + " has sha256 " + sha + ", not the expected " + request.expectedSha256()
                        + "; download it again or check --expect-sha256");
            }

            if (toRegistry) {
                Optional<BuildResult> warm = warm(sha, bases, existing);
                if (warm.isPresent()) {
                    return warm.get();
                }
            }
            return cold(sha, bases, existing);
        }

        /** The archive engine's pass over the kit, started once, on the pool. */
        private synchronized Future<KitFacts> startInspection() {
            if (inspection == null) {
                // a FutureTask, not a CompletableFuture: that one's class initialises the fork-join common pool
                // the inspection takes the kit's digest from the hashing that runs already, and does not hash again
                FutureTask<KitFacts> f = new FutureTask<>(() -> KitInspector.inspect(kit, request.expectedSha256(),
                        kitDigest.future(), listener));
                inspection = f;
                pool.execute(f);
            }
            return inspection;
        }

        // ---- warm path --------------------------------------------------------------------------------------

        /** The image the first tag holds, when its kit layer is this kit: the facts recorded in it. */
        private Optional<BuildResult> warm(String sha, List<BaseImage> bases,
                                           Map<ImageReference, Optional<RegistryPort.Fetched>> existing)
                throws IOException, InterruptedException {
            ImageReference first = request.tags().get(0);
            Optional<RegistryPort.Fetched> current = existing.get(first);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            Optional<Recorded> recorded = recorded(first, current.get(), sha);
            if (recorded.isEmpty()) {
                listener.debug(first + " holds another image; building");
                return Optional.empty();
            }
            Recorded r = recorded.get();
            if (request.vddk9Compat() && !r.compat() && (r.version() == null || r.version().startsWith("9"))) {
                return Optional.empty(); // compatibility asked for but not in the image: only inspection can tell
            }
            KitLayer layer = new KitLayer(ImageJson.ociLayer(r.kitBlob()), r.diffId(), null, !r.repacked());
            BuildPlan plan = plan(sha, r.version(), r.created(), r.compat());
            if (r.repacked()) {
                plan = plan.withLabel(BuildPlan.LABEL_REPACKED, "true");
            }
            Documents docs = documents(plan, bases, layer);
            for (ImageReference target : docs.plan().targets()) {
                Optional<RegistryPort.Fetched> now = existing.containsKey(target) ? existing.get(target) : registry.manifest(target);
                if (now.isEmpty() || !now.get().digest().equals(docs.digest())) {
                    listener.debug(target + (now.isEmpty() ? " is missing" : " holds " + now.get().digest())
                            + ", planned " + docs.digest() + "; building");
                    return Optional.empty();
                }
            }
            listener.info("Image unchanged: " + first.pinned(docs.digest()) + " already holds this kit on this base");
            // what the registry sent for the tag and its config above is the read-back
            ContractCheck check = verifyPushed(docs, layer, r.chain(), current.get());
            return Optional.of(result(docs, layer, true, null, check));
        }

        /** What an image built by us from this kit recorded: diff_id, created, version, compat. */
        private record Recorded(ImageJson.Blob kitBlob, String diffId, Instant created, String version, boolean compat,
                                boolean repacked, String chain) { }

        private Optional<Recorded> recorded(ImageReference tag, RegistryPort.Fetched fetched, String sha)
                throws IOException, InterruptedException {
            JNode json = ImageJson.parseObject(fetched.bytes(), "manifest of " + tag);
            if (ImageJson.isIndex(fetched.mediaType(), json)) {
                JNode firstEntry = json.path("manifests").path(0);
                if (!firstEntry.path("digest").isTextual()) {
                    return Optional.empty();
                }
                Optional<RegistryPort.Fetched> m = registry.manifest(tag.pinned(firstEntry.get("digest").asText()));
                if (m.isEmpty()) {
                    return Optional.empty();
                }
                json = ImageJson.parseObject(m.get().bytes(), "manifest of " + tag);
            }
            List<ImageJson.Blob> layers = ImageJson.layers(json);
            if (layers.isEmpty() || !json.path("config").path("digest").isTextual()) {
                return Optional.empty();
            }
            ImageJson.Blob configBlob = ImageJson.Blob.fromJson(json.get("config"));
            byte[] configBytes = registry.blob(tag, configBlob.digest());
            fetchedConfigs.put(configBlob.digest(), configBytes);
            JNode config = ImageJson.parseObject(configBytes, "config of " + tag);
            JNode labels = config.path("config").path("Labels");
            List<String> diffIds = ImageJson.strings(config.path("rootfs").get("diff_ids"));
            if (!sha.equals(labels.path(BuildPlan.LABEL_KIT_SHA256).asText()) || diffIds.size() != layers.size()
                    || !labels.path(BuildPlan.LABEL_CREATED).isTextual()) {
                return Optional.empty();
            }
            boolean compat = "true".equals(labels.path(BuildPlan.LABEL_COMPAT).asText());
            boolean repacked = "true".equals(labels.path(BuildPlan.LABEL_REPACKED).asText());
            int kitIndex = layers.size() - 1 - (compat ? 1 : 0);
            if (kitIndex < 0 || (!repacked && !layers.get(kitIndex).digest().equals("sha256:" + sha))) {
                return Optional.empty();
            }
            Instant created;
            try {
                created = Instant.parse(labels.get(BuildPlan.LABEL_CREATED).asText());
            } catch (RuntimeException e) {
                return Optional.empty();
            }
            String version = labels.path(BuildPlan.LABEL_VDDK_VERSION).isTextual() ? labels.get(BuildPlan.LABEL_VDDK_VERSION).asText() : null;
            return Optional.of(new Recorded(layers.get(kitIndex), diffIds.get(kitIndex), created, version, compat, repacked,
                    repacked ? "the kit layer is the normalised repack of the kit sha256:" + sha + ", inspected when the image was built"
                            : "the kit layer is the kit sha256:" + sha + ", inspected when the image was built"));
        }

        // ---- cold path --------------------------------------------------------------------------------------

        private BuildResult cold(String sha, List<BaseImage> bases, Map<ImageReference, Optional<RegistryPort.Fetched>> existing)
                throws IOException, InterruptedException {
            boolean toRegistry = request.output().kind() == BuildOutput.Kind.REGISTRY;
            ImageReference firstRepo = request.tags().get(0);
            listener.info("Inspecting " + kit.getFileName() + (toRegistry ? " while uploading it to " + firstRepo.name() : ""));
            Future<KitFacts> facts = startInspection();
            ImageJson.Blob kitBlob = new ImageJson.Blob(ImageJson.OCI_LAYER_GZIP, "sha256:" + sha, Files.size(kit));
            Future<Boolean> upload = null;
            if (toRegistry) {
                upload = pool.submit(() -> uploadVerbatimKit(firstRepo, kitBlob, facts));
                copyBaseLayers(bases, firstRepo);
            }
            KitFacts f = await(facts, "inspecting " + kit);
            kitDigest.checkUnchanged();
            for (String w : f.warnings()) {
                warn(w);
            }
            listener.info("Kit: VDDK " + (f.version() == null ? "(version unknown)" : f.version()) + ", "
                    + f.compressedSize() + " bytes compressed, " + f.uncompressedSize() + " uncompressed; " + KitTree.LIBRARY
                    + " resolves (" + f.libraryChain() + ")");
            if (upload != null && !f.usableAsLayer()) {
                try {
                    upload.get();
                } catch (ExecutionException expected) {
                    // the upload of the original was abandoned on purpose; the repack is uploaded below
                }
            }
            KitLayer layer;
            if (f.usableAsLayer()) {
                layer = new KitLayer(kitBlob, f.diffId(), null, true);
            } else {
                warn("the kit cannot be an image layer as it is (" + String.join("; ", f.repackReasons().subList(0,
                        Math.min(3, f.repackReasons().size()))) + "); repacking it normalised (owner 0:0, o+r)");
                layer = repack(f);
            }
            boolean compat = request.vddk9Compat() && f.compatPossible();
            if (request.vddk9Compat() && !f.compatPossible()) {
                warn("--vddk9-compat ignored: the kit is not VDDK 9 or already has libvixDiskLib.so.8");
            } else if (!request.vddk9Compat() && f.compatPossible()) {
                warn("VDDK 9 kit without lib64/libvixDiskLib.so.8: older nbdkit/CDI builds load .so.8; --vddk9-compat adds the link");
            }
            BuildPlan plan = plan(sha, f.version(), f.newest(), compat);
            if (!layer.verbatim()) {
                plan = plan.withLabel(BuildPlan.LABEL_REPACKED, "true");
            }
            Documents docs = documents(plan, bases, layer);
            String chain = layer.verbatim() ? "the kit layer is the inspected kit sha256:" + sha + ": " + f.libraryChain()
                    : "the kit layer is the normalised repack of the inspected kit: " + f.libraryChain();
            if (toRegistry) {
                if (upload != null && layer.verbatim()) {
                    // the configs go up while the registry commits the kit (it hashes and syncs 35 MB or more)
                    for (PlatformImage p : docs.images()) {
                        byte[] config = p.config();
                        ensureBlob(firstRepo, ImageJson.Blob.of(ImageJson.OCI_CONFIG, config), firstRepo,
                                () -> new java.io.ByteArrayInputStream(config));
                    }
                    await(upload, "uploading the kit to " + firstRepo.name());
                }
                return push(docs, bases, layer, existing, chain);
            }
            traceDocuments(docs);
            OciLayoutWriter.write(request.output(), request.tempDirectory(), docs, bases, layer, registry, listener, kit);
            ContractCheck check = new ContractCheck(request.output().toString(), List.of(
                    ImageVerifier.checkEntrypoint(docs.entrypoint(), docs.cmd()),
                    ContractCheck.Item.pass(ContractCheck.LIBRARY, chain)));
            check.orThrow();
            return result(docs, layer, false, null, check);
        }

        /**
         * Uploads the kit file as the layer, unless the repository has it. The upload's last byte waits for the
         * inspection: a kit it rejects, or one that must be repacked, makes the upload fail, so the registry never
         * commits the blob.
         */
        private boolean uploadVerbatimKit(ImageReference repo, ImageJson.Blob blob, Future<KitFacts> facts)
                throws IOException, InterruptedException {
            // uploadBlob checks with HEAD first: a kit the repository has is not sent again
            registry.uploadBlob(repo, blob.digest(), blob.size(), () -> new GatedStream(Files.newInputStream(kit), facts),
                    "kit layer " + short12(blob.digest()));
            present.add(repo.name() + "@" + blob.digest());
            return true;
        }

        private KitLayer repack(KitFacts f) throws IOException, InterruptedException {
            if (request.tempDirectory() == null) {
                throw new BuildException("kit " + kit + " must be repacked, which needs a temp directory from the front end");
            }
            KitInspector.Repacked r = KitInspector.repack(kit, request.expectedSha256(), request.tempDirectory(), listener);
            tempFiles.add(r.file());
            listener.info("Repacked kit: " + r.digest() + " (" + r.size() + " bytes): " + String.join(", ", r.changes()));
            return new KitLayer(new ImageJson.Blob(ImageJson.OCI_LAYER_GZIP, r.digest(), r.size()), r.diffId(), r.file(), false);
        }

        /** Pushes every blob the targets need, then the manifests, tags last; reads the result back. */
        private BuildResult push(Documents docs, List<BaseImage> bases, KitLayer layer,
                                 Map<ImageReference, Optional<RegistryPort.Fetched>> existing, String chain)
                throws IOException, InterruptedException {
            LinkedHashSet<String> repos = new LinkedHashSet<>();
            ImageReference first = docs.plan().targets().get(0);
            for (ImageReference t : docs.plan().targets()) {
                if (repos.add(t.name())) {
                    if (!t.name().equals(first.name())) {
                        copyBaseLayers(bases, t);
                    }
                    ensureBlob(t, layer.blob(), first, layer.source(kit));
                    if (docs.compat() != null) {
                        byte[] gz = docs.compat().gzip();
                        ensureBlob(t, docs.compat().blob(), first, () -> new java.io.ByteArrayInputStream(gz));
                    }
                    for (PlatformImage p : docs.images()) {
                        byte[] config = p.config();
                        ensureBlob(t, ImageJson.Blob.of(ImageJson.OCI_CONFIG, config), first,
                                () -> new java.io.ByteArrayInputStream(config));
                    }
                    if (docs.index() != null) {
                        for (PlatformImage p : docs.images()) {
                            registry.putManifest(t.pinned(p.manifestDigest()), ImageJson.OCI_MANIFEST, p.manifest());
                        }
                    }
                }
            }
            traceDocuments(docs);
            String previous = null;
            Optional<RegistryPort.Fetched> before = existing.getOrDefault(first, Optional.empty());
            if (before.isPresent() && !before.get().digest().equals(docs.digest())) {
                previous = before.get().digest();
            }
            // tags last: until here nothing visible changed
            boolean unchanged = true;
            for (ImageReference t : docs.plan().targets()) {
                Optional<RegistryPort.Fetched> now = existing.containsKey(t) ? existing.get(t) : registry.manifest(t);
                if (now.isPresent() && now.get().digest().equals(docs.digest())) {
                    listener.debug(t + " already is " + docs.digest());
                    continue;
                }
                unchanged = false;
                registry.putManifest(t, docs.mediaType(), docs.topBytes());
                listener.info("Pushed " + t + " (" + docs.digest() + ")");
            }
            if (unchanged) {
                listener.info("Image unchanged: " + first.pinned(docs.digest()) + " already held this image");
            }
            if (previous != null) {
                listener.info(first + " moved from " + previous + " to " + docs.digest());
            }
            ContractCheck check = verifyPushed(docs, layer, chain, null);
            return result(docs, layer, unchanged, previous, check);
        }

        /** With -vv: the config and manifest (and index) JSON, as kubectl-mtv's -v=2 shows its Dockerfile. */
        private void traceDocuments(Documents docs) {
            for (PlatformImage p : docs.images()) {
                listener.trace("config " + p.platform() + " " + ImageJson.sha256(p.config()) + ":\n" + ImageJson.pretty(p.config()));
                listener.trace("manifest " + p.platform() + " " + p.manifestDigest() + ":\n" + ImageJson.pretty(p.manifest()));
            }
            if (docs.index() != null) {
                listener.trace("index " + docs.digest() + ":\n" + ImageJson.pretty(docs.index()));
            }
        }

        /** Makes a blob present in a repository: known there, mounted from another repository, or uploaded. */
        private void ensureBlob(ImageReference repo, ImageJson.Blob blob, ImageReference mountFrom, RegistryPort.Source source)
                throws IOException, InterruptedException {
            if (present.contains(repo.name() + "@" + blob.digest())) {
                return;
            }
            if (!mountFrom.name().equals(repo.name()) && mountFrom.registry().equals(repo.registry())
                    && registry.mountBlob(repo, blob.digest(), mountFrom)) {
                present.add(repo.name() + "@" + blob.digest());
                return;
            }
            registry.uploadBlob(repo, blob.digest(), blob.size(), source, "blob " + short12(blob.digest()));
            present.add(repo.name() + "@" + blob.digest());
        }

        /** The base layers into the target repository: present, mounted (same registry), or streamed across. */
        private void copyBaseLayers(List<BaseImage> bases, ImageReference target) throws IOException, InterruptedException {
            for (BaseImage b : bases) {
                for (ImageJson.Blob l : b.layers()) {
                    if (!present.add(target.name() + "@" + l.digest())) {
                        continue;
                    }
                    // a mount is one request and copies nothing; it also answers "already there"
                    if (b.ref().registry().equals(target.registry()) && registry.mountBlob(target, l.digest(), b.ref())) {
                        listener.debug("base layer " + short12(l.digest()) + " mounted from " + b.ref().name());
                        continue;
                    }
                    listener.debug("copying base layer " + short12(l.digest()) + " (" + l.size() + " bytes) from " + b.ref().name());
                    ImageReference from = b.ref();
                    registry.uploadBlob(target, l.digest(), l.size(), () -> openQuietly(from, l.digest()),
                            "base layer " + short12(l.digest()));
                }
            }
        }

        private InputStream openQuietly(ImageReference from, String digest) throws IOException {
            try {
                return registry.openBlob(from, digest);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while opening " + digest);
            }
        }

        /** Reads the pushed image back: the tag's digest, the config, the entrypoint; the kit layer is proven by its digest. */
        private ContractCheck verifyPushed(Documents docs, KitLayer layer, String chain, RegistryPort.Fetched knownTop) throws IOException, InterruptedException {
            ImageReference first = docs.plan().targets().get(0);
            Optional<RegistryPort.Fetched> back = knownTop != null ? Optional.of(knownTop) : registry.manifest(first);
            if (back.isEmpty() || !back.get().digest().equals(docs.digest())) {
                throw new BuildException("verification: " + first + " resolves to "
                        + (back.isPresent() ? back.get().digest() : "nothing") + " after the push, not " + docs.digest());
            }
            List<ContractCheck.Item> items = new ArrayList<>();
            for (PlatformImage p : docs.images()) {
                byte[] config = fetchedConfigs.containsKey(ImageJson.sha256(p.config()))
                        ? fetchedConfigs.get(ImageJson.sha256(p.config())) : registry.blob(first, ImageJson.sha256(p.config()));
                JNode c = ImageJson.parseObject(config, "config of " + first);
                items.add(ImageVerifier.checkEntrypoint(ImageJson.strings(c.path("config").get("Entrypoint")),
                        ImageJson.strings(c.path("config").get("Cmd"))));
                List<String> diffIds = ImageJson.strings(c.path("rootfs").get("diff_ids"));
                if (!diffIds.contains(layer.diffId())) {
                    items.add(ContractCheck.Item.fail(ContractCheck.LIBRARY, "the config read back lacks the kit's diff_id " + layer.diffId()));
                }
            }
            items.add(ContractCheck.Item.pass(ContractCheck.LIBRARY, chain));
            ContractCheck check = new ContractCheck(first.pinned(docs.digest()).toString(), items);
            listener.debug("verified " + check.image() + ": " + (check.passed() ? "contract met" : check.failureSummary()));
            return check.orThrow();
        }

        // ---- documents --------------------------------------------------------------------------------------

        private BuildPlan plan(String sha, String version, Instant created, boolean compat) {
            return BuildPlan.of(request.baseImage(), request.tags(), request.platforms(), sha, version,
                    created, compat, request.immutableTag());
        }

        private Documents documents(BuildPlan plan, List<BaseImage> bases, KitLayer layer) {
            CompatLayer.Bytes compat = plan.compatLayer() ? CompatLayer.generate(plan.created()) : null;
            List<ImageJson.AddedLayer> added = new ArrayList<>();
            added.add(new ImageJson.AddedLayer(layer.blob(), layer.diffId(), plan.kitHistory()));
            if (compat != null) {
                added.add(new ImageJson.AddedLayer(compat.blob(), compat.diffId(), plan.compatHistory()));
            }
            List<PlatformImage> images = new ArrayList<>();
            for (BaseImage b : bases) {
                byte[] config = ImageJson.config(b.config(), plan, added);
                byte[] manifest = ImageJson.manifest(ImageJson.Blob.of(ImageJson.OCI_CONFIG, config), b.layers(), added,
                        request.baseImage().toString(), b.digest());
                images.add(new PlatformImage(b.platform(), config, manifest, b.layers(), added));
            }
            byte[] index = images.size() > 1 ? ImageJson.index(images.stream()
                    .map(p -> ImageJson.Blob.of(ImageJson.OCI_MANIFEST, p.manifest())).toList(), plan.platforms()) : null;
            JNode c = ImageJson.parseObject(images.get(0).config(), "config");
            return new Documents(plan, images, index, compat, ImageJson.strings(c.path("config").get("Entrypoint")),
                    ImageJson.strings(c.path("config").get("Cmd")));
        }

        // ---- base image -------------------------------------------------------------------------------------

        private List<BaseImage> resolveBase() throws IOException, InterruptedException {
            ImageReference base = request.baseImage();
            listener.debug("resolving base image " + base);
            RegistryPort.Fetched top = registry.manifest(base).orElseThrow(() -> new BuildException(
                    "base image " + base + " not found; check --base-image (air-gapped sites point it at a mirror)"));
            JNode json = ImageJson.parseObject(top.bytes(), "manifest of " + base);
            List<BaseImage> out = new ArrayList<>();
            if (ImageJson.isIndex(top.mediaType(), json)) {
                for (Platform p : request.platforms()) {
                    JNode match = null;
                    List<String> offered = new ArrayList<>();
                    for (JNode m : json.path("manifests")) {
                        JNode pn = m.path("platform");
                        String os = pn.path("os").asText();
                        String arch = pn.path("architecture").asText();
                        String variant = pn.path("variant").asText(null);
                        offered.add(os + "/" + arch + (variant == null ? "" : "/" + variant));
                        if (match == null && p.os().equals(os) && p.architecture().equals(arch)
                                && (p.variant() == null || p.variant().equals(variant))) {
                            match = m;
                        }
                    }
                    if (match == null) {
                        throw new BuildException("base image " + base + " has no " + p + " image (it offers " + offered + ")");
                    }
                    out.add(baseImage(base, p, registry.manifest(base.pinned(match.get("digest").asText()))
                            .orElseThrow(() -> new BuildException("base image " + base + ": the " + p + " manifest is missing"))));
                }
            } else {
                if (request.platforms().size() > 1) {
                    throw new BuildException("base image " + base + " is a single-platform image; several --platform values need a multi-platform base");
                }
                out.add(baseImage(base, request.platforms().get(0), top));
            }
            return out;
        }

        private BaseImage baseImage(ImageReference base, Platform p, RegistryPort.Fetched manifest) throws IOException, InterruptedException {
            JNode json = ImageJson.parseObject(manifest.bytes(), "manifest of " + base);
            if (!json.has("config") || !json.has("layers")) {
                throw new BuildException("base image " + base + " (" + manifest.mediaType() + ") is not an OCI or Docker schema 2 image");
            }
            ImageJson.Blob config = ImageJson.Blob.fromJson(json.get("config"));
            byte[] configBytes = registry.blob(base, config.digest());
            JNode cfg = ImageJson.parseObject(configBytes, "config of " + base);
            String arch = cfg.path("architecture").asText(p.architecture());
            if (!arch.equals(p.architecture())) {
                throw new BuildException("base image " + base + " is " + cfg.path("os").asText("linux") + "/" + arch + ", not " + p);
            }
            return new BaseImage(base, p, manifest.digest(), configBytes, ImageJson.layers(json));
        }

        // ---- results ----------------------------------------------------------------------------------------

        private BuildResult result(Documents docs, KitLayer layer, boolean unchanged, String previous, ContractCheck check) {
            PlatformImage p = docs.images().get(0);
            long total = p.config().length;
            for (ImageJson.Blob b : p.baseLayers()) {
                total += b.size();
            }
            for (ImageJson.AddedLayer a : p.added()) {
                total += a.blob().size();
            }
            ImageReference first = docs.plan().targets().get(0);
            return new BuildResult(docs.plan().targets(), docs.digest(), first.pinned(docs.digest()), docs.plan().vddkVersion(),
                    docs.plan().kitSha256(), docs.plan().platforms(), layer.blob().size(), total, unchanged, previous,
                    Runtime.BUILTIN, request.output().toString(), warnings, check);
        }

        private void warnAboutTargets() {
            if (request.output().kind() == BuildOutput.Kind.REGISTRY) {
                Optional<String> hub = TargetWarnings.publicHub(request.tags());
                if (hub.isPresent()) {
                    warn(hub.get());
                }
            }
            for (Platform p : request.platforms()) {
                if (!p.isAmd64()) {
                    warn("platform " + p + ": VMware ships VDDK for x86_64 only; the kit's libraries will not run there");
                }
            }
        }

        private void warn(String message) {
            warnings.add(message);
            listener.warn(message);
        }

        private <T> T await(Future<T> f, String step) throws IOException, InterruptedException {
            try {
                return f.get();
            } catch (InterruptedException e) {
                f.cancel(true);
                throw e;
            } catch (CancellationException e) {
                throw new InterruptedException(step + " cancelled");
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof IOException io) {
                    throw io;
                }
                if (c instanceof InterruptedException ie) {
                    throw ie;
                }
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                throw new BuildException(step + " failed: " + c, c);
            }
        }
    }

    /** The base image of one platform. */
    record BaseImage(ImageReference ref, Platform platform, String digest, byte[] config, List<ImageJson.Blob> layers) { }

    /** The kit layer: the kit itself (verbatim) or a repack file. */
    record KitLayer(ImageJson.Blob blob, String diffId, Path repacked, boolean verbatim) {
        RegistryPort.Source source(Path kit) {
            Path file = repacked != null ? repacked : kit;
            return () -> Files.newInputStream(file);
        }
    }

    /** One platform's config and manifest. */
    record PlatformImage(Platform platform, byte[] config, byte[] manifest, List<ImageJson.Blob> baseLayers,
                         List<ImageJson.AddedLayer> added) {
        String manifestDigest() {
            return ImageJson.sha256(manifest);
        }
    }

    /** All documents of an image: per-platform configs and manifests, and the index when there are several. */
    record Documents(BuildPlan plan, List<PlatformImage> images, byte[] index, CompatLayer.Bytes compat,
                     List<String> entrypoint, List<String> cmd) {
        byte[] topBytes() {
            return index != null ? index : images.get(0).manifest();
        }

        String mediaType() {
            return index != null ? ImageJson.OCI_INDEX : ImageJson.OCI_MANIFEST;
        }

        String digest() {
            return ImageJson.sha256(topBytes());
        }
    }

    /**
     * The kit file for the upload; at its end it waits for the inspection, and fails when the kit was rejected or
     * must be repacked, so a bad kit's upload is never committed.
     */
    private static final class GatedStream extends java.io.FilterInputStream {
        private final Future<KitFacts> facts;

        GatedStream(InputStream in, Future<KitFacts> facts) {
            super(new java.io.BufferedInputStream(in, 1 << 16));
            this.facts = facts;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            return b < 0 ? gate() : b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            return n < 0 ? gate() : n;
        }

        private int gate() throws IOException {
            try {
                KitFacts f = facts.get();
                if (!f.usableAsLayer()) {
                    throw new IOException("the kit is repacked instead (upload of the original abandoned)");
                }
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            } catch (ExecutionException e) {
                throw new IOException("the kit was rejected: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    static String short12(String digest) {
        int colon = digest.indexOf(':');
        return digest.substring(0, Math.min(digest.length(), colon + 13));
    }
}
