package io.videoseq.training.callback;

import io.videoseq.training.history.Monitor;
import io.videoseq.training.history.TrainingProgress;
import io.videoseq.training.run.RunState;
import io.videoseq.training.history.EpochRecord;

/**
 * Signals a stop when the run's monitored value (the training configuration's {@code monitor} and {@code mode};
 * validation accuracy, higher is better, by default) has not strictly improved for {@code patience} consecutive
 * epochs (the original's {@code patience_counter >= patience}). Its counter is
 * {@link TrainingProgress#epochsWithoutImprovement()}, saved in every checkpoint; the monitor is saved with the
 * configuration, and a resume with another one is refused.
 */
public final class EarlyStopping implements TrainingCallback {

    private final int patience;

    public EarlyStopping(int patience) {
        if (patience < 1) {
            throw new IllegalArgumentException("patience = " + patience + ", expected >= 1");
        }
        this.patience = patience;
    }

    @Override
    public StopSignal onEpochEnd(EpochRecord record, RunState state) {
        TrainingProgress p = state.progress();
        int waited = p.epochsWithoutImprovement();
        if (waited >= patience) {
            Monitor monitor = state.trainConfig().monitored();
            return StopSignal.stop("early stopping: " + monitor.describe() + " has not improved on "
                    + monitor.format(p.bestValue(monitor)) + " (epoch " + p.bestEpoch() + ") for " + waited
                    + " epochs (patience " + patience + ")");
        }
        return StopSignal.CONTINUE;
    }
}
