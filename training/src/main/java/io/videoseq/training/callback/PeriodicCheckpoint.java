package io.videoseq.training.callback;

import io.videoseq.training.run.RunState;
import io.videoseq.training.checkpoint.CheckpointStore;
import io.videoseq.training.history.EpochRecord;

/**
 * Writes {@code {name}_checkpoint_epoch_{e}.zip} every {@code every} completed epochs and keeps the newest
 * {@code keep}.
 */
public final class PeriodicCheckpoint implements TrainingCallback {

    private final CheckpointStore store;
    private final int every;
    private final int keep;

    public PeriodicCheckpoint(CheckpointStore store, int every, int keep) {
        if (every < 1 || keep < 1) {
            throw new IllegalArgumentException("checkpoint_every = " + every + ", keep_checkpoints = " + keep
                    + ": both must be >= 1");
        }
        this.store = store;
        this.every = every;
        this.keep = keep;
    }

    @Override
    public StopSignal onEpochEnd(EpochRecord record, RunState state) {
        if (record.epoch() % every == 0) {
            store.savePeriodic(state.graph(), state.checkpointMetadata(), keep);
        }
        return StopSignal.CONTINUE;
    }
}
