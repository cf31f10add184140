package io.videoseq.training.run;

import io.videoseq.data.SequenceBatchIterator;
import io.videoseq.training.eval.Predictions;
import io.videoseq.training.eval.Predictor;
import io.videoseq.training.history.EpochRecord;
import io.videoseq.training.metrics.ClassificationMetrics;
import io.videoseq.training.metrics.ProbabilityAverage;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The epoch loop. Per epoch {@code e} (0-based): select the sampler's order for {@code e}, seed ND4J's generator
 * (dropout) from {@code (seed, e)}, fit every batch, advance DL4J's epoch counter, validate on the whole
 * validation split, record the epoch, then run the callbacks in order; a stop signal ends the run after the
 * epoch. Everything random is a function of {@code (seed, e)} and the model state, so a run resumed from a
 * checkpoint after epoch {@code e} continues exactly as the uninterrupted run.
 */
public final class TrainingLoop {

    private final TrainingData data;
    private final List<TrainingCallback> callbacks;
    private final TrainingEvents events;
    private final ISchedule schedule;

    public TrainingLoop(TrainingData data, List<TrainingCallback> callbacks, TrainingEvents events,
                        ISchedule schedule) {
        this.data = data;
        this.callbacks = List.copyOf(callbacks);
        this.events = events;
        this.schedule = schedule;
    }

    /** Trains from {@code state} (epochs already completed there) until a stop; returns the final state. */
    public RunState run(RunState state) {
        ComputationGraph graph = state.graph();
        BatchObserver observer = new BatchObserver(graph.getConfiguration().getNetworkOutputs().get(0));
        graph.addListeners(observer);
        try {
            SequenceBatchIterator batches = data.trainingBatches();
            int total = state.trainConfig().epochs();
            events.onRunStart(state.modelName(), state.progress().completedEpochs() + 1, total,
                    batches.order().length);
            while (state.stopReason() == null && state.progress().completedEpochs() < total) {
                state = epoch(state, batches, observer);
            }
            return state;
        } finally {
            List<TrainingListener> rest = new ArrayList<>(graph.getListeners());
            rest.remove(observer);
            graph.setListeners(rest);
        }
    }

    private RunState epoch(RunState state, SequenceBatchIterator batches, BatchObserver observer) {
        long start = System.nanoTime();
        ComputationGraph graph = state.graph();
        int e = state.progress().completedEpochs();
        graph.getConfiguration().setEpochCount(e);
        batches.startEpoch(e);
        Nd4j.getRandom().setSeed(dropoutSeed(state.trainConfig().seed(), e));
        double lr = schedule.valueAt(graph.getConfiguration().getIterationCount(), e);
        events.onEpochStart(state.modelName(), e + 1);

        double lossSum = 0;
        int batchCount = 0;
        int correct = 0;
        int seen = 0;
        while (batches.hasNext()) {
            DataSet ds = batches.next();
            graph.fit(ds);
            int[] predicted = observer.lastPredictions();
            int[] truth = Nd4j.argMax(ds.getLabels(), 1).toIntVector();
            for (int i = 0; i < truth.length; i++) {
                correct += predicted[i] == truth[i] ? 1 : 0;
            }
            seen += truth.length;
            lossSum += observer.lastLoss();
            batchCount++;
            events.onBatchEnd(graph.getConfiguration().getIterationCount(), observer.lastLoss(), truth.length);
        }
        // As fit(iterator) would: counters then say "e + 1 epochs done", which is what checkpoints must record.
        graph.incrementEpochCount();

        Predictions val = Predictor.predict(graph, data.validationBatches());
        int[] valPred = ProbabilityAverage.of(List.of(val.probabilities())).predictions();
        ClassificationMetrics m = ClassificationMetrics.of(val.labels(), valPred, val.numClasses());
        EpochRecord record = new EpochRecord(e + 1, lossSum / batchCount, 100.0 * correct / seen, val.meanLoss(),
                m.accuracyPercent(), m.weightedF1Percent(), Arrays.stream(m.perClassF1Percent()).boxed().toList(),
                m.worstClassF1Percent(), lr, (System.nanoTime() - start) / 1e9);

        RunState next = state.withProgress(state.progress().after(record));
        if (record.epoch() >= next.trainConfig().epochs()) {
            next = next.withStopReason("completed all " + next.trainConfig().epochs() + " epochs");
        }
        for (TrainingCallback cb : callbacks) {
            StopSignal signal = cb.onEpochEnd(record, next);
            if (signal.stop() && next.stopReason() == null) {
                next = next.withStopReason(signal.reason());
            }
        }
        events.onEpochEnd(next.modelName(), record, next.progress());
        return next;
    }

    /**
     * Seed of ND4J's generator for epoch {@code e}: SplitMix64 of the run seed and the epoch, so dropout masks
     * differ per epoch yet are reproduced exactly by a resumed run.
     */
    static long dropoutSeed(long seed, int epoch) {
        long z = seed * 0x9E3779B97F4A7C15L + (epoch + 1L) * 0xD1B54A32D192ED03L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
