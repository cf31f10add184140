package io.videoseq.app;

import io.videoseq.app.cli.DemoCommand;
import io.videoseq.app.cli.EnsembleCommand;
import io.videoseq.app.cli.EnsembleEditCommand;
import io.videoseq.app.cli.ClassifyCommand;
import io.videoseq.app.cli.EvaluateCommand;
import io.videoseq.app.cli.EvaluateTimelineCommand;
import io.videoseq.app.cli.ExtractCommand;
import io.videoseq.app.cli.GenerateCommand;
import io.videoseq.app.cli.ImportTorchCommand;
import io.videoseq.app.cli.InspectCommand;
import io.videoseq.app.cli.OptionalCommands;
import io.videoseq.app.cli.PredictCommand;
import io.videoseq.app.cli.TrainCommand;
import io.videoseq.app.config.ConfigDefaults;
import io.videoseq.app.io.Terminal;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code videoseq} command line. Each subcommand maps its flags onto the configuration records of the
 * library modules and calls them; nothing here trains or reads data itself.
 *
 * <p>Exit codes: {@link ExitCodes#OK}, {@link ExitCodes#BAD_INPUT} (one line on stderr), and
 * {@link ExitCodes#INTERNAL_ERROR}. Use {@link #commandLine()} to run it in-process with those handlers.
 */
@Command(name = "videoseq",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Trains and runs a temporal video classifier on pre-extracted CNN features (HDF5).",
        subcommands = {DemoCommand.class, GenerateCommand.class, InspectCommand.class, TrainCommand.class,
            EnsembleCommand.class, EnsembleEditCommand.class, EvaluateCommand.class, PredictCommand.class,
            ImportTorchCommand.class, ExtractCommand.class, ClassifyCommand.class,
            EvaluateTimelineCommand.class})
public final class Main implements Callable<Integer> {
    /**
     * The app's commands that run ND4J: its native backend is checked before they start. The optional modules'
     * commands say so themselves ({@link io.videoseq.app.cli.CommandProvider#needsNd4j()}).
     */
    private static final Set<String> NEEDS_ND4J = Set.of("demo", "train", "ensemble", "ensemble-edit",
            "evaluate", "predict", "import-torch", "extract", "classify", "evaluate-timeline");

    @Option(names = Verbosity.OPTION, scope = ScopeType.INHERIT,
            description = "Debug logging, and stack traces on errors.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "missing command: one of " + String.join(", ", spec.subcommands().keySet()));
    }

    /**
     * A command line with videoseq's error handling and exit codes, ready for {@code execute(args)}. Installs the
     * JVM-wide deserialization filter ({@link SerialFilter}) if none is set.
     */
    public static CommandLine commandLine() {
        return commandLine(Main.class.getClassLoader());
    }

    /** {@link #commandLine()} with the optional modules' commands that {@code providers} can see. */
    static CommandLine commandLine(ClassLoader providers) {
        SerialFilter.install();
        System.setProperty("java.awt.headless", "true");
        CommandLine cmd = new CommandLine(new Main());
        // The optional modules' commands (bench, spark-train, ...) when their module is on the classpath, else a
        // one-line answer naming the module; added before the settings below, which reach only the subcommands
        // present when they are made. help stays last in the usage listing.
        Set<String> needsNd4j = new HashSet<>(NEEDS_ND4J);
        Map<String, OptionalCommands.Found> found = OptionalCommands.discover(providers);
        for (OptionalCommands.Known known : OptionalCommands.KNOWN) {
            if (!found.containsKey(known.name())) {
                cmd.addSubcommand(known.name(), OptionalCommands.missing(known));
            }
        }
        found.forEach((name, f) -> {
            if (cmd.getSubcommands().containsKey(name)) {
                throw new IllegalStateException("an optional module's command " + name + " has an app command's name");
            }
            cmd.addSubcommand(name, f.command());
            if (f.needsNd4j()) {
                needsNd4j.add(name);
            }
        });
        cmd.addSubcommand("help", new CommandLine.HelpCommand());
        cmd.setResourceBundle(new ConfigDefaults());
        // Usage help, the only coloured output, goes to stdout: colour only when stdout is a terminal. picocli's
        // AUTO alone asks System.console() and lets CLICOLOR_FORCE colour a pipe; within a terminal AUTO still
        // honours NO_COLOR.
        cmd.setColorScheme(CommandLine.Help.defaultColorScheme(Terminal.stdout() ? Ansi.AUTO : Ansi.OFF));
        ErrorHandler handler = new ErrorHandler();
        cmd.setExecutionExceptionHandler(handler);
        cmd.setParameterExceptionHandler(handler);
        cmd.setExecutionStrategy(parseResult -> {
            Verbosity.apply(Verbosity.requested(parseResult.originalArgs().toArray(String[]::new)));
            CommandLine.ParseResult sub = parseResult.subcommand();
            if (sub != null && needsNd4j.contains(sub.commandSpec().name()) && !sub.isUsageHelpRequested()
                    && !sub.isVersionHelpRequested()) {
                try {
                    NativeBackend.require();
                } catch (UserInputException e) {
                    return handler.handleExecutionException(e, sub.commandSpec().commandLine(), parseResult);
                }
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        return cmd;
    }

    public static void main(String[] args) {
        SerialFilter.install();
        System.exit(commandLine().execute(args));
    }
}
