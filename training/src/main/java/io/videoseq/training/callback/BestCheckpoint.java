package io.videoseq.training.callback;

import io.videoseq.training.run.RunState;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.training.history.EpochRecord;

/**
 * Writes {@code best_{name}.zip} whenever the epoch strictly improved the run's monitored value (the training
 * configuration's {@code monitor} and {@code mode}; validation accuracy, higher is better, by default), as decided
 * by {@link io.videoseq.training.history.TrainingProgress#after}.
 */
public final class BestCheckpoint implements TrainingCallback {

    private final CheckpointStore store;

    public BestCheckpoint(CheckpointStore store) {
        this.store = store;
    }

    @Override
    public StopSignal onEpochEnd(EpochRecord record, RunState state) {
        if (state.progress().lastEpochImproved()) {
            store.saveBest(state.graph(), state.checkpointMetadata());
        }
        return StopSignal.CONTINUE;
    }
}
