package io.videoseq.training.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.videoseq.model.Golden;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.eval.MetricsReport;
import io.videoseq.training.history.EpochRecord;
import io.videoseq.inference.ProbabilityAverage;
import io.videoseq.training.history.Monitor;
import io.videoseq.training.history.TrainingHistory;
import io.videoseq.training.metrics.ClassificationMetrics;
import io.videoseq.training.metrics.MetricRegistry;
import io.videoseq.training.metrics.Scored;
import org.nd4j.linalg.api.ndarray.INDArray;
import io.videoseq.training.history.TrainingProgress;
import io.videoseq.training.io.Json;
import io.videoseq.training.run.ModelResults;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The files the metric registry writes are byte for byte what the code before the registry wrote: the goldens in
 * {@code formats/} were written by that code (positional {@code MetricsReport} and {@code EpochRecord}) from the
 * fixtures below, so a change of key, order or number formatting of a built-in metric fails here.
 */
class FormatsGoldenTest {

    /** The scikit-learn golden cases, a diverged model (NaN probabilities) and a class without videos. */
    static List<MetricsReport> reports() {
        List<MetricsReport> out = new ArrayList<>();
        JsonNode cases = Golden.read("probability_metrics.json").get("cases");
        for (JsonNode c : cases) {
            out.add(MetricsReport.of(Golden.ints(c.get("y_true")),
                    Nd4j.createFromArray(Golden.matrix(c.get("probabilities")))));
        }
        out.add(MetricsReport.of(new int[] {0, 1, 2}, Nd4j.createFromArray(new double[][] {
                {Double.NaN, 0.5, 0.5}, {0.2, 0.7, 0.1}, {0.1, 0.2, 0.7}})));
        out.add(MetricsReport.of(new int[] {0, 0, 1, 1}, Nd4j.createFromArray(new double[][] {
                {0.6, 0.3, 0.1}, {0.2, 0.3, 0.5}, {0.1, 0.8, 0.1}, {1.0 / 3, 1.0 / 3, 1.0 / 3}})));
        return out;
    }

    /** Four epochs whose numbers need every digit of Java's shortest round-trip form. */
    static TrainingProgress progress() {
        TrainingProgress p = TrainingProgress.start();
        double[] acc = {100.0 / 3, 50.0, 50.0, 2.0 / 3 * 100};
        for (int e = 1; e <= acc.length; e++) {
            p = p.after(new EpochRecord(e, 1.0 / (3 * e), 10.0 * e / 7, 0.1 + 0.2 * e, acc[e - 1], acc[e - 1] - 0.125,
                    List.of(acc[e - 1], 1e-7 * e, 100.0), 1e-7 * e, 1e-3 / e, 1.5e3 / e));
        }
        return p;
    }

    static ModelResults results() {
        List<MetricsReport> r = reports();
        TrainingProgress p = progress();
        JsonNode model = JsonNodeFactory.instance.objectNode().put("hidden_dim", 4);
        return new ModelResults("m", 42, p.bestEpoch(), p.bestValAcc(), p.completedEpochs(), true,
                "early stopping", "checkpoints/best_m.zip", r.get(0), r.get(1), p.history(),
                TrainConfig.defaults(), model);
    }

    static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resource(String name) {
        try (InputStream in = FormatsGoldenTest.class.getResourceAsStream("/formats/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource formats/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void metricsReportJsonIsUnchanged() {
        assertEquals(resource("metrics_reports.json"), json(reports()));
    }

    @Test
    void historyCsvIsUnchanged() {
        assertEquals(resource("history.csv"), progress().history().toCsv());
    }

    /**
     * The training loop's record of an epoch, now the registry's history values, is the record the loop built
     * before from {@code ClassificationMetrics} by hand, in value and in JSON (key order included).
     */
    @Test
    void theLoopRecordsTheBuiltInValidationValuesAsBefore() {
        for (JsonNode c : Golden.read("probability_metrics.json").get("cases")) {
            int[] labels = Golden.ints(c.get("y_true"));
            INDArray p = Nd4j.createFromArray(Golden.matrix(c.get("probabilities")));
            ClassificationMetrics m = ClassificationMetrics.of(labels,
                    ProbabilityAverage.of(List.of(p)).predictions(), (int) p.columns());
            EpochRecord before = new EpochRecord(3, 0.5, 60, 0.7, m.accuracyPercent(), m.weightedF1Percent(),
                    Arrays.stream(m.perClassF1Percent()).boxed().toList(), m.worstClassF1Percent(), 1e-3, 2.5);
            EpochRecord now = new EpochRecord(3, 0.5, 60, 0.7,
                    MetricRegistry.builtIn().historyValues(Scored.of(labels, p), Monitor.VAL_ACC.column()), 1e-3, 2.5);
            assertEquals(before, now);
            assertEquals(json(before), json(now));
        }
    }

    /** The header of a history without epochs, as the positional code wrote it (its literal header). */
    @Test
    void anEmptyHistoryCsvIsTheBuiltInHeader() {
        assertEquals("epoch,train_loss,train_acc,val_loss,val_acc,val_weighted_f1,worst_class_f1,learning_rate,"
                + "seconds\n", TrainingHistory.empty().toCsv());
    }

    @Test
    void progressJsonInCheckpointsIsUnchanged() {
        assertEquals(resource("progress.json"), json(progress()));
    }

    /**
     * The results JSON: unchanged but for the two keys the monitor added to {@code train_config}, after
     * {@code patience}.
     */
    @Test
    void resultsJsonIsUnchangedButForTheMonitorKeys() {
        String before = resource("results.json");
        String patience = "    \"patience\" : 25,\n";
        assertEquals(1, before.split(patience, -1).length - 1, "one patience line in the golden file");
        String expected = before.replace(patience,
                patience + "    \"monitor\" : \"val_acc\",\n    \"mode\" : \"max\",\n");
        assertEquals(expected, json(results()));
    }

    /** What was written reads back to an equal value (the compatibility of files written before the registry). */
    @Test
    void goldenFilesReadBack() throws IOException {
        ModelResults read = Json.mapper().readValue(resource("results.json"), ModelResults.class);
        assertEquals(results().test(), read.test());
        assertEquals(results().history(), read.history());
        assertEquals(progress(), Json.mapper().readValue(resource("progress.json"), TrainingProgress.class));
        assertEquals(reports(), List.of(Json.mapper().readValue(resource("metrics_reports.json"),
                MetricsReport[].class)));
        assertEquals(resource("metrics_reports.json"), json(List.of(Json.mapper().readValue(
                resource("metrics_reports.json"), MetricsReport[].class))));
    }
}
