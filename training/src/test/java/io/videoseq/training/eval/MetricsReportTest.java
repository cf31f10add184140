package io.videoseq.training.eval;

import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.model.Golden;
import io.videoseq.training.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The report against scikit-learn and numpy (probability_metrics.json, from tools/make_metrics_golden.py), to 1e-6
 * absolute on every value (percent and plain alike): the golden probabilities are exact float64 and both sides compute
 * in double, so only summation order differs; 1e-6 leaves room for that without hiding a wrong definition.
 */
class MetricsReportTest {
    private static final double TOL = 1e-6;
    private static final JsonNode GOLDEN = Golden.read("probability_metrics.json").get("cases");

    static Stream<Integer> cases() {
        return IntStream.range(0, GOLDEN.size()).boxed();
    }

    private static MetricsReport report(JsonNode c) {
        return MetricsReport.of(Golden.ints(c.get("y_true")),
                Nd4j.createFromArray(Golden.matrix(c.get("probabilities"))));
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void matchesScikitLearn(int index) {
        JsonNode c = GOLDEN.get(index);
        MetricsReport r = report(c);
        String name = c.get("name").asText();
        assertList(c.get("per_class_precision"), r.perClassPrecision(), name + " precision");
        assertList(c.get("per_class_recall"), r.perClassRecall(), name + " recall");
        assertEquals(c.get("macro_f1").asDouble(), r.macroF1(), TOL, name + " macro F1");
        assertEquals(c.get("balanced_accuracy").asDouble(), r.balancedAccuracy(), TOL, name + " balanced accuracy");
        if (c.get("top_k_accuracy").isNull()) {
            assertNull(r.topKAccuracy(), name + " top-2 of two classes");
        } else {
            assertEquals(c.get("top_k_accuracy").asDouble(), r.topKAccuracy(), TOL, name + " top-2");
        }
        assertEquals(c.get("roc_auc_ovr_macro").asDouble(), r.rocAucOvrMacro(), TOL, name + " AUC macro");
        assertList(c.get("roc_auc_ovr_per_class"), r.rocAucOvrPerClass(), name + " AUC per class");
        assertEquals(c.get("log_loss").asDouble(), r.logLoss(), TOL, name + " log-loss");
        assertEquals(c.get("brier").asDouble(), r.brier(), TOL, name + " Brier");
        assertEquals(c.get("ece").asDouble(), r.ece(), TOL, name + " ECE");
        JsonNode cm = c.get("confusion_normalized");
        assertEquals(cm.size(), r.confusionNormalized().size());
        for (int t = 0; t < cm.size(); t++) {
            assertList(cm.get(t), r.confusionNormalized().get(t), name + " normalised confusion row " + t);
        }
    }

    @ParameterizedTest(name = "case {0}")
    @MethodSource("cases")
    void keepsTheArgMaxMetrics(int index) {
        JsonNode c = GOLDEN.get(index);
        MetricsReport r = report(c);
        assertEquals(c.get("y_true").size(), r.examples());
        int[] yTrue = Golden.ints(c.get("y_true"));
        int[] yPred = Golden.ints(c.get("y_pred"));
        long correct = IntStream.range(0, yTrue.length).filter(i -> yTrue[i] == yPred[i]).count();
        assertEquals(100.0 * correct / yTrue.length, r.accuracy(), 1e-12);
        for (int t = 0; t < r.confusion().size(); t++) {
            int row = r.confusion().get(t).stream().mapToInt(Integer::intValue).sum();
            assertEquals(r.support().get(t), row);
        }
    }

    @Test
    void goldenCoversTheEdgeCases() {
        // the golden must keep exercising what the brief asked for: a class never predicted, a predicted class
        // without support (AUC null), and two classes (top-k null)
        MetricsReport never = report(GOLDEN.get(1));
        assertEquals(0.0, never.perClassPrecision().get(2), 0.0);
        assertEquals(0.0, never.perClassRecall().get(2), 0.0);
        MetricsReport absent = report(GOLDEN.get(3));
        assertNull(absent.rocAucOvrPerClass().get(3));
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0), absent.confusionNormalized().get(3));
        assertNull(report(GOLDEN.get(0)).topKAccuracy());
    }

    @Test
    void jsonHasEveryKeyInSnakeCaseWithNullForUndefined() throws Exception {
        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsString(report(GOLDEN.get(0))));
        for (String key : List.of("examples", "accuracy", "weighted_f1", "per_class_f1", "worst_class_f1", "support",
                "confusion", "per_class_precision", "per_class_recall", "macro_f1", "balanced_accuracy",
                "top_k_accuracy", "roc_auc_ovr_macro", "roc_auc_ovr_per_class", "log_loss", "brier", "ece",
                "confusion_normalized")) {
            assertTrue(json.has(key), key + " in " + json);
        }
        assertTrue(json.get("top_k_accuracy").isNull(), "two classes: no top-2 accuracy");
        String absent = Json.mapper().writeValueAsString(report(GOLDEN.get(3)));
        assertTrue(Json.mapper().readTree(absent).get("roc_auc_ovr_per_class").get(3).isNull(), absent);
        assertEquals(report(GOLDEN.get(3)), Json.mapper().readValue(absent, MetricsReport.class));
    }

    @Test
    void readsAReportWrittenBeforeTheProbabilityKeys() throws Exception {
        // results JSON of runs finished before the evaluation report's keys are read back on resume and by the ensemble collector
        String old = "{\"examples\":2,\"accuracy\":50.0,\"weighted_f1\":33.3,\"per_class_f1\":[66.7,0.0],"
                + "\"worst_class_f1\":0.0,\"support\":[1,1],\"confusion\":[[1,0],[1,0]]}";
        MetricsReport r = Json.mapper().readValue(old, MetricsReport.class);
        assertEquals(50.0, r.accuracy(), 0.0);
        assertNull(r.logLoss());
        assertNull(r.rocAucOvrPerClass());
    }

    /** A diverged model (NaN probabilities) still gets its report: arg-max metrics, no probability metrics. */
    @Test
    void nanProbabilitiesLeaveOnlyTheArgMaxMetrics() {
        double[][] p = {{0.7, 0.3}, {Double.NaN, Double.NaN}, {0.2, 0.8}};
        MetricsReport r = MetricsReport.of(new int[] {0, 1, 1}, Nd4j.create(p));
        assertEquals(3, r.examples());
        assertNull(r.logLoss());
        assertNull(r.brier());
        assertNull(r.ece());
        assertNull(r.rocAucOvrPerClass());
        assertNotNull(r.macroF1());
    }

    private static void assertList(JsonNode expected, List<Double> actual, String what) {
        assertEquals(expected.size(), actual.size(), what);
        for (int k = 0; k < expected.size(); k++) {
            if (expected.get(k).isNull()) {
                assertNull(actual.get(k), what + " [" + k + "]");
            } else {
                assertEquals(expected.get(k).asDouble(), actual.get(k), TOL, what + " [" + k + "]");
            }
        }
    }
}
