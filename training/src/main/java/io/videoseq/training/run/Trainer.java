package io.videoseq.training.run;

import io.videoseq.training.callback.BestCheckpoint;
import io.videoseq.training.callback.EarlyStopping;
import io.videoseq.training.callback.HistoryCsv;
import io.videoseq.training.callback.LastCheckpoint;
import io.videoseq.training.callback.PeriodicCheckpoint;
import io.videoseq.training.callback.TrainingCallback;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.training.checkpoint.CrashPoints;
import io.videoseq.training.checkpoint.RunLock;
import io.videoseq.training.eval.TestEvaluation;
import io.videoseq.training.eval.TestReport;
import io.videoseq.training.metrics.MetricRegistry;
import io.videoseq.data.io.AtomicFiles;
import io.videoseq.training.io.Json;
import io.videoseq.model.optim.GlobalNormClipping;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Trains one model end to end: open and validate the splits, take the run lock, start fresh or resume, run
 * {@link TrainingLoop} with early stopping, best, periodic and last checkpoints and the history CSV, then load
 * {@code best_{name}.zip} and evaluate the test split plainly and with TTA, and write {@code {name}_results.json}
 * and {@code {name}_history.csv}. Never prompts; every failure is an exception naming the file or option.
 *
 * <p>Nothing is written before the input is validated and the lock is held, so a refused run leaves no trace. A
 * fresh run writes {@code {name}_last.zip} for epoch 0 before training, so from its first instant on a kill
 * leaves a resume point (or nothing at all) and {@code --resume latest} always applies.
 */
public final class Trainer {

    private Trainer() {
    }

    public static TrainedModel train(TrainingRequest r) {
        return train(r, EpochFitter.local());
    }

    /**
     * As {@link #train(TrainingRequest)}, each epoch's training batches fitted by {@code fitter} (the {@code spark}
     * module's data-parallel fitter); everything else — data checks, lock, resume, validation, callbacks,
     * checkpoints, final evaluation — is the same. The global-norm clipping listener is set on the graph here;
     * a fitter that trains elsewhere applies the recipe's clipping there itself.
     */
    public static TrainedModel train(TrainingRequest request, EpochFitter fitter) {
        // The monitor is checked against the run's own metrics (a library caller's among them) before anything
        // is read or written; from here on the configuration, and every checkpoint, carries its decided mode.
        TrainingRequest r = request.withMonitorResolved();
        TrainConfig c = r.trainConfig();
        CheckpointStore store = new CheckpointStore(r.checkpointDir());
        Path historyCsv = r.resultsDir().resolve(r.modelName() + "_history.csv");
        Path json = r.resultsDir().resolve(r.modelName() + "_results.json");
        try (TrainingData data = r.openData();
             RunLock lock = acquire(data, r)) {
            store.removeStaleTemporaries();
            AtomicFiles.removeStale(r.resultsDir());
            CrashPoints.at("startup");
            RunStart.Outcome start = RunStart.resolve(r, data, store, json,
                    fitter.iterationsPerEpoch(data.iterationsPerEpoch(), c));
            if (start.finished() != null) {
                ModelResults done = start.finished();
                r.notice("model '" + r.modelName() + "' already finished after epoch " + done.epochsCompleted()
                        + " (" + done.stopReason() + "); nothing to do: " + json);
                return new TrainedModel(done, null, store.bestPath(r.modelName()), json, historyCsv, true);
            }
            List<TrainingCallback> callbacks = callbacks(r, store, historyCsv);
            CallbackStates states = new CallbackStates(callbacks);
            states.restore(start.callbackState());
            RunState state = start.state().withCallbackStates(states);
            if (start.fresh()) {
                store.saveLast(state.graph(), state.checkpointMetadata());
            }
            List<TrainingListener> listeners = new ArrayList<>();
            listeners.add(new GlobalNormClipping(c.clipNorm()));
            listeners.addAll(r.listeners());
            state.graph().setListeners(listeners);
            TrainingLoop loop = new TrainingLoop(data, callbacks, TrainingGraphs.schedule(c, state.iterationsPerEpoch()),
                    fitter, r.metrics());
            state = run(loop, state, callbacks);
            state.graph().setListeners(new ArrayList<TrainingListener>());
            String stopReason = Objects.requireNonNull(state.stopReason(), "a finished run has a stop reason");
            state.progress().history().writeCsv(historyCsv);

            CrashPoints.at("final-evaluation");
            Path best = store.bestPath(r.modelName());
            TestReport test = evaluate(r.metrics(), best, data, c);
            ModelResults results = new ModelResults(r.modelName(), c.seed(), state.progress().bestEpoch(),
                    state.progress().bestValAcc(), state.progress().completedEpochs(),
                    state.progress().completedEpochs() < c.epochs(), stopReason, best.toString(),
                    test.standard(), test.tta(), state.progress().history(), c, state.modelConfig());
            Json.write(json, results);
            return new TrainedModel(results, test, best, json, historyCsv, false);
        }
    }

    /** Checks the data fit the model, then takes the run lock: nothing is written for a refused run. */
    private static RunLock acquire(TrainingData data, TrainingRequest r) {
        data.requireFits(r.modelConfig());
        return RunLock.acquire(r.checkpointDir(), r.modelName());
    }

    /**
     * The built-in callbacks around the request's. Order matters: the checkpoint writers come last (as Lightning
     * runs its ModelCheckpoint last), so the checkpoints record every stop signal and every callback's state of the
     * epoch; the last checkpoint follows the best one (see {@link LastCheckpoint}).
     */
    private static List<TrainingCallback> callbacks(TrainingRequest r, CheckpointStore store, Path historyCsv) {
        TrainConfig c = r.trainConfig();
        List<TrainingCallback> callbacks = new ArrayList<>(List.of(new EarlyStopping(c.patience())));
        callbacks.addAll(r.callbacks());
        callbacks.addAll(List.of(new HistoryCsv(historyCsv), new BestCheckpoint(store),
                new PeriodicCheckpoint(store, c.checkpointEvery(), c.keepCheckpoints()), new LastCheckpoint(store)));
        return callbacks;
    }

    /** Runs the loop; a failure is shown to every callback ({@code onRunFailed}), then rethrown. */
    private static RunState run(TrainingLoop loop, RunState state, List<TrainingCallback> callbacks) {
        try {
            return loop.run(state);
        } catch (RuntimeException | Error e) {
            for (TrainingCallback cb : callbacks) {
                try {
                    cb.onRunFailed(state.modelName(), e);
                } catch (RuntimeException inCallback) {
                    e.addSuppressed(inCallback);
                }
            }
            throw e;
        }
    }

    /** Plain and TTA test metrics of a checkpoint on the run's test split. */
    public static TestReport evaluate(Path checkpoint, TrainingData data, TrainConfig c) {
        return evaluate(MetricRegistry.builtIn(), checkpoint, data, c);
    }

    /** As {@link #evaluate(Path, TrainingData, TrainConfig)}, with the metrics of {@code registry}. */
    public static TestReport evaluate(MetricRegistry registry, Path checkpoint, TrainingData data, TrainConfig c) {
        ComputationGraph best = CheckpointStore.load(checkpoint).graph();
        return TestEvaluation.evaluate(registry, best, data.test(), c.batchSize());
    }
}
