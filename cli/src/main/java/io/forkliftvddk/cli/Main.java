package io.forkliftvddk.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code forklift-vddk} command line: a thin front end over core. */
@Command(name = "forklift-vddk",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Builds VMware VDDK images for Forklift / MTV, configures the ForkliftController and creates vSphere providers.",
        subcommands = {CommandLine.HelpCommand.class,
                BuildImageCommand.class,
                VerifyImageCommand.class,
                InspectCommand.class,
                SettingsCommand.class,
                ConfigureForkliftCommand.class,
                CreateProviderCommand.class,
                PullSecretCommand.class,
                FindVddkCommand.class,
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private int verbosity;

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
        java.io.PrintWriter err = command.commandLine().getErr();
        err.println("Error: " + message);
        err.flush();
        return 1;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main());
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
