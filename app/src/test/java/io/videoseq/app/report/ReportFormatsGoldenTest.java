package io.videoseq.app.report;

import io.videoseq.app.progress.EpochProgress;
import io.videoseq.app.progress.EpochSummary;
import io.videoseq.app.run.ConsoleCallback;
import io.videoseq.inference.output.Mistakes;
import io.videoseq.training.TrainConfig;
import io.videoseq.training.eval.MetricsReport;
import io.videoseq.training.history.EpochRecord;
import io.videoseq.training.history.TrainingProgress;
import io.videoseq.training.io.Json;
import io.videoseq.training.run.RunState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The evaluation report's JSON and HTML page, and the console's epoch lines, are byte for byte what the code before
 * the metric registry wrote: the goldens in {@code report_formats/} were written by that code from these fixtures.
 */
class ReportFormatsGoldenTest {

    @TempDir
    Path dir;

    private static MetricsReport report(int[] labels, double[][] p) {
        return MetricsReport.of(labels, Nd4j.createFromArray(p));
    }

    /** Three classes, two members with TTA; and one model without TTA, with a diverged (NaN) member view. */
    static List<EvaluationReport> reports() {
        int[] y = {0, 1, 2, 2, 1, 0};
        MetricsReport a = report(y, new double[][] {{0.7, 0.2, 0.1}, {0.1, 0.6, 0.3}, {0.2, 0.3, 0.5},
                {0.5, 0.1, 0.4}, {0.3, 0.3, 0.4}, {0.4, 0.35, 0.25}});
        MetricsReport b = report(y, new double[][] {{0.6, 0.3, 0.1}, {0.2, 0.5, 0.3}, {0.1, 0.2, 0.7},
                {0.3, 0.3, 0.4}, {0.2, 0.5, 0.3}, {1.0 / 3, 1.0 / 3, 1.0 / 3}});
        MetricsReport nan = report(y, new double[][] {{Double.NaN, 0.2, 0.1}, {0.1, 0.6, 0.3}, {0.2, 0.3, 0.5},
                {0.5, 0.1, 0.4}, {0.3, 0.3, 0.4}, {0.4, 0.35, 0.25}});
        List<Mistakes.Mistake> mistakes = List.of(new Mistakes.Mistake(3, 2, "c<2>", 0, "a&b", 0.5, 0.1, 0.4));
        List<String> names = List.of("a&b", "one", "c<2>");
        EvaluationReport ensemble = new EvaluationReport(List.of("m/x_1.zip", "m/x_2.zip"), "d/test_features.h5",
                names, a, b, EvaluationReport.TTA,
                List.of(new EvaluationReport.Member("m/x_1.zip", b, a, 1.0 / 3, -2.5, 0.0),
                        new EvaluationReport.Member("m/x_2.zip", a, nan, 0.125, 7.0, null)),
                2.0 / 3, -1.0 / 3, 4, mistakes,
                List.of(new EvaluationReport.SaliencyVideo(3, 2, 0, 0.5, 9, "most confident mistake")));
        EvaluationReport single = new EvaluationReport(List.of("best_x.zip"), "test_features.h5", names, nan, null,
                EvaluationReport.STANDARD, null, null, null, 0, List.of(), null);
        return List.of(ensemble, single);
    }

    static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String page(EvaluationReport r) {
        return ReportPage.render(r, new ReportFiles(Path.of("out/report.json")));
    }

    /** The summary lines the console prints for four epochs of a run of two models. */
    static List<String> consoleLines(Path resultsDir) {
        List<String> lines = new ArrayList<>();
        EpochProgress capture = new EpochProgress() {
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
        ConsoleCallback console = new ConsoleCallback(capture, resultsDir, List.of("a", "b", "c"), null, null, 2);
        console.onRunStart("m", 1, 6, 3, 20);
        TrainingProgress p = TrainingProgress.start();
        double[] acc = {100.0 / 3, 50.0, 50.0, 2.0 / 3 * 100};
        for (int e = 1; e <= acc.length; e++) {
            EpochRecord r = new EpochRecord(e, 1.0 / (3 * e), 10.0 * e / 7, e == 2 ? Double.NaN : 0.1 + 0.2 * e,
                    acc[e - 1], acc[e - 1] - 0.125, List.of(acc[e - 1], 1e-7 * e, 100.0), 1e-7 * e, 1e-3 / e,
                    1.5e3 / e);
            p = p.after(r);
            console.onEpochEnd(r, new RunState("m", TrainConfig.defaults(), null, null, p, 3, Map.of(), null, null,
                    null));
        }
        return lines;
    }

    static String resource(String name) {
        try (InputStream in = ReportFormatsGoldenTest.class.getResourceAsStream("/report_formats/" + name)) {
            if (in == null) {
                throw new IllegalStateException("test resource report_formats/" + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void reportJsonIsUnchanged() {
        List<EvaluationReport> r = reports();
        assertEquals(resource("ensemble.json"), json(r.get(0)));
        assertEquals(resource("single.json"), json(r.get(1)));
    }

    @Test
    void pageIsUnchanged() {
        List<EvaluationReport> r = reports();
        assertEquals(resource("ensemble.html"), page(r.get(0)));
        assertEquals(resource("single.html"), page(r.get(1)));
    }

    @Test
    void consoleLinesAreUnchanged() {
        assertEquals(resource("console.txt"), String.join("\n", consoleLines(dir)) + "\n");
    }
}
