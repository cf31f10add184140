package io.videoseq.training.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * A one-vs-rest ROC curve: false- and true-positive rates as the threshold on one class's probability falls
 * through every distinct value, from (0, 0) to (1, 1); tied scores make one diagonal step, as in scikit-learn's
 * {@code roc_curve} (which also drops collinear points; the area is the same). Its trapezoid {@link #area()} is the
 * ROC AUC the report gives: the Mann-Whitney statistic, the probability that a random positive scores above a random
 * negative, ties counting half.
 *
 * @param falsePositiveRate increasing, first 0, last 1
 * @param truePositiveRate  increasing, first 0, last 1
 */
public record RocCurve(double[] falsePositiveRate, double[] truePositiveRate) {

    /**
     * @return the curve, or null when the class has no positives or no negatives (no curve to draw)
     */
    public static RocCurve oneVsRest(double[][] probabilities, int[] labels, int positive) {
        int n = labels.length;
        long positives = Arrays.stream(labels).filter(l -> l == positive).count();
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return null;
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> probabilities[i][positive]).reversed());
        double[] fpr = new double[n + 1];
        double[] tpr = new double[n + 1];
        int points = 1;
        long tp = 0;
        long fp = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && probabilities[order[end + 1]][positive] == probabilities[order[start]][positive]) {
                end++;
            }
            for (int k = start; k <= end; k++) {
                if (labels[order[k]] == positive) {
                    tp++;
                } else {
                    fp++;
                }
            }
            fpr[points] = (double) fp / negatives;
            tpr[points] = (double) tp / positives;
            points++;
            start = end + 1;
        }
        return new RocCurve(Arrays.copyOf(fpr, points), Arrays.copyOf(tpr, points));
    }

    /** Trapezoid area under the curve. */
    public double area() {
        double a = 0;
        for (int i = 1; i < falsePositiveRate.length; i++) {
            a += (falsePositiveRate[i] - falsePositiveRate[i - 1]) * (truePositiveRate[i] + truePositiveRate[i - 1])
                    / 2;
        }
        return a;
    }
}
