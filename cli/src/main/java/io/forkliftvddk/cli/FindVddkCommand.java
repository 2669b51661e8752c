package io.forkliftvddk.cli;

import io.forkliftvddk.core.discovery.DownloadResult;
import io.forkliftvddk.core.discovery.KitDownloader;
import io.forkliftvddk.core.discovery.KitFilter;
import io.forkliftvddk.core.discovery.KitSource;
import io.forkliftvddk.core.discovery.ReleaseCheck;
import io.forkliftvddk.core.discovery.ReleaseChecker;
import io.forkliftvddk.core.discovery.ReleaseRequest;
import io.forkliftvddk.core.discovery.SourceAuth;
import io.forkliftvddk.core.discovery.SourceProxy;
import io.forkliftvddk.core.discovery.SourceSpec;
import io.forkliftvddk.core.discovery.TagLookup;
import io.forkliftvddk.core.discovery.TagTemplate;
import io.forkliftvddk.core.discovery.TlsOptions;
import io.forkliftvddk.core.discovery.VddkKit;
import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.registry.ProxySettings;
import io.forkliftvddk.core.registry.RegistryClient;
import io.forkliftvddk.core.registry.RegistryCredentials;
import io.forkliftvddk.core.registry.RegistryOptions;
import io.forkliftvddk.core.registry.RegistryTls;
import io.forkliftvddk.core.spi.Listener;
import io.forkliftvddk.core.spi.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code forklift-vddk find-vddk}: the newest VDDK kit in a directory or an HTTP listing, and whether it was built. */
@Command(name = "find-vddk",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Finds the newest VMware VDDK kit (VMware-vix-disklib-*.x86_64.tar.gz) in a directory or an http(s) listing "
                    + "page (Apache/nginx autoindex, Artifactory, Nexus), reads its sha256 from a .sha256, .sha256sum or "
                    + "SHA256SUMS file next to it, and with --image-repository asks the registry whether the image tag "
                    + "for that version already exists. Keeps no state: run it from cron or CI to rebuild on new kits.",
            "",
            "Only one secret can come from standard input: --password-stdin, --token-stdin or "
                    + "--registry-password-stdin (use --authfile for the registry when the source needs a password)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:a kit was found (and, with --image-repository, its image does not exist yet: build it)",
            "1:failure (source or registry unreachable, refused credentials, TLS, checksum mismatch); an unreachable "
                    + "registry is never reported as a missing image",
            "2:usage error (bad option, version, pattern or tag template)",
            "3:nothing new: no kit matches the filters, or the image for the newest kit already exists"})
public final class FindVddkCommand implements Callable<Integer> {

    static final int NOTHING_NEW = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.ParentCommand
    Main main;

    @Option(names = "--source", required = true, paramLabel = "DIR|URL",
            description = "A directory holding kits, or the http(s) URL of a listing page.")
    String source;

    @Option(names = {"-r", "--recursive"},
            description = "Also look in subdirectories (for a URL: listing pages below it, up to 4 levels).")
    boolean recursive;

    @Option(names = "--username", paramLabel = "USER", description = "User for HTTP basic auth on the source (password from --password-stdin).")
    String username;

    @Option(names = "--password-stdin", description = "Read the source password from standard input.")
    boolean passwordStdin;

    @Option(names = "--token-stdin", description = "Read a bearer token for the source (Artifactory/Nexus token) from standard input.")
    boolean tokenStdin;

    @Option(names = "--newer-than", paramLabel = "VERSION",
            description = "Only kits newer than this: 8.0.1 excludes every build of 8.0.1, 8.0.1-21562716 lets later 8.0.1 builds through.")
    String newerThan;

    @Option(names = "--at-least", paramLabel = "VERSION", description = "Only kits of this version or newer.")
    String atLeast;

    @Option(names = "--same-major", paramLabel = "MAJOR", description = "Only kits of this major version (e.g. 8).")
    String sameMajor;

    @Option(names = "--name-pattern", paramLabel = "REGEX", description = "Only kits whose file name contains a match of this Java regular expression.")
    String namePattern;

    @Option(names = "--image-repository", paramLabel = "REPO",
            description = "Image repository (registry/repository, no tag) to check for an image of the newest kit.")
    String imageRepository;

    @Option(names = "--tag-template", paramLabel = "TEMPLATE", defaultValue = TagTemplate.DEFAULT,
            description = "Tag for a version: {version} (8.0.3, 9.0.0.0), {major}, {build}; default ${DEFAULT-VALUE}.")
    String tagTemplate;

