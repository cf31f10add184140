package io.videoseq.training.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.videoseq.training.metrics.ClassificationMetrics;

import java.util.Arrays;
import java.util.List;

/**
 * Test metrics as written to the results JSON (percentages in [0, 100]).
 *
 * @param examples         number of evaluated sequences
 * @param accuracy         accuracy, %
 * @param weightedF1       support-weighted F1, %
 * @param perClassF1       F1 per class, %
 * @param worstClassF1     lowest F1 among classes with support, %
 * @param support          true examples per class
 * @param confusion        confusion matrix [true][predicted]
 */
public record MetricsReport(
        @JsonProperty("examples") int examples,
        @JsonProperty("accuracy") double accuracy,
        @JsonProperty("weighted_f1") double weightedF1,
        @JsonProperty("per_class_f1") List<Double> perClassF1,
        @JsonProperty("worst_class_f1") double worstClassF1,
        @JsonProperty("support") List<Integer> support,
        @JsonProperty("confusion") List<List<Integer>> confusion) {

    /** Metrics of the arg-max predictions against the labels. */
    public static MetricsReport of(int[] labels, int[] predictions, int numClasses) {
        return of(ClassificationMetrics.of(labels, predictions, numClasses));
    }

    public static MetricsReport of(ClassificationMetrics m) {
        return new MetricsReport(Arrays.stream(m.support()).sum(), m.accuracyPercent(), m.weightedF1Percent(),
                Arrays.stream(m.perClassF1Percent()).boxed().toList(), m.worstClassF1Percent(),
                Arrays.stream(m.support()).boxed().toList(),
                Arrays.stream(m.confusion()).map(r -> Arrays.stream(r).boxed().toList()).toList());
    }
}
