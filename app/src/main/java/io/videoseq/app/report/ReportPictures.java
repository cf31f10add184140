package io.videoseq.app.report;

import io.videoseq.app.plot.ConfidenceHistogram;
import io.videoseq.app.plot.ConfusionMatrixPlot;
import io.videoseq.app.plot.PerClassBars;
import io.videoseq.app.plot.ReliabilityDiagram;
import io.videoseq.app.plot.RocPlot;
import io.videoseq.app.plot.SaliencyStrips;
import io.videoseq.training.eval.MetricsReport;
import io.videoseq.training.metrics.ProbabilityMetrics;
import io.videoseq.training.metrics.ReliabilityBins;
import io.videoseq.training.metrics.RocCurve;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws the report's pictures from an {@link Evaluation}, all of the headline view (TTA when computed) of the
 * ensemble (or the one model). Each says in its title what it shows and of which file.
 */
final class ReportPictures {
    private ReportPictures() {
    }

    static void write(Evaluation e, ReportFiles files) throws IOException {
        EvaluationReport r = e.report();
        MetricsReport h = r.headline();
        String view = r.headlineSuffix();
        String of = Path.of(r.features()).getFileName().toString();
        List<String> names = r.classNames();
        double[][] p = e.scores().finalProbabilities().toDoubleMatrix();
        int[] labels = e.scores().labels();
        int[] predicted = e.scores().predictions();

        long[][] counts = h.confusion().stream().map(row -> row.stream().mapToLong(Integer::longValue).toArray())
                .toArray(long[][]::new);
        ConfusionMatrixPlot.write(counts, names, "Confusion matrix" + view + ": " + of, files.confusion());
        ConfusionMatrixPlot.writeNormalized(counts, names, "Confusion matrix, share of each true class" + view + ": "
                + of, files.confusionNormalized());
        ReliabilityDiagram.write(ReliabilityBins.of(p, labels, ProbabilityMetrics.ECE_BINS),
                "Reliability" + view + ": " + of, files.reliability());

        double[] confidence = new double[p.length];
        boolean[] correct = new boolean[p.length];
        for (int i = 0; i < p.length; i++) {
            confidence[i] = p[i][predicted[i]];
            correct[i] = predicted[i] == labels[i];
        }
        ConfidenceHistogram.write(confidence, correct, names.size(), String.format(Locale.ROOT,
                "Confidence%s: %s — %d correct, %d wrong", view, of, p.length - r.misclassified(), r.misclassified()),
                files.confidence());
        PerClassBars.write(names, h.perClassPrecision(), h.perClassRecall(), h.perClassF1(),
                String.format(Locale.ROOT, "Per class%s: %s — macro F1 %.1f%%", view, of, h.macroF1()),
                files.perClass());
        List<RocCurve> curves = new ArrayList<>();
        for (int k = 0; k < names.size(); k++) {
            curves.add(RocCurve.oneVsRest(p, labels, k));
        }
        RocPlot.write(curves, names, String.format(Locale.ROOT, "ROC one-vs-rest%s: %s — macro AUC %s", view, of,
                h.rocAucOvrMacro() == null ? "n/a" : String.format(Locale.ROOT, "%.3f", h.rocAucOvrMacro())),
                files.roc());
        if (r.saliencyVideos() != null && !r.saliencyVideos().isEmpty()) {
            List<SaliencyStrips.Strip> strips = new ArrayList<>();
            for (int k = 0; k < r.saliencyVideos().size(); k++) {
                EvaluationReport.SaliencyVideo v = r.saliencyVideos().get(k);
                String what = v.trueLabel() == v.predicted()
                        ? names.get(v.trueLabel()) + " ✓"
                        : names.get(v.trueLabel()) + " → " + names.get(v.predicted()) + " ✗";
                strips.add(new SaliencyStrips.Strip(String.format(Locale.ROOT, "#%d %s %.2f", v.index(), what,
                        v.topProbability()), e.saliency().get(k)));
            }
            SaliencyStrips.write(strips, "Where the model looked (attention pooling): " + of, files.saliency());
        }
    }
}
