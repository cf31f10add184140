package io.videoseq.app.cli;

import io.videoseq.app.UserInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code videoseq spark-train} as the app alone sees it. Data-parallel training on Spark lives in the
 * {@code videoseq-spark} module, so that the app's classpath carries neither Spark (~150 MB) nor DL4J's Spark
 * integration; {@code ./videoseq spark-train ...} starts that module's {@code io.videoseq.spark.cli.SparkMain} with
 * its own classpath, which is this command line with the real command in this one's place (as for {@code bench}).
 */
@Command(name = "spark-train", mixinStandardHelpOptions = true,
        description = {"Trains one model data-parallel on Apache Spark (module videoseq-spark): run"
                + " ./videoseq spark-train --help",
            "The app alone only points there; the launcher starts io.videoseq.spark.cli.SparkMain for spark-train."})
public final class SparkTrainPointerCommand implements Callable<Integer> {
    static final String HOW = "Spark training is in the videoseq-spark module, not in the app; run "
            + "./videoseq spark-train [OPTIONS] (spark-train as the first argument), or spark-submit --class "
            + "io.videoseq.spark.cli.SparkMain videoseq-spark-<version>-app.jar spark-train [OPTIONS] (docs/SPARK.md)";

    /** The real command's options, accepted so that the answer is where to run them, not "unknown option". */
    @Unmatched
    List<String> options = new ArrayList<>();

    @Override
    public Integer call() {
        throw new UserInputException(HOW);
    }
}
