package io.videoseq.training.callback;

import io.videoseq.training.run.RunState;
import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.training.history.EpochRecord;
import io.videoseq.training.history.TrainingProgress;

import java.util.function.BiFunction;

/**
 * The one hook of a training run: every method has a no-op default, so a callback implements only what it needs
 * (as DJL's listeners and Lightning's callbacks). The loop calls the callbacks in list order, on the training
 * thread. Callbacks signal, they do not throw to stop: {@link #onEpochEnd} returns a {@link StopSignal} and the
 * loop decides. DL4J {@code TrainingListener}s remain for gradient-level work only (clipping, monitoring per
 * iteration); the loop also fires their {@code onEpochStart/onEpochEnd}, which {@code fit(DataSet)} never does.
 *
 * <p>State that must survive a resume: return a key from {@link #stateKey()} and the state from {@link #state()};
 * every checkpoint stores it under that key, and a resumed run hands it back through {@link #restore} before its
 * first epoch. The run's own state (history, best, patience) is in {@link RunState#progress()}.
 */
public interface TrainingCallback {

    /** A one-line message for the user about how the run starts (e.g. "nothing to resume: starting fresh"). */
    default void onNotice(String line) {
    }

    /**
     * A model's run begins at {@code startEpoch} (1-based; greater than 1 when resumed) of {@code totalEpochs}.
     *
     * @param sequencesPerEpoch training sequences one epoch draws (the split's size)
     */
    default void onRunStart(String modelName, int startEpoch, int totalEpochs, int batchesPerEpoch,
                            int sequencesPerEpoch) {
    }

    /** Epoch {@code epoch} (1-based) begins. */
    default void onEpochStart(String modelName, int epoch) {
    }

    /**
     * One optimizer step finished.
     *
     * @param iteration optimizer steps completed in the run so far
     * @param loss      the batch's mean loss (without weight decay)
     * @param sequences sequences in the batch
     */
    default void onBatchEnd(long iteration, double loss, int sequences) {
    }

    /**
     * Epoch {@code record.epoch()} has been trained, validated and added to {@code state}'s progress.
     * {@code state.stopReason()} is already set when the run ends after this epoch (the maximum epoch count, or an
     * earlier callback's stop), so checkpoints written here record it.
     */
    default StopSignal onEpochEnd(EpochRecord record, RunState state) {
        return StopSignal.CONTINUE;
    }

    /** Training ended ({@code stopReason} says why); called before the final evaluation. */
    default void onRunEnd(String modelName, TrainingProgress progress, String stopReason) {
    }

    /** The run stopped with {@code error} (it is rethrown after every callback has seen it). */
    default void onRunFailed(String modelName, Throwable error) {
    }

    /** The key of this callback's state in checkpoints, or null for a callback without state. */
    default String stateKey() {
        return null;
    }

    /** This callback's state now, as JSON (called when a checkpoint is written). */
    default JsonNode state() {
        return null;
    }

    /** The state a resumed run's checkpoint holds for {@link #stateKey()}; not called for a fresh run. */
    default void restore(JsonNode state) {
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
