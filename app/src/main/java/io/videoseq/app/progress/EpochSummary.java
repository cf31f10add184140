package io.videoseq.app.progress;

import java.util.Locale;

/**
 * What one finished epoch reports on its summary line. Unmeasured values are {@link Double#NaN} and printed
 * as {@code -}. Accuracy and F1 values are percentages (0-100), as the training history records them.
 *
 * @param worstClass    name of the class with the lowest validation F1
 * @param runEtaSeconds estimated time until the last scheduled epoch ends (early stopping may end sooner)
 * @param allEtaSeconds estimated time until the last model of a run of several (an ensemble) ends; NaN for one model
 */
public record EpochSummary(String modelName, int epoch, int totalEpochs, double trainLoss, double valLoss,
                           double valAccuracy, double valWeightedF1, double worstClassF1, String worstClass,
                           double learningRate, double epochSeconds, double runEtaSeconds, double allEtaSeconds,
                           boolean improved) {

    /** One line, e.g. {@code [m1] epoch 3/15  train loss 0.8123  val loss 0.9011  acc 65.5%  F1 64.0% ...}. */
    public String line() {
        return String.format(Locale.ROOT,
                "[%s] epoch %d/%d  train loss %s  val loss %s  acc %s  F1 %s  worst F1 %s (%s)  lr %s  %s  ETA %s%s%s",
                modelName, epoch, totalEpochs, num(trainLoss, "%.4f"), num(valLoss, "%.4f"),
                num(valAccuracy, "%.1f%%"), num(valWeightedF1, "%.1f%%"), num(worstClassF1, "%.1f%%"), worstClass,
                num(learningRate, "%.2e"), Durations.format(epochSeconds), Durations.format(runEtaSeconds),
                Double.isFinite(allEtaSeconds) ? " (all models " + Durations.format(allEtaSeconds) + ")" : "",
                improved ? "  *best*" : "");
    }

    private static String num(double v, String format) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "-";
    }
}
