package io.videoseq.spark;

import io.videoseq.data.SequenceBatchIterator;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.callback.TrainingCallback;
import io.videoseq.training.eval.Predictions;
import io.videoseq.training.eval.Predictor;
import io.videoseq.inference.ProbabilityAverage;
import io.videoseq.training.run.EpochFitter;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.api.TrainingMaster;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.deeplearning4j.spark.parameterserver.training.SharedTrainingMaster;
import org.nd4j.parameterserver.distributed.conf.VoidConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Fits an epoch's training batches on Spark through DL4J's {@link SparkComputationGraph}; the driver keeps the
 * graph, validation, callbacks and checkpoints ({@code Trainer} with this fitter).
 *
 * <p>Parameter averaging: the epoch's batches (the sampler's order) are dealt in rounds of
 * {@code workers x averagingFrequency}; within a round batch {@code j} goes to partition {@code j mod workers}, each
 * partition fits its batches in order from the round's starting parameters and updater state, then DL4J averages
 * both. One {@code fitPaths} call per round, each of exactly one DL4J split and no repartitioning, so which batches
 * a worker fits is decided here, from the seed — never by DL4J's random split. Gradient sharing: one call per
 * epoch, the whole epoch dealt round-robin.
 *
 * <p>The driver's iteration counter is set after every call to the steps one worker took ({@link
 * SparkTrainingOptions#iterationsPerEpoch}); workers start from it, so the per-iteration schedule and AdamW's bias
 * correction see the same counter on every worker.
 */
public final class SparkEpochFitter implements EpochFitter {
    private static final Logger LOG = LoggerFactory.getLogger("videoseq");

    private final JavaSparkContext sc;
    private final SparkTrainingOptions options;
    private final TrainConfig config;
    private final TrainingBatchLoader loader;
    private ComputationGraph trained;
    private SparkComputationGraph sparkNet;
    private WorkerMetrics metrics;

    /**
     * @param trainFile the training split's feature file, at a path every executor can read
     */
    public SparkEpochFitter(JavaSparkContext sc, SparkTrainingOptions options, TrainConfig config, Path trainFile) {
        this.sc = sc;
        this.options = options;
        this.config = config;
        this.loader = new TrainingBatchLoader(trainFile, config, options);
    }

    @Override
    public int iterationsPerEpoch(int batchesPerEpoch, TrainConfig c) {
        return options.iterationsPerEpoch(batchesPerEpoch);
    }

    @Override
    public EpochFit fit(ComputationGraph graph, SequenceBatchIterator batches, int epoch,
                        List<TrainingCallback> callbacks) {
        SparkComputationGraph net = sparkNet(graph);
        metrics.reset();
        int total = batches.numBatches();
        int perCall = options.batchesPerCall(total);
        for (int start = 0; start < total; start += perCall) {
            int n = Math.min(perCall, total - start);
            int before = graph.getConfiguration().getIterationCount();
            long batchesBefore = metrics.batches();
            double lossBefore = metrics.lossSum();
            net.fitPaths(paths(epoch, start, n), loader);
            long fitted = metrics.batches() - batchesBefore;
            // the round's mean batch loss as the single-JVM loop reports it; gradient sharing's workers stop
            // reporting after the first epoch (see afterEpoch), then DL4J's score stands in
            double roundLoss = fitted > 0 ? (metrics.lossSum() - lossBefore) / fitted : net.getScore();
            // DL4J advances the counter by averagingFrequency per split whatever was fitted; the steps one worker
            // took is what the schedule and a resume count.
            graph.getConfiguration().setIterationCount(before + (n + options.workers() - 1) / options.workers());
            for (TrainingCallback cb : callbacks) {
                cb.onBatchEnd(graph.getConfiguration().getIterationCount(), roundLoss,
                        Math.min(n * config.batchSize(), batches.order().length - start * config.batchSize()));
            }
        }
        if (options.mode() == SparkTrainingOptions.Mode.GRADIENT_SHARING) {
            return afterEpoch(graph, batches);
        }
        if (metrics.batches() != total) {
            throw new IllegalStateException("epoch " + (epoch + 1) + ": the workers fitted " + metrics.batches()
                    + " batches, the epoch has " + total);
        }
        return new EpochFit(metrics.meanLoss(), metrics.accuracyPercent());
    }

