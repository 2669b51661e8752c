package io.forkliftvddk.cli;

import io.forkliftvddk.core.build.ContractCheck;
import io.forkliftvddk.core.build.RegistryImageVerifier;
import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.image.Platform;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code forklift-vddk verify-image REF}: checks an image in a registry against Forklift's VDDK image contract. */
@Command(name = "verify-image", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Checks an image in a registry against Forklift's VDDK image contract: the entrypoint copies the"
                + " kit to /opt, and the kit has lib64/libvixDiskLib.so resolving to a file, readable by any user."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the image meets the contract", "1:it does not, or it cannot be read", "2:invalid usage"})
public final class VerifyImageCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "REF", description = "The image (tag or digest).")
    String image;

    @Option(names = "--platform", paramLabel = "PLATFORM", defaultValue = "linux/amd64",
            description = "Which image of a multi-platform index (default: ${DEFAULT-VALUE}).")
    String platform;

    @Mixin
    RegistryOptions registry = new RegistryOptions();

    @Mixin
    OutputFormat format = new OutputFormat();

    @Override
    public Integer call() {
        ImageReference ref;
        Platform p;
        try {
            ref = ImageReference.parse(image);
            p = Platform.parse(platform);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        TerminalListener listener = main.listener(spec.commandLine().getErr());
        try {
            ContractCheck check = new RegistryImageVerifier().verify(ref, p,
                    registry.access(new PicocliInvocation(spec), List.of(ref), System.in, System.getenv()), listener);
            format.print(spec.commandLine().getOut(), ResultView.of(check));
            return check.passed() ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return main.fail(spec, "interrupted");
        } catch (IOException e) {
            return main.fail(spec, e.getMessage());
        }
    }
}
