package io.videoseq.app.plot;

import java.util.Arrays;

/**
 * The metrics of one finished epoch as the dashboard draws them (accuracy and F1 in %). A value that was
 * not measured is {@link Double#NaN} and is left out of its curve.
 *
 * @param epoch        1-based epoch number
 * @param perClassF1   validation F1 of each class, indexed by class id
 * @param seconds      wall time of the epoch
 */
public record EpochPoint(int epoch, double trainLoss, double valLoss, double trainAccuracy, double valAccuracy,
                         double valWeightedF1, double learningRate, double[] perClassF1, double seconds) {
    public EpochPoint {
        if (epoch < 1) {
            throw new IllegalArgumentException("epoch must be >= 1, got " + epoch);
        }
        perClassF1 = perClassF1.clone();
    }

    @Override
    public double[] perClassF1() {
        return perClassF1.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EpochPoint p && epoch == p.epoch && Double.compare(trainLoss, p.trainLoss) == 0
                && Double.compare(valLoss, p.valLoss) == 0 && Double.compare(trainAccuracy, p.trainAccuracy) == 0
                && Double.compare(valAccuracy, p.valAccuracy) == 0
                && Double.compare(valWeightedF1, p.valWeightedF1) == 0
                && Double.compare(learningRate, p.learningRate) == 0 && Arrays.equals(perClassF1, p.perClassF1)
                && Double.compare(seconds, p.seconds) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * epoch + Arrays.hashCode(perClassF1);
    }

    @Override
    public String toString() {
        return "EpochPoint[epoch=" + epoch + ", trainLoss=" + trainLoss + ", valLoss=" + valLoss
                + ", valAccuracy=" + valAccuracy + ", valWeightedF1=" + valWeightedF1 + ", learningRate="
                + learningRate + ", perClassF1=" + Arrays.toString(perClassF1) + "]";
    }
}
