package io.videoseq.training.callback;

import io.videoseq.training.run.RunState;
import io.videoseq.training.history.EpochRecord;

import java.nio.file.Path;

/** Rewrites the history CSV (atomically) after every epoch, so a crashed run still leaves its curve behind. */
public final class HistoryCsv implements TrainingCallback {

    private final Path file;

    public HistoryCsv(Path file) {
        this.file = file;
    }

    @Override
    public StopSignal onEpochEnd(EpochRecord record, RunState state) {
        state.progress().history().writeCsv(file);
        return StopSignal.CONTINUE;
    }
}
