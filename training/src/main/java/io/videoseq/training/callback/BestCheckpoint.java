package io.videoseq.training.callback;

import io.videoseq.training.run.RunState;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.training.history.EpochRecord;

/** Writes {@code best_{name}.zip} whenever the epoch set a new (strictly higher) validation accuracy. */
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
