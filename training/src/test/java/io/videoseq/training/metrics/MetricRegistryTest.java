package io.videoseq.training.metrics;

import io.videoseq.training.metrics.Metric.Shape;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry's rules: order, names, history columns, monitors, and what "better" means with NaN. */
class MetricRegistryTest {

    @Test
    void builtInMetricsAreTheResultsJsonKeysInItsOrder() {
        assertEquals(List.of("examples", "accuracy", "weighted_f1", "per_class_f1", "worst_class_f1", "support",
                "confusion", "per_class_precision", "per_class_recall", "macro_f1", "balanced_accuracy",
                "top_k_accuracy", "roc_auc_ovr_macro", "roc_auc_ovr_per_class", "log_loss", "brier", "ece",
                "confusion_normalized"), MetricRegistry.builtIn().all().stream().map(Metric::name).toList());
    }

    @Test
    void monitorsAreTheLoopMeasuresAndEveryScalarMetricByHistoryColumn() {
        Map<String, Direction> m = MetricRegistry.builtIn().monitors();
        assertEquals(List.of("train_loss", "train_acc", "val_loss", "val_acc", "val_weighted_f1", "worst_class_f1",
                "val_macro_f1", "val_balanced_accuracy", "val_top_k_accuracy", "val_roc_auc_ovr_macro",
                "val_log_loss", "val_brier", "val_ece"), List.copyOf(m.keySet()));
        assertEquals(Direction.MIN, m.get("val_loss"));
        assertEquals(Direction.MAX, m.get("val_macro_f1"));
        assertEquals(Direction.MIN, m.get("val_ece"));
    }

    @Test
    void theHistoryRecordsTheBuiltInColumnsAndTheMonitoredOne() {
        Scored s = Scored.of(new int[] {0, 1, 1}, Nd4j.createFromArray(new double[][] {
                {0.8, 0.2}, {0.4, 0.6}, {0.7, 0.3}}));
        Map<String, Object> plain = MetricRegistry.builtIn().historyValues(s, "val_acc");
        assertEquals(List.of("val_acc", "val_weighted_f1", "val_per_class_f1", "worst_class_f1"),
                List.copyOf(plain.keySet()));
        assertEquals(100.0 * 2 / 3, (Double) plain.get("val_acc"), 1e-12);
        Map<String, Object> macro = MetricRegistry.builtIn().historyValues(s, "val_macro_f1");
        assertEquals(List.of("val_acc", "val_weighted_f1", "val_per_class_f1", "worst_class_f1", "val_macro_f1"),
                List.copyOf(macro.keySet()));
        assertEquals(MetricRegistry.builtIn().evaluate(s).get("macro_f1"), macro.get("val_macro_f1"));
    }

    @Test
    void aDivergedModelHasNoProbabilityMetricsButItsCounts() {
        Scored s = Scored.of(new int[] {0, 1}, Nd4j.createFromArray(new double[][] {{Double.NaN, 0.5}, {0.1, 0.9}}));
        Map<String, Object> v = MetricRegistry.builtIn().evaluate(s);
        assertNull(v.get("log_loss"));
        assertNull(v.get("roc_auc_ovr_per_class"));
        assertEquals(2, v.get("examples"));
    }

    @Test
    void namesAndHistoryColumnsAreUniqueAndSnakeCase() {
        MetricRegistry r = MetricRegistry.builtIn();
        Metric again = Metric.scalar("accuracy", Direction.MAX, s -> 1.0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> r.with(again)).getMessage()
                .contains("two metrics named 'accuracy'"));
        Metric sameColumn = Metric.scalar("acc2", Direction.MAX, s -> 1.0).column("val_acc");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> r.with(sameColumn)).getMessage()
                .contains("'val_acc' is already taken by metric 'accuracy'"));
        Metric loopColumn = Metric.scalar("loss", Direction.MIN, s -> 1.0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> r.with(loopColumn)).getMessage()
                .contains("by the training loop"));
        assertThrows(IllegalArgumentException.class, () -> Metric.scalar("Mean-P", Direction.MAX, s -> 1.0));
        assertEquals(19, r.with(Metric.scalar("mean_p", Direction.MAX, s -> 1.0)).all().size());
        assertEquals(18, r.all().size(), "with() leaves the registry it was called on as it was");
    }

    @Test
    void onlyAScalarHasADirectionAndTheHistoryHoldsNumbers() {
        assertThrows(IllegalArgumentException.class,
                () -> new Metric("x", Direction.NONE, Shape.SCALAR, s -> 1.0, null, false, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> new Metric("x", Direction.MAX, Shape.PER_CLASS, s -> List.of(), null, false, null, null));
        assertThrows(IllegalArgumentException.class,
                () -> Metric.breakdown("x", Shape.MATRIX, s -> List.of()).everyEpoch());
        assertThrows(IllegalArgumentException.class,
                () -> Metric.breakdown("x", Shape.PER_CLASS, s -> List.of()).onConsole("x", "%f"));
        assertThrows(IllegalArgumentException.class, () -> Metric.scalar("x", Direction.MAX, s -> 1.0)
                .onPage(Metric.Table.PER_CLASS, "x", 1));
        assertEquals("f1_class_2", Metric.perClassCsvColumn("val_per_class_f1", 2));
        assertEquals("val_thing_class_0", Metric.perClassCsvColumn("val_thing", 0));
    }

    @Test
    void nanIsNeverBetterAndAnythingDefinedBeatsIt() {
        assertTrue(Direction.MAX.better(2, 1));
        assertFalse(Direction.MAX.better(1, 1), "strictly");
        assertTrue(Direction.MIN.better(1, 2));
        assertFalse(Direction.MIN.better(2, 1));
        assertFalse(Direction.MAX.better(Double.NaN, 1));
        assertFalse(Direction.MIN.better(Double.NaN, Double.NaN));
        assertTrue(Direction.MIN.better(5, Double.NaN));
        assertThrows(IllegalStateException.class, () -> Direction.NONE.better(1, 2));
    }
}
