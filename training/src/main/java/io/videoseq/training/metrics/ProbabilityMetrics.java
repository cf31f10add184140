package io.videoseq.training.metrics;

import java.util.Arrays;
import java.util.Locale;

/**
 * Metrics that need the predicted probabilities, not only the arg-max class, computed as scikit-learn does
 * (golden: {@code tools/make_metrics_golden.py}). Undefined values are {@code NaN} here and null in the report.
 *
 * <ul>
 *   <li>{@code topKAccuracyPercent}: share of videos whose true class is among the {@link #TOP_K} most probable, %
 *   ({@code top_k_accuracy_score}); a class tied with the true class does not push it out. NaN for
 *   {@code numClasses <= TOP_K}, where it is 100 % whatever the model does.</li>
 *   <li>{@code rocAucPerClass[c]}: one-vs-rest ROC AUC of column c against "label == c", in [0, 1] (ties count
 *   half, as the trapezoid under sklearn's ROC curve). NaN for a class without positives or without negatives,
 *   where no ranking exists; {@code rocAucMacro} is the mean over the classes that have one (NaN if none). With
 *   every class defined this is {@code roc_auc_score(multi_class='ovr', average='macro')}.</li>
 *   <li>{@code logLoss}: mean negative log-probability of the true class, natural log, after sklearn's clipping to
 *   [eps, 1 - eps] (eps = {@link #LOG_LOSS_EPS}, float64's) and renormalising each row
 *   ({@code log_loss}).</li>
 *   <li>{@code brier}: the multi-class Brier score, mean over videos of the squared distance between the probability
 *   vector and the one-hot label, in [0, 2]. Not sklearn's {@code brier_score_loss}, which is binary only.</li>
 *   <li>{@code ece}: expected calibration error in [0, 1] over {@link #ECE_BINS} equal-width bins of the top
 *   probability (bin b holds {@code b/15 < conf <= (b+1)/15}): sum over bins of |accuracy - mean confidence|
 *   times the bin's share of videos. The predicted class is the arg-max, lowest index on ties.</li>
 * </ul>
 *
 * @param topKAccuracyPercent true class among the top {@link #TOP_K}, %, or NaN
 * @param rocAucPerClass      one-vs-rest AUC per class in [0, 1], NaN where undefined, length numClasses
 * @param rocAucMacro         mean of the defined per-class AUCs, or NaN
 * @param logLoss             mean cross-entropy of the true class, nats
 * @param brier               multi-class Brier score
 * @param ece                 expected calibration error
 */
public record ProbabilityMetrics(double topKAccuracyPercent, double[] rocAucPerClass, double rocAucMacro,
                                 double logLoss, double brier, double ece) {

    /** The k of the top-k accuracy. */
    public static final int TOP_K = 2;
    /** Calibration bins of the ECE. */
    public static final int ECE_BINS = 15;
    /** Clipping of the log-loss: scikit-learn's {@code eps='auto'} for float64 probabilities. */
    public static final double LOG_LOSS_EPS = Math.ulp(1.0);

    public ProbabilityMetrics {
        java.util.Objects.requireNonNull(rocAucPerClass, "ProbabilityMetrics rocAucPerClass");
        rocAucPerClass = rocAucPerClass.clone();
    }

    /**
     * @param probabilities {@code [examples, numClasses]}, each entry finite and in [0, 1] (rows of a softmax)
     * @param labels        true class per example, each in [0, numClasses)
     */
    public static ProbabilityMetrics of(double[][] probabilities, int[] labels) {
        int classes = validate(probabilities, labels);
        int n = labels.length;
        double[] auc = new double[classes];
        double aucSum = 0;
        int aucCount = 0;
        for (int c = 0; c < classes; c++) {
            RocCurve curve = RocCurve.oneVsRest(probabilities, labels, c);
            auc[c] = curve == null ? Double.NaN : curve.area();
            if (!Double.isNaN(auc[c])) {
                aucSum += auc[c];
                aucCount++;
            }
        }
        int topK = 0;
        double logLoss = 0;
        double brier = 0;
        for (int i = 0; i < n; i++) {
            double[] p = probabilities[i];
            double truth = p[labels[i]];
            int higher = 0;
            double clippedSum = 0;
            for (int c = 0; c < classes; c++) {
                if (p[c] > truth) {
                    higher++;
                }
                clippedSum += clip(p[c]);
                double target = c == labels[i] ? 1.0 : 0.0;
                brier += (p[c] - target) * (p[c] - target);
            }
            if (higher < TOP_K) {
                topK++;
            }
            logLoss -= Math.log(clip(truth) / clippedSum);
        }
        return new ProbabilityMetrics(classes <= TOP_K ? Double.NaN : 100.0 * topK / n, auc,
                aucCount == 0 ? Double.NaN : aucSum / aucCount, logLoss / n, brier / n, ReliabilityBins.of(probabilities, labels, ECE_BINS).ece());
    }

    private static double clip(double p) {
        return Math.max(LOG_LOSS_EPS, Math.min(1 - LOG_LOSS_EPS, p));
    }

    private static int validate(double[][] probabilities, int[] labels) {
        if (probabilities == null || labels == null || probabilities.length == 0
                || probabilities.length != labels.length) {
            throw new IllegalArgumentException("ProbabilityMetrics probabilities rows "
                    + (probabilities == null ? null : probabilities.length) + ", labels "
                    + (labels == null ? null : labels.length) + ": expected equal counts > 0");
        }
        int classes = probabilities[0].length;
        if (classes < 1) {
            throw new IllegalArgumentException("ProbabilityMetrics numClasses = 0: expected >= 1");
        }
        for (int i = 0; i < labels.length; i++) {
            if (probabilities[i].length != classes) {
                throw new IllegalArgumentException("ProbabilityMetrics probabilities[" + i + "] has "
                        + probabilities[i].length + " classes, expected " + classes + " like row 0");
            }
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("ProbabilityMetrics labels[" + i + "] = " + labels[i]
                        + ": expected a class in [0, " + classes + ")");
            }
            for (int c = 0; c < classes; c++) {
                double p = probabilities[i][c];
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("ProbabilityMetrics probabilities[" + i + "][" + c + "] = "
                            + p + ": expected a probability in [0, 1]");
                }
            }
        }
        return classes;
    }

    public int numClasses() {
        return rocAucPerClass.length;
    }

    @Override
    public double[] rocAucPerClass() {
        return rocAucPerClass.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProbabilityMetrics m && Double.compare(topKAccuracyPercent, m.topKAccuracyPercent) == 0
                && Arrays.equals(rocAucPerClass, m.rocAucPerClass) && Double.compare(rocAucMacro, m.rocAucMacro) == 0
                && Double.compare(logLoss, m.logLoss) == 0 && Double.compare(brier, m.brier) == 0
                && Double.compare(ece, m.ece) == 0;
    }

    @Override
    public int hashCode() {
        return 31 * (31 * (31 * Double.hashCode(logLoss) + Double.hashCode(brier)) + Double.hashCode(ece))
                + Arrays.hashCode(rocAucPerClass);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ProbabilityMetrics(top%dAccuracy=%.2f%%, rocAucMacro=%.4f, "
                        + "rocAucPerClass=%s, logLoss=%.4f, brier=%.4f, ece=%.4f)", TOP_K, topKAccuracyPercent,
                rocAucMacro, Arrays.toString(rocAucPerClass), logLoss, brier, ece);
    }
}
