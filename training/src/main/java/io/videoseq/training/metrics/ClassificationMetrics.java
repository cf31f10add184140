package io.videoseq.training.metrics;

import java.util.Arrays;

/**
 * Classification metrics from predicted class indices, as scikit-learn computes them with
 * {@code zero_division=0}. Percentages are in [0, 100].
 *
 * <p>{@code perClassF1Percent[c]} is 0 when class c is never predicted or has no support. {@code weightedF1Percent}
 * is the support-weighted mean of the per-class F1 ({@code f1_score(average='weighted')}).
 * {@code worstClassF1Percent} is the minimum per-class F1 over the classes WITH support: a class absent from the
 * evaluated labels says nothing about how well it is recognised, and counting its forced 0 would hide the real
 * weakest class. {@code confusion[t][p]} counts examples of true class t predicted as p. Precision, recall, macro F1,
 * balanced accuracy and the row-normalised confusion matrix are derived from {@code confusion} on request.
 *
 * @param accuracyPercent     share of correct predictions
 * @param weightedF1Percent   support-weighted F1
 * @param perClassF1Percent   F1 per class, length numClasses
 * @param worstClassF1Percent lowest F1 among classes with support
 * @param support             true examples per class, length numClasses
 * @param confusion           [true][predicted] counts, numClasses x numClasses
 */
