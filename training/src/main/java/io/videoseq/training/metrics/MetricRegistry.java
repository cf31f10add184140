package io.videoseq.training.metrics;

import io.videoseq.training.metrics.Metric.Shape;
import io.videoseq.training.metrics.Metric.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The metrics a report computes, in the order the results JSON writes them; immutable. {@link #builtIn()} holds
 * the metrics videoseq has always written (their keys, order and number formats are its file formats); a library
 * caller adds one with {@link #with} and hands the registry to the run ({@code TrainingRequest}, where an added
 * scalar can also be the configuration's {@code monitor}: {@link #monitors()}) or to {@code MetricsReport.of};
 * adding one to every run and command is one more entry in {@link #builtIn()}.
 *
 * <p>It lives in {@code training.metrics}, beside the functions it names ({@link ClassificationMetrics},
 * {@link ProbabilityMetrics}) and their scikit-learn goldens: measuring needs true labels, which is evaluation, and
 * evaluation is the training module's ({@code evaluate} runs through it); the {@code inference} module scores
 * videos without labels and has nothing to measure.
 *
 * <p>Shares of videos are percent in [0, 100]; scores that are not shares (ROC AUC, log-loss, Brier, ECE) and the
 * row-normalised confusion matrix are plain numbers, as scikit-learn gives them. Undefined values (the top-k
 * accuracy of two classes, the AUC of a class without positives or negatives, every probability metric of a
 * softmax with NaN) are null.
 */
public final class MetricRegistry {

    /** The monitor of the original pipeline: validation accuracy. */
    public static final String VAL_ACC = "val_acc";
    /** The built-in metric whose console value is followed by the worst class's name. */
    public static final String WORST_CLASS_F1 = "worst_class_f1";

    /**
     * What the training loop measures itself (not functions of the validation probabilities), by history column,
     * with the direction that makes them monitorable.
     */
    public static final Map<String, Direction> LOOP_MEASURES = loopMeasures();

    private static final MetricRegistry BUILT_IN = new MetricRegistry(builtInMetrics());

    private final List<Metric> metrics;

    private MetricRegistry(List<Metric> metrics) {
        this.metrics = List.copyOf(metrics);
        Map<String, Metric> names = new LinkedHashMap<>();
        Map<String, Metric> columns = new LinkedHashMap<>();
        for (Metric m : this.metrics) {
            Metric twin = names.put(m.name(), m);
            if (twin != null) {
                throw new IllegalArgumentException("two metrics named '" + m.name() + "'");
            }
            if (m.shape() == Shape.SCALAR || m.shape() == Shape.PER_CLASS) {
                Metric sameColumn = columns.put(m.column(), m);
                if (sameColumn != null || LOOP_MEASURES.containsKey(m.column())) {
                    throw new IllegalArgumentException("metric '" + m.name() + "': history column '" + m.column()
                            + "' is already taken" + (sameColumn == null ? " by the training loop"
                            : " by metric '" + sameColumn.name() + "'"));
                }
            }
        }
    }

    /** The built-in metrics. */
    public static MetricRegistry builtIn() {
        return BUILT_IN;
    }

    /** This registry with {@code metric} after the others. */
    public MetricRegistry with(Metric metric) {
        List<Metric> all = new ArrayList<>(metrics);
        all.add(metric);
        return new MetricRegistry(all);
    }

    /** Every metric, in the results JSON's order. */
    public List<Metric> all() {
        return metrics;
    }

    public Optional<Metric> get(String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** The history column of every value a run can monitor, with its direction: the loop's, then the metrics'. */
    public Map<String, Direction> monitors() {
        Map<String, Direction> out = new LinkedHashMap<>(LOOP_MEASURES);
        for (Metric m : metrics) {
            if (m.shape() == Shape.SCALAR) {
                out.put(m.column(), m.direction());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** Every metric's value for {@code scored}, by name, in this registry's order. */
    public Map<String, Object> evaluate(Scored scored) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Metric m : metrics) {
            out.put(m.name(), m.valueOf(scored));
        }
        return Collections.unmodifiableMap(out);
    }

    /**
     * The validation values the history records after an epoch, by history column, in this registry's order: the
     * metrics recorded every epoch, and the one {@code monitor} names.
     */
    public Map<String, Object> historyValues(Scored scored, String monitor) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Metric m : metrics) {
            if (m.recordedEveryEpoch() || (m.shape() == Shape.SCALAR && m.column().equals(monitor))) {
                out.put(m.column(), m.valueOf(scored));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        return "MetricRegistry" + metrics.stream().map(Metric::name).toList();
    }

    /** The results JSON's metrics, in its order (the positional record of earlier versions). */
    private static List<Metric> builtInMetrics() {
        String topK = "top-" + ProbabilityMetrics.TOP_K + " acc. %";
        return List.of(
                Metric.breakdown("examples", Shape.COUNT, s -> Arrays.stream(s.counts().support()).sum()),
                Metric.scalar("accuracy", Direction.MAX, s -> s.counts().accuracyPercent()).column(VAL_ACC)
                        .everyEpoch().onPage(Table.SUMMARY, "accuracy %", 2, 0).onConsole("acc", "%.1f%%"),
                Metric.scalar("weighted_f1", Direction.MAX, s -> s.counts().weightedF1Percent()).everyEpoch()
                        .onPage(Table.SUMMARY, "weighted F1 %", 2, 3).onConsole("F1", "%.1f%%"),
                Metric.breakdown("per_class_f1", Shape.PER_CLASS, s -> boxed(s.counts().perClassF1Percent()))
                        .everyEpoch().onPage(Table.PER_CLASS, "F1 %", 1, 3),
                Metric.scalar(WORST_CLASS_F1, Direction.MAX, s -> s.counts().worstClassF1Percent())
                        .column(WORST_CLASS_F1).everyEpoch().onConsole("worst F1", "%.1f%%"),
                Metric.breakdown("support", Shape.PER_CLASS_COUNT,
                        s -> Arrays.stream(s.counts().support()).boxed().toList())
                        .onPage(Table.PER_CLASS, "support", 0, 0),
                Metric.breakdown("confusion", Shape.MATRIX_COUNT, s -> Arrays.stream(s.counts().confusion())
                        .map(r -> Arrays.stream(r).boxed().toList()).toList()),
                Metric.breakdown("per_class_precision", Shape.PER_CLASS,
                        s -> boxed(s.counts().perClassPrecisionPercent()))
                        .onPage(Table.PER_CLASS, "precision %", 1, 1),
                Metric.breakdown("per_class_recall", Shape.PER_CLASS, s -> boxed(s.counts().perClassRecallPercent()))
                        .onPage(Table.PER_CLASS, "recall %", 1, 2),
                Metric.scalar("macro_f1", Direction.MAX, s -> s.counts().macroF1Percent())
                        .onPage(Table.SUMMARY, "macro F1 %", 2, 2),
                Metric.scalar("balanced_accuracy", Direction.MAX, s -> s.counts().balancedAccuracyPercent())
                        .onPage(Table.SUMMARY, "balanced acc. %", 2, 1),
                Metric.scalar("top_k_accuracy", Direction.MAX,
                        probability(p -> orNull(p.topKAccuracyPercent()))).onPage(Table.SUMMARY, topK, 2, 4),
                Metric.scalar("roc_auc_ovr_macro", Direction.MAX, probability(p -> orNull(p.rocAucMacro())))
                        .onPage(Table.SUMMARY, "ROC AUC (macro)", 3, 5),
                Metric.breakdown("roc_auc_ovr_per_class", Shape.PER_CLASS,
                        s -> s.probabilityMetrics() == null ? null : boxed(s.probabilityMetrics().rocAucPerClass()))
                        .onPage(Table.PER_CLASS, "ROC AUC (one-vs-rest)", 3, 4),
                Metric.scalar("log_loss", Direction.MIN, probability(ProbabilityMetrics::logLoss))
                        .onPage(Table.SUMMARY, "log loss", 4, 6),
                Metric.scalar("brier", Direction.MIN, probability(ProbabilityMetrics::brier))
                        .onPage(Table.SUMMARY, "Brier", 4, 7),
                Metric.scalar("ece", Direction.MIN, probability(ProbabilityMetrics::ece))
                        .onPage(Table.SUMMARY, "ECE", 4, 8),
                Metric.breakdown("confusion_normalized", Shape.MATRIX, s -> Arrays.stream(
                        s.counts().confusionNormalized()).map(MetricRegistry::boxed).toList()));
    }

    private static Map<String, Direction> loopMeasures() {
        Map<String, Direction> m = new LinkedHashMap<>();
        m.put("train_loss", Direction.MIN);
        m.put("train_acc", Direction.MAX);
        m.put("val_loss", Direction.MIN);
        return Collections.unmodifiableMap(m);
    }

    /** A value of the probability metrics; null when they are absent (probabilities with NaN). */
    private static Function<Scored, Double> probability(Function<ProbabilityMetrics, Double> f) {
        return s -> s.probabilityMetrics() == null ? null : f.apply(s.probabilityMetrics());
    }

    /** NaN (undefined) becomes null, so the JSON says "no value" instead of a string Jackson cannot read back. */
    private static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** A per-class array as a list, NaN as null. */
    public static List<Double> boxed(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(orNull(v));
        }
        return Collections.unmodifiableList(out);
    }
}
