package io.videoseq.app.cli;

import io.videoseq.app.report.Evaluation;
import io.videoseq.app.report.EvaluationReport;
import io.videoseq.app.report.ReportFiles;
import io.videoseq.app.report.ReportWriter;
import io.videoseq.data.FeatureFile;
import io.videoseq.training.eval.MetricsReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code videoseq evaluate}: accuracy, F1 and confusion matrix of one model or an averaged ensemble. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluates one model, or the average of several, on a feature file: accuracy, precision,"
                + " recall and F1 per class, macro F1, balanced and top-2 accuracy, ROC AUC, log loss, Brier, ECE,"
                + " confusion matrix, every member beside the ensemble; --out writes the report JSON, an HTML page"
                + " with tables and pictures, and the CSVs of mistakes and saliency beside it.")
public final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    InferenceOptions options;

    @Option(names = "--out", paramLabel = "report.json",
            description = "Report file; beside it <name>.html (the page), <name>_confusion.png,"
                    + " <name>_confusion_normalized.png, <name>_reliability.png, <name>_confidence.png,"
                    + " <name>_per_class.png, <name>_roc.png, <name>_saliency.png, <name>_saliency.csv,"
                    + " <name>_misclassified.csv.")
    Path out;

    @Option(names = "--force", description = "Replace --out and the files beside it if they exist.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        ReportFiles files = out == null ? null : new ReportFiles(out);
        if (files != null) {
            ReportWriter.requireNew(files, "--out", force);
        }
        Evaluation evaluation;
        try (FeatureFile file = options.open()) {
            file.requireLabels(Evaluation.NEEDS_LABELS); // before the models load
            evaluation = Evaluation.of(options.predictor(), file, options.batchSize(), options.tta(),
                    options.ttaRecommended(), files != null);
        }
        PrintWriter w = spec.commandLine().getOut();
        print(w, evaluation.report());
        if (files != null) {
            ReportWriter.write(evaluation, files);
            w.println("report           " + files.json());
            w.println("page             " + files.html() + " (tables and pictures)");
            w.println("pictures         " + files.confusionNormalized().getFileName() + ", "
                    + files.reliability().getFileName() + ", " + files.confidence().getFileName() + ", "
                    + files.perClass().getFileName() + ", " + files.roc().getFileName() + ", "
                    + files.saliency().getFileName() + ", " + files.confusion().getFileName());
            w.println("misclassified    " + files.mistakes() + " (" + evaluation.mistakes().size()
                    + ", most confident first)");
            w.println("saliency         " + files.saliencyCsv() + " (the videos the page draws)");
        }
        w.flush();
        return 0;
    }

    private static void print(PrintWriter w, EvaluationReport r) {
        if (r.members() != null) {
            for (int i = 0; i < r.members().size(); i++) {
                EvaluationReport.Member m = r.members().get(i);
                MetricsReport h = r.headlineIsTta() ? m.tta() : m.standard();
                w.printf(Locale.ROOT, "member %d %s: accuracy %.2f%%%s  weighted F1 %.2f%%%s  (ensemble %+.2f"
                                + " points%s)%n", i + 1, Path.of(m.model()).getFileName(), m.standard().accuracy(),
                        m.tta() != null ? String.format(Locale.ROOT, " (TTA %.2f%%)", m.tta().accuracy()) : "",
                        h.weightedF1(), r.headlineSuffix(), m.gainStandard(),
                        m.gainTta() != null ? String.format(Locale.ROOT, ", TTA %+.2f", m.gainTta()) : "");
            }
        }
        line(w, "standard", r.standard());
        if (r.tta() != null) {
            line(w, "TTA", r.tta());
        }
        if (r.gainOverMembersMean() != null) {
            w.printf(Locale.ROOT, "ensemble gain over the members' mean: %+.2f points%s%n", r.gainOverMembersMean(),
                    r.gainOverMembersMeanTta() != null
                            ? String.format(Locale.ROOT, " (TTA %+.2f)", r.gainOverMembersMeanTta()) : "");
        }
        MetricsReport h = r.headline();
        w.printf(Locale.ROOT, "per class%s:%n", r.headlineSuffix());
        w.printf(Locale.ROOT, "  %-16s %8s %8s%n", "class", "F1 %", "support");
        for (int k = 0; k < r.classNames().size(); k++) {
            w.printf(Locale.ROOT, "  %-16s %8.2f %8d%n", r.classNames().get(k), h.perClassF1().get(k),
                    h.support().get(k));
        }
    }

    private static void line(PrintWriter w, String what, MetricsReport m) {
        w.printf(Locale.ROOT, "%-8s %d videos: accuracy %.2f%%  weighted F1 %.2f%%  worst-class F1 %.2f%%%n", what,
                m.examples(), m.accuracy(), m.weightedF1(), m.worstClassF1());
    }
}
