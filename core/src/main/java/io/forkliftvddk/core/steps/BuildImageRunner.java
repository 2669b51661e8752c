package io.forkliftvddk.core.steps;

import io.forkliftvddk.core.build.BuildOutput;
import io.forkliftvddk.core.discovery.DownloadResult;
import io.forkliftvddk.core.discovery.KitDownloader;
import io.forkliftvddk.core.discovery.SourceAuth;
import io.forkliftvddk.core.discovery.TlsOptions;
import io.forkliftvddk.core.build.BuildRequest;
import io.forkliftvddk.core.build.BuildResult;
import io.forkliftvddk.core.build.ImageBuilders;
import io.forkliftvddk.core.build.RegistryAccess;
import io.forkliftvddk.core.build.Runtime;
import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.image.Platform;
import io.forkliftvddk.core.spi.CommandRunner;
import io.forkliftvddk.core.spi.Listener;
import io.forkliftvddk.core.spi.Secret;
import io.forkliftvddk.core.steps.CredentialLookup.Kind;
import io.forkliftvddk.core.steps.CredentialLookup.Resolved;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code buildVddkImage} from parameters to result map, in two halves: {@link #prepare} on the controller (defaults,
 * validation, credentials → {@link Inputs}, Serializable) and {@link #run} where the workspace is (Jenkins: inside
 * {@code FilePath.act} on the agent), which maps the inputs to a core {@link BuildRequest} and builds.
 */
public final class BuildImageRunner {

    private BuildImageRunner() {
    }

    /** A username and password read from a credential; {@link #toString()} masks the password. */
    public record Login(String username, Secret password) implements Serializable {
        @Override
        public String toString() {
            return "Login[" + username + ", ****]";
        }
    }

    /**
     * Everything the agent half needs: validated parameters with defaults applied, the resolved logins, the build's
     * environment (only {@code DOCKER_CONFIG} is read) and the warnings to log.
     */
    public record Inputs(BuildImageParameters parameters, Login registry, Login baseImage, String dockerConfig,
                         List<String> warnings) implements Serializable {
        public Inputs {
            warnings = List.copyOf(warnings);
        }

        /** The secrets in use, for masking output. */
        public List<Secret> secrets() {
            List<Secret> s = new ArrayList<>();
            if (registry != null) {
                s.add(registry.password());
            }
            if (baseImage != null) {
                s.add(baseImage.password());
            }
            return s;
        }
    }

    /**
     * Controller half: applies defaults, validates (all errors at once), resolves credentials.
     *
     * @param env the build's environment; {@code DOCKER_CONFIG} (set by docker-workflow's {@code withRegistry}) is used as
     *            the registry auth file when no credentials are given
     * @throws StepException for invalid parameters or credentials
     */
    public static Inputs prepare(BuildImageParameters parameters, GlobalDefaults defaults, CredentialLookup lookup,
                                 Map<String, String> env) {
        BuildImageParameters p = parameters.withDefaults(defaults);
        List<String> warnings = p.validate();
        Login registry = login(lookup, "registryCredentialsId", p.registryCredentialsId());
        Login base = login(lookup, "baseImageCredentialsId", p.baseImageCredentialsId());
        String dockerConfig = env == null ? null : StepValues.trimToNull(env.get("DOCKER_CONFIG"));
        return new Inputs(p, registry, base, dockerConfig, warnings);
    }

    private static Login login(CredentialLookup lookup, String parameter, String id) {
        Resolved r = Credentials.resolve(lookup, parameter, id, Kind.USERNAME_PASSWORD);
        return r == null ? null : new Login(r.username(), r.secret());
    }

    /**
     * The core request for these inputs. Relative paths (archive, Dockerfile, build dir, output) are in the workspace.
     *
     * @param archive  the kit on this machine (already downloaded when the parameter was a URL)
     * @param scratch  a private directory for the CA file and the builders' temp files
     */
    public static BuildRequest toRequest(Inputs in, Path workspace, Path archive, PrivateDirectory scratch) throws IOException {
        BuildImageParameters p = in.parameters();
        ImageReference first = ImageReference.parse(p.tag());
        List<ImageReference> tags = new ArrayList<>();
        tags.add(first);
        for (String t : StepValues.words(p.additionalTags())) {
            ImageReference r = first.withTag(t);
            if (!tags.contains(r)) {
                tags.add(r);
            }
        }
        List<Platform> platforms = new ArrayList<>();
        for (String s : p.platforms()) {
            platforms.add(Platform.parse(s));
        }
        BuildRequest.Builder b = BuildRequest.builder(archive)
                .expectedSha256(p.expectedSha256())
                .tags(tags)
                .baseImage(p.baseImage() == null ? null : ImageReference.parse(p.baseImage()))
                .platforms(platforms)
                .push(p.push())
                .output(p.output() == null ? BuildOutput.REGISTRY : inWorkspace(BuildOutput.parse(p.output()), workspace))
                .registryAccess(registryAccess(in, first, scratch))
                .runtime(Runtime.parse(p.runtime()))
                .runtimePath(p.runtimePath() == null ? null : Path.of(p.runtimePath()))
                .dockerfile(p.dockerfile() == null ? null : workspace.resolve(p.dockerfile()))
                .buildDir(p.buildDir() == null ? null : workspace.resolve(p.buildDir()))
                .buildArgs(p.buildArgMap())
                .runtimeOptions(StepValues.lines(p.runtimeOptions()))
                .vddk9Compat(p.vddk9Compat())
                .immutableTag(p.immutableTag())
                .tempDirectory(scratch.path());
        return b.build();
    }

