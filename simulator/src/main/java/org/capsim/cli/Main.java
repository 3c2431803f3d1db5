package org.capsim.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code capsim} command line. Exit status: 0 success, 2 bad input (arguments, scenario,
 * trace, your policy class), 1 internal error. Errors are one clear line each; stack traces only
 * with {@code --debug}.
 */
@Command(name = "capsim", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {
            "Simulates AI datacenter capacity: GPU clusters of several providers with",
            "their build-out, training jobs under scaling-law demand or from traces,",
            "and the routing of every job between providers (exclusive, right of first",
            "refusal, earliest start, cheapest, lowest carbon, or your own policy).",
            "",
            "Start with:  capsim run scenarios/stargate-2025.yaml",
            "Then open:   reports/stargate-2025/index.html in a browser",
            "Compare:     capsim compare scenarios/stargate-2025.yaml \\",
            "               --policies exclusive,rofr",
            "Sweep:       capsim run scenarios/stargate-2025.yaml \\",
            "               --set routing.rofr.max-start-delay-days=7,30",
            "Rank keys:   capsim sensitivity scenarios/stargate-2025.yaml \\",
            "               --vary routing.rofr.response-days=-20%%,+20%%",
            "Redraw:      capsim report reports/stargate-2025",
            "A trace:     capsim trace jobs.sacct   (SWF, Slurm, Helios, Acme, Philly)",
            "Rerun:       capsim reproduce reports/stargate-2025",
            "More:        capsim run --help, capsim compare --help"},
        subcommands = {RunCommand.class, CompareCommand.class, SensitivityCommand.class, ValidateCommand.class,
            PoliciesCommand.class, ReportCommand.class, TraceCommand.class, ReproduceCommand.class},
        footer = {"", "Exit status: 0 success, 2 bad input, 1 internal error.",
            "Set CAPSIM_JAVA_OPTS (e.g. -Xmx8g) to pass options to the Java VM."})
public final class Main implements Runnable {

    static final int OK = 0;
    static final int INTERNAL_ERROR = 1;
    static final int BAD_INPUT = 2;

    public static void main(String[] args) {
        // charts are drawn off screen: never look for a display (none on a server or in CI)
        System.setProperty("java.awt.headless", "true");
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, out, err));
    }

    /** Runs the command line; returns the exit status. For tests and the launcher alike. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean debug = Arrays.asList(args).contains("--debug");
        CommandLine cli = new CommandLine(new Main());
        // plain words instead of Java type names ("'abc' is not an int")
        cli.registerConverter(Integer.class, text -> number(text, "a whole number", Integer::valueOf));
        cli.registerConverter(Integer.TYPE, text -> number(text, "a whole number", Integer::valueOf));
        cli.registerConverter(Long.class, text -> number(text, "a whole number", Long::valueOf));
        cli.registerConverter(Long.TYPE, text -> number(text, "a whole number", Long::valueOf));
        cli.registerConverter(Double.class, text -> number(text, "a number", Double::valueOf));
        cli.registerConverter(Double.TYPE, text -> number(text, "a number", Double::valueOf));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((exception, commandLine, parseResult) -> handle(exception, err, debug));
        cli.setParameterExceptionHandler((exception, argv) -> {
            err.println("capsim: " + exception.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
            String command = exception.getCommandLine().getCommandName();
            if (exception instanceof CommandLine.UnmatchedArgumentException unmatched
                    && (command.equals("run") || command.equals("sensitivity"))
                    && unmatched.getUnmatched().stream().anyMatch(a -> a.endsWith(".yaml") || a.endsWith(".yml"))) {
                err.println("capsim " + command + " takes one scenario; to compare scenarios, run capsim compare A.yaml B.yaml");
            }
            err.println("Try '" + exception.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return BAD_INPUT;
        });
        if (args.length == 0) {
            cli.usage(err); // a new user typing just 'capsim' learns the commands
            return BAD_INPUT;
        }
        try {
            return cli.execute(args);
        } catch (RuntimeException | Error e) {
            return handle(e, err, debug);
        }
    }

    private static <T> T number(String text, String what, java.util.function.Function<String, T> parse) {
        try {
            return parse.apply(text.trim());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not " + what);
        }
    }

    static int handle(Throwable exception, PrintStream err, boolean debug) {
        if (exception instanceof BadInputException bad) {
            bad.messages().forEach(err::println);
            if (debug) {
                exception.printStackTrace(err);
            }
            return BAD_INPUT;
        }
        if (exception instanceof WriteFailure failure) {
            err.println("capsim: " + failure.getMessage());
            if (debug) {
                exception.printStackTrace(err);
            }
            return INTERNAL_ERROR;
        }
        if (exception instanceof OutOfMemoryError) {
            err.println("capsim: out of memory; give the Java VM more with CAPSIM_JAVA_OPTS=-Xmx8g (or fewer --threads)");
            return INTERNAL_ERROR;
        }
        String what = exception instanceof InternalFailure ? exception.getMessage()
                : exception.getClass().getSimpleName() + (exception.getMessage() == null ? "" : ": " + exception.getMessage());
        err.println("capsim: internal error: " + what
                + (debug ? "" : "\n(run again with --debug to see where; please report it)"));
        if (debug) {
            exception.printStackTrace(err);
        }
        return INTERNAL_ERROR;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "missing command: run, compare, validate or policies");
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"capsim " + (version == null ? "(development build)" : version)};
        }
    }
}
