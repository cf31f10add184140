package io.videoseq.training.run;

import io.videoseq.training.TrainConfig;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.training.eval.TestEvaluation;
import io.videoseq.training.eval.TestReport;
import io.videoseq.training.io.AtomicFiles;
import io.videoseq.training.io.Json;
import io.videoseq.training.optim.GlobalNormClipping;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.TrainingListener;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Trains one model end to end: open the splits, start fresh or resume, run {@link TrainingLoop} with early
 * stopping, best and periodic checkpoints and the history CSV, then load {@code best_{name}.zip} and evaluate
 * the test split plainly and with TTA, and write {@code {name}_results.json} and {@code {name}_history.csv}.
 * Never prompts; every failure is an exception naming the file or option.
 */
public final class Trainer {

    private Trainer() {
    }

    public static TrainedModel train(TrainingRequest r) {
        TrainConfig c = r.trainConfig();
        CheckpointStore store = new CheckpointStore(r.checkpointDir());
        store.removeStaleTemporaries(r.modelName());
        Path historyCsv = r.resultsDir().resolve(r.modelName() + "_history.csv");
        try (TrainingData data = TrainingData.open(r.featuresDir(), c, r.modelConfig())) {
            RunState state = RunStart.resolve(r, data, store);
            List<TrainingListener> listeners = new ArrayList<>();
            listeners.add(new GlobalNormClipping(c.clipNorm()));
            listeners.addAll(r.listeners());
            state.graph().setListeners(listeners);
            // Order matters: a stop decided first is recorded in the checkpoints written after it.
            List<TrainingCallback> callbacks = new ArrayList<>(List.of(new EarlyStopping(c.patience()),
                    new BestCheckpoint(store), new PeriodicCheckpoint(store, c.checkpointEvery(), c.keepCheckpoints()),
                    new HistoryCsv(historyCsv)));
            callbacks.addAll(r.callbacks());
            TrainingLoop loop = new TrainingLoop(data, callbacks, r.events(),
                    TrainingGraphs.schedule(c, state.iterationsPerEpoch()));
            state = loop.run(state);
            state.graph().setListeners(new ArrayList<TrainingListener>());
            r.events().onRunEnd(r.modelName(), state.progress(), state.stopReason());
            state.progress().history().writeCsv(historyCsv);

            Path best = store.bestPath(r.modelName());
            TestReport test = evaluate(best, data, c);
            ModelResults results = new ModelResults(r.modelName(), c.seed(), state.progress().bestEpoch(),
                    state.progress().bestValAcc(), state.progress().completedEpochs(),
                    state.progress().completedEpochs() < c.epochs(), state.stopReason(), best.toString(),
                    test.standard(), test.tta(), state.progress().history(), c, state.modelConfig());
            Path json = r.resultsDir().resolve(r.modelName() + "_results.json");
            writeJson(json, results);
            return new TrainedModel(results, test, best, json, historyCsv);
        }
    }

    /** Plain and TTA test metrics of a checkpoint on the run's test split. */
    static TestReport evaluate(Path checkpoint, TrainingData data, TrainConfig c) {
        ComputationGraph best = CheckpointStore.load(checkpoint).graph();
        return TestEvaluation.evaluate(best, data.test(), c.batchSize(), data.dataType());
    }

    static void writeJson(Path file, Object value) {
        AtomicFiles.write(file, tmp -> Json.mapper().writeValue(tmp.toFile(), value));
    }
}