    @Option(names = "--registry-username", paramLabel = "USER", description = "User for the image registry (password from --registry-password-stdin).")
    String registryUsername;

    @Option(names = "--registry-password-stdin", description = "Read the image registry's password or token from standard input.")
    boolean registryPasswordStdin;

    @Option(names = "--authfile", paramLabel = "FILE", description = "A docker config.json or podman auth.json with registry credentials.")
    Path authFile;

    @Option(names = "--ca-cert", paramLabel = "FILE",
            description = "PEM CA certificate(s) to trust, in addition to the system ones, for the source and the registry (repeatable).")
    List<Path> caCerts = List.of();

    @Option(names = "--insecure-skip-tls", description = "Do not verify TLS certificates of the source and the registry.")
    boolean insecure;

    @Option(names = "--download", paramLabel = "DIR",
            description = "Download the kit into DIR when there is something to build (checksum verified when published).")
    Path download;

    @Option(names = {"-o", "--output-format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "text (default) or json (one object).")
    String output;

    private final InputStream stdin;
    private final Map<String, String> env;

    public FindVddkCommand() {
        this(System.in, System.getenv());
    }

    /** @param env where proxies come from: {@code HTTPS_PROXY}, {@code HTTP_PROXY}, {@code NO_PROXY} (either case) */
    FindVddkCommand(InputStream stdin, Map<String, String> env) {
        this.stdin = stdin;
        this.env = env;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean json = format();
        ReleaseRequest request = request();
        Listener listener = main.listener(err);
        Thread worker = Thread.currentThread();
        // Ctrl-C: interrupt the work so a download removes its partial file, and wait for that briefly
        Thread hook = new Thread(() -> {
            worker.interrupt();
            try {
                worker.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "find-vddk-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try (RegistryClient client = imageRepository == null ? null : RegistryClient.create(registryOptions(listener))) {
            KitSource kitSource = request.source().open();
            ReleaseCheck check = new ReleaseChecker(client == null ? null : TagLookup.of(client))
                    .check(request, kitSource, listener);
            DownloadResult downloaded = null;
            if (download != null && check.shouldBuild()) {
                Files.createDirectories(download);
                downloaded = KitDownloader.download(kitSource, check.kit(), download, listener);
            }
            out.println(json ? json(check, downloaded) : text(check, downloaded, request));
            out.flush();
            return check.shouldBuild() ? 0 : NOTHING_NEW;
        } catch (IOException e) {
            return main.fail(spec, e.getMessage());
        } catch (InterruptedException e) {
            return main.fail(spec, "interrupted; no partial download was left");
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running: it waits for this thread
            }
        }
    }

    private boolean format() {
        String f = output.toLowerCase(Locale.ROOT);
        if (!f.equals("text") && !f.equals("json")) {
            throw usage("-o/--output-format must be text or json, not '" + output + "'");
        }
        return f.equals("json");
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** Checks every option and reads the one secret standard input may hold. */
    ReleaseRequest request() {
        int fromStdin = (passwordStdin ? 1 : 0) + (tokenStdin ? 1 : 0) + (registryPasswordStdin ? 1 : 0);
        if (fromStdin > 1) {
            throw usage("only one of --password-stdin, --token-stdin and --registry-password-stdin can read standard"
                    + " input; give the registry credentials with --authfile");
        }
        if (username != null && !passwordStdin) {
            throw usage("--username needs --password-stdin (the password is read from standard input, never from an argument)");
        }
        if (passwordStdin && username == null) {
            throw usage("--password-stdin needs --username");
        }
        if (registryUsername != null && !registryPasswordStdin) {
            throw usage("--registry-username needs --registry-password-stdin");
        }
        if (registryPasswordStdin && registryUsername == null) {
            throw usage("--registry-password-stdin needs --registry-username");
        }
        if (imageRepository == null && (registryUsername != null || authFile != null)) {
            throw usage("registry credentials need --image-repository");
        }
        if (insecure && !caCerts.isEmpty()) {
            throw usage("give either --ca-cert or --insecure-skip-tls, not both");
        }
        if (authFile != null && !Files.isReadable(authFile)) {
            throw usage("--authfile " + authFile + ": file not found or not readable");
        }
        if (download != null && Files.exists(download) && !Files.isDirectory(download)) {
            throw usage("--download " + download + " is not a directory");
        }
        try {
            KitFilter filter = KitFilter.of(sameMajor, atLeast, newerThan, namePattern);
            TlsOptions tls = insecure ? TlsOptions.insecureSkipVerify() : TlsOptions.caFiles(caCerts);
            SourceSpec s = SourceSpec.of(source).withRecursive(recursive).withTls(tls);
            if (!s.isUrl() && (username != null || tokenStdin)) {
                throw usage("--username/--token-stdin apply to http(s) sources only");
            }
            String sourceProxy = s.isUrl() && source.toLowerCase(Locale.ROOT).startsWith("https:")
                    ? env("HTTPS_PROXY") : env("HTTP_PROXY");
            if (sourceProxy != null) {
                s = s.withProxy(new SourceProxy(sourceProxy, env("NO_PROXY")));
            }
            if (username != null) {
                s = s.withAuth(SourceAuth.basic(username, readSecret("--password-stdin")));
            } else if (tokenStdin) {
                s = s.withAuth(SourceAuth.bearer(readSecret("--token-stdin")));
            }
            return ReleaseRequest.of(s).withFilter(filter).withImage(imageRepository, TagTemplate.of(tagTemplate));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        } catch (IOException e) {
            throw usage(e.getMessage());
        }
    }

    private RegistryOptions registryOptions(Listener listener) {
        ImageReference repo = ReleaseRequest.repository(imageRepository);
        RegistryOptions.Builder b = RegistryOptions.builder().listener(listener).authFile(authFile);
        if (env("HTTPS_PROXY") != null) {
            b.proxy(ProxySettings.parse(env("HTTPS_PROXY"), env("NO_PROXY")));
        }
        if (registryUsername != null) {
            b.credentials(repo.registry(), new RegistryCredentials(registryUsername, readSecret("--registry-password-stdin")));
        }
        if (insecure) {
            b.tls(repo.registry(), RegistryTls.insecure());
        } else if (!caCerts.isEmpty()) {
            b.tls(repo.registry(), RegistryTls.caBundles(caCerts));
        }
        return b.build();
    }

    /** An environment variable in upper or lower case, or null when unset or blank. */
    private String env(String name) {
        for (String n : List.of(name, name.toLowerCase(Locale.ROOT))) {
            String v = env.get(n);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private Secret readSecret(String option) {
        try {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            stdin.transferTo(buf);
            // the newline comes from echo or a here-string, not from the secret
            String text = buf.toString(StandardCharsets.UTF_8).replaceAll("\\r?\\n$", "");
            if (text.isEmpty()) {
                throw usage(option + ": standard input was empty");
            }
            return Secret.of(text);
        } catch (IOException e) {
            throw usage(option + ": cannot read standard input: " + e.getMessage());
        }
    }

    private static String json(ReleaseCheck check, DownloadResult downloaded) {
        Map<String, Object> m = new LinkedHashMap<>(check.toMap());
        m.put("downloaded", downloaded == null ? null : downloaded.path());
        m.put("downloadVerified", downloaded == null ? null : downloaded.verified());
        return Json.write(m);
    }

    private static String text(ReleaseCheck check, DownloadResult downloaded, ReleaseRequest request) {
        if (!check.found()) {
            return "No VDDK kit in " + request.source().location() + " matches " + request.filter().describe() + ".";
        }
        VddkKit k = check.kit();
        StringBuilder sb = new StringBuilder();
        sb.append("Newest VDDK: ").append(k.version()).append('\n');
        sb.append("  name:     ").append(k.name()).append('\n');
        sb.append("  location: ").append(k.location()).append('\n');
        sb.append("  size:     ").append(k.size() < 0 ? "unknown" : k.size() + " bytes").append('\n');
        sb.append("  sha256:   ").append(k.sha256() == null ? "not published" : k.sha256());
        switch (check.status()) {
            case EXISTS -> sb.append("\nImage ").append(check.image()).append(" exists (").append(check.digest())
                    .append("): nothing to build.");
            case MISSING -> sb.append("\nImage ").append(check.image()).append(" does not exist: build it.");
            default -> { }
        }
        if (downloaded != null) {
            sb.append("\nDownloaded to ").append(downloaded.path())
                    .append(downloaded.verified() ? " (sha256 verified)" : " (no published checksum)");
        }
        return sb.toString();
    }
}
