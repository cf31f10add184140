package io.videoseq.training.callback;

import io.videoseq.training.run.RunState;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.training.history.EpochRecord;

/**
 * Replaces {@code {name}_last.zip} after every epoch with the full run state, so a crash, {@code kill -9} or
 * Ctrl-C loses at most the epoch in progress ({@code --resume latest} continues from it). It runs after the best
 * checkpoint is written: a kill between the two then resumes from the epoch before and repeats this one exactly,
 * so {@code best_{name}.zip} always matches the best epoch the resumed history records.
 */
public final class LastCheckpoint implements TrainingCallback {

    private final CheckpointStore store;

    public LastCheckpoint(CheckpointStore store) {
        this.store = store;
    }

    @Override
    public StopSignal onEpochEnd(EpochRecord record, RunState state) {
        store.saveLast(state.graph(), state.checkpointMetadata());
        return StopSignal.CONTINUE;
    }
}
