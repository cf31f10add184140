package io.videoseq.app.cli;

/**
 * A {@code videoseq} subcommand contributed by a module other than the app, found with {@link java.util.ServiceLoader}:
 * the module lists its implementation in {@code META-INF/services/io.videoseq.app.cli.CommandProvider} and the
 * command appears in {@code videoseq --help} whenever the module is on the classpath. This is how {@code bench}
 * (module videoseq-bench) and {@code spark-train} (videoseq-spark) reach the command line without the app depending
 * on them: the benchmark stays out of the production jars and Spark out of every classpath but its own.
 *
 * <p>An implementation must be cheap to load: the app loads every provider on its classpath at start-up, so it
 * should name no class of its module's heavy dependencies outside {@link #command()}. A command that is known but
 * whose module is missing is answered by {@link OptionalCommands}.
 */
public interface CommandProvider {

    /** A new instance of a picocli {@code @Command} class; its {@code @Command(name)} is the subcommand's name. */
    Object command();

    /** Whether the command runs ND4J: its native backend is then checked before the command starts. */
    default boolean needsNd4j() {
        return true;
    }
}
