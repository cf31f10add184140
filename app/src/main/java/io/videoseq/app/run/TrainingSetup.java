package io.videoseq.app.run;

import io.videoseq.app.UserInputException;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.app.config.RunConfig;
import io.videoseq.app.config.RunConfigLoader;
import io.videoseq.data.VideoSource;
import io.videoseq.model.ModelConfig;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.run.TrainingData;
import io.videoseq.training.run.TrainingRequest;
import java.io.IOException;
import java.util.List;

/**
 * A training command's resolved inputs: the class names of the training split and the request for the training
 * module, whose model and training records are the configuration resolved from defaults, data, {@code --config}
 * and flags, and which carries the training data, opened and validated here once for the whole run or ensemble
 * (the run never opens the files again). Close it when the command ends.
 */
public record TrainingSetup(List<String> classNames, TrainingRequest request) implements AutoCloseable {

    /** The resolved configuration, as {@code --print-config} shows it (the request's two records). */
    public RunConfig config() {
        return new RunConfig(request.modelConfig(), request.trainConfig());
    }

    /**
     * @param modelName the model name (or, for an ensemble, the members' prefix)
     * @param defaults  the model configuration to start from (the original's, or the demo's small one)
     */
    public static TrainingSetup of(TrainingInputs in, String modelName, ModelConfig defaults,
                                   TrainConfig trainingDefaults) throws IOException {
        RunConfigLoader loader = RunConfigLoader.read(in.configFile());
        TrainConfig training = loader.training(trainingDefaults, in.flagOverrides());
        try {
            CheckpointStore.requireValidName(modelName);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--model-name: " + e.getMessage(), e);
        }
        TrainingData data = TrainingData.open(in.featuresDir(), training);
        try {
            VideoSource train = data.train();
            ModelConfig base;
            // The data decide the input width and class count unless the config file says otherwise (a mismatch
            // is then reported by the training module, naming both).
            try {
                base = defaults.toBuilder().featureDim(train.featureDim()).numClasses(train.numClasses()).build();
            } catch (IllegalArgumentException e) {
                throw new UserInputException(train.path() + ": the data give a model that cannot be built: "
                        + e.getMessage(), e);
            }
            TrainingRequest request = TrainingRequest.of(in.featuresDir(), in.outputDir(), in.resultsDir(),
                    modelName, loader.model(base), training).withResume(in.resume()).withData(data);
            return new TrainingSetup(train.classNames(), request);
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
    }

    @Override
    public void close() {
        request.data().close();
    }
}
