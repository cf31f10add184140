package io.videoseq.training.history;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Everything the run's bookkeeping knows after some epochs, as one immutable value that goes into every
 * checkpoint, so a resumed run continues with the same history, best and patience counter.
 *
 * @param history                   every completed epoch
 * @param bestValAcc                highest validation accuracy so far, % (-1 before the first epoch)
 * @param bestEpoch                 epoch that reached it (0 before the first epoch)
 * @param epochsWithoutImprovement  epochs since the validation accuracy last strictly improved (early stopping)
 */
public record TrainingProgress(
        @JsonProperty("history") TrainingHistory history,
        @JsonProperty("best_val_acc") double bestValAcc,
        @JsonProperty("best_epoch") int bestEpoch,
        @JsonProperty("epochs_without_improvement") int epochsWithoutImprovement) {

    public TrainingProgress {
        if (history == null) {
            throw new IllegalArgumentException("training progress: history is missing");
        }
        if (bestEpoch < 0 || bestEpoch > history.size()) {
            throw new IllegalArgumentException("training progress: best_epoch = " + bestEpoch
                    + ", expected in [0, " + history.size() + "]");
        }
        if (epochsWithoutImprovement < 0) {
            throw new IllegalArgumentException("training progress: epochs_without_improvement = "
                    + epochsWithoutImprovement + ", expected >= 0");
        }
    }

    public static TrainingProgress start() {
        return new TrainingProgress(TrainingHistory.empty(), -1.0, 0, 0);
    }

    /** Epochs completed. */
    public int completedEpochs() {
        return history.size();
    }

    /**
     * The progress after {@code record}: the best moves only on a STRICT improvement of validation accuracy
     * (as the original's {@code val_acc > best_val_acc}); otherwise the patience counter grows by one.
     */
    public TrainingProgress after(EpochRecord record) {
        TrainingHistory h = history.plus(record);
        if (record.valAcc() > bestValAcc) {
            return new TrainingProgress(h, record.valAcc(), record.epoch(), 0);
        }
        return new TrainingProgress(h, bestValAcc, bestEpoch, epochsWithoutImprovement + 1);
    }

    /** Whether the last recorded epoch set a new best. */
    public boolean lastEpochImproved() {
        return bestEpoch > 0 && bestEpoch == history.size();
    }
}
