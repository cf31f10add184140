package io.videoseq.training.run;

import io.videoseq.training.callback.StopSignal;
import io.videoseq.training.callback.TrainingCallback;
import io.videoseq.data.SequenceBatchIterator;
import io.videoseq.training.eval.Predictions;
import io.videoseq.training.eval.Predictor;
import io.videoseq.training.history.EpochRecord;
import io.videoseq.training.history.Monitor;
import io.videoseq.training.metrics.MetricRegistry;
import io.videoseq.training.metrics.Scored;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.List;

/**
 * The epoch loop. Per epoch {@code e} (0-based): select the sampler's order for {@code e}, seed ND4J's generator
 * (dropout) from {@code (seed, e)}, fit every batch (in this JVM, or through another {@link EpochFitter}), advance DL4J's epoch counter, validate on the whole
 * validation split, record the epoch, then run the callbacks in order; a stop signal ends the run after the
 * epoch. The validation values recorded are the metric registry's ({@link MetricRegistry#historyValues}); "best" is
 * by the configuration's monitor. The graph's DL4J listeners get {@code onEpochStart/onEpochEnd} around the
 * epoch's batches, as
 * {@code fit(iterator)} would give them ({@code fit(DataSet)}, used per batch here, never does). Everything random is a function of {@code (seed, e)} and the model state, so a run resumed from a
 * checkpoint after epoch {@code e} continues exactly as the uninterrupted run.
 */
public final class TrainingLoop {

    private final TrainingData data;
    private final List<TrainingCallback> callbacks;
    private final ISchedule schedule;
    private final EpochFitter fitter;
    private final MetricRegistry metrics;

    public TrainingLoop(TrainingData data, List<TrainingCallback> callbacks, ISchedule schedule) {
        this(data, callbacks, schedule, EpochFitter.local());
    }

    /** A loop whose epochs' batches are fitted by {@code fitter} (e.g. on a cluster). */
    public TrainingLoop(TrainingData data, List<TrainingCallback> callbacks, ISchedule schedule, EpochFitter fitter) {
        this(data, callbacks, schedule, fitter, MetricRegistry.builtIn());
    }

    /** A loop whose history records the validation metrics of {@code metrics}. */
    public TrainingLoop(TrainingData data, List<TrainingCallback> callbacks, ISchedule schedule, EpochFitter fitter,
                        MetricRegistry metrics) {
        this.data = data;
        this.callbacks = List.copyOf(callbacks);
        this.schedule = schedule;
        this.fitter = fitter;
        this.metrics = metrics;
    }

    /** Trains from {@code state} (epochs already completed there) until a stop; returns the final state. */
    public RunState run(RunState state) {
        SequenceBatchIterator batches = data.trainingBatches();
        int total = state.trainConfig().epochs();
        for (TrainingCallback cb : callbacks) {
            cb.onRunStart(state.modelName(), state.progress().completedEpochs() + 1, total, batches.numBatches(),
                    data.train().size());
        }
        while (state.stopReason() == null && state.progress().completedEpochs() < total) {
            state = epoch(state, batches);
        }
        for (TrainingCallback cb : callbacks) {
            cb.onRunEnd(state.modelName(), state.progress(), state.stopReason());
        }
        return state;
    }

    private RunState epoch(RunState state, SequenceBatchIterator batches) {
        long start = System.nanoTime();
        ComputationGraph graph = state.graph();
        int e = state.progress().completedEpochs();
        graph.getConfiguration().setEpochCount(e);
        batches.startEpoch(e);
        Nd4j.getRandom().setSeed(dropoutSeed(state.trainConfig().seed(), e));
        double lr = schedule.valueAt(graph.getConfiguration().getIterationCount(), e);
        for (TrainingCallback cb : callbacks) {
            cb.onEpochStart(state.modelName(), e + 1);
        }
        for (TrainingListener l : graph.getListeners()) {
            l.onEpochStart(graph);
        }

        EpochFitter.EpochFit fit = fitter.fit(graph, batches, e, callbacks);
        // As fit(iterator) would: counters then say "e + 1 epochs done", which is what checkpoints must record.
        graph.incrementEpochCount();
        for (TrainingListener l : graph.getListeners()) {
            l.onEpochEnd(graph);
        }

        Predictions val = Predictor.predict(graph, data.validationBatches());
        Monitor monitor = state.trainConfig().monitored();
        EpochRecord record = new EpochRecord(e + 1, fit.meanLoss(), fit.accuracyPercent(), val.meanLoss(),
                metrics.historyValues(Scored.of(val.labels(), val.probabilities()), monitor.column()), lr,
                (System.nanoTime() - start) / 1e9);

        RunState next = state.withProgress(state.progress().after(record, monitor));
        if (record.epoch() >= next.trainConfig().epochs()) {
            next = next.withStopReason(RunStart.completedAll(next.trainConfig().epochs()));
        }
        for (TrainingCallback cb : callbacks) {
            StopSignal signal = cb.onEpochEnd(record, next);
            if (signal.stop() && next.stopReason() == null) {
                next = next.withStopReason(signal.reason());
            }
        }
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
