package io.videoseq.training.eval;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.inference.ProbabilityAverage;
import io.videoseq.training.io.Json;
import io.videoseq.training.metrics.Metric;
import io.videoseq.training.metrics.MetricRegistry;
import io.videoseq.training.metrics.ProbabilityMetrics;
import io.videoseq.training.metrics.Scored;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Test metrics as written to the results JSON and the evaluation report: every metric of a {@link MetricRegistry}
 * under its name, in the registry's order (see {@link MetricRegistry#builtIn()} for what each built-in one is).
 * The typed accessors name the built-in metrics for callers; {@link #value(String)} reaches any metric.
 *
 * <p>Reading JSON: every built-in key is there (null when the file lacks it, as files written before the
 * probability metrics existed — a resumed run or an ensemble collection still reads them); a key of a metric this
 * JVM does not register is kept as a plain JSON value, so a report written with an extra metric reads and writes
 * back unchanged.
 */
public final class MetricsReport {

    private final MetricRegistry registry;
    private final Map<String, Object> values;

    private MetricsReport(MetricRegistry registry, Map<String, Object> values) {
        this.registry = registry;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * The built-in metrics of the probabilities against the labels; predictions are the arg-max class of each row
     * (lowest index on ties, as {@link ProbabilityAverage#predictions()}).
     *
     * @param labels        true class per example
     * @param probabilities {@code [examples, numClasses]}
     */
    public static MetricsReport of(int[] labels, INDArray probabilities) {
        return of(MetricRegistry.builtIn(), labels, probabilities);
    }

    /** The metrics of {@code registry}, as {@link #of(int[], INDArray)}. */
    public static MetricsReport of(MetricRegistry registry, int[] labels, INDArray probabilities) {
        return new MetricsReport(registry, registry.evaluate(Scored.of(labels, probabilities)));
    }

    /** The JSON form: metric name to value, in the registry's order. */
    @JsonValue
    public Map<String, Object> values() {
        return values;
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static MetricsReport fromJson(JsonNode json) {
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("metrics: expected a JSON object of metric name to value, found "
                    + (json == null ? "nothing" : json.getNodeType()));
        }
        MetricRegistry builtIn = MetricRegistry.builtIn();
        Map<String, Object> values = new LinkedHashMap<>();
        for (Metric m : builtIn.all()) {
            JsonNode v = json.get(m.name());
            values.put(m.name(), v == null || v.isNull() ? null
                    : Json.mapper().convertValue(v, m.shape().jsonType()));
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (builtIn.get(e.getKey()).isEmpty()) {
                values.put(e.getKey(), Json.mapper().convertValue(e.getValue(), Object.class));
            }
        }
        return new MetricsReport(builtIn, values);
    }

    /** The registry that computed it ({@link MetricRegistry#builtIn()} for a report read from JSON). */
    public MetricRegistry registry() {
        return registry;
    }

    /** The value of metric {@code name}; null when undefined or not in this report. */
    public Object value(String name) {
        return values.get(name);
    }

    /** The number of scalar metric {@code name}; null when undefined or not in this report. */
    public Double scalar(String name) {
        Object v = values.get(name);
        return v == null ? null : ((Number) v).doubleValue();
    }

    /** Number of evaluated sequences. */
    public int examples() {
        Object v = values.get("examples");
        return v == null ? 0 : ((Number) v).intValue();
    }

    /** Accuracy, %. */
    public double accuracy() {
        return primitive("accuracy");
    }

    /** Support-weighted F1, %. */
    public double weightedF1() {
        return primitive("weighted_f1");
    }

    /** F1 per class, %. */
    public List<Double> perClassF1() {
        return list("per_class_f1");
    }

    /** Lowest F1 among classes with support, %. */
    public double worstClassF1() {
        return primitive("worst_class_f1");
    }

    /** True examples per class. */
    public List<Integer> support() {
        return list("support");
    }

    /** Confusion matrix [true][predicted]. */
    public List<List<Integer>> confusion() {
        return list("confusion");
    }

    /** Precision per class, % (0 for a class never predicted). */
    public List<Double> perClassPrecision() {
        return list("per_class_precision");
    }

    /** Recall per class, % (0 for a class without support). */
    public List<Double> perClassRecall() {
        return list("per_class_recall");
    }

    /** Unweighted mean F1 over the classes present or predicted, %. */
    public Double macroF1() {
        return scalar("macro_f1");
    }

    /** Mean recall over the classes with support, %. */
    public Double balancedAccuracy() {
        return scalar("balanced_accuracy");
    }

    /** True class among the {@value ProbabilityMetrics#TOP_K} most probable, %; null for two classes or fewer. */
    public Double topKAccuracy() {
        return scalar("top_k_accuracy");
    }

    /** Mean one-vs-rest ROC AUC over the classes that have one, [0, 1]. */
    public Double rocAucOvrMacro() {
        return scalar("roc_auc_ovr_macro");
    }

    /** One-vs-rest ROC AUC per class, [0, 1]; null for a class without positives or negatives. */
    public List<Double> rocAucOvrPerClass() {
        return list("roc_auc_ovr_per_class");
    }

    /** Mean cross-entropy of the true class, nats. */
    public Double logLoss() {
        return scalar("log_loss");
    }

    /** Multi-class Brier score, [0, 2]. */
    public Double brier() {
        return scalar("brier");
    }

    /** Expected calibration error, 15 bins, [0, 1]. */
    public Double ece() {
        return scalar("ece");
    }

    /** Confusion matrix with rows divided by support (rows sum to 1; zeros without support). */
    public List<List<Double>> confusionNormalized() {
        return list("confusion_normalized");
    }

    /** A number the positional record of earlier versions held unboxed: 0 when absent, as Jackson read it then. */
    private double primitive(String name) {
        Double v = scalar(name);
        return v == null ? 0.0 : v;
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> list(String name) {
        return (List<T>) values.get(name);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MetricsReport r && r.values.equals(values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(values);
    }

    @Override
    public String toString() {
        return "MetricsReport" + values;
    }
}
