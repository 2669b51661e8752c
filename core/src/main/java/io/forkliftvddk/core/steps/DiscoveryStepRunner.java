package io.forkliftvddk.core.steps;

import io.forkliftvddk.core.archive.VddkVersion;
import io.forkliftvddk.core.discovery.DiscoveryException;
import io.forkliftvddk.core.discovery.KitFilter;
import io.forkliftvddk.core.discovery.ReleaseCheck;
import io.forkliftvddk.core.discovery.ReleaseChecker;
import io.forkliftvddk.core.discovery.ReleaseRequest;
import io.forkliftvddk.core.discovery.SourceAuth;
import io.forkliftvddk.core.discovery.SourceSpec;
import io.forkliftvddk.core.discovery.TagLookup;
import io.forkliftvddk.core.discovery.TagTemplate;
import io.forkliftvddk.core.discovery.TlsOptions;
import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.registry.RegistryClient;
import io.forkliftvddk.core.registry.RegistryCredentials;
import io.forkliftvddk.core.registry.RegistryOptions;
import io.forkliftvddk.core.registry.RegistryTls;
import io.forkliftvddk.core.spi.Listener;
import io.forkliftvddk.core.steps.CredentialLookup.Kind;
import io.forkliftvddk.core.steps.CredentialLookup.Resolved;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * {@code findVddkArchive} and the {@code vddkRelease} trigger's poll over core discovery: parameters → release request
 * (source with its credentials, filter, image repository and tag template) → release check → result map or poll outcome.
 */
public final class DiscoveryStepRunner {

    private DiscoveryStepRunner() {
    }

    /**
     * The core request. A directory source must be under an allowed root.
     *
     * @throws StepException for a refused source, invalid parameters or credentials of the wrong kind
     */
    public static ReleaseRequest request(FindArchiveParameters p, List<String> allowedRoots, CredentialLookup lookup) {
        p.validate(allowedRoots);
        SourceSpec source;
        try {
            if (SourcePolicy.isUrl(p.source())) {
                Resolved r = Credentials.resolve(lookup, "sourceCredentialsId", p.sourceCredentialsId(), Kind.USERNAME_PASSWORD,
                        Kind.SECRET_TEXT);
                SourceAuth auth = r == null ? SourceAuth.none()
                        : r.kind() == Kind.SECRET_TEXT ? SourceAuth.bearer(r.secret()) : SourceAuth.basic(r.username(), r.secret());
                source = SourceSpec.of(p.source()).withAuth(auth);
            } else {
                if (p.sourceCredentialsId() != null) {
                    throw new StepException("sourceCredentialsId: credentials apply to http(s) sources only, not to a directory");
                }
                source = SourceSpec.of(SourcePolicy.allowedDirectory(p.source(), allowedRoots).toString());
            }
            String major = p.sameMajor() ? Integer.toString(VddkVersion.parse(p.newerThan()).major()) : null;
            KitFilter filter = KitFilter.of(major, null, p.newerThan(), p.namePattern());
            return ReleaseRequest.of(source).withFilter(filter).withImage(p.imageRepository(), TagTemplate.of(p.effectiveTagTemplate()));
        } catch (IllegalArgumentException e) {
            throw new StepException("findVddkArchive: " + e.getMessage(), e);
        }
    }

    /** Registry options for the image repository's registry: credentials and TLS from the parameters. */
    static RegistryOptions registryOptions(FindArchiveParameters p, CredentialLookup lookup, PrivateDirectory scratch,
                                           Listener listener) throws IOException {
        RegistryOptions.Builder b = RegistryOptions.builder().listener(listener);
        if (p.imageRepository() == null) {
            return b.build();
        }
        String host = ImageReference.parse(p.imageRepository()).registry();
        Resolved r = Credentials.resolve(lookup, "registryCredentialsId", p.registryCredentialsId(), Kind.USERNAME_PASSWORD);
        if (r != null) {
            b.credentials(host, new RegistryCredentials(r.username(), r.secret()));
        }
        if (p.registryInsecureSkipTlsVerify()) {
            b.tls(host, RegistryTls.insecure());
        } else if (p.registryCaCertificate() != null) {
            b.tls(host, RegistryTls.caBundle(scratch.write("registry-ca.pem",
                    p.registryCaCertificate().getBytes(StandardCharsets.US_ASCII))));
        }
        return b.build();
    }

