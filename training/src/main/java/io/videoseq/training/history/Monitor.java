package io.videoseq.training.history;

import io.videoseq.training.metrics.Direction;
import io.videoseq.training.metrics.MetricRegistry;

import java.util.Objects;

/**
 * What early stopping and the best checkpoint watch (Lightning's {@code monitor} + {@code mode}): a history column
 * — a loop measure such as {@code val_loss}, or a validation metric such as {@code val_acc} or
 * {@code val_macro_f1} — and whether higher or lower is better. One per run, from the training configuration, so
 * the checkpoint the final evaluation tests is the one early stopping waited to beat.
 *
 * @param column the history column ({@link MetricRegistry#monitors()})
 * @param mode   {@link Direction#MAX} or {@link Direction#MIN}
 */
public record Monitor(String column, Direction mode) {

    /** The original pipeline's: validation accuracy, higher is better. */
    public static final Monitor VAL_ACC = new Monitor(MetricRegistry.VAL_ACC, Direction.MAX);

    public Monitor {
        Objects.requireNonNull(column, "monitor");
        if (mode != Direction.MAX && mode != Direction.MIN) {
            throw new IllegalArgumentException("monitor " + column + ": mode = " + mode + ", expected max or min");
        }
    }

    /** Its value in {@code record}; NaN when undefined. */
    public double valueOf(EpochRecord record) {
        return record.value(column);
    }

    /** Whether {@code candidate} is strictly better than {@code incumbent} ({@link Direction#better}). */
    public boolean better(double candidate, double incumbent) {
        return mode.better(candidate, incumbent);
    }

    /** How a message names it: "validation accuracy" for the original's monitor, else e.g. "val_loss (min)". */
    public String describe() {
        return equals(VAL_ACC) ? "validation accuracy" : column + " (" + mode.key() + ")";
    }

    /** A value of it as a message shows it: percent for the original's monitor (as before), else plain. */
    public String format(double value) {
        return equals(VAL_ACC) ? value + "%" : String.valueOf(value);
    }
}
