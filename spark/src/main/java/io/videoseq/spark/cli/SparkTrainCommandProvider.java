package io.videoseq.spark.cli;

import io.videoseq.app.cli.CommandProvider;

/**
 * Puts {@code videoseq spark-train} on the command line whenever this module is on the classpath. Names no Spark
 * class itself: the command's class, loaded in {@link #command()}, needs Spark's jars (provided), which the
 * launcher and spark-submit add.
 */
public final class SparkTrainCommandProvider implements CommandProvider {
    @Override
    public Object command() {
        return new SparkTrainCommand();
    }
}
