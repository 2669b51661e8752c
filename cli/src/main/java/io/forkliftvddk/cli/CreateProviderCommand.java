package io.forkliftvddk.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.forkliftvddk.core.forklift.ForkliftException;
import io.forkliftvddk.core.forklift.KubeConnection;
import io.forkliftvddk.core.forklift.provider.BufferPreset;
import io.forkliftvddk.core.forklift.provider.EsxiCloneMethod;
import io.forkliftvddk.core.forklift.provider.IfExists;
import io.forkliftvddk.core.forklift.provider.SdkEndpoint;
import io.forkliftvddk.core.forklift.provider.VsphereProviderRequest;
import io.forkliftvddk.core.forklift.provider.VsphereProviderResult;
import io.forkliftvddk.core.forklift.provider.VsphereProviders;
import io.forkliftvddk.core.spi.Listener;
import io.forkliftvddk.core.spi.Secret;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code create-provider NAME}: a vSphere Provider with its credentials Secret and VDDK settings (create or update). */
@Command(name = "create-provider", mixinStandardHelpOptions = true,
        description = "Create or update a vSphere Provider and its credentials Secret, with per-provider VDDK settings.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the Provider exists as asked (created, updated or unchanged; Ready when --wait)", "1:the change or the wait failed", "2:invalid usage or input"})
public final class CreateProviderCommand implements Callable<Integer> {

