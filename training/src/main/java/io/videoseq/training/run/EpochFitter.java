package io.videoseq.training.run;

import io.videoseq.data.SequenceBatchIterator;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.callback.TrainingCallback;
import org.deeplearning4j.nn.graph.ComputationGraph;

import java.util.List;

/**
 * How one epoch's training batches are fitted into the graph — the one step of {@link TrainingLoop} that differs
 * between one JVM ({@link #local()}: batch by batch, in order) and a cluster (the {@code spark} module: the epoch's
 * batches spread over executors). Everything around it — the sampler's order, seeds, DL4J counters, validation,
 * the epoch record, callbacks, checkpoints, resume — is the loop's and the same for both.
 *
 * <p>Contract: on entry the graph's epoch counter is the 0-based {@code epoch}, {@code batches} is positioned at
 * that epoch's first batch and ND4J's generator is seeded for it; on return the graph holds the parameters, updater
 * state and iteration count after the epoch ({@link #iterationsPerEpoch} more iterations than on entry). The loop
 * then advances the epoch counter.
 */
public interface EpochFitter {

    /** Mean training loss (weight decay excluded) and training accuracy of one epoch, as the loop records them. */
    record EpochFit(double meanLoss, double accuracyPercent) {
    }

    /**
     * Optimizer steps one epoch takes; the schedule (cycles counted in epochs) and the checkpoint metadata use it,
     * and a resume is refused when it changed. For one JVM, one per batch.
     */
    int iterationsPerEpoch(int batchesPerEpoch, TrainConfig config);

    /** Fits the epoch's batches; calls {@code onBatchEnd} of {@code callbacks} as steps complete. */
    EpochFit fit(ComputationGraph graph, SequenceBatchIterator batches, int epoch, List<TrainingCallback> callbacks);

    /** The single-JVM fitter {@link Trainer#train(TrainingRequest)} uses. */
    static EpochFitter local() {
        return new LocalEpochFitter();
    }
}
