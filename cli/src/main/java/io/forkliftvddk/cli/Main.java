package io.forkliftvddk.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code forklift-vddk} command line: a thin front end over core. */
@Command(name = "forklift-vddk",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Builds VMware VDDK images for Forklift / MTV, configures the ForkliftController and creates vSphere providers.")
public final class Main implements Runnable {

    /**
     * The subcommands, in the order the help lists them. Registered in code, not in {@code @Command(subcommands)}:
     * picocli builds the model of every registered command up front (reflection over each command's options and
     * mixins, and the cluster commands pull in Jackson/fabric8 classes), which cost every run ~0.3 s of start-up.
     * {@link #commandLine(CommandLine.IFactory, String...)} registers only the invoked one when it can tell which.
     */
    static final String[] COMMANDS = {"help", "build-image", "verify-image", "inspect", "settings", "configure-forklift",
            "create-provider", "pull-secret", "find-vddk"};

    /** The class of a subcommand; a switch (not a map of class literals) so that only the invoked class is loaded. */
    static Class<?> commandClass(String name) {
        return switch (name) {
            case "help" -> CommandLine.HelpCommand.class;
            case "build-image" -> BuildImageCommand.class;
            case "verify-image" -> VerifyImageCommand.class;
            case "inspect" -> InspectCommand.class;
            case "settings" -> SettingsCommand.class;
            case "configure-forklift" -> ConfigureForkliftCommand.class;
            case "create-provider" -> CreateProviderCommand.class;
            case "pull-secret" -> PullSecretCommand.class;
            case "find-vddk" -> FindVddkCommand.class;
            default -> null;
        };
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private int verbosity;

    Main() {
    }

    /** A root command with {@code -v} given {@code verbosity} times (for the build-image fast path). */
    Main(int verbosity) {
        this.verbosity = verbosity;
    }

    /** Global {@code -v}, repeatable: -v shows each step, -vv also the JSON documents (config, manifest). */
    @CommandLine.Option(names = {"-v", "--verbose"}, scope = CommandLine.ScopeType.INHERIT,
            description = "More output; repeat (-vv) for the JSON documents.")
    void setVerbose(boolean[] flags) {
        verbosity = flags.length;
    }

    int verbosity() {
        return verbosity;
    }

    /** The listener that prints core's progress and log lines on stderr. */
    TerminalListener listener(java.io.PrintWriter err) {
        return new TerminalListener(err, verbosity, System.console() != null);
    }

    /** Runs external processes (podman, docker) for core. */
    io.forkliftvddk.core.spi.CommandRunner commandRunner() {
        return new ProcessCommandRunner(System.getenv());
    }

    /** Prints an error (never a stack trace) and returns the failure exit code. */
    int fail(CommandLine.Model.CommandSpec command, String message) {
        return fail(command.commandLine().getErr(), message);
    }

    /** Prints an error (never a stack trace) on {@code err} and returns the failure exit code. */
    static int fail(PrintWriter err, String message) {
        err.println("Error: " + message);
        err.flush();
        return 1;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        String invoked = invoked(args);
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        // build-image, the command CI runs on every build, skips picocli when its arguments are plain (see the class)
        int code = "build-image".equals(invoked) ? BuildImageFastPath.run(args, out, err) : BuildImageFastPath.DECLINED;
        if (code == BuildImageFastPath.DECLINED) {
            if (DigestWarmup.wanted(invoked)) {
                DigestWarmup.start();
            }
            code = run(args, out, err);
        }
        System.exit(code);
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(CommandLine.defaultFactory(), args);
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    /** The command line with every subcommand (for help and docs). */
    static CommandLine commandLine() {
        return commandLine(CommandLine.defaultFactory());
    }

    /**
     * The command line for these arguments: only the invoked subcommand is registered when the arguments name one
     * (the root's own options take no values, so the first non-option argument is the subcommand); all of them for
     * {@code help}, no subcommand (usage) or an unknown name (picocli's error then suggests the close ones).
     */
    static CommandLine commandLine(CommandLine.IFactory factory, String... args) {
        skipUnusedConverters();
        CommandLine cl = new CommandLine(new Main(), factory);
        String invoked = invoked(args);
        if (invoked == null && versionOnly(args)) {
            return cl; // --version prints the version and nothing else: no subcommand model needed
        }
        for (String name : COMMANDS) {
            if (invoked == null || invoked.equals(name)) {
                cl.addSubcommand(name, commandClass(name));
            }
        }
        return cl;
    }

    /**
     * picocli registers converters for java.sql and java.time types through reflection on every start (loading the
     * java.sql module and java.time's formatters: ~0.1 s). No option here has such a type without its own converter
     * (durations use {@link ForkliftCli.DurationConverter}), so they are left out, unless the user set the property.
     */
    private static void skipUnusedConverters() {
        if (System.getProperty(CONVERTER_EXCLUDES) == null) {
            System.setProperty(CONVERTER_EXCLUDES, "java\\.sql\\..*,java\\.time\\..*");
        }
    }

    private static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

    private static boolean versionOnly(String[] args) {
        boolean version = false;
        for (String a : args) {
            if (a.equals("-V") || a.equals("--version")) {
                version = true;
            } else if (!a.equals("-v") && !a.equals("--verbose") && !a.matches("-v+")) {
                return false;
            }
        }
        return version;
    }

    private static String invoked(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return null;
            }
            if (!a.startsWith("-")) {
                return commandClass(a) == null || a.equals("help") ? null : a;
            }
        }
        return null;
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"forklift-vddk " + (v == null ? "dev" : v)};
        }
    }
}
