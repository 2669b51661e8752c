package io.forkliftvddk.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.forkliftvddk.core.forklift.ForkliftException;
import io.forkliftvddk.core.forklift.settings.ForkliftSettings;
import io.forkliftvddk.core.forklift.settings.SettingValue;
import io.forkliftvddk.core.forklift.settings.SettingsCatalog;
import io.forkliftvddk.core.forklift.settings.SettingsRequest;
import io.forkliftvddk.core.forklift.settings.SettingsResult;
import io.forkliftvddk.core.spi.Listener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code settings get|set|unset}: the ForkliftController's settings. */
@Command(name = "settings", mixinStandardHelpOptions = true,
        description = "Show or change ForkliftController settings (vddk_image and every other setting kubectl-mtv knows).",
        subcommands = {SettingsCommand.Get.class, SettingsCommand.Set.class, SettingsCommand.Unset.class},
        exitCodeListHeading = "%nExit codes (every subcommand):%n",
        exitCodeList = {"0:done", "1:the cluster call failed", "2:invalid usage, unknown setting or bad value"})
public final class SettingsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options every settings subcommand has. */
    static final class Target {
        @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "MTV namespace (default: discovered).")
        String namespace;

        @Option(names = "--controller", paramLabel = "NAME", description = "ForkliftController name (default: the only one).")
        String controller;
    }

    @Command(name = "get", mixinStandardHelpOptions = true, description = "Show settings with their values and defaults.")
    static final class Get implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        KubeOptions kube;
        @Mixin
        Target target;

        @Parameters(arity = "0..1", paramLabel = "NAME", description = "One setting to show.")
        String name;

        @Option(names = "--setting", paramLabel = "NAME", description = "Setting to show (repeatable).")
        List<String> settings = new ArrayList<>();

        @Option(names = "--all", description = "Include the extended settings, not only the curated ones.")
        boolean all;

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "table (or text), json or yaml (default: table).")
        String output = "table";

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                String fmt = output.toLowerCase(java.util.Locale.ROOT);
                if (!List.of("table", "text", "json", "yaml").contains(fmt)) {
                    throw ForkliftException.invalid("invalid output format: " + output + ". Valid formats are: table, json, yaml");
                }
                List<String> names = new ArrayList<>(settings);
                if (name != null) {
                    names.add(0, name);
                }
                names.forEach(SettingsCatalog::require);
                Listener l = ForkliftCli.listener(spec);
                List<SettingValue> values;
                try (KubernetesClient c = kube.resolve(System.in, l).connect()) {
                    values = new ForkliftSettings(c, l).get(target.namespace, target.controller, names, all);
                }
                if (fmt.equals("json") || fmt.equals("yaml")) {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    for (SettingValue v : values) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("name", v.name());
                        m.put("value", v.value());
                        m.put("default", v.defaultValue());
                        m.put("isSet", v.isSet());
                        m.put("type", v.type().label());
                        m.put("category", v.category());
                        m.put("description", v.description());
                        rows.add(m);
                    }
                    out.print(write(fmt, rows));
                } else if (names.size() == 1) {
                    out.println(values.get(0).displayValue());
                } else {
                    table(out, values);
                }
                out.flush();
                return ForkliftCli.OK;
            } catch (RuntimeException e) {
                return ForkliftCli.fail(err, e);
            }
        }

        private static void table(PrintWriter out, List<SettingValue> values) {
            int wc = "CATEGORY".length();
            int ws = "SETTING".length();
            int wv = "VALUE".length();
            for (SettingValue v : values) {
                wc = Math.max(wc, v.category().length());
                ws = Math.max(ws, v.name().length());
                wv = Math.max(wv, v.displayValue().length());
            }
            String f = "%-" + wc + "s  %-" + ws + "s  %-" + wv + "s  %s%n";
            out.printf(f, "CATEGORY", "SETTING", "VALUE", "DEFAULT");
            for (SettingValue v : values) {
                out.printf(f, v.category(), v.name(), v.displayValue(), v.displayDefault());
            }
        }
    }

    @Command(name = "set", mixinStandardHelpOptions = true,
            description = "Set settings in one patch: `settings set NAME VALUE` or `--setting N --value V` (repeatable pairs).")
    static final class Set implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        KubeOptions kube;
        @Mixin
        Target target;
        @Mixin
        ChangeOptions change;

        @Parameters(arity = "0..2", paramLabel = "NAME VALUE", description = "A setting and its value.")
        List<String> positional = new ArrayList<>();

        @Option(names = "--setting", paramLabel = "NAME", description = "Setting to change (repeatable, paired with --value).")
        List<String> settings = new ArrayList<>();

        @Option(names = "--value", paramLabel = "VALUE", description = "Its value (repeatable).")
        List<String> values = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try {
                List<String> names = new ArrayList<>(settings);
                List<String> vals = new ArrayList<>(values);
                if (positional.size() == 1) {
                    throw ForkliftException.invalid("settings set NAME VALUE: the value is missing");
                }
                if (positional.size() == 2) {
                    names.add(0, positional.get(0));
                    vals.add(0, positional.get(1));
                }
                if (names.isEmpty()) {
                    throw ForkliftException.invalid("give a setting: settings set NAME VALUE, or --setting NAME --value VALUE");
                }
                if (names.size() != vals.size()) {
                    throw ForkliftException.invalid("number of --setting flags (" + names.size() + ") must match number of --value flags ("
                            + vals.size() + ")");
                }
                Map<String, String> m = new LinkedHashMap<>();
                for (int i = 0; i < names.size(); i++) {
                    if (m.put(names.get(i), vals.get(i)) != null) {
                        throw ForkliftException.invalid("duplicate setting: " + names.get(i) + " (each setting can only be specified once)");
                    }
                }
                return change.run(spec, kube, SettingsRequest.set(m).in(target.namespace, target.controller));
            } catch (RuntimeException e) {
                return ForkliftCli.fail(err, e);
            }
        }
    }

    @Command(name = "unset", mixinStandardHelpOptions = true, description = "Remove settings (the operator's default applies again).")
    static final class Unset implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Mixin
        KubeOptions kube;
        @Mixin
        Target target;
        @Mixin
        ChangeOptions change;

        @Parameters(arity = "0..*", paramLabel = "NAME", description = "Settings to remove.")
        List<String> positional = new ArrayList<>();

        @Option(names = "--setting", paramLabel = "NAME", description = "Setting to remove (repeatable).")
        List<String> settings = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            try {
                List<String> names = new ArrayList<>(positional);
                names.addAll(settings);
                if (names.isEmpty()) {
                    throw ForkliftException.invalid("give a setting: settings unset NAME, or --setting NAME");
                }
                return change.run(spec, kube, SettingsRequest.unset(names).in(target.namespace, target.controller));
            } catch (RuntimeException e) {
                return ForkliftCli.fail(err, e);
            }
        }
    }

    /** Dry-run, wait and output options of commands that change settings, and the shared run + report. */
    static final class ChangeOptions {
        @Option(names = "--dry-run", description = "Print the JSON Patch that would be sent; change nothing.")
        boolean dryRun;

        @Option(names = "--wait", description = "Wait until the operator has rolled the change out (forklift-controller Deployment).")
        boolean await;

        @Option(names = "--timeout", paramLabel = "DURATION", converter = ForkliftCli.DurationConverter.class,
                description = "How long --wait waits (default: 5m).")
        Duration timeout = Duration.ofMinutes(5);

        @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text or json (default: text).")
        String output = "text";

        int run(CommandLine.Model.CommandSpec spec, KubeOptions kube, SettingsRequest request) {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!List.of("text", "json").contains(output)) {
                throw ForkliftException.invalid("invalid output format: " + output + ". Valid formats are: text, json");
            }
            Listener l = ForkliftCli.listener(spec);
            SettingsResult r;
            try (KubernetesClient c = kube.resolve(System.in, l).connect()) {
                r = new ForkliftSettings(c, l).apply(request.withDryRun(dryRun).withWait(await ? timeout : null, null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ForkliftException(ForkliftException.Kind.FAILED, "interrupted");
            }
            report(out, l, r, output);
            return ForkliftCli.OK;
        }
    }

    static void report(PrintWriter out, Listener l, SettingsResult r, String output) {
        r.warnings().forEach(l::warn);
        if (output.equals("json")) {
            out.print(write("json", r));
        } else {
            String target = "ForkliftController " + r.namespace() + "/" + r.controller();
            if (r.dryRun()) {
                out.println("dry run: would patch " + target + " with (application/json-patch+json):");
                out.println(r.patch());
            }
            for (var c : r.changes()) {
                out.println((r.dryRun() ? "would change " : "changed ") + c.name() + ": "
                        + (c.previous() == null ? "(not set)" : c.previous()) + " -> " + (c.value() == null ? "(not set)" : c.value()));
            }
            for (String u : r.unchanged()) {
                out.println("unchanged " + u);
            }
            if (r.rollout() != null) {
                out.println("rolled out: " + r.rollout().observation());
            }
        }
        out.flush();
    }

    static String write(String format, Object value) {
        try {
            ObjectMapper m = format.equals("yaml") ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            String s = m.writeValueAsString(value);
            return s.endsWith("\n") ? s : s + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
