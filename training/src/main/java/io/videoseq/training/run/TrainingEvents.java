package io.videoseq.training.run;

import io.videoseq.training.history.EpochRecord;
import io.videoseq.training.history.TrainingProgress;

/**
 * Observation hooks for the application (progress bar, plots, resource monitor). All methods have no-op
 * defaults; they must not throw (an exception from a hook stops the run like any other error).
 */
public interface TrainingEvents {

    /** Hooks that do nothing. */
    TrainingEvents NONE = new TrainingEvents() {
    };

    /** A one-line message for the user about how the run starts (e.g. "nothing to resume: starting fresh"). */
    default void onNotice(String line) {
    }

    /**
     * A model's run begins at {@code startEpoch} (1-based; > 1 when resumed) of {@code totalEpochs}.
     *
     * @param sequencesPerEpoch training sequences every epoch delivers: the split's size, since the sampler draws
     *                          that many videos per epoch (the last batch holds the remainder)
     */
    default void onRunStart(String modelName, int startEpoch, int totalEpochs, int sequencesPerEpoch) {
    }

    /** Epoch {@code epoch} (1-based) begins. */
    default void onEpochStart(String modelName, int epoch) {
    }

    /**
     * One optimizer step finished.
     *
     * @param iteration optimizer steps completed in the run so far
     * @param loss      the batch's mean loss (without weight decay)
     * @param sequences sequences in the batch
     */
    default void onBatchEnd(long iteration, double loss, int sequences) {
    }

    /** Epoch finished: its record and the progress including it. */
    default void onEpochEnd(String modelName, EpochRecord record, TrainingProgress progress) {
    }

    /** The run ended (stopReason says why); called before the final evaluation. */
    default void onRunEnd(String modelName, TrainingProgress progress, String stopReason) {
    }
}
