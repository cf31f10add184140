package io.videoseq.training.callback;

import io.videoseq.training.run.RunState;
import io.videoseq.training.history.EpochRecord;

/**
 * Signals a stop when validation accuracy has not strictly improved for {@code patience} consecutive epochs
 * (the original's {@code patience_counter >= patience}). Its counter is
 * {@link io.videoseq.training.history.TrainingProgress#epochsWithoutImprovement()}, saved in every checkpoint.
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
        int waited = state.progress().epochsWithoutImprovement();
        if (waited >= patience) {
            return StopSignal.stop("early stopping: validation accuracy has not improved on "
                    + state.progress().bestValAcc() + "% (epoch " + state.progress().bestEpoch() + ") for "
                    + waited + " epochs (patience " + patience + ")");
        }
        return StopSignal.CONTINUE;
    }
}
