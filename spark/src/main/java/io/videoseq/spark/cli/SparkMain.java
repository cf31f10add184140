package io.videoseq.spark.cli;

import io.videoseq.app.Main;
import picocli.CommandLine;

import java.io.ObjectInputFilter;

/**
 * Entry point of {@code ./videoseq spark-train ...} and of {@code spark-submit --class io.videoseq.spark.cli.SparkMain
 * videoseq-spark-<version>-app.jar spark-train ...}: the videoseq command line of {@link Main#commandLine()}, which
 * finds the real {@code spark-train} through {@link SparkTrainCommandProvider} on this module's classpath.
 *
 * <p>Unlike the app, this JVM cannot reject every deserialized class: Spark sends tasks, the model and results
 * between driver and executors by Java serialization. A permissive filter is set before the app would install its
 * reject-all one (docs/SECURITY.md, docs/SPARK.md).
 */
public final class SparkMain {
    private SparkMain() {
    }

    /** The videoseq command line with the real {@code spark-train} subcommand. */
    public static CommandLine commandLine() {
        allowJavaDeserialization();
        return Main.commandLine();
    }

    static synchronized void allowJavaDeserialization() {
        if (ObjectInputFilter.Config.getSerialFilter() == null) {
            ObjectInputFilter.Config.setSerialFilter(info -> ObjectInputFilter.Status.UNDECIDED);
        }
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
