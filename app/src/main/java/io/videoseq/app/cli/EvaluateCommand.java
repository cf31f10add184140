package io.videoseq.app.cli;

import io.videoseq.data.io.AtomicFiles;
import io.videoseq.app.io.OutputFiles;
import io.videoseq.app.plot.ConfusionMatrixPlot;
import io.videoseq.training.inference.EnsemblePredictor;
import io.videoseq.training.inference.EnsembleScores;
import io.videoseq.training.inference.Mistakes;
import io.videoseq.app.run.EvaluationReport;
import io.videoseq.data.FeatureFile;
import io.videoseq.training.eval.MetricsReport;
import io.videoseq.training.io.Json;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code videoseq evaluate}: accuracy, F1 and confusion matrix of one model or an averaged ensemble. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluates one model, or the average of several, on a feature file: accuracy, weighted and"
                + " per-class F1, confusion matrix; --out writes the report JSON and a confusion-matrix PNG.")
public final class EvaluateCommand implements Callable<Integer> {
    @Mixin
    InferenceOptions options;

    @Option(names = "--out", paramLabel = "report.json",
            description = "Report file; the confusion matrix goes beside it as <name>_confusion.png.")
    Path out;

    @Option(names = "--force", description = "Replace --out and its confusion-matrix PNG if they exist.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (out != null) {
            OutputFiles.requireNew(out, "--out", force);
            OutputFiles.requireNew(confusionPath(out), "--out", force);
            OutputFiles.requireNew(mistakesPath(out), "--out", force);
        }
        EvaluationReport report;
        List<Mistakes.Mistake> mistakes;
        try (FeatureFile file = options.open()) {
            file.requireLabels("evaluate compares predictions with the true classes; predict classifies new videos");
            EnsemblePredictor predictor = options.predictor();
            List<EnsembleScores> each = predictor.scoreMembers(file, options.batchSize(), options.tta());
            EnsembleScores s = EnsembleScores.average(each);
            MetricsReport standard = MetricsReport.of(s.labels(), s.plain());
            MetricsReport tta = s.tta() == null ? null : MetricsReport.of(s.labels(), s.tta());
            List<String> names = predictor.classNames(file);
            mistakes = Mistakes.of(s, names);
            List<EvaluationReport.Member> members = null;
            Double gain = null;
            Double gainTta = null;
            if (each.size() > 1) {
                members = new ArrayList<>();
                double headline = (tta != null ? tta : standard).accuracy();
                for (int i = 0; i < each.size(); i++) {
                    EnsembleScores m = each.get(i);
                    MetricsReport ms = MetricsReport.of(m.labels(), m.plain());
                    MetricsReport mt = m.tta() == null ? null : MetricsReport.of(m.labels(), m.tta());
                    members.add(new EvaluationReport.Member(predictor.files().get(i).toString(), ms, mt,
                            headline - (mt != null ? mt : ms).accuracy()));
                }
                gain = standard.accuracy() - members.stream().mapToDouble(m -> m.standard().accuracy()).average()
                        .orElseThrow();
                gainTta = tta == null ? null : tta.accuracy() - members.stream().mapToDouble(m -> m.tta().accuracy())
                        .average().orElseThrow();
            }
            report = new EvaluationReport(predictor.files().stream().map(Path::toString).toList(),
                    options.features().toString(), names, standard, tta, members, gain, gainTta, mistakes.size(),
                    mistakes.subList(0, Math.min(EvaluationReport.LISTED_MISTAKES, mistakes.size())));
        }
        PrintWriter w = spec.commandLine().getOut();
        print(w, report);
        if (out != null) {
            AtomicFiles.writeStream(out, o -> Json.mapper().writeValue(o, report));
            Path png = confusionPath(out);
            ConfusionMatrixPlot.write(toLongs(report.headline().confusion()), report.classNames(),
                    "Confusion matrix" + (report.tta() != null ? " (TTA)" : "") + ": " + options.features()
                            .getFileName(), png);
            AtomicFiles.writeString(mistakesPath(out), Mistakes.csv(mistakes));
            w.println("report           " + out);
            w.println("confusion matrix " + png);
            w.println("misclassified    " + mistakesPath(out) + " (" + mistakes.size() + ", most confident first)");
        }
        w.flush();
        return 0;
    }

    /** {@code dir/report.json} → {@code dir/report_confusion.png}. */
    public static Path confusionPath(Path report) {
        return beside(report, "_confusion.png");
    }

    /** {@code dir/report.json} → {@code dir/report_misclassified.csv}: every mistake, most confident first. */
    public static Path mistakesPath(Path report) {
        return beside(report, "_misclassified.csv");
    }

    private static Path beside(Path report, String suffix) {
        String name = report.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return report.resolveSibling(stem + suffix);
    }

    private static void print(PrintWriter w, EvaluationReport r) {
        if (r.members() != null) {
            for (int i = 0; i < r.members().size(); i++) {
                EvaluationReport.Member m = r.members().get(i);
                MetricsReport h = m.tta() != null ? m.tta() : m.standard();
                w.printf(Locale.ROOT, "member %d %s: accuracy %.2f%%%s  weighted F1 %.2f%%  (ensemble %+.2f points)%n",
                        i + 1, Path.of(m.model()).getFileName(), m.standard().accuracy(),
                        m.tta() != null ? String.format(Locale.ROOT, " (TTA %.2f%%)", m.tta().accuracy()) : "",
                        h.weightedF1(), m.gain());
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

    private static long[][] toLongs(List<List<Integer>> m) {
        return m.stream().map(r -> r.stream().mapToLong(Integer::longValue).toArray()).toArray(long[][]::new);
    }
}
