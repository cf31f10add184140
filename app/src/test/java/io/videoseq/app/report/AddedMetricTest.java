package io.videoseq.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.videoseq.app.progress.EpochProgress;
import io.videoseq.app.progress.EpochSummary;
import io.videoseq.app.run.ConsoleCallback;
import io.videoseq.data.SyntheticDataSpec;
import io.videoseq.data.SyntheticDataWriter;
import io.videoseq.model.ModelConfig;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.io.Json;
import io.videoseq.training.metrics.Direction;
import io.videoseq.training.metrics.Metric;
import io.videoseq.training.metrics.MetricRegistry;
import io.videoseq.training.metrics.Scored;
import io.videoseq.training.run.TrainedModel;
import io.videoseq.training.run.Trainer;
import io.videoseq.training.run.TrainingRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Adding a metric is one registration: registered once, it is in the results JSON (test and TTA metrics), the
 * history CSV and the history in the results, the report page's summary and the console's epoch line, with the
 * value its function gives.
 */
class AddedMetricTest {

    @TempDir
    Path dir;

    /** The mean probability given to the true class: not a built-in, so only the registration can show it. */
    static double meanTrueProbability(Scored s) {
        double[][] p = s.probabilities();
        int[] y = s.labels();
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += p[i][y[i]];
        }
        return sum / y.length;
    }

    private static final Metric MEAN_TRUE_PROBABILITY = Metric.scalar("mean_true_probability", Direction.MAX,
                    AddedMetricTest::meanTrueProbability).everyEpoch()
            .onPage(Metric.Table.SUMMARY, "mean p(true)", 3).onConsole("p(true)", "%.3f");

    @Test
    void oneRegistrationReachesResultsHistoryPageAndConsole() throws Exception {
        MetricRegistry metrics = MetricRegistry.builtIn().with(MEAN_TRUE_PROBABILITY);
        Path data = dir.resolve("data");
        SyntheticDataWriter.write(data, new SyntheticDataSpec(20, 9, 9, 6, 3, 4, 9, "", 5));
        ModelConfig model = ModelConfig.builder().featureDim(6).hiddenDim(4).numClasses(3).numLstmLayers(1)
                .numAttentionHeads(2).headDims(List.of(8, 8, 4)).build();
        TrainConfig c = TrainConfig.builder().epochs(2).batchSize(8).scheduleT0(2).build();
        List<String> lines = new ArrayList<>();
        ConsoleCallback console = new ConsoleCallback(capture(lines), dir.resolve("results"), List.of("a", "b", "c"),
                null, null, 1, metrics);
        TrainedModel m = Trainer.train(TrainingRequest.of(data, dir.resolve("ckpt"), dir.resolve("results"), "m",
                model, c).withCallbacks(List.of(console)).withMetrics(metrics));

        // Results JSON: test and TTA metrics, after the built-in keys, with the function's value.
        JsonNode json = Json.mapper().readTree(m.resultsJson().toFile());
        List<String> keys = new ArrayList<>();
        json.get("test").fieldNames().forEachRemaining(keys::add);
        assertEquals("mean_true_probability", keys.get(keys.size() - 1), keys.toString());
        double expected = meanTrueProbability(Scored.of(m.test().scores().labels(), m.test().scores().plain()));
        assertEquals(expected, json.at("/test/mean_true_probability").asDouble(), 0.0);
        assertEquals(meanTrueProbability(Scored.of(m.test().scores().labels(), m.test().scores().tta())),
                json.at("/test_tta/mean_true_probability").asDouble(), 0.0);

        // History CSV: its column after the built-in ones, each epoch's value as the results' history has it.
        List<String> csv = Files.readAllLines(m.historyCsv());
        List<String> header = Arrays.asList(csv.get(0).split(","));
        int col = header.indexOf("val_mean_true_probability");
        assertEquals(header.indexOf("worst_class_f1") + 1, col, csv.get(0));
        for (int e = 1; e <= 2; e++) {
            double v = Double.parseDouble(csv.get(e).split(",")[col]);
            assertTrue(v > 0 && v < 1, "a probability: " + v);
            assertEquals(v, json.at("/history/" + (e - 1) + "/val_mean_true_probability").asDouble(), 0.0);
        }

        // The page: a summary column with the value at its decimals.
        EvaluationReport report = new EvaluationReport(List.of("m.zip"), "test_features.h5", List.of("a", "b", "c"),
                m.test().standard(), m.test().tta(), EvaluationReport.TTA, null, null, null, 0, List.of(), null);
        String page = ReportPage.render(report, new ReportFiles(dir.resolve("report.json")));
        assertTrue(page.contains("<th>ECE</th><th>mean p(true)</th></tr>"), page);
        assertTrue(page.contains("<td>" + String.format(Locale.ROOT, "%.3f", expected) + "</td></tr>"), page);

        // The console: after the built-in values of each epoch's line.
        assertEquals(2, lines.size(), lines.toString());
        for (String line : lines) {
            assertTrue(line.matches(".*worst F1 [0-9.]+% \\([abc]\\)  p\\(true\\) 0\\.[0-9]{3}  lr .*"), line);
        }
    }

    private static EpochProgress capture(List<String> lines) {
        return new EpochProgress() {
            @Override
            public void epochStarted(String modelName, int epoch, int totalEpochs, long sequences) {
            }

            @Override
            public void batchDone(int sequencesInBatch, double loss) {
            }

            @Override
            public void epochEnded(EpochSummary summary) {
                lines.add(summary.line());
            }

            @Override
            public void close() {
            }
        };
    }
}
