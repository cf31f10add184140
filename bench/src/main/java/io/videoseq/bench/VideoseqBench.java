package io.videoseq.bench;

import io.videoseq.model.GraphOptions;
import io.videoseq.model.TemporalModelFactory;
import io.videoseq.model.TorchStyleLstmInit;
import io.videoseq.model.loss.FocalLoss;
import io.videoseq.model.optim.CosineRestartSchedule;
import io.videoseq.model.optim.GlobalNormClipping;
import io.videoseq.model.optim.Optimizers;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The videoseq side of the benchmark: the production graph for a {@link BenchShape}, trained and queried the way
 * {@code bench_torch.py} does it.
 *
 * <p>One training step is {@code graph.fit(DataSet)}: forward with dropout, {@link FocalLoss} (alpha all ones,
 * gamma 2, smoothing 0.1), backward, {@link GlobalNormClipping} to 1.0, AdamW (lr 1e-3, decoupled weight decay
 * 5e-4 on every parameter) and the cosine-restart schedule (T0 = 20 iterations, Tmult 2, eta_min 1e-6) advanced
 * by one iteration. One inference step is {@code graph.output(false, features, mask)}.
 */
public final class VideoseqBench {
    public static final double LEARNING_RATE = 1e-3;
    public static final double WEIGHT_DECAY = 5e-4;
    public static final long SEED = 0L;

    private final ComputationGraph graph;

    private VideoseqBench(ComputationGraph graph) {
        this.graph = graph;
    }

    /** Builds the graph in float32 with the given workspace mode for training and inference. */
    public static VideoseqBench create(BenchShape shape, WorkspaceMode workspaceMode) {
        return new VideoseqBench(buildGraph(shape, workspaceMode, DataType.FLOAT));
    }

    /** The benchmark's graph: model, loss, optimizer, schedule and clipping listener, initialised with {@link #SEED}. */
    public static ComputationGraph buildGraph(BenchShape shape, WorkspaceMode workspaceMode, DataType dataType) {
        CosineRestartSchedule schedule = new CosineRestartSchedule(LEARNING_RATE, 1e-6, 20, 2,
                CosineRestartSchedule.ScheduleUnit.ITERATIONS, 0);
        Optimizers.Setup setup = Optimizers.adamW(schedule, WEIGHT_DECAY);
        FocalLoss loss = new FocalLoss(ones(BenchShape.NUM_CLASSES), 2.0, 0.1);
        GraphOptions options = new GraphOptions(setup.updater(), loss, SEED, dataType);
        ComputationGraphConfiguration conf = setup.applyTo(TemporalModelFactory.configuration(shape.modelConfig(), options));
        conf.setTrainingWorkspaceMode(workspaceMode);
        conf.setInferenceWorkspaceMode(workspaceMode);
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        TorchStyleLstmInit.apply(graph, SEED);
        graph.setListeners(new GlobalNormClipping(1.0));
        return graph;
    }

    public ComputationGraph graph() {
        return graph;
    }

    /** One optimizer step on the batch. */
    public void trainStep(BenchBatch batch) {
        graph.fit(batch.dataSet());
    }

    /** Class probabilities {@code [batch, classes]} in inference mode (no dropout). */
    public INDArray inferStep(BenchBatch batch) {
        return graph.output(false, new INDArray[]{batch.features()}, new INDArray[]{batch.mask()})[0];
    }

    /** DL4J score of the last training step: mean focal loss plus the weight-decay penalty DL4J adds to it. */
    public double lastScore() {
        return graph.score();
    }

    private static double[] ones(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, 1.0);
        return a;
    }
}
