package io.forkliftvddk.cli;

import io.forkliftvddk.core.build.BuildOutput;
import io.forkliftvddk.core.build.BuildRequest;
import io.forkliftvddk.core.build.BuildResult;
import io.forkliftvddk.core.build.ImageBuilders;
import io.forkliftvddk.core.build.KitDigest;
import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.image.InvalidImageReferenceException;
import io.forkliftvddk.core.image.Platform;
import io.forkliftvddk.core.steps.PrivateDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code forklift-vddk build-image}: builds a VDDK image for Forklift from a kit. Flag names follow kubectl-mtv's
 * {@code create vddk-image}; unlike it, every failure exits non-zero.
 */
@Command(name = "build-image", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Builds a VDDK image for Forklift from a VMware-vix-disklib tar.gz.",
                "The built-in builder pushes the validated kit itself as the image's last layer over the base image:"
                        + " no daemon, no extraction, no recompression, the same digest for the same kit."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the image was built (or was already up to date)", "1:the build failed", "2:invalid usage"})
public final class BuildImageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Option(names = "--tar", required = true, paramLabel = "FILE", description = "The VDDK tar.gz (VMware-vix-disklib-*.x86_64.tar.gz).")
    Path tar;

    @Option(names = "--tag", required = true, paramLabel = "REF", description = "Target image reference; repeat for several tags.")
    List<String> tags = new ArrayList<>();

    @Option(names = "--expect-sha256", paramLabel = "HEX", description = "The sha256 the kit must have (from VMware's download page).")
    String expectSha256;

    @Option(names = "--push", description = "Push the image to the registry of the tag(s).")
    boolean push;

    @Mixin
    RegistryOptions registry = new RegistryOptions();

    @Option(names = "--base-image", paramLabel = "REF",
            description = "Base image (default: registry.access.redhat.com/ubi8/ubi-minimal, as the documented Dockerfile).")
    String baseImage;

    @Option(names = "--platform", split = ",", paramLabel = "PLATFORM",
            description = "amd64 or linux/amd64 (default); several, comma-separated, give a multi-platform index.")
    List<String> platforms = new ArrayList<>();

    @Option(names = "--output", paramLabel = "DEST", description = "Write the image to oci:DIR (OCI image layout) or oci-archive:FILE instead of a registry.")
    String output;

    @Option(names = "--vddk9-compat", description = "Add lib64/libvixDiskLib.so.8 -> libvixDiskLib.so.9 (for VDDK 9 with older nbdkit/CDI).")
    boolean vddk9Compat;

    @Option(names = "--immutable-tag", description = "Also tag <tag>-<first 12 hex of the kit sha256>.")
    boolean immutableTag;

    @Mixin
    RuntimeBuildOptions runtimeOptions = new RuntimeBuildOptions();

    @Mixin
    OutputFormat format = new OutputFormat();

    @Mixin
    SetControllerImageOptions controllerImage = new SetControllerImageOptions();

    /** The kit's sha256 when the fast path started computing it with the process, else null. */
    KitDigest kitDigest;

    @Override
    public Integer call() throws Exception {
        return run(new PicocliInvocation(spec));
    }

    /** Builds the image; usage errors are thrown as the invocation's, other failures print and return 1. */
    int run(Invocation invocation) throws Exception {
        TerminalListener listener = main.listener(invocation.err());
        try {
            controllerImage.check(push);
        } catch (io.forkliftvddk.core.forklift.ForkliftException e) {
            throw invocation.usageError(e.getMessage());
        }
        if (controllerImage.enabled() && registry.passwordStdin && controllerImage.kube.tokenStdin) {
            // one standard input cannot carry two secrets
            throw invocation.usageError("only one secret can come from standard input: with"
                    + " --registry-password-stdin, connect to the cluster with --kubeconfig instead of --token-stdin");
        }
        // core never reads java.io.tmpdir; the CLI hands it a private 0700 directory there, removed afterwards
        try (PrivateDirectory temp = PrivateDirectory.create(Path.of(System.getProperty("java.io.tmpdir")))) {
            BuildRequest request = request(invocation, temp.path());
            // the runtime builders refuse Windows agents; the front end knows the OS, core never asks the JVM
            boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
            ImageBuilders.Selection selection = new ImageBuilders(main.commandRunner(), windows).select(request);
            listener.info("Using " + selection.builder().runtime().cliName() + " builder (" + selection.reason() + ")");
            BuildResult result = selection.builder().build(request, listener);
            format.print(invocation.out(), ResultView.of(result));
            if (controllerImage.enabled()) {
                try {
                    controllerImage.apply(result.references().get(0), result.digest(), listener, invocation.err());
                } catch (RuntimeException e) {
                    return Main.fail(invocation.err(), "the image was pushed (" + result.pinned() + ") but setting the"
                            + " ForkliftController's vddk_image failed: " + e.getMessage());
                }
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Main.fail(invocation.err(), "interrupted; no tag was written");
        } catch (IOException e) {
            return Main.fail(invocation.err(), e.getMessage());
        }
    }

    BuildRequest request(Invocation invocation, Path tempRoot) {
        if (!Files.isRegularFile(tar)) {
            throw invocation.usageError("--tar " + tar + ": file not found");
        }
        List<ImageReference> refs = new ArrayList<>();
        for (String t : tags) {
            refs.add(reference(invocation, "--tag", t));
        }
        BuildRequest.Builder b = BuildRequest.builder(tar)
                .tags(refs)
                .push(push)
                .vddk9Compat(vddk9Compat)
                .immutableTag(immutableTag)
                .tempDirectory(tempRoot)
                .kitDigest(kitDigest);
        try {
            b.expectedSha256(expectSha256);
            if (baseImage != null) {
                b.baseImage(reference(invocation, "--base-image", baseImage));
            }
            for (String p : platforms) {
                b.platform(Platform.parse(p));
            }
            if (output != null) {
                b.output(BuildOutput.parse(output));
            }
        } catch (IllegalArgumentException e) {
            throw invocation.usageError(e.getMessage());
        }
        if (push && output != null) {
            throw invocation.usageError("--push and --output exclude each other: push to the registry, or write " + output);
        }
        b.registryAccess(registry.access(invocation, refs, System.in, System.getenv()));
        runtimeOptions.apply(invocation, b);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw invocation.usageError(e.getMessage());
        }
    }

    private static ImageReference reference(Invocation invocation, String option, String text) {
        try {
            return ImageReference.parse(text);
        } catch (InvalidImageReferenceException e) {
            throw invocation.usageError(option + ": " + e.getMessage());
        }
    }
}
