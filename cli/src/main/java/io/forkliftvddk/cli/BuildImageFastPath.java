package io.forkliftvddk.cli;

import io.forkliftvddk.core.build.KitDigest;
import io.forkliftvddk.core.forklift.ForkliftException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs {@code build-image} without picocli when its arguments are plain, and declines otherwise.
 *
 * <p>Why: picocli builds a command's model by reflection over its annotations (annotation proxies, generic
 * signatures, ~170 of its own classes loaded and verified): 110–150 ms of CPU before the first byte of work, half of
 * a warm build-image run (the one CI repeats on every build, and the one the benchmark times as a whole process).
 * This parser knows build-image's options by name and type. {@code BuildImageFastPathTest} holds it to picocli's
 * model: every option of the command must be known here, and argument lists covering all of them must give the same
 * field values both ways, or the same refusal.
 *
 * <p>It declines (returns {@link #DECLINED}; picocli then parses as always) whenever picocli might read the arguments
 * differently or has something to print: help or version options, an unknown or repeated option, a missing required
 * one, a value that could be an option name, {@code @file} arguments, {@code --}, or a value picocli would reject.
 * Usage errors found after parsing (a missing file, conflicting options) are printed by picocli's own handler, so
 * the output is the same either way.
 */
final class BuildImageFastPath {

    /** Returned when picocli must handle the arguments. */
    static final int DECLINED = -1;

    private static final String COMMAND = "build-image";

    private BuildImageFastPath() {
    }

    /** Parses and runs build-image; returns its exit code, or {@link #DECLINED}. */
    static int run(String[] args, PrintWriter out, PrintWriter err) {
        BuildImageCommand command = parse(args);
        if (command == null) {
            return DECLINED;
        }
        if (Files.isRegularFile(command.tar)) {
            // the builder's first need; hashed on the other core while the JVM loads the builder
            command.kitDigest = KitDigest.start(command.tar);
        }
        try {
            return command.run(new FastInvocation(out, err));
        } catch (UsageError e) {
            return reportUsageError(args, e.getMessage(), out, err);
        } catch (Exception e) {
            // what picocli's execute() does with an exception the command did not handle
            e.printStackTrace(err);
            err.flush();
            return 1;
        }
    }

    /** The command with its options set as picocli would set them, or null when picocli must parse these arguments. */
    static BuildImageCommand parse(String[] args) {
        int i = 0;
        int rootVerbosity = 0;
        for (; i < args.length && args[i].startsWith("-"); i++) {
            int v = verbosity(args[i]);
            if (v == 0) {
                return null;
            }
            rootVerbosity += v;
        }
        if (i == args.length || !args[i].equals(COMMAND)) {
            return null;
        }
        BuildImageCommand c = new BuildImageCommand();
        c.controllerImage.kube = new KubeOptions(); // picocli creates the nested mixin
        Set<String> seen = new HashSet<>();
        int verbosity = 0;
        for (i++; i < args.length; i++) {
            String arg = args[i];
            int v = verbosity(arg);
            if (v > 0) {
                verbosity += v;
                continue;
            }
            if (!arg.startsWith("-") || arg.equals("--")) {
                return null; // a positional parameter, an @file, or the end of options: picocli's to read
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            Kind kind = kind(name);
            if (kind == null || (kind != Kind.MULTI && !seen.add(name))) {
                return null;
            }
            if (kind == Kind.FLAG) {
                if (value != null) {
                    return null;
                }
            } else if (value == null) {
                if (++i == args.length || mayBeOption(args[i])) {
                    return null;
                }
                value = args[i];
            }
            if (!set(c, name, value)) {
                return null;
            }
        }
        if (rootVerbosity > 0 && verbosity > 0) {
            return null; // -v on both sides of the subcommand: rare, picocli's to count
        }
        if (c.tar == null || c.tags.isEmpty()) {
            return null; // picocli names the missing required option
        }
        if (c.runtimeOptions.runtime == null) {
            c.runtimeOptions.runtime = "auto"; // the option's defaultValue
        }
        c.main = new Main(rootVerbosity + verbosity);
        return c;
    }

    private enum Kind { FLAG, SINGLE, MULTI }

    /** FLAG, SINGLE or MULTI for an option this parser knows, else null (for the test against picocli's model). */
    static String kindOf(String name) {
        Kind k = kind(name);
        return k == null ? null : k.name();
    }

    /** How build-image's option {@code name} takes values, or null for a name it does not have. */
    private static Kind kind(String name) {
        return switch (name) {
            case "--push", "--vddk9-compat", "--immutable-tag", "--push-insecure-skip-tls", "--registry-password-stdin",
                    "--set-controller-image", "--wait-rollout", "--token-stdin", "--insecure-skip-tls-verify" -> Kind.FLAG;
            case "--tag", "--platform", "--ca-cert", "--build-arg", "--runtime-opt" -> Kind.MULTI;
            case "--tar", "--expect-sha256", "--base-image", "--output", "--registry-username", "--authfile", "--runtime",
                    "--dockerfile", "--build-dir", "--runtime-path", "-o", "--output-format", "--controller-image-ref",
                    "--mtv-namespace", "--controller", "--rollout-timeout", "--kubeconfig", "--context", "--server",
                    "--certificate-authority" -> Kind.SINGLE;
            default -> null;
        };
    }

    /** Sets option {@code name} (value null for a flag) as picocli's converter would; false where picocli would refuse. */
    private static boolean set(BuildImageCommand c, String name, String value) {
        RegistryOptions registry = c.registry;
        RuntimeBuildOptions runtime = c.runtimeOptions;
        SetControllerImageOptions controller = c.controllerImage;
        KubeOptions kube = controller.kube;
        try {
            switch (name) {
                case "--push" -> c.push = true;
                case "--vddk9-compat" -> c.vddk9Compat = true;
                case "--immutable-tag" -> c.immutableTag = true;
                case "--push-insecure-skip-tls" -> registry.insecure = true;
                case "--registry-password-stdin" -> registry.passwordStdin = true;
                case "--set-controller-image" -> controller.set = true;
                case "--wait-rollout" -> controller.waitRollout = true;
                case "--token-stdin" -> kube.tokenStdin = true;
                case "--insecure-skip-tls-verify" -> kube.insecureSkipTlsVerify = true;
                case "--tar" -> c.tar = Path.of(value);
                case "--tag" -> c.tags.add(value);
                case "--expect-sha256" -> c.expectSha256 = value;
                case "--base-image" -> c.baseImage = value;
                case "--platform" -> {
                    // split="," as picocli splits, as long as there is nothing for its quote handling to do
                    if (value.indexOf('"') >= 0 || value.isEmpty()) {
                        return false;
                    }
                    for (String p : value.split(",", -1)) {
                        if (p.isEmpty()) {
                            return false;
                        }
                        c.platforms.add(p);
                    }
                }
                case "--output" -> c.output = value;
                case "--ca-cert" -> registry.caCerts = append(registry.caCerts, Path.of(value));
                case "--registry-username" -> registry.username = value;
                case "--authfile" -> registry.authFile = Path.of(value);
                case "--runtime" -> runtime.runtime = value;
                case "--dockerfile" -> runtime.dockerfile = Path.of(value);
                case "--build-dir" -> runtime.buildDir = Path.of(value);
                case "--runtime-path" -> runtime.runtimePath = Path.of(value);
                case "--build-arg" -> runtime.buildArgs.add(value);
                case "--runtime-opt" -> runtime.runtimeOptions.add(value);
                case "-o", "--output-format" -> {
                    // picocli matches enum constants exactly
                    switch (value) {
                        case "text" -> c.format.format = OutputFormat.Format.text;
                        case "json" -> c.format.format = OutputFormat.Format.json;
                        default -> {
                            return false;
                        }
                    }
                }
                case "--controller-image-ref" -> controller.ref = value;
                case "--mtv-namespace" -> controller.mtvNamespace = value;
                case "--controller" -> controller.controller = value;
                case "--rollout-timeout" -> controller.rolloutTimeout = ForkliftCli.duration(value);
                case "--kubeconfig" -> kube.kubeconfig = Path.of(value);
                case "--context" -> kube.context = value;
                case "--server" -> kube.server = value;
                case "--certificate-authority" -> kube.certificateAuthority = Path.of(value);
                default -> {
                    return false;
                }
            }
            return true;
        } catch (InvalidPathException | ForkliftException e) {
            return false; // picocli reports the value it cannot convert
        }
    }

    private static List<Path> append(List<Path> list, Path p) {
        List<Path> copy = new ArrayList<>(list);
        copy.add(p);
        return copy;
    }

    /** How many times {@code -v} this argument gives (-v, -vv, --verbose), or 0. */
    private static int verbosity(String arg) {
        if (arg.equals("--verbose")) {
            return 1;
        }
        if (arg.length() < 2 || arg.charAt(0) != '-') {
            return 0;
        }
        for (int k = 1; k < arg.length(); k++) {
            if (arg.charAt(k) != 'v') {
                return 0;
            }
        }
        return arg.length() - 1;
    }

    /**
     * Whether picocli could take this option value for an option (and then complain of a missing value): anything
     * with a single dash, and double-dash words naming one of the command's options. Others, such as
     * {@code --runtime-opt --isolation=chroot}, picocli takes as values.
     */
    private static boolean mayBeOption(String value) {
        if (!value.startsWith("-")) {
            return false;
        }
        if (!value.startsWith("--") || value.equals("--")) {
            return true;
        }
        int eq = value.indexOf('=');
        String name = eq > 0 ? value.substring(0, eq) : value;
        return kind(name) != null || verbosity(name) > 0 || name.equals("--help") || name.equals("--version");
    }

    /** Prints a usage error exactly as picocli does for build-image (message, then usage) and returns its exit code. */
    private static int reportUsageError(String[] args, String message, PrintWriter out, PrintWriter err) {
        picocli.CommandLine root = Main.commandLine(picocli.CommandLine.defaultFactory(), args);
        root.setOut(out);
        root.setErr(err);
        picocli.CommandLine command = root.getSubcommands().get(COMMAND);
        try {
            return command.getParameterExceptionHandler().handleParseException(
                    new picocli.CommandLine.ParameterException(command, message), args);
        } catch (Exception e) {
            e.printStackTrace(err);
            err.flush();
            return 2;
        }
    }

    /** A usage error of the fast path, reported by {@link #reportUsageError}. */
    private static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message, null, false, false);
        }
    }

    private record FastInvocation(PrintWriter out, PrintWriter err) implements Invocation {
        @Override
        public RuntimeException usageError(String message) {
            return new UsageError(message);
        }
    }
}
