package io.videoseq.app.run;

import io.videoseq.app.UserInputException;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.app.config.RunConfig;
import io.videoseq.app.config.RunConfigLoader;
import io.videoseq.data.FeatureFile;
import io.videoseq.data.FeatureSplits;
import io.videoseq.data.ReadMode;
import io.videoseq.data.Split;
import io.videoseq.model.ModelConfig;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.run.TrainingRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A training command's resolved inputs: the class names of the training split and the request for the training
 * module, whose model and training records are the configuration resolved from defaults, data, {@code --config}
 * and flags.
 */
public record TrainingSetup(List<String> classNames, TrainingRequest request) {

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
        Path trainFile = FeatureSplits.path(in.featuresDir(), Split.TRAIN, training.suffix());
        ModelConfig base;
        List<String> names;
        try (FeatureFile f = FeatureFile.open(trainFile, ReadMode.PER_VIDEO)) {
            // The data decides the input width and class count unless the config file says otherwise
            // (a mismatch is then reported by the training module, naming both).
            try {
                base = defaults.toBuilder().featureDim(f.featureDim()).numClasses(f.numClasses()).build();
            } catch (IllegalArgumentException e) {
                throw new UserInputException(trainFile + ": the data give a model that cannot be built: "
                        + e.getMessage(), e);
            }
            names = f.classNames();
        }
        RunConfig config = new RunConfig(loader.model(base), training);
        try {
            CheckpointStore.requireValidName(modelName);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--model-name: " + e.getMessage(), e);
        }
        TrainingRequest request = TrainingRequest.of(in.featuresDir(), in.outputDir(), in.resultsDir(), modelName,
                config.model(), config.training()).withResume(in.resume());
        return new TrainingSetup(names, request);
    }
}
