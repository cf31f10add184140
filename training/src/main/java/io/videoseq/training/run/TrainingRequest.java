package io.videoseq.training.run;

import io.videoseq.training.callback.TrainingCallback;
import io.videoseq.model.ModelConfig;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.training.metrics.MetricRegistry;
import org.deeplearning4j.optimize.api.TrainingListener;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything one model's training run needs.
 *
 * @param featuresDir   folder with {@code {train,val,test}_features{suffix}.h5}
 * @param checkpointDir where {@code best_{name}.zip} and periodic checkpoints go
 * @param resultsDir    where {@code {name}_results.json} and {@code {name}_history.csv} go
 * @param modelName     model name used in every file name (letters, digits, '.', '_', '-')
 * @param modelConfig   architecture; feature_dim and num_classes must match the data
 * @param trainConfig   training settings
 * @param resume        where to start
 * @param listeners     extra DL4J listeners attached to the graph (e.g. a resource monitor); they must not
 *                      change gradients or parameters
 * @param data          the training data already opened and validated ({@link TrainingData#open(Path, TrainConfig)})
 *                      for this run or ensemble, or null to open {@code featuresDir} in the run; the run does not
 *                      close it
 * @param callbacks     callbacks run after early stopping and before the history CSV and the best, periodic
 *                      and last checkpoints (so those record their stop signals and state): progress output,
 *                      plots, a stop on a target accuracy
 * @param metrics       the validation metrics the history records and the test metrics of the results
 *                      ({@link MetricRegistry#builtIn()} when null); the configuration's {@code monitor} may be
 *                      any of their history columns ({@link MetricRegistry#monitors()})
 */
public record TrainingRequest(Path featuresDir, Path checkpointDir, Path resultsDir, String modelName,
                              ModelConfig modelConfig, TrainConfig trainConfig, ResumeFrom resume,
                              List<TrainingListener> listeners, List<TrainingCallback> callbacks,
                              TrainingData data, MetricRegistry metrics) {

    public TrainingRequest {
        Objects.requireNonNull(featuresDir, "featuresDir");
        Objects.requireNonNull(checkpointDir, "checkpointDir");
        Objects.requireNonNull(resultsDir, "resultsDir");
        CheckpointStore.requireValidName(modelName);
        Objects.requireNonNull(modelConfig, "modelConfig");
        Objects.requireNonNull(trainConfig, "trainConfig");
        resume = resume == null ? ResumeFrom.none() : resume;
        listeners = listeners == null ? List.of() : List.copyOf(listeners);
        callbacks = callbacks == null ? List.of() : List.copyOf(callbacks);
        // Whether the configuration's monitor is one of this registry's columns is checked when the run starts
        // ({@link #withMonitorResolved}), not here: a request is often made first and given its registry after.
        metrics = metrics == null ? MetricRegistry.builtIn() : metrics;
    }

    /** A request with the built-in metrics (the form before the metric registry). */
    public TrainingRequest(Path featuresDir, Path checkpointDir, Path resultsDir, String modelName,
                           ModelConfig modelConfig, TrainConfig trainConfig, ResumeFrom resume,
                           List<TrainingListener> listeners, List<TrainingCallback> callbacks, TrainingData data) {
        this(featuresDir, checkpointDir, resultsDir, modelName, modelConfig, trainConfig, resume, listeners,
                callbacks, data, null);
    }

    /** This request measuring with {@code registry}. */
    public TrainingRequest withMetrics(MetricRegistry registry) {
        return new TrainingRequest(featuresDir, checkpointDir, resultsDir, modelName, modelConfig, trainConfig,
                resume, listeners, callbacks, data, registry);
    }

    /** A fresh run with no hooks. */
    public static TrainingRequest of(Path featuresDir, Path outputDir, Path resultsDir, String modelName,
                                     ModelConfig modelConfig, TrainConfig trainConfig) {
        return new TrainingRequest(featuresDir, outputDir, resultsDir, modelName, modelConfig, trainConfig,
                ResumeFrom.none(), List.of(), List.of(), null);
    }

    public TrainingRequest withResume(ResumeFrom r) {
        return new TrainingRequest(featuresDir, checkpointDir, resultsDir, modelName, modelConfig, trainConfig, r,
                listeners, callbacks, data, metrics);
    }

    public TrainingRequest withName(String name) {
        return new TrainingRequest(featuresDir, checkpointDir, resultsDir, name, modelConfig, trainConfig, resume,
                listeners, callbacks, data, metrics);
    }

    public TrainingRequest withTrainConfig(TrainConfig c) {
        return new TrainingRequest(featuresDir, checkpointDir, resultsDir, modelName, modelConfig, c, resume,
                listeners, callbacks, data, metrics);
    }

    public TrainingRequest withListeners(List<TrainingListener> l) {
        return new TrainingRequest(featuresDir, checkpointDir, resultsDir, modelName, modelConfig, trainConfig,
                resume, l, callbacks, data, metrics);
    }

    public TrainingRequest withCallbacks(List<TrainingCallback> cbs) {
        return new TrainingRequest(featuresDir, checkpointDir, resultsDir, modelName, modelConfig, trainConfig,
                resume, listeners, cbs, data, metrics);
    }

    /** The same request with the training data already open (see {@link TrainingData#open(Path, TrainConfig)}). */
    public TrainingRequest withData(TrainingData d) {
        return new TrainingRequest(featuresDir, checkpointDir, resultsDir, modelName, modelConfig, trainConfig,
                resume, listeners, callbacks, d, metrics);
    }

    /**
     * This request with its configuration's monitor checked against its metrics and its mode decided
     * ({@link TrainConfig#resolveMonitor}): what a run starts with, before it reads or writes anything.
     *
     * @throws RunRefusedException the monitor is not a column of these metrics, or the mode contradicts it
     */
    public TrainingRequest withMonitorResolved() {
        TrainConfig resolved;
        try {
            resolved = trainConfig.resolveMonitor(metrics);
        } catch (IllegalArgumentException e) {
            throw new RunRefusedException(e.getMessage());
        }
        return resolved == trainConfig ? this : withTrainConfig(resolved);
    }

    /** The training data for this run: the open data seen through this request's config, or the files opened now. */
    TrainingData openData() {
        return data != null ? data.forRun(featuresDir, trainConfig) : TrainingData.open(featuresDir, trainConfig);
    }

    /** Tells every callback a one-line notice. */
    void notice(String line) {
        callbacks.forEach(cb -> cb.onNotice(line));
    }
}
