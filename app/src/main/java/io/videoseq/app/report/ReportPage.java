package io.videoseq.app.report;

import io.videoseq.training.eval.MetricsReport;
import io.videoseq.training.metrics.Metric;
import io.videoseq.inference.output.Mistakes;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The report as one HTML page: summary table (ensemble and members side by side, plain and TTA), per-class table,
 * normalized confusion table, the most confident mistakes, and the pictures, linked by file name so the folder can
 * be moved, zipped or served as it is. No script, no external resource.
 *
 * <p>Written with a string builder rather than a template engine: the page is a handful of fixed tables, and a
 * template library would be a dependency for ~150 lines; every value from a file (names, paths) is escaped.
 * The summary and per-class columns are the metrics of the report's registry that have a {@link Metric.Page}.
 */
final class ReportPage {
    private ReportPage() {
    }

    static String render(EvaluationReport r, ReportFiles files) {
        StringBuilder b = new StringBuilder(16_384);
        String features = Path.of(r.features()).getFileName().toString();
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<title>videoseq evaluation — ").append(esc(features)).append("</title>\n")
                .append("<style>\n")
                .append("body{font-family:sans-serif;margin:24px;color:#222;max-width:1500px}\n")
                .append("table{border-collapse:collapse;margin:8px 0 20px}\n")
                .append("th,td{border:1px solid #bbb;padding:4px 8px;text-align:right}\n")
                .append("th{background:#eee}td.name,th.name{text-align:left}\n")
                .append("img{max-width:100%;border:1px solid #ddd;margin:4px}\n")
                .append(".pics{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-start}\n")
                .append("figure{margin:0}figcaption{font-size:90%;color:#555;max-width:640px}\n")
                .append("</style>\n</head>\n<body>\n");
        b.append("<h1>Evaluation of ").append(r.models().size() == 1 ? "one model" : "an ensemble of "
                + r.models().size() + " models").append(" on ").append(esc(features)).append("</h1>\n");
        b.append("<p>Videos: ").append(r.standard().examples()).append(". Classes: ")
                .append(esc(String.join(", ", r.classNames()))).append(". Headline view: ")
                .append(r.headlineIsTta() ? "test-time augmentation" : r.tta() != null
                        ? "original (TTA lowered this ensemble's accuracy when it was trained; its rows are below)"
                        : "original").append(". Features: <code>")
                .append(esc(r.features())).append("</code>. Models: ");
        for (int i = 0; i < r.models().size(); i++) {
            b.append(i > 0 ? ", " : "").append("<code>").append(esc(r.models().get(i))).append("</code>");
        }
        b.append(". Rates are percent; AUC, log loss, Brier and ECE are plain numbers.</p>\n");

        List<Metric> summary = columns(r.standard(), Metric.Table.SUMMARY);
        b.append("<h2>Summary</h2>\n<table id=\"summary\">\n<tr><th class=\"name\">model</th><th>view</th>");
        for (Metric m : summary) {
            b.append("<th>").append(m.page().heading()).append("</th>");
        }
        boolean ensemble = r.members() != null;
        // One model has no ensemble to gain from: no column rather than an empty one.
        b.append(ensemble ? "<th>gain of the ensemble (points)</th>" : "").append("</tr>\n");
        String ensembleName = r.models().size() == 1 ? Path.of(r.models().get(0)).getFileName().toString()
                : "ensemble (mean of probabilities)";
        summaryRow(b, summary, ensembleName, "original", r.standard(), ensemble, r.gainOverMembersMean(),
                "over members' mean");
        if (r.tta() != null) {
            summaryRow(b, summary, ensembleName, "TTA", r.tta(), ensemble, r.gainOverMembersMeanTta(),
                    "over members' mean");
        }
        if (ensemble) {
            for (EvaluationReport.Member m : r.members()) {
                String name = Path.of(m.model()).getFileName().toString();
                summaryRow(b, summary, name, "original", m.standard(), true, m.gainStandard(), "over this member");
                if (m.tta() != null) {
                    summaryRow(b, summary, name, "TTA", m.tta(), true, m.gainTta(), "over this member");
                }
            }
        }
        b.append("</table>\n");

        MetricsReport h = r.headline();
        List<Metric> perClass = columns(h, Metric.Table.PER_CLASS);
        b.append("<h2>Per class").append(r.headlineSuffix()).append("</h2>\n<table id=\"per-class\">\n")
                .append("<tr><th class=\"name\">class</th>");
        for (Metric m : perClass) {
            b.append("<th>").append(m.page().heading()).append("</th>");
        }
        b.append("</tr>\n");
        for (int k = 0; k < r.classNames().size(); k++) {
            b.append("<tr><td class=\"name\">").append(esc(r.classNames().get(k))).append("</td>");
            for (Metric m : perClass) {
                b.append(classCell(m, h.value(m.name()), k));
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");

        b.append("<h2>Confusion matrix, share of each true class").append(r.headlineSuffix())
                .append("</h2>\n<table id=\"confusion\">\n<tr><th class=\"name\">true \\ predicted</th>");
        for (String name : r.classNames()) {
            b.append("<th>").append(esc(name)).append("</th>");
        }
        b.append("</tr>\n");
        for (int k = 0; k < r.classNames().size(); k++) {
            b.append("<tr><td class=\"name\">").append(esc(r.classNames().get(k))).append("</td>");
            for (int c = 0; c < r.classNames().size(); c++) {
                b.append("<td>").append(String.format(Locale.ROOT, "%.2f", h.confusionNormalized().get(k).get(c)))
                        .append(" (").append(h.confusion().get(k).get(c)).append(")</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n");

        b.append("<h2>Pictures</h2>\n<div class=\"pics\">\n");
        figure(b, files.confusionNormalized(), "Confusion matrix normalized by true class, with counts.");
        figure(b, files.reliability(), "Reliability: accuracy against confidence per bin; the diagonal is perfect"
                + " calibration, the title gives the ECE.");
        figure(b, files.confidence(), "Confidence of the predictions, correct and wrong stacked.");
        figure(b, files.perClass(), "Precision, recall and F1 per class.");
        figure(b, files.roc(), "ROC curves one-vs-rest with their AUC.");
        figure(b, files.confusion(), "Confusion matrix, counts.");
        b.append("</div>\n");

        b.append("<h2>Most confident mistakes</h2>\n<p>").append(r.misclassified())
                .append(" videos misclassified; all of them, most confident first: <a href=\"")
                .append(esc(name(files.mistakes()))).append("\">").append(esc(name(files.mistakes())))
                .append("</a>.</p>\n<table id=\"mistakes\">\n<tr><th>video</th><th class=\"name\">true</th>")
                .append("<th class=\"name\">predicted</th><th>top probability</th><th>margin to 2nd</th>")
                .append("<th>true-class probability</th></tr>\n");
        for (Mistakes.Mistake m : r.mostConfidentMistakes()) {
            b.append("<tr><td>").append(m.index()).append("</td><td class=\"name\">").append(esc(m.trueName()))
                    .append("</td><td class=\"name\">").append(esc(m.predictedName())).append("</td>")
                    .append(cell(m.topProbability(), 3)).append(cell(m.margin(), 3))
                    .append(cell(m.trueProbability(), 3)).append("</tr>\n");
        }
        b.append("</table>\n");

        if (r.saliencyVideos() != null && !r.saliencyVideos().isEmpty()) {
            b.append("<h2>Where the model looked</h2>\n<p>Attention-pooling weight over each video's duration")
                    .append(" (original view, members averaged): the most confident mistakes, then the most")
                    .append(" confident correct videos of each class. Weights per frame: <a href=\"")
                    .append(esc(name(files.saliencyCsv()))).append("\">").append(esc(name(files.saliencyCsv())))
                    .append("</a>.</p>\n");
            figure(b, files.saliency(), "Share of attention per twentieth of the video; a row sums to 100 %.");
        }
        b.append("<p>Written by videoseq evaluate. Numbers: <a href=\"").append(esc(name(files.json()))).append("\">")
                .append(esc(name(files.json()))).append("</a>.</p>\n</body>\n</html>\n");
        return b.toString();
    }

    /**
     * The metrics of {@code report}'s registry that have a column in {@code table}, by position then registration
     * (the built-in columns have fixed positions; an added metric comes after them).
     */
    private static List<Metric> columns(MetricsReport report, Metric.Table table) {
        return report.registry().all().stream().filter(m -> m.page() != null && m.page().table() == table)
                .sorted(Comparator.comparingInt(m -> m.page().position())).toList();
    }

    private static void summaryRow(StringBuilder b, List<Metric> columns, String model, String view, MetricsReport m,
                                   boolean gainColumn, Double gain, String gainWhat) {
        b.append("<tr><td class=\"name\">").append(esc(model)).append("</td><td class=\"name\">").append(view)
                .append("</td>");
        for (Metric c : columns) {
            b.append(cell(m.scalar(c.name()), c.page().decimals()));
        }
        if (gainColumn) {
            b.append("<td>").append(gain == null ? "" : String.format(Locale.ROOT, "%+.2f %s", gain, gainWhat))
                    .append("</td>");
        }
        b.append("</tr>\n");
    }

    /** Class {@code k}'s cell of a per-class metric: a count as it is, a number as {@link #cell}. */
    private static String classCell(Metric m, Object values, int k) {
        if (!(values instanceof List<?> list) || k >= list.size()) {
            return cell(null, 0);
        }
        Object v = list.get(k);
        if (m.shape() == Metric.Shape.PER_CLASS_COUNT) {
            return "<td>" + v + "</td>";
        }
        return cell(v == null ? null : ((Number) v).doubleValue(), m.page().decimals());
    }

    private static String cell(Double v, int decimals) {
        return "<td>" + (v == null || v.isNaN() ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", v))
                + "</td>";
    }

    private static void figure(StringBuilder b, Path png, String caption) {
        b.append("<figure><img src=\"").append(esc(name(png))).append("\" alt=\"").append(esc(caption))
                .append("\"><figcaption>").append(esc(caption)).append("</figcaption></figure>\n");
    }

    private static String name(Path p) {
        return p.getFileName().toString();
    }

    /** HTML text and attribute escaping. */
    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
