package io.videoseq.app.cli;

import io.videoseq.training.inference.EnsemblePredictor;
import io.videoseq.data.FeatureFile;
import io.videoseq.data.ReadMode;
import io.videoseq.data.ZeroFramePolicy;
import io.videoseq.training.TrainConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Flags shared by {@code evaluate} and {@code predict}: the models, the feature file, TTA, batch size, and whether
 * all-zero videos are accepted.
 */
public final class InferenceOptions {
    @Option(names = "--model", required = true, paramLabel = "M.zip",
            description = "A model zip (checkpoint or import-torch output); repeat to average several models'"
                    + " softmax probabilities.")
    List<Path> models;

    @Option(names = "--features", required = true, paramLabel = "FILE.h5", description = "The feature file.")
    Path features;

    @Option(names = "--tta", description = "Test-time augmentation: average the probabilities of 4 views"
            + " (original, reversed, sped up, slowed down).")
    boolean tta;

    @Option(names = "--batch-size", paramLabel = "B", description = "Sequences per batch (default 48).")
    int batchSize = TrainConfig.defaults().batchSize();

    @Option(names = "--allow-zero-frames", description = "Accept videos whose real frames are all exactly 0;"
            + " without it the first such video ends the command with exit code 2.")
    boolean allowZeroFrames;

    public List<Path> models() {
        return List.copyOf(models);
    }

    public Path features() {
        return features;
    }

    public boolean tta() {
        return tta;
    }

    /** The models as the library's predictor (loaded safely through ModelZip). */
    EnsemblePredictor predictor() throws IOException {
        return EnsemblePredictor.load(models);
    }

    int batchSize() {
        return batchSize;
    }

    FeatureFile open() {
        return FeatureFile.open(features, ReadMode.PER_VIDEO, ZeroFramePolicy.allowIf(allowZeroFrames));
    }
}
