package io.videoseq.training.run;

import io.videoseq.training.io.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.eval.MetricsReport;
import io.videoseq.training.history.TrainingHistory;

/**
 * Contents of {@code {name}_results.json}: how the run ended and the best checkpoint's test metrics.
 *
 * @param modelName       the model name
 * @param seed            the run's seed
 * @param bestEpoch       the best epoch by the run's monitor ({@code train_config.monitor}; validation accuracy by
 *                        default), 1-based
 * @param bestValAcc      that epoch's validation accuracy, % (the best one with the default monitor)
 * @param epochsCompleted epochs trained
 * @param stoppedEarly    whether training ended before {@code train_config.epochs}
 * @param stopReason      why training ended
 * @param bestCheckpoint  path of the evaluated checkpoint
 * @param test            test metrics of the original view
 * @param testTta         test metrics of the four TTA views' averaged probabilities
 * @param history         every epoch
 * @param trainConfig     the training configuration
 * @param modelConfig     the model configuration
 */
public record ModelResults(
        @JsonProperty("model_name") String modelName,
        @JsonProperty("seed") long seed,
        @JsonProperty("best_epoch") int bestEpoch,
        @JsonProperty("best_val_acc") double bestValAcc,
        @JsonProperty("epochs_completed") int epochsCompleted,
        @JsonProperty("stopped_early") boolean stoppedEarly,
        @JsonProperty("stop_reason") String stopReason,
        @JsonProperty("best_checkpoint") String bestCheckpoint,
        @JsonProperty("test") MetricsReport test,
        @JsonProperty("test_tta") MetricsReport testTta,
        @JsonProperty("history") TrainingHistory history,
        @JsonProperty("train_config") TrainConfig trainConfig,
        @JsonProperty("model_config") JsonNode modelConfig) {

    /** Reads a {@code {name}_results.json}. */
    public static ModelResults read(Path json) {
        try {
            return Json.mapper().readValue(json.toFile(), ModelResults.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read results " + json.toAbsolutePath() + ": "
                    + e.getMessage().replaceAll("\\s*\\R\\s*", " "), e);
        }
    }
}
