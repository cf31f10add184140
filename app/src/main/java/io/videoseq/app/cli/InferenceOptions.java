package io.videoseq.app.cli;

import io.videoseq.app.UserInputException;
import io.videoseq.inference.manifest.EnsembleManifest;
import io.videoseq.inference.EnsemblePredictor;
import io.videoseq.data.FeatureFile;
import io.videoseq.data.FeatureFileLimits;
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
    @Option(names = "--model", paramLabel = "M.zip",
            description = "A model zip (checkpoint or import-torch output); repeat to average several models'"
                    + " softmax probabilities.")
    List<Path> models = List.of();

    @Option(names = "--manifest", paramLabel = "E.json",
            description = "An ensemble manifest (PREFIX_ensemble.json, written by ensemble) instead of --model: its"
                    + " members, each checked against its SHA-256 and confined to the manifest's folder.")
    Path manifest;

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

    @Option(names = "--max-frames-limit", paramLabel = "N", description = "The largest max_frames the feature file may"
            + " declare; a larger one is refused before it is read (default: " + FeatureFileLimits.DEFAULT_MAX_FRAMES
            + ").")
    int maxFramesLimit = FeatureFileLimits.DEFAULT_MAX_FRAMES;

    public Path features() {
        return features;
    }

    public boolean tta() {
        return tta;
    }

    /**
     * Whether the TTA view should be the headline: false only for a manifest whose {@code tta_recommended} is false
     * (TTA lowered that ensemble's accuracy when it was trained); models given with --model headline what --tta asks.
     */
    boolean ttaRecommended() throws IOException {
        return manifest == null || !Boolean.FALSE.equals(EnsembleManifest.read(manifest).ttaRecommended());
    }

    /** The models of --model or --manifest as the library's predictor (loaded safely through ModelZip). */
    EnsemblePredictor predictor() throws IOException {
        if (models.isEmpty() == (manifest == null)) {
            throw new UserInputException("give the models with --model M.zip (repeatable) or --manifest E.json,"
                    + (models.isEmpty() ? " found neither" : " not both"));
        }
        return manifest != null ? EnsemblePredictor.load(manifest, EnsembleManifest.read(manifest))
                : EnsemblePredictor.load(models);
    }

    int batchSize() {
        if (batchSize < 1) {
            throw new UserInputException("--batch-size: expected >= 1, found " + batchSize);
        }
        return batchSize;
    }

    FeatureFile open() {
        return FeatureFile.open(features, ReadMode.PER_VIDEO, ZeroFramePolicy.allowIf(allowZeroFrames),
                MaxFramesLimit.of(maxFramesLimit));
    }
}
