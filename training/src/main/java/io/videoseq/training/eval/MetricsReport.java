package io.videoseq.training.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.videoseq.training.metrics.ClassificationMetrics;
import io.videoseq.inference.ProbabilityAverage;
import io.videoseq.training.metrics.ProbabilityMetrics;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Test metrics as written to the results JSON. Shares of videos (accuracy, F1, precision, recall, balanced and top-k
 * accuracy) are percent in [0, 100]; the scores that are not shares (ROC AUC in [0, 1], log-loss in nats, Brier in
 * [0, 2], ECE in [0, 1]) and the row-normalised confusion matrix are plain numbers, as scikit-learn gives them.
 * See {@link ClassificationMetrics} and {@link ProbabilityMetrics} for how each is defined.
 *
 * <p>The keys added with the evaluation report are boxed and null where undefined ({@code top_k_accuracy} for two classes, the
 * AUC of a class without positives or negatives); being boxed also lets a results JSON written before they existed
 * still be read (they come back null) when a run resumes or an ensemble is collected.
 *
 * @param examples            number of evaluated sequences
 * @param accuracy            accuracy, %
 * @param weightedF1          support-weighted F1, %
 * @param perClassF1          F1 per class, %
 * @param worstClassF1        lowest F1 among classes with support, %
 * @param support             true examples per class
 * @param confusion           confusion matrix [true][predicted]
 * @param perClassPrecision   precision per class, % (0 for a class never predicted)
 * @param perClassRecall      recall per class, % (0 for a class without support)
 * @param macroF1             unweighted mean F1 over the classes present or predicted, %
 * @param balancedAccuracy    mean recall over the classes with support, %
 * @param topKAccuracy        true class among the {@value ProbabilityMetrics#TOP_K} most probable, %; null for
 *                            two classes or fewer
 * @param rocAucOvrMacro      mean one-vs-rest ROC AUC over the classes that have one, [0, 1]
 * @param rocAucOvrPerClass   one-vs-rest ROC AUC per class, [0, 1]; null for a class without positives or negatives
 * @param logLoss             mean cross-entropy of the true class, nats
 * @param brier               multi-class Brier score, [0, 2]
 * @param ece                 expected calibration error, 15 bins, [0, 1]
 * @param confusionNormalized confusion matrix with rows divided by support (rows sum to 1; zeros without support)
 */
public record MetricsReport(
        @JsonProperty("examples") int examples,
        @JsonProperty("accuracy") double accuracy,
        @JsonProperty("weighted_f1") double weightedF1,
        @JsonProperty("per_class_f1") List<Double> perClassF1,
        @JsonProperty("worst_class_f1") double worstClassF1,
        @JsonProperty("support") List<Integer> support,
        @JsonProperty("confusion") List<List<Integer>> confusion,
        @JsonProperty("per_class_precision") List<Double> perClassPrecision,
        @JsonProperty("per_class_recall") List<Double> perClassRecall,
        @JsonProperty("macro_f1") Double macroF1,
        @JsonProperty("balanced_accuracy") Double balancedAccuracy,
        @JsonProperty("top_k_accuracy") Double topKAccuracy,
        @JsonProperty("roc_auc_ovr_macro") Double rocAucOvrMacro,
        @JsonProperty("roc_auc_ovr_per_class") List<Double> rocAucOvrPerClass,
        @JsonProperty("log_loss") Double logLoss,
        @JsonProperty("brier") Double brier,
        @JsonProperty("ece") Double ece,
        @JsonProperty("confusion_normalized") List<List<Double>> confusionNormalized) {

    /**
     * Metrics of the probabilities against the labels; predictions are the arg-max class of each row (lowest index
     * on ties, as {@link ProbabilityAverage#predictions()}).
     *
     * @param labels        true class per example
     * @param probabilities {@code [examples, numClasses]}
     */
    public static MetricsReport of(int[] labels, INDArray probabilities) {
        int classes = (int) probabilities.columns();
        ClassificationMetrics m = ClassificationMetrics.of(labels,
                ProbabilityAverage.of(List.of(probabilities)).predictions(), classes);
        double[][] probs = probabilities.toDoubleMatrix();
        // A diverged model's softmax can hold NaN: its run must still end with a results file (the arg-max metrics,
        // as before), so the probability-based metrics are absent then rather than an error.
        ProbabilityMetrics p = isDistribution(probs) ? ProbabilityMetrics.of(probs, labels) : null;
        return new MetricsReport(Arrays.stream(m.support()).sum(), m.accuracyPercent(), m.weightedF1Percent(),
                boxed(m.perClassF1Percent()), m.worstClassF1Percent(),
                Arrays.stream(m.support()).boxed().toList(),
                Arrays.stream(m.confusion()).map(r -> Arrays.stream(r).boxed().toList()).toList(),
                boxed(m.perClassPrecisionPercent()), boxed(m.perClassRecallPercent()), m.macroF1Percent(),
                m.balancedAccuracyPercent(), p == null ? null : orNull(p.topKAccuracyPercent()),
                p == null ? null : orNull(p.rocAucMacro()), p == null ? null : boxed(p.rocAucPerClass()),
                p == null ? null : p.logLoss(), p == null ? null : p.brier(), p == null ? null : p.ece(),
                Arrays.stream(m.confusionNormalized()).map(MetricsReport::boxed).toList());
    }

    /** Every entry finite and in [0, 1]: what the probability-based metrics need. */
    private static boolean isDistribution(double[][] probs) {
        for (double[] row : probs) {
            for (double v : row) {
                if (!(v >= 0.0 && v <= 1.0)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** NaN (undefined) becomes null, so the JSON says "no value" instead of a string Jackson cannot read back. */
    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }

    private static List<Double> boxed(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(orNull(v));
        }
        return Collections.unmodifiableList(out);
    }
}
