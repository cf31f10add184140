package io.videoseq.app.progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What one finished epoch reports on its summary line. Unmeasured values are {@link Double#NaN} and printed
 * as {@code -}. Accuracy and F1 values are percentages (0-100), as the training history records them.
 *
 * @param validation    the validation metrics the line shows, in order (the metric registry's console values)
 * @param runEtaSeconds estimated time until the last scheduled epoch ends (early stopping may end sooner)
 * @param allEtaSeconds estimated time until the last model of a run of several (an ensemble) ends; NaN for one model
 */
public record EpochSummary(String modelName, int epoch, int totalEpochs, double trainLoss, double valLoss,
                           List<Shown> validation, double learningRate, double epochSeconds, double runEtaSeconds,
                           double allEtaSeconds, boolean improved) {

    /**
     * One validation value on the line, e.g. {@code acc 65.5%} or {@code worst F1 41.0% (jump)}.
     *
     * @param label  before the value
     * @param value  the value, NaN when unmeasured
     * @param format {@link String#format} pattern of the value
     * @param note   in parentheses after the value (the worst class's name), or null
     */
    public record Shown(String label, double value, String format, String note) {
        public Shown {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(format, "format");
        }
    }

    public EpochSummary {
        validation = List.copyOf(validation);
    }

    /** The line of the built-in validation metrics: accuracy, weighted F1, and the worst class's F1 and name. */
    public EpochSummary(String modelName, int epoch, int totalEpochs, double trainLoss, double valLoss,
                        double valAccuracy, double valWeightedF1, double worstClassF1, String worstClass,
                        double learningRate, double epochSeconds, double runEtaSeconds, double allEtaSeconds,
                        boolean improved) {
        this(modelName, epoch, totalEpochs, trainLoss, valLoss, List.of(new Shown("acc", valAccuracy, "%.1f%%", null),
                new Shown("F1", valWeightedF1, "%.1f%%", null),
                new Shown("worst F1", worstClassF1, "%.1f%%", worstClass)), learningRate, epochSeconds, runEtaSeconds,
                allEtaSeconds, improved);
    }

    /** One line, e.g. {@code [m1] epoch 3/15  train loss 0.8123  val loss 0.9011  acc 65.5%  F1 64.0% ...}. */
    public String line() {
        List<String> shown = new ArrayList<>();
        for (Shown s : validation) {
            shown.add(s.label() + " " + num(s.value(), s.format()) + (s.note() == null ? "" : " (" + s.note() + ")"));
        }
        return String.format(Locale.ROOT,
                "[%s] epoch %d/%d  train loss %s  val loss %s  %s  lr %s  %s  ETA %s%s%s",
                modelName, epoch, totalEpochs, num(trainLoss, "%.4f"), num(valLoss, "%.4f"),
                String.join("  ", shown), num(learningRate, "%.2e"), Durations.format(epochSeconds),
                Durations.format(runEtaSeconds),
                Double.isFinite(allEtaSeconds) ? " (all models " + Durations.format(allEtaSeconds) + ")" : "",
                improved ? "  *best*" : "");
    }

    private static String num(double v, String format) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "-";
    }
}
