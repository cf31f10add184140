package io.videoseq.spark.cli;

import io.videoseq.app.UserInputException;
import io.videoseq.app.cli.InterruptNotices;
import io.videoseq.app.cli.PrintConfig;
import io.videoseq.app.cli.TrainSummary;
import io.videoseq.app.cli.TrainingOptions;
import io.videoseq.app.run.TrainingRunner;
import io.videoseq.app.run.TrainingSetup;
import io.videoseq.model.ModelConfig;
import io.videoseq.spark.SparkTrainer;
import io.videoseq.spark.SparkTrainingOptions;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.run.TrainedModel;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code videoseq spark-train}: {@code videoseq train} with each epoch's batches fitted on Spark executors. Same
 * options and configuration file as {@code train}, plus where and how to spread the work; same outputs.
 */
@Command(name = "spark-train", mixinStandardHelpOptions = true,
        description = {"Trains one model data-parallel on Apache Spark (DL4J's SparkComputationGraph) and evaluates"
                + " its best checkpoint on the test split, as train does; the same checkpoints, results and resume.",
            "The features folder must be at the same path on the driver and every executor (docs/SPARK.md)."})
public final class SparkTrainCommand implements Callable<Integer> {
    @Mixin
    TrainingOptions options;

    @Option(names = "--model-name", defaultValue = "temporal_model", paramLabel = "NAME",
            description = "Name used in every output file (default: ${DEFAULT-VALUE}).")
    String modelName;

    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master, e.g. local[2] to try it on this machine; omit under spark-submit, which"
                    + " sets it.")
    String master;

    @Option(names = "--workers", defaultValue = "2", paramLabel = "N",
            description = "Partitions trained at once: executors x cores each (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--averaging-frequency", defaultValue = "1", paramLabel = "K",
            description = "Parameter averaging: minibatches per worker between averagings (default: ${DEFAULT-VALUE}).")
    int averagingFrequency;

    @Option(names = "--gradient-sharing",
            description = "DL4J's gradient sharing (SharedTrainingMaster, UDP via Aeron) instead of parameter"
                    + " averaging; not reproducible.")
    boolean gradientSharing;

    @Option(names = "--controller-address", paramLabel = "HOST",
            description = "Gradient sharing: the driver's address the executors reach.")
    String controllerAddress;

    @Option(names = "--port", defaultValue = "40123", paramLabel = "PORT",
            description = "Gradient sharing: UDP port of the driver's parameter server (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--network-mask", paramLabel = "CIDR",
            description = "Gradient sharing: the network the executors announce themselves on, e.g. 10.1.0.0/16.")
    String networkMask;

    @Option(names = "--executor-wait", defaultValue = "120", paramLabel = "SECONDS",
            description = "A cluster master: how long to wait for executors to register before refusing the run"
                    + " (default: ${DEFAULT-VALUE}).")
    int executorWaitSeconds;

    @Spec
    CommandSpec spec;

    /** An hour: executors that take longer to come up are a cluster to fix, not to wait for. */
    static final int MAX_EXECUTOR_WAIT_SECONDS = 3600;

    /**
     * More workers than this is no data-parallel run DL4J's masters can carry: every worker returns parameters and
     * AdamW's state to the driver each round (0.75 GB for the default model), and Spark plans one partition each.
     */
    static final int MAX_WORKERS = 1024;
    /** Far above any useful averaging interval; with {@link #MAX_WORKERS} a round's batch count stays an int. */
    static final int MAX_AVERAGING_FREQUENCY = 1_000_000;

    @Override
    public Integer call() throws Exception {
        SparkTrainingOptions spark = sparkOptions();
        // Before the data are opened and before Spark starts: a typo in the master costs seconds, not a minute of
        // Spark's registration retries and its log. Not through SparkConf yet: creating one already logs (Spark's
        // host-name warnings), and a refusal must be one line. spark-submit passes the master as this property.
        // --print-config needs no master (it never starts Spark).
        String url = master != null ? master : System.getProperty("spark.master");
        if (url == null && !options.printConfig()) {
            throw new UserInputException("--master: no Spark master; give one (e.g. --master local[2]) or start"
                    + " the command with spark-submit");
        }
        if (url != null) {
            SparkMaster.requireReachable(url, SparkMaster.parse(url), SparkMaster.CONNECT_TIMEOUT);
        }
        try (TrainingSetup setup = TrainingSetup.of(options.inputs(), modelName, ModelConfig.defaults(),
                TrainConfig.defaults())) {
            if (options.printConfig()) {
                return PrintConfig.print(spec.commandLine().getOut(), setup.config());
            }
            requireWorkFor(spark, setup.request().data().iterationsPerEpoch(), setup.request().data().train().size());
            ExecutorCheck.requireDriverOpens();
            SparkConf conf = new SparkConf().setAppName("videoseq spark-train " + modelName);
            if (master != null) {
                conf.setMaster(master);
            }
            TrainingRunner runner = new TrainingRunner(setup, Duration.ofSeconds(options.monitorIntervalSeconds()));
            TrainedModel m;
            try (JavaSparkContext sc = new JavaSparkContext(conf)) {
                sc.setLogLevel("WARN");
                ExecutorCheck.requireExecutors(sc, url, executorsWanted(spark, conf),
                        Duration.ofSeconds(executorWaitSeconds), spec.commandLine().getErr());
                m = runner.trainOne(InterruptNotices.of(spec), SparkTrainer.fitter(sc, setup.request(), spark));
            }
            TrainSummary.print(spec.commandLine().getOut(), m, runner);
            return 0;
        }
    }

    /**
     * Executors the run can keep busy: {@code --workers} task slots of {@code spark.executor.cores} each. Without
     * that setting a standalone executor takes all of its worker's cores, an unknown number: one is enough then.
     */
    private static int executorsWanted(SparkTrainingOptions spark, SparkConf conf) {
        if (!conf.contains("spark.executor.cores")) {
            return 1;
        }
        int cores = Math.max(1, conf.getInt("spark.executor.cores", 1));
        return (spark.workers() + cores - 1) / cores;
    }

    /** Every worker must have a batch to fit in an epoch; more would sit idle in every round. */
    private static void requireWorkFor(SparkTrainingOptions spark, int batchesPerEpoch, int trainVideos) {
        if (spark.workers() > batchesPerEpoch) {
            throw new UserInputException("--workers: expected at most the " + batchesPerEpoch + " batches of an epoch"
                    + " (" + trainVideos + " training videos / batch_size), found " + spark.workers());
        }
    }

    private SparkTrainingOptions sparkOptions() {
        if (workers > MAX_WORKERS) {
            throw new UserInputException("--workers: expected 1.." + MAX_WORKERS + " (executors x cores), found "
                    + workers);
        }
        if (executorWaitSeconds < 1 || executorWaitSeconds > MAX_EXECUTOR_WAIT_SECONDS) {
            throw new UserInputException("--executor-wait: expected 1.." + MAX_EXECUTOR_WAIT_SECONDS
                    + " seconds, found " + executorWaitSeconds);
        }
        if (averagingFrequency > MAX_AVERAGING_FREQUENCY) {
            throw new UserInputException("--averaging-frequency: expected 1.." + MAX_AVERAGING_FREQUENCY
                    + ", found " + averagingFrequency);
        }
        try {
            return new SparkTrainingOptions(gradientSharing ? SparkTrainingOptions.Mode.GRADIENT_SHARING
                    : SparkTrainingOptions.Mode.PARAMETER_AVERAGING, workers, averagingFrequency, controllerAddress,
                    port, networkMask);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(e.getMessage(), e);
        }
    }
}
