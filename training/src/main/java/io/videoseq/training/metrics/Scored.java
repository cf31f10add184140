package io.videoseq.training.metrics;

import io.videoseq.inference.ProbabilityAverage;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.List;

/**
 * What a {@link Metric}'s function reads: the true classes, the probabilities, and the two sets of numbers computed
 * from them once and shared by every metric: {@link ClassificationMetrics} of the scorer's arg-max predictions
 * ({@link ProbabilityAverage#predictions()}, lowest index on ties), and {@link ProbabilityMetrics}, computed on
 * first use and absent when the probabilities are not a distribution (a diverged model's NaN softmax).
 */
public final class Scored {

    private final int[] labels;
    private final double[][] probabilities;
    private final ClassificationMetrics counts;
    private ProbabilityMetrics probabilityMetrics;
    private boolean probabilityMetricsDone;

    private Scored(int[] labels, double[][] probabilities, int[] predictions) {
        if (labels.length != probabilities.length) {
            throw new IllegalArgumentException("scored: " + labels.length + " labels for " + probabilities.length
                    + " rows of probabilities");
        }
        this.labels = labels.clone();
        this.probabilities = probabilities;
        int classes = probabilities.length == 0 ? 0 : probabilities[0].length;
        this.counts = ClassificationMetrics.of(this.labels, predictions, classes);
    }

    /**
     * @param labels        true class per example
     * @param probabilities {@code [examples, numClasses]}
     */
    public static Scored of(int[] labels, INDArray probabilities) {
        return new Scored(labels, probabilities.toDoubleMatrix(),
                ProbabilityAverage.of(List.of(probabilities)).predictions());
    }

    public int[] labels() {
        return labels.clone();
    }

    /** {@code [examples][numClasses]}, shared: do not change. */
    public double[][] probabilities() {
        return probabilities;
    }

    /** Counts, accuracy, precision, recall and F1 of the arg-max predictions. */
    public ClassificationMetrics counts() {
        return counts;
    }

    /** The probability-based metrics, or null when some probability is NaN or outside [0, 1]. */
    public synchronized ProbabilityMetrics probabilityMetrics() {
        if (!probabilityMetricsDone) {
            // A diverged model's softmax can hold NaN: its run must still end with a results file (the arg-max
            // metrics), so the probability-based metrics are absent then rather than an error.
            probabilityMetrics = isDistribution(probabilities) ? ProbabilityMetrics.of(probabilities, labels) : null;
            probabilityMetricsDone = true;
        }
        return probabilityMetrics;
    }

    private static boolean isDistribution(double[][] probs) {
        return Arrays.stream(probs).flatMapToDouble(Arrays::stream).allMatch(v -> v >= 0.0 && v <= 1.0);
    }
}
