package io.forkliftvddk.cli;

import io.forkliftvddk.core.build.BuildOutput;
import io.forkliftvddk.core.build.BuildRequest;
import io.forkliftvddk.core.build.BuildResult;
import io.forkliftvddk.core.build.ImageBuilders;
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
import picocli.CommandLine.ParameterException;
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

    @Override
    public Integer call() throws Exception {
        TerminalListener listener = main.listener(spec.commandLine().getErr());
        try {
            controllerImage.check(push);
        } catch (io.forkliftvddk.core.forklift.ForkliftException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (controllerImage.enabled() && registry.passwordStdin && controllerImage.kube.tokenStdin) {
            // one standard input cannot carry two secrets
            throw new ParameterException(spec.commandLine(), "only one secret can come from standard input: with"
                    + " --registry-password-stdin, connect to the cluster with --kubeconfig instead of --token-stdin");
        }
        // core never reads java.io.tmpdir; the CLI hands it a private 0700 directory there, removed afterwards
        try (PrivateDirectory temp = PrivateDirectory.create(Path.of(System.getProperty("java.io.tmpdir")))) {
            BuildRequest request = request(temp.path());
            // the runtime builders refuse Windows agents; the front end knows the OS, core never asks the JVM
            boolean windows = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("windows");
            ImageBuilders.Selection selection = new ImageBuilders(main.commandRunner(), windows).select(request);
            listener.info("Using " + selection.builder().runtime().cliName() + " builder (" + selection.reason() + ")");
            BuildResult result = selection.builder().build(request, listener);
            format.print(spec.commandLine().getOut(), ResultView.of(result));
            if (controllerImage.enabled()) {
                try {
                    controllerImage.apply(result.references().get(0), result.digest(), listener,
                            spec.commandLine().getErr());
                } catch (RuntimeException e) {
                    return main.fail(spec, "the image was pushed (" + result.pinned() + ") but setting the"
                            + " ForkliftController's vddk_image failed: " + e.getMessage());
                }
            }
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return main.fail(spec, "interrupted; no tag was written");
        } catch (IOException e) {
            return main.fail(spec, e.getMessage());
        }
    }

    BuildRequest request(Path tempRoot) {
        if (!Files.isRegularFile(tar)) {
            throw new ParameterException(spec.commandLine(), "--tar " + tar + ": file not found");
        }
        List<ImageReference> refs = new ArrayList<>();
        for (String t : tags) {
            refs.add(reference("--tag", t));
        }
        BuildRequest.Builder b = BuildRequest.builder(tar)
                .tags(refs)
                .push(push)
                .vddk9Compat(vddk9Compat)
                .immutableTag(immutableTag)
                .tempDirectory(tempRoot);
        try {
            b.expectedSha256(expectSha256);
            if (baseImage != null) {
                b.baseImage(reference("--base-image", baseImage));
            }
            for (String p : platforms) {
                b.platform(Platform.parse(p));
            }
            if (output != null) {
                b.output(BuildOutput.parse(output));
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (push && output != null) {
            throw new ParameterException(spec.commandLine(), "--push and --output exclude each other: push to the registry, or write " + output);
        }
        b.registryAccess(registry.access(spec, refs, System.in, System.getenv()));
        runtimeOptions.apply(spec, b);
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private ImageReference reference(String option, String text) {
        try {
            return ImageReference.parse(text);
        } catch (InvalidImageReferenceException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
