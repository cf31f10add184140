package io.videoseq.app.report;

import io.videoseq.data.VideoSource;
import io.videoseq.training.eval.EnsembleGain;
import io.videoseq.training.eval.MetricsReport;
import io.videoseq.inference.EnsemblePredictor;
import io.videoseq.inference.EnsembleScores;
import io.videoseq.inference.output.Mistakes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One evaluation of a model or an ensemble on a labelled split: the report, and what its pictures are drawn from
 * (the ensemble's scores, every mistake, the attention weights of the videos the report shows).
 *
 * @param report   what is written as JSON
 * @param scores   the ensemble's (or the one model's) probabilities and the labels
 * @param mistakes every misclassified video, most confident first
 * @param saliency per entry of {@link EvaluationReport#saliencyVideos()}, its weights (empty when not asked)
 */
public record Evaluation(EvaluationReport report, EnsembleScores scores, List<Mistakes.Mistake> mistakes,
                         List<double[]> saliency) {

    /** Why {@link #of} needs a labelled split, for the refusal of one without labels. */
    public static final String NEEDS_LABELS =
            "evaluate compares predictions with the true classes; predict classifies new videos";
    /** Mistakes whose saliency is drawn: the most confident ones. */
    public static final int SALIENCY_MISTAKES = 5;
    /** Correct videos per class whose saliency is drawn: the most confident ones. */
    public static final int SALIENCY_CORRECT_PER_CLASS = 2;

    /**
     * @param tta          also score the TTA views
     * @param ttaHeadline  with {@code tta}: whether the TTA view is the headline (false when the ensemble's manifest
     *                     says TTA lowered its accuracy); both views are in the report either way
     * @param withSaliency also compute the attention weights of the videos the report draws (one more forward pass
     *                     per member over those videos only)
     */
    public static Evaluation of(EnsemblePredictor predictor, VideoSource split, int batchSize, boolean tta,
                                boolean ttaHeadline, boolean withSaliency) {
        split.requireLabels(NEEDS_LABELS);
        List<EnsembleScores> each = predictor.scoreMembers(split, batchSize, tta);
        EnsembleScores both = EnsembleScores.average(each);
        boolean headlineTta = tta && ttaHeadline;
        // The headline's probabilities: what the mistakes, the saliency choice and the pictures are drawn from.
        EnsembleScores s = headlineTta ? both : new EnsembleScores(both.plain(), null, both.labels());
        MetricsReport standard = MetricsReport.of(s.labels(), s.plain());
        MetricsReport ttaMetrics = both.tta() == null ? null : MetricsReport.of(both.labels(), both.tta());
        List<String> names = predictor.classNames(split);
        List<Mistakes.Mistake> mistakes = Mistakes.of(s, names);
        List<EvaluationReport.Member> members = null;
        Double gain = null;
        Double gainTta = null;
        if (each.size() > 1) {
            members = new ArrayList<>();
            List<MetricsReport> plainOfMembers = new ArrayList<>();
            List<MetricsReport> ttaOfMembers = new ArrayList<>();
            for (EnsembleScores m : each) {
                plainOfMembers.add(MetricsReport.of(m.labels(), m.plain()));
                ttaOfMembers.add(m.tta() == null ? null : MetricsReport.of(m.labels(), m.tta()));
            }
            EnsembleGain plainGain = EnsembleGain.of(standard.accuracy(),
                    plainOfMembers.stream().map(MetricsReport::accuracy).toList());
            EnsembleGain ttaGain = ttaMetrics == null ? null : EnsembleGain.of(ttaMetrics.accuracy(),
                    ttaOfMembers.stream().map(MetricsReport::accuracy).toList());
            for (int i = 0; i < each.size(); i++) {
                MetricsReport ms = plainOfMembers.get(i);
                MetricsReport mt = ttaOfMembers.get(i);
                double overPlain = plainGain.over(ms.accuracy());
                Double overTta = ttaGain == null ? null : ttaGain.over(mt.accuracy());
                members.add(new EvaluationReport.Member(predictor.files().get(i).toString(), ms, mt,
                        headlineTta ? overTta : overPlain, overPlain, overTta));
            }
            gain = plainGain.overMean();
            gainTta = ttaGain == null ? null : ttaGain.overMean();
        }
        List<EvaluationReport.SaliencyVideo> shown = withSaliency ? saliencyVideos(s, split) : null;
        List<double[]> weights = shown == null ? List.of()
                : predictor.saliency(split, shown.stream().mapToInt(EvaluationReport.SaliencyVideo::index).toArray(),
                        batchSize);
        EvaluationReport report = new EvaluationReport(predictor.files().stream().map(Path::toString).toList(),
                split.path().toString(), names, standard, ttaMetrics,
                headlineTta ? EvaluationReport.TTA : EvaluationReport.STANDARD, members, gain, gainTta, mistakes.size(),
                mistakes.subList(0, Math.min(EvaluationReport.LISTED_MISTAKES, mistakes.size())), shown);
        return new Evaluation(report, s, mistakes, weights);
    }

    /**
     * The {@value #SALIENCY_MISTAKES} most confident mistakes, then per class its {@value #SALIENCY_CORRECT_PER_CLASS}
     * most confident correct videos, by the headline probabilities.
     */
    static List<EvaluationReport.SaliencyVideo> saliencyVideos(EnsembleScores s, VideoSource split) {
        double[][] p = s.finalProbabilities().toDoubleMatrix();
        int[] labels = s.labels();
        int[] predicted = s.predictions();
        Comparator<Integer> byConfidence = Comparator.comparingDouble((Integer i) -> p[i][predicted[i]]).reversed()
                .thenComparingInt(i -> i);
        List<EvaluationReport.SaliencyVideo> out = new ArrayList<>();
        java.util.stream.IntStream.range(0, p.length).boxed().filter(i -> predicted[i] != labels[i])
                .sorted(byConfidence).limit(SALIENCY_MISTAKES)
                .forEach(i -> out.add(video(i, labels, predicted, p, split, "most confident mistake")));
        for (int c = 0; c < p[0].length; c++) {
            int cls = c;
            java.util.stream.IntStream.range(0, p.length).boxed()
                    .filter(i -> labels[i] == cls && predicted[i] == cls).sorted(byConfidence)
                    .limit(SALIENCY_CORRECT_PER_CLASS)
                    .forEach(i -> out.add(video(i, labels, predicted, p, split, "confident correct")));
        }
        return out;
    }

    private static EvaluationReport.SaliencyVideo video(int i, int[] labels, int[] predicted, double[][] p,
                                                        VideoSource split, String why) {
        return new EvaluationReport.SaliencyVideo(i, labels[i], predicted[i], p[i][predicted[i]], split.length(i),
                why);
    }
}
