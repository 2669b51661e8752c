package io.forkliftvddk.cli;

import io.forkliftvddk.core.forklift.ForkliftException;
import io.forkliftvddk.core.forklift.settings.SettingsRequest;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code configure-forklift --vddk-image REF}: sets the global VDDK image (and other settings) on the ForkliftController. */
@Command(name = "configure-forklift", mixinStandardHelpOptions = true,
        description = "Set the global VDDK image (vddk_image) and other settings on the ForkliftController in one patch.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the controller holds the settings (changed, or already so)", "1:the change failed (connection, permissions, rollout wait)", "2:invalid usage or setting value"})
public final class ConfigureForkliftCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    KubeOptions kube;
    @Mixin
    SettingsCommand.Target target;
    @Mixin
    SettingsCommand.ChangeOptions change;

    @Option(names = "--vddk-image", paramLabel = "REF", description = "VDDK image, preferably pinned (registry/repo@sha256:...).")
    String vddkImage;

    @Option(names = "--setting", paramLabel = "NAME=VALUE", description = "Another setting to set in the same patch (repeatable).")
    List<String> settings = List.of();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            Map<String, String> m = new LinkedHashMap<>();
            if (vddkImage != null) {
                m.put("vddk_image", vddkImage);
            }
            for (String s : settings) {
                int eq = s.indexOf('=');
                if (eq <= 0) {
                    throw ForkliftException.invalid("--setting " + s + ": expected NAME=VALUE");
                }
                if (m.put(s.substring(0, eq), s.substring(eq + 1)) != null) {
                    throw ForkliftException.invalid("duplicate setting: " + s.substring(0, eq));
                }
            }
            if (m.isEmpty()) {
                throw ForkliftException.invalid("give --vddk-image REF and/or --setting NAME=VALUE");
            }
            return change.run(spec, kube, SettingsRequest.set(m).in(target.namespace, target.controller));
        } catch (RuntimeException e) {
            return ForkliftCli.fail(err, e);
        }
    }
}