public record ClassificationMetrics(double accuracyPercent, double weightedF1Percent, double[] perClassF1Percent,
                                    double worstClassF1Percent, int[] support, int[][] confusion) {

    public ClassificationMetrics {
        java.util.Objects.requireNonNull(perClassF1Percent, "ClassificationMetrics perClassF1Percent");
        java.util.Objects.requireNonNull(support, "ClassificationMetrics support");
        java.util.Objects.requireNonNull(confusion, "ClassificationMetrics confusion");
        perClassF1Percent = perClassF1Percent.clone();
        support = support.clone();
        confusion = Arrays.stream(confusion).map(int[]::clone).toArray(int[][]::new);
    }

    /**
     * @param yTrue      true class per example, each in [0, numClasses)
     * @param yPred      predicted class per example, same length as yTrue
     * @param numClasses number of classes, &gt;= 1
     */
    public static ClassificationMetrics of(int[] yTrue, int[] yPred, int numClasses) {
        validate(yTrue, yPred, numClasses);
        int[][] confusion = new int[numClasses][numClasses];
        int correct = 0;
        for (int i = 0; i < yTrue.length; i++) {
            confusion[yTrue[i]][yPred[i]]++;
            if (yTrue[i] == yPred[i]) {
                correct++;
            }
        }
        int[] support = new int[numClasses];
        double[] f1 = new double[numClasses];
        double weighted = 0;
        double worst = Double.POSITIVE_INFINITY;
        for (int c = 0; c < numClasses; c++) {
            int tp = confusion[c][c];
            int predicted = 0;
            for (int t = 0; t < numClasses; t++) {
                support[c] += confusion[c][t];
                predicted += confusion[t][c];
            }
            f1[c] = 100.0 * f1(tp, predicted, support[c]);
            weighted += f1[c] * support[c];
            if (support[c] > 0) {
                worst = Math.min(worst, f1[c]);
            }
        }
        return new ClassificationMetrics(100.0 * correct / yTrue.length, weighted / yTrue.length, f1, worst,
                support, confusion);
    }

    /** scikit-learn's F1 with zero_division=0: precision or recall with an empty denominator count as 0. */
    private static double f1(int tp, int predicted, int support) {
        double precision = predicted == 0 ? 0.0 : (double) tp / predicted;
        double recall = support == 0 ? 0.0 : (double) tp / support;
        return precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
    }

    private static void validate(int[] yTrue, int[] yPred, int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("ClassificationMetrics numClasses = " + numClasses + ": expected >= 1");
        }
        if (yTrue == null || yPred == null || yTrue.length == 0 || yTrue.length != yPred.length) {
            throw new IllegalArgumentException("ClassificationMetrics yTrue length "
                    + (yTrue == null ? null : yTrue.length) + ", yPred length " + (yPred == null ? null : yPred.length)
                    + ": expected equal lengths > 0");
        }
        for (int i = 0; i < yTrue.length; i++) {
            if (yTrue[i] < 0 || yTrue[i] >= numClasses) {
                throw new IllegalArgumentException("ClassificationMetrics yTrue[" + i + "] = " + yTrue[i]
                        + ": expected a class in [0, " + numClasses + ")");
            }
            if (yPred[i] < 0 || yPred[i] >= numClasses) {
                throw new IllegalArgumentException("ClassificationMetrics yPred[" + i + "] = " + yPred[i]
                        + ": expected a class in [0, " + numClasses + ")");
            }
        }
    }

    public int numClasses() {
        return support.length;
    }

    /** Precision per class, %: tp / predicted, 0 for a class never predicted (zero_division=0). */
    public double[] perClassPrecisionPercent() {
        double[] out = new double[numClasses()];
        for (int c = 0; c < out.length; c++) {
            int predicted = predicted(c);
            out[c] = predicted == 0 ? 0.0 : 100.0 * confusion[c][c] / predicted;
        }
        return out;
    }

    /** Recall per class, %: tp / support, 0 for a class without support (zero_division=0). */
    public double[] perClassRecallPercent() {
        double[] out = new double[numClasses()];
        for (int c = 0; c < out.length; c++) {
            out[c] = support[c] == 0 ? 0.0 : 100.0 * confusion[c][c] / support[c];
        }
        return out;
    }

    /**
     * Unweighted mean of the per-class F1, %, over the classes that occur in the labels or the predictions
     * (scikit-learn's {@code f1_score(average='macro')} with its default labels): a class predicted without support
     * counts with its F1 of 0, as those are real false positives; a class neither present nor predicted says nothing
     * and is left out.
     */
    public double macroF1Percent() {
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < numClasses(); c++) {
            if (support[c] > 0 || predicted(c) > 0) {
                sum += perClassF1Percent[c];
                counted++;
            }
        }
        return sum / counted;
    }

    /**
     * Mean recall, %, over the classes with support ({@code balanced_accuracy_score}, which drops a class without
     * support rather than count an undefined recall).
     */
    public double balancedAccuracyPercent() {
        double sum = 0;
        int counted = 0;
        double[] recall = perClassRecallPercent();
        for (int c = 0; c < recall.length; c++) {
            if (support[c] > 0) {
                sum += recall[c];
                counted++;
            }
        }
        return sum / counted;
    }

    /**
     * The confusion matrix with each row divided by its support (fractions, not percent, as
     * {@code confusion_matrix(normalize='true')}): rows sum to 1, and a class without support is a row of zeros.
     */
    public double[][] confusionNormalized() {
        double[][] out = new double[numClasses()][numClasses()];
        for (int t = 0; t < out.length; t++) {
            for (int p = 0; p < out.length && support[t] > 0; p++) {
                out[t][p] = (double) confusion[t][p] / support[t];
            }
        }
        return out;
    }

    private int predicted(int c) {
        int n = 0;
        for (int[] row : confusion) {
            n += row[c];
        }
        return n;
    }

    @Override
    public double[] perClassF1Percent() {
        return perClassF1Percent.clone();
    }

    @Override
    public int[] support() {
        return support.clone();
    }

    @Override
    public int[][] confusion() {
        return Arrays.stream(confusion).map(int[]::clone).toArray(int[][]::new);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassificationMetrics m && Double.compare(accuracyPercent, m.accuracyPercent) == 0
                && Double.compare(weightedF1Percent, m.weightedF1Percent) == 0
                && Double.compare(worstClassF1Percent, m.worstClassF1Percent) == 0
                && Arrays.equals(perClassF1Percent, m.perClassF1Percent) && Arrays.equals(support, m.support)
                && Arrays.deepEquals(confusion, m.confusion);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Double.hashCode(accuracyPercent) + Double.hashCode(weightedF1Percent))
                + Arrays.hashCode(perClassF1Percent)) + Arrays.deepHashCode(confusion);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "ClassificationMetrics(accuracy=%.2f%%, weightedF1=%.2f%%, worstClassF1=%.2f%%, perClassF1=%s, "
                        + "support=%s, confusion=%s)", accuracyPercent, weightedF1Percent, worstClassF1Percent,
                Arrays.toString(perClassF1Percent), Arrays.toString(support), Arrays.deepToString(confusion));
    }
}
