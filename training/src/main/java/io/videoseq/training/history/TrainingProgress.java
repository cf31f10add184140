package io.videoseq.training.history;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Everything the run's bookkeeping knows after some epochs, as one immutable value that goes into every
 * checkpoint, so a resumed run continues with the same history, best and patience counter.
 *
 * <p>"Best" is by the run's {@link Monitor} (validation accuracy unless the training configuration names another);
 * the best monitored value is read from the history at {@code best_epoch}, so checkpoints keep the layout they have
 * always had. A run cannot resume with another monitor (its best and patience counter mean something else).
 *
 * @param history                   every completed epoch
 * @param bestValAcc                validation accuracy of the best epoch, % (-1 before the first epoch); with the
 *                                  default monitor, the highest validation accuracy so far
 * @param bestEpoch                 the best epoch by the monitor (0 before the first epoch)
 * @param epochsWithoutImprovement  epochs since the monitored value last strictly improved (early stopping)
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

    /** {@link #after(EpochRecord, Monitor)} by validation accuracy, the original's monitor. */
    public TrainingProgress after(EpochRecord record) {
        return after(record, Monitor.VAL_ACC);
    }

    /**
     * The progress after {@code record}: the best moves only on a STRICT improvement of the monitored value (as
     * the original's {@code val_acc > best_val_acc}); otherwise the patience counter grows by one. The first epoch
     * is always the best so far (so a best checkpoint exists), and an undefined (NaN) value never improves on
     * anything but an undefined one ({@link io.videoseq.training.metrics.Direction#better}).
     */
    public TrainingProgress after(EpochRecord record, Monitor monitor) {
        TrainingHistory h = history.plus(record);
        if (bestEpoch == 0 || monitor.better(monitor.valueOf(record), bestValue(monitor))) {
            return new TrainingProgress(h, record.valAcc(), record.epoch(), 0);
        }
        return new TrainingProgress(h, bestValAcc, bestEpoch, epochsWithoutImprovement + 1);
    }

    /** The monitored value of the best epoch; NaN before the first epoch. */
    public double bestValue(Monitor monitor) {
        return bestEpoch == 0 ? Double.NaN : monitor.valueOf(history.epochs().get(bestEpoch - 1));
    }

    /** Whether the last recorded epoch set a new best. */
    public boolean lastEpochImproved() {
        return bestEpoch > 0 && bestEpoch == history.size();
    }
}
