package io.videoseq.training.checkpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.history.TrainingProgress;

import java.util.Map;

/**
 * The JSON stored as {@value CheckpointStore#METADATA_ENTRY} inside every checkpoint zip, beside DL4J's own
 * entries (configuration with iteration/epoch counters, parameters, updater state).
 *
 * <p>Random state: every random choice of a run (sample order, augmentation, dropout) is a pure function of
 * {@code (seed, epoch)} — the sampler's {@code epochOrder(seed, epoch)}, the augmentation seeded per epoch, and
 * ND4J's generator re-seeded at the start of every epoch — so {@code train_config.seed} and {@code epoch} (the
 * next epoch index, 0-based, equals the number completed) are the complete RNG and sampler state.
 *
 * @param formatVersion      version of this metadata layout (1)
 * @param modelName          the run's model name
 * @param epoch              epochs completed when written
 * @param iterationCount     optimizer steps completed (equals DL4J's counter stored in the model)
 * @param iterationsPerEpoch optimizer steps per epoch (ceil(training sequences / batch size))
 * @param progress           history, best epoch (by the run's monitor) and its validation accuracy, patience counter
 * @param stopReason         why training ended, or null while it is still running
 * @param modelConfig        the model's configuration JSON, verbatim
 * @param trainConfig        the training configuration
 * @param rngSeed            seed of all randomness (also in {@code train_config}; repeated for readers)
 * @param provenance         library, runtime and platform versions
 * @param inputChecksums     SHA-256 of the train/val/test feature files by file name
 * @param createdAt          ISO-8601 instant of writing
 * @param callbackState      the states of the run's stateful callbacks by key (empty in older checkpoints)
 * @param featureExtractor   the training features' {@code feature_extractor} record (backbone, preprocessing,
 *                           frame sampling) as {@code videoseq extract} wrote it; null for features without one
 *                           and in older checkpoints
 */
public record CheckpointMetadata(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("model_name") String modelName,
        @JsonProperty("epoch") int epoch,
        @JsonProperty("iteration_count") long iterationCount,
        @JsonProperty("iterations_per_epoch") int iterationsPerEpoch,
        @JsonProperty("progress") TrainingProgress progress,
        @JsonProperty("stop_reason") String stopReason,
        @JsonProperty("model_config") JsonNode modelConfig,
        @JsonProperty("train_config") TrainConfig trainConfig,
        @JsonProperty("rng_seed") long rngSeed,
        @JsonProperty("provenance") Provenance provenance,
        @JsonProperty("input_checksums") Map<String, String> inputChecksums,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("callback_state") Map<String, JsonNode> callbackState,
        @JsonProperty("feature_extractor") @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode featureExtractor) {

    public static final int FORMAT_VERSION = 1;

    /** Metadata of features without a {@code feature_extractor} record. */
    public CheckpointMetadata(int formatVersion, String modelName, int epoch, long iterationCount,
                              int iterationsPerEpoch, TrainingProgress progress, String stopReason,
                              JsonNode modelConfig, TrainConfig trainConfig, long rngSeed, Provenance provenance,
                              Map<String, String> inputChecksums, String createdAt,
                              Map<String, JsonNode> callbackState) {
        this(formatVersion, modelName, epoch, iterationCount, iterationsPerEpoch, progress, stopReason, modelConfig,
                trainConfig, rngSeed, provenance, inputChecksums, createdAt, callbackState, null);
    }

    public CheckpointMetadata {
        if (formatVersion != FORMAT_VERSION) {
            throw new IllegalArgumentException("checkpoint metadata: format_version = " + formatVersion
                    + ", this version reads " + FORMAT_VERSION);
        }
        CheckpointStore.requireValidName(modelName);
        if (progress == null || trainConfig == null) {
            throw new IllegalArgumentException("checkpoint metadata: progress and train_config are required");
        }
        if (epoch != progress.completedEpochs()) {
            throw new IllegalArgumentException("checkpoint metadata: epoch = " + epoch + " but the history holds "
                    + progress.completedEpochs() + " epochs");
        }
        if (iterationCount < 0 || iterationsPerEpoch < 1) {
            throw new IllegalArgumentException("checkpoint metadata: iteration_count = " + iterationCount
                    + ", iterations_per_epoch = " + iterationsPerEpoch + ", expected >= 0 and >= 1");
        }
        inputChecksums = java.util.Collections.unmodifiableMap(
                inputChecksums == null ? new java.util.TreeMap<>() : new java.util.TreeMap<>(inputChecksums));
        callbackState = java.util.Collections.unmodifiableMap(
                callbackState == null ? new java.util.TreeMap<>() : new java.util.TreeMap<>(callbackState));
    }
}
