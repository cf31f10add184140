package io.videoseq.training.metrics;

import java.util.Arrays;
import java.util.Comparator;

/**
 * One-vs-rest ROC AUC as the Mann-Whitney statistic: the probability that a random positive scores above a random
 * negative, ties counting half. That is exactly the trapezoid area under scikit-learn's ROC curve (tied scores give
 * one diagonal step), without building the curve.
 */
final class RocAuc {

    private RocAuc() {
    }

    /**
     * @param probabilities {@code [examples, numClasses]}
     * @param labels        true class per example
     * @param positive      the class scored by column {@code positive} against all others
     * @return the AUC in [0, 1], or NaN when the class has no positives or no negatives (no pair to rank)
     */
    static double oneVsRest(double[][] probabilities, int[] labels, int positive) {
        int n = labels.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> probabilities[i][positive]));
        long positives = Arrays.stream(labels).filter(l -> l == positive).count();
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        // sum of the (1-based, tie-averaged) ranks of the positives
        double rankSum = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            while (end + 1 < n && probabilities[order[end + 1]][positive] == probabilities[order[start]][positive]) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;
            for (int k = start; k <= end; k++) {
                if (labels[order[k]] == positive) {
                    rankSum += rank;
                }
            }
            start = end + 1;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
