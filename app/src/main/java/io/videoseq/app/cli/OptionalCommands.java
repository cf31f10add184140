package io.videoseq.app.cli;

import io.videoseq.app.UserInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * The commands of videoseq's optional modules: those on the classpath ({@link CommandProvider}s, found with
 * {@link ServiceLoader}), and for each known one whose module is missing a command of the same name that answers,
 * in one line with exit 2, which module it needs and how to run it. The table {@link #KNOWN} is the app's only
 * knowledge of them: a new command in an optional module needs its provider, and a line here only if the app alone
 * should still name it.
 */
public final class OptionalCommands {
    private static final Logger LOG = LoggerFactory.getLogger(OptionalCommands.class);

    /**
     * A command that lives in an optional module.
     *
     * @param name    the subcommand's name
     * @param module  the Maven module (artifact id) that has it
     * @param summary what it does, for {@code videoseq --help}
     * @param how     how to run it, for the answer when the module is missing
     */
    public record Known(String name, String module, String summary, String how) {
    }

    /** The optional modules' commands the app names even without them, in {@code --help} order. */
    public static final List<Known> KNOWN = List.of(
            new Known("spark-train", "videoseq-spark", "Trains one model data-parallel on Apache Spark",
                    "run ./videoseq spark-train [OPTIONS] (spark-train as the first argument), or spark-submit"
                            + " --class io.videoseq.spark.cli.SparkMain videoseq-spark-<version>-app.jar spark-train"
                            + " [OPTIONS] (docs/SPARK.md)"),
            new Known("bench", "videoseq-bench", "Training and inference throughput vs PyTorch",
                    "run ./videoseq bench [OPTIONS], or java -cp bench/target/classes:$(cat"
                            + " bench/target/classpath.txt) io.videoseq.bench.BenchMain bench [OPTIONS]"));

    private OptionalCommands() {
    }

    /** A found command and whether it runs ND4J. */
    public record Found(CommandLine command, boolean needsNd4j) {
    }

    /**
     * The commands the {@link CommandProvider}s on the classpath give, by name. A provider that cannot be loaded
     * (its module's dependencies missing) counts as absent: the command is then answered as missing.
     *
     * @param classLoader where to look for providers (the application's class loader)
     */
    public static Map<String, Found> discover(ClassLoader classLoader) {
        Map<String, Found> found = new LinkedHashMap<>();
        ServiceLoader<CommandProvider> loader = ServiceLoader.load(CommandProvider.class, classLoader);
        for (var it = loader.iterator(); ; ) {
            CommandProvider p;
            CommandLine cmd;
            try {
                if (!it.hasNext()) {
                    break;
                }
                p = it.next();
                cmd = new CommandLine(p.command());
            } catch (ServiceConfigurationError | LinkageError e) {
                LOG.debug("an optional command could not be loaded, left out", e);
                continue;
            }
            if (found.putIfAbsent(cmd.getCommandName(), new Found(cmd, p.needsNd4j())) != null) {
                throw new IllegalStateException("two command providers give the command " + cmd.getCommandName());
            }
        }
        return found;
    }

    /** The command answering for {@code known} when its module is not on the classpath. */
    public static CommandLine missing(Known known) {
        CommandLine cmd = new CommandLine(new Missing(known));
        cmd.getCommandSpec().name(known.name());
        cmd.getCommandSpec().usageMessage().description(
                known.summary() + " (module " + known.module() + "): run ./videoseq " + known.name() + " --help",
                "Not on this classpath: the app alone only says where it is.");
        return cmd;
    }

    /** Stands for a command of a module that is not on the classpath. */
    @Command(mixinStandardHelpOptions = true)
    static final class Missing implements Callable<Integer> {
        private final Known known;

        /** The real command's options, accepted so that the answer is where to run them, not "unknown option". */
        @Unmatched
        List<String> options = new ArrayList<>();

        Missing(Known known) {
            this.known = known;
        }

        @Override
        public Integer call() {
            throw new UserInputException(known.name() + " is in the " + known.module() + " module, which is not on"
                    + " this classpath; " + known.how());
        }
    }
}
