package io.videoseq.training.run;

import io.videoseq.training.history.EpochRecord;

import java.util.function.BiFunction;

/**
 * A small single-purpose step run by the training loop after every epoch, in list order. It may act (write a
 * checkpoint) and may signal a stop; it never throws to stop. State that must survive a resume lives in
 * {@link RunState#progress()}, which every checkpoint stores.
 */
public interface TrainingCallback {

    /**
     * Called after epoch {@code record.epoch()} has been trained, validated and added to {@code state}'s
     * progress. {@code state.stopReason()} is already set when the run ends after this epoch (the maximum
     * epoch count, or an earlier callback's stop), so checkpoints written here record it.
     */
    default StopSignal onEpochEnd(EpochRecord record, RunState state) {
        return StopSignal.CONTINUE;
    }

    /** A callback from a function, for one-off callbacks such as "stop at a target accuracy". */
    static TrainingCallback of(BiFunction<EpochRecord, RunState, StopSignal> onEpochEnd) {
        return new TrainingCallback() {
            @Override
            public StopSignal onEpochEnd(EpochRecord record, RunState state) {
                return onEpochEnd.apply(record, state);
            }
        };
    }
}