    /**
     * Gradient sharing keeps one worker graph per executor JVM across {@code fit} calls, with the listeners of the
     * first call, whose accumulators then no longer report: the epoch's training loss and accuracy are measured on
     * the driver instead, over the epoch's batches after the epoch, in inference mode.
     */
    private static EpochFit afterEpoch(ComputationGraph graph, SequenceBatchIterator batches) {
        batches.reset();
        Predictions p = Predictor.predict(graph, batches);
        int[] predicted = ProbabilityAverage.of(List.of(p.probabilities())).predictions();
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == p.labels()[i] ? 1 : 0;
        }
        return new EpochFit(p.meanLoss(), 100.0 * correct / predicted.length);
    }

    /**
     * The names of batches {@code [start, start + n)} of {@code epoch}, in {@code workers} partitions:
     * batch {@code start + j} in partition {@code j mod workers}, in order.
     */
    JavaRDD<String> paths(int epoch, int start, int n) {
        int w = options.workers();
        List<List<String>> parts = new ArrayList<>();
        for (int p = 0; p < w; p++) {
            parts.add(new ArrayList<>());
        }
        for (int j = 0; j < n; j++) {
            parts.get(j % w).add(BatchPaths.of(epoch, start + j));
        }
        return sc.parallelize(parts, w).flatMap(new Flatten());
    }

    /** A named class, not {@code List::iterator}: Java 17 cannot deserialize that method reference on executors. */
    private static final class Flatten implements FlatMapFunction<List<String>, String> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<String> call(List<String> batch) {
            return batch.iterator();
        }
    }

    /** Real (unmasked) time steps the workers' graphs saw in the last epoch. */
    public long lastEpochRealSteps() {
        return metrics.realSteps();
    }

    /** The layer classes each worker task's graph had (sorted, comma-joined), since the run started. */
    public List<String> workerLayerClasses() {
        return metrics.layerClasses();
    }

    private SparkComputationGraph sparkNet(ComputationGraph graph) {
        if (graph != trained) {
            trained = graph;
            metrics = new WorkerMetrics(sc.sc(), graph.getConfiguration().getNetworkOutputs().get(0));
            sparkNet = new SparkComputationGraph(sc, graph, trainingMaster());
            List<TrainingListener> workerListeners = List.of(new WorkerClipping(config.clipNorm()), metrics);
            sparkNet.setListeners(workerListeners);
            LOG.info("Spark: {} over {} workers{}", options.mode(), options.workers(),
                    options.mode() == SparkTrainingOptions.Mode.PARAMETER_AVERAGING
                            ? ", averaging every " + options.averagingFrequency() + " minibatches" : "");
        }
        return sparkNet;
    }

    private TrainingMaster<?, ?> trainingMaster() {
        int batch = config.batchSize();
        if (options.mode() == SparkTrainingOptions.Mode.PARAMETER_AVERAGING) {
            return new ParameterAveragingTrainingMaster.Builder(options.workers(), batch)
                    .batchSizePerWorker(batch)
                    .averagingFrequency(options.averagingFrequency())
                    .workerPrefetchNumBatches(0)
                    .repartionData(Repartition.Never)
                    .saveUpdater(true)
                    .rngSeed(config.seed())
                    .trainingHooks(new WorkerStepHook())
                    .collectTrainingStats(false)
                    .build();
        }
        VoidConfiguration.VoidConfigurationBuilder voidConf = VoidConfiguration.builder()
                .unicastPort(options.port()).portSupplier(new FixedAeronPort(options.port()));
        if (options.controllerAddress() != null) {
            voidConf.controllerAddress(options.controllerAddress());
        }
        if (options.networkMask() != null) {
            voidConf.networkMask(options.networkMask());
        }
        return new SharedTrainingMaster.Builder(voidConf.build(), batch)
                .batchSizePerWorker(batch)
                .workersPerNode(1)
                .workerPrefetchNumBatches(0)
                .repartitionData(Repartition.Never)
                .rngSeed(config.seed())
                .collectTrainingStats(false)
                .build();
    }
}
