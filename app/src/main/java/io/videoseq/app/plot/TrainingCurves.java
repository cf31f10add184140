package io.videoseq.app.plot;

import java.util.List;

/**
 * The history a training dashboard shows: one {@link EpochPoint} per finished epoch, in order.
 *
 * @param bestEpoch the epoch whose weights are kept (marked on every panel), or 0 when there is none yet
 */
public record TrainingCurves(String modelName, List<String> classNames, List<EpochPoint> epochs, int bestEpoch) {
    public TrainingCurves {
        classNames = List.copyOf(classNames);
        epochs = List.copyOf(epochs);
        if (bestEpoch < 0) {
            throw new IllegalArgumentException("bestEpoch must be >= 0, got " + bestEpoch);
        }
        for (EpochPoint p : epochs) {
            if (p.perClassF1().length != classNames.size()) {
                throw new IllegalArgumentException("epoch " + p.epoch() + " has " + p.perClassF1().length
                        + " per-class F1 values, expected " + classNames.size() + " (one per class)");
            }
        }
    }
}