    /** Target and base credentials by host; the target registry's TLS options; DOCKER_CONFIG as auth file. */
    static RegistryAccess registryAccess(Inputs in, ImageReference target, PrivateDirectory scratch) throws IOException {
        BuildImageParameters p = in.parameters();
        RegistryAccess access = RegistryAccess.anonymous();
        String targetHost = target.registry();
        if (in.registry() != null) {
            String host = p.registryEndpointUrl() != null ? endpointHost(p.registryEndpointUrl()) : targetHost;
            access = access.withCredentials(host, new RegistryAccess.Credentials(in.registry().username(), in.registry().password()));
        }
        if (in.baseImage() != null) {
            ImageReference base = p.baseImage() != null ? ImageReference.parse(p.baseImage()) : BuildRequest.DEFAULT_BASE_IMAGE;
            access = access.withCredentials(base.registry(),
                    new RegistryAccess.Credentials(in.baseImage().username(), in.baseImage().password()));
        }
        if (in.dockerConfig() != null) {
            Path config = Path.of(in.dockerConfig(), "config.json");
            if (Files.isRegularFile(config)) {
                access = access.withAuthFile(config);
            }
        }
        if (p.registryInsecureSkipTlsVerify()) {
            access = access.withInsecureHost(targetHost);
        } else if (p.registryCaCertificate() != null) {
            Path ca = scratch.write("registry-ca.pem", p.registryCaCertificate().getBytes(StandardCharsets.US_ASCII));
            access = access.withCaCertificate(ca);
        }
        return access;
    }

    /** {@code https://host:port/…} (docker-commons endpoint URL) → {@code host:port}; a bare host stays as it is. */
    static String endpointHost(String url) {
        if (!url.contains("://")) {
            return url.replaceAll("/.*$", "");
        }
        URI u = URI.create(url);
        return u.getPort() > 0 ? u.getHost() + ":" + u.getPort() : u.getHost();
    }

    private static BuildOutput inWorkspace(BuildOutput out, Path workspace) {
        return out.kind() == BuildOutput.Kind.REGISTRY ? out : new BuildOutput(out.kind(), workspace.resolve(out.path()));
    }

    /**
     * Agent half: fetches the kit when it is a URL (into the private scratch directory, checked against the expected
     * sha256), then builds. Output is masked for the secrets in use; the scratch directory is removed in every outcome.
     *
     * @param scratchParent where the private scratch directory is made (Jenkins: the workspace's {@code @tmp} sibling)
     */
    public static BuildResult run(Inputs in, Path workspace, Path scratchParent, CommandRunner runner, Listener listener)
            throws IOException, InterruptedException {
        return run(in, workspace, scratchParent, runner, false, listener);
    }

    /**
     * As {@link #run(Inputs, Path, Path, CommandRunner, Listener)}, telling core whether the agent runs Windows, where
     * the podman/docker builders refuse with a clear message (the front end knows the agent's OS; core never asks).
     */
    public static BuildResult run(Inputs in, Path workspace, Path scratchParent, CommandRunner runner, boolean windowsAgent,
                                  Listener listener) throws IOException, InterruptedException {
        Listener masked = new SecretMasker(in.secrets()).wrap(listener);
        for (String w : in.warnings()) {
            masked.warn(w);
        }
        try (PrivateDirectory scratch = PrivateDirectory.create(scratchParent)) {
            Path archive = archive(in, workspace, scratch, masked);
            BuildRequest request = toRequest(in, workspace, archive, scratch);
            ImageBuilders.Selection selection = new ImageBuilders(runner, windowsAgent).select(request);
            masked.info("Builder: " + selection.builder().runtime().cliName() + " (" + selection.reason() + ")");
            return selection.builder().build(request, masked);
        }
    }

    /** The kit on this machine: a workspace path, or a URL downloaded into the scratch directory. */
    static Path archive(Inputs in, Path workspace, PrivateDirectory scratch, Listener listener)
            throws IOException, InterruptedException {
        BuildImageParameters p = in.parameters();
        if (!p.archiveIsUrl()) {
            return workspace.resolve(p.archive());
        }
        listener.info("Downloading " + p.archive());
        DownloadResult d = new KitDownloader(SourceAuth.none(), TlsOptions.defaults())
                .download(p.archive(), p.expectedSha256(), scratch.path(), listener);
        return Path.of(d.path());
    }

    /** The step's return value. */
    public static LinkedHashMap<String, Object> resultMap(BuildResult r) {
        List<String> tags = r.references().stream().map(ImageReference::toString).toList();
        return ResultMaps.build(tags.isEmpty() ? null : tags.get(0), tags, r.digest(),
                r.pinned() == null ? null : r.pinned().toString(), r.previousDigest(), r.vddkVersion(), r.unchanged(),
                r.builder() == null ? null : r.builder().cliName());
    }

    /** What the build page shows beyond the result map: verification and warnings. */
    public static Map<String, String> summary(BuildResult r) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("verification", r.verification() == null ? "not checked"
                : r.verification().passed() ? "passed" : r.verification().failureSummary());
        s.put("output", r.output() == null ? "" : r.output());
        s.put("warnings", ResultMaps.lines(r.warnings()));
        return s;
    }
}