    /** kubectl-mtv's variable for a default per-provider VDDK image. */
    static final String VDDK_ENV = "MTV_VDDK_INIT_IMAGE";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    KubeOptions kube;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "Provider name.")
    String name;
    @Option(names = {"-M", "--name"}, paramLabel = "NAME", description = "Provider name (instead of the argument).")
    String nameOption;
    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", description = "Provider type; only vsphere is supported.")
    String type = "vsphere";
    @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Namespace (default: the kubeconfig context's, else default).")
    String namespace;
    @Option(names = {"-U", "--url"}, paramLabel = "URL", description = "vCenter/ESXi SDK URL, e.g. https://vcenter.example.com/sdk.")
    String url;
    @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "vSphere user.")
    String username;
    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordStdin;
    @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from a file (first line).")
    Path passwordFile;
    @Option(names = "--secret", paramLabel = "NAME", description = "Use an existing Secret (keys user, password, ca.crt or insecureSkipVerify) instead.")
    String secret;
    @Option(names = "--cacert", paramLabel = "FILE", description = "File with the CA certificate (PEM) of vCenter/ESXi.")
    String cacert;
    @Option(names = {"--provider-insecure-skip-tls", "--insecure-skip-tls"}, description = "Do not verify the vCenter/ESXi certificate.")
    boolean insecure;
    @Option(names = "--sdk-endpoint", paramLabel = "vcenter|esxi", description = "What the URL points at.")
    String sdkEndpoint;
    @Option(names = "--vddk-init-image", paramLabel = "REF",
            description = "Per-provider VDDK image (overrides the global vddk_image). Default: $" + VDDK_ENV + "; \"\" for none.")
    String vddkInitImage;
    @Option(names = "--use-vddk-aio-optimization", description = "Turn on VDDK AIO (needs a per-provider image to survive Forklift's webhook).")
    boolean aio;
    @Option(names = "--vddk-buf-size-in-64k", paramLabel = "N", description = "AIO buffer size in 64 KiB units, 1-1024 (0: automatic).")
    int bufSize;
    @Option(names = "--vddk-buf-count", paramLabel = "N", description = "AIO buffer count, 1-64 (0: automatic).")
    int bufCount;
    @Option(names = "--preset", paramLabel = "SIZE", description = "AIO buffers: small (64/4), medium (128/8), large (256/16), very-large (512/32).")
    String preset;
    @Option(names = "--esxi-clone-method", paramLabel = "vib|ssh", description = "Copy-offload clone method.")
    String esxiCloneMethod;
    @Option(names = "--pin-global-image", description = "Copy the ForkliftController's vddk_image into this provider's vddkInitImage.")
    boolean pinGlobalImage;
    @Option(names = "--mtv-namespace", paramLabel = "NS", description = "MTV namespace for --pin-global-image (default: discovered).")
    String mtvNamespace;
    @Option(names = "--controller", paramLabel = "NAME", description = "ForkliftController for --pin-global-image (default: the only one).")
    String controller;
    @Option(names = "--if-exists", paramLabel = "fail|update|skip", description = "When the Provider exists (default: update).")
    String ifExists = "update";
    @Option(names = "--wait", description = "Wait until the Provider is Ready (fails early on a Critical/Error condition).")
    boolean await;
    @Option(names = "--timeout", paramLabel = "DURATION", converter = ForkliftCli.DurationConverter.class, description = "How long --wait waits (default: 5m).")
    Duration timeout = Duration.ofMinutes(5);
    @Option(names = "--dry-run", description = "Print the Secret and Provider instead of creating them (no API calls).")
    boolean dryRun;
    @Option(names = "--show-secrets", description = "With --dry-run: print the password and CA instead of <redacted>.")
    boolean showSecrets;
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "With --dry-run: yaml (default) or json; otherwise text (default) or json.")
    String output;

    /** The environment, replaceable in tests. */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Listener l = ForkliftCli.listener(spec);
        try {
            if (name != null && nameOption != null) {
                throw ForkliftException.invalid("cannot specify name as both argument and --name flag");
            }
            String providerName = name != null ? name : nameOption;
            if (providerName == null) {
                throw ForkliftException.invalid("--name is required (or give NAME as the argument)");
            }
            if (!"vsphere".equalsIgnoreCase(type)) {
                throw ForkliftException.invalid("provider type " + type + " is not supported here; only vsphere");
            }
            String fmt = output == null ? (dryRun ? "yaml" : "text") : output.toLowerCase(Locale.ROOT);
            if (dryRun ? !(fmt.equals("yaml") || fmt.equals("json")) : !(fmt.equals("text") || fmt.equals("json"))) {
                throw ForkliftException.invalid("invalid output format: " + output + (dryRun ? ". With --dry-run: yaml, json" : ". Valid formats are: text, json"));
            }
            if (showSecrets && !dryRun) {
                throw ForkliftException.invalid("--show-secrets only applies to --dry-run");
            }
            if (passwordStdin && kube.tokenStdin) {
                // one standard input cannot carry two secrets; reading the password first would starve the token
                throw ForkliftException.invalid("only one secret can come from standard input: with --token-stdin,"
                        + " give the vCenter password with --password-file");
            }
            if (passwordStdin && passwordFile != null) {
                throw ForkliftException.invalid("give either --password-stdin or --password-file, not both");
            }
            if ((passwordStdin || passwordFile != null) && username == null) {
                throw ForkliftException.invalid("a password needs --username");
            }
            if (username != null && !passwordStdin && passwordFile == null) {
                throw ForkliftException.invalid("--username needs --password-stdin or --password-file (passwords never go on the command line)");
            }
            String image = vddkInitImage;
            if (image == null && env.get(VDDK_ENV) != null && !env.get(VDDK_ENV).isBlank()) {
                image = env.get(VDDK_ENV);
                l.info("--vddk-init-image defaults to $" + VDDK_ENV + " (" + image + "): this pins a per-provider image that"
                        + " overrides the global vddk_image; pass --vddk-init-image \"\" for none");
            }
            if (image != null && image.isEmpty()) {
                image = null;
            }
            Secret password = null;
            if (passwordStdin) {
                password = Secret.of(stripNewline(KubeOptions.readStdin(System.in)));
            } else if (passwordFile != null) {
                String content = KubeOptions.read(passwordFile, "--password-file");
                int nl = content.indexOf('\n');
                password = Secret.of(stripNewline(nl >= 0 ? content.substring(0, nl) : content));
            }
            String ca = null;
            if (cacert != null) {
                ca = KubeOptions.read(Path.of(cacert), "--cacert");
            }

            KubeConnection connection = null;
            String ns = namespace;
            if (!dryRun || ns == null) {
                try {
                    connection = kube.resolve(System.in, l);
                } catch (ForkliftException e) {
                    if (!dryRun) {
                        throw e;
                    }
                }
            }
            if (ns == null) {
                ns = connection == null ? "default" : connection.defaultNamespace().orElse("default");
            }
            VsphereProviderRequest.Builder b = VsphereProviderRequest.builder(providerName, ns, url)
                    .credentials(username, password).existingSecret(secret).caPem(ca).insecureSkipVerify(insecure)
                    .vddkInitImage(image).useVddkAioOptimization(aio).buffers(bufSize, bufCount)
                    .ifExists(IfExists.parse(ifExists)).pinGlobalImage(pinGlobalImage).mtv(mtvNamespace, controller)
                    .waitForReady(await ? timeout : null, null);
            if (sdkEndpoint != null) {
                b.sdkEndpoint(SdkEndpoint.parse(sdkEndpoint));
            }
            if (esxiCloneMethod != null) {
                b.esxiCloneMethod(EsxiCloneMethod.parse(esxiCloneMethod));
            }
            if (preset != null) {
                b.preset(BufferPreset.parse(preset));
            }
            VsphereProviderRequest request = b.build();

            if (dryRun) {
                VsphereProviders.Rendering r = VsphereProviders.render(request,
                        fmt.equals("json") ? VsphereProviders.Format.JSON : VsphereProviders.Format.YAML, showSecrets);
                r.warnings().forEach(l::warn);
                out.print(r.text());
                out.flush();
                return ForkliftCli.OK;
            }
            VsphereProviderResult result;
            try (KubernetesClient c = connection.connect()) {
                result = new VsphereProviders(c, l).createOrUpdate(request);
            }
            result.warnings().forEach(l::warn);
            if (fmt.equals("json")) {
                out.print(SettingsCommand.write("json", result));
            } else {
                out.println("provider/" + result.name() + " " + result.outcome().label() + " in namespace " + result.namespace()
                        + " (secret " + result.secretName() + ": " + result.secretOutcome().label() + ")");
                if (result.phase() != null) {
                    out.println("phase: " + result.phase());
                }
                result.effectiveSettings().entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> out.println("setting " + e.getKey() + "=" + e.getValue().replace("\n", "\\n")));
            }
            out.flush();
            return ForkliftCli.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ForkliftCli.fail(err, new ForkliftException(ForkliftException.Kind.FAILED, "interrupted"));
        } catch (RuntimeException e) {
            return ForkliftCli.fail(err, e);
        }
    }

    private static String stripNewline(String s) {
        return s.endsWith("\r\n") ? s.substring(0, s.length() - 2) : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }
}