    /**
     * Runs the check (on the controller for the step and the trigger).
     *
     * @param scratchParent where a private directory for the registry CA file is made (and removed)
     * @throws DiscoveryException when the source or the registry cannot be asked (never reported as "missing")
     */
    public static ReleaseCheck check(FindArchiveParameters p, GlobalDefaults defaults, CredentialLookup lookup, Path scratchParent,
                                     Listener listener) throws IOException, InterruptedException {
        FindArchiveParameters withDefaults = p.withDefaults(defaults);
        ReleaseRequest request = request(withDefaults, defaults.allowedRoots(), lookup);
        try (PrivateDirectory scratch = PrivateDirectory.create(scratchParent);
             RegistryClient client = RegistryClient.create(registryOptions(withDefaults, lookup, scratch, listener))) {
            return new ReleaseChecker(TagLookup.of(client)).check(request, listener);
        }
    }

    /** The step's map: {@code version}, {@code name}, {@code location}, {@code sha256}, {@code imageExists}, {@code tag}. */
    public static LinkedHashMap<String, Object> resultMap(ReleaseCheck c) {
        if (!c.found()) {
            return ResultMaps.find(null, null, null, null, false, null);
        }
        return ResultMaps.find(c.kit().version().toString(), c.kit().name(), c.kit().location(), c.kit().sha256(),
                c.imageExists(), c.image() == null ? null : c.image().toString());
    }

    /** {@code findVddkArchive}. */
    public static LinkedHashMap<String, Object> find(FindArchiveParameters p, GlobalDefaults defaults, CredentialLookup lookup,
                                                     Path scratchParent, Listener listener) throws IOException, InterruptedException {
        ReleaseCheck c = check(p, defaults, lookup, scratchParent, listener);
        listener.info(c.summary());
        return resultMap(c);
    }

    /**
     * One trigger poll: skip rules first (no network for a disabled or busy job), then the check, then the decision.
     * Every failure becomes an outcome with its error; nothing is thrown, so the trigger thread keeps going.
     */
    public static PollOutcome poll(ReleaseTriggerParameters t, ReleasePoll.JobState job, GlobalDefaults defaults,
                                   CredentialLookup lookup, Path scratchParent, Listener listener, String now)
            throws InterruptedException {
        String shown = t.source() == null ? "" : t.source();
        var skip = ReleasePoll.skipBeforeCheck(job);
        if (skip.isPresent()) {
            return new PollOutcome(now, shown, null, null, null, null, false, skip.get(), null, java.util.Map.of());
        }
        try {
            java.util.Map<String, FormCheck> checks = t.checks(defaults.allowedRoots());
            List<String> errors = checks.entrySet().stream().filter(e -> e.getValue().isError())
                    .map(e -> e.getKey() + ": " + e.getValue().message()).toList();
            if (!errors.isEmpty()) {
                return ReleasePoll.decide(shown, job, null, "invalid configuration: " + String.join("; ", errors), now);
            }
            ReleaseCheck c = check(t.find(), defaults, lookup, scratchParent, listener);
            if (!c.found()) {
                return ReleasePoll.decide(shown, job, null, null, now);
            }
            ReleasePoll.ImageState state = c.imageExists() ? ReleasePoll.ImageState.EXISTS : ReleasePoll.ImageState.MISSING;
            ReleasePoll.Found found = new ReleasePoll.Found(c.kit().version().toString(), c.kit().name(), c.kit().location(),
                    c.kit().sha256(), c.image() == null ? null : c.image().toString(), state, null);
            return ReleasePoll.decide(shown, job, found, null, now);
        } catch (DiscoveryException e) {
            return ReleasePoll.decide(shown, job, null, e.getMessage(), now);
        } catch (IOException | RuntimeException e) {
            return ReleasePoll.decide(shown, job, null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), now);
        }
    }
}
